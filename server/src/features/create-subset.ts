import type { Engine } from '../engine/engine';
import type { FileEdits } from '../engine/edit/text-edit';
import { addSubset, createDestinationRule } from '../engine/fixes/add-destination-rule-subset';
import { destinationRuleView } from '../engine/model/istio-views';
import { isNetworking, resourceAt, visibleDestinationRules } from '../engine/model/references';
import type { Resource } from '../engine/model/resource';

/** The server command a "create subset" completion item runs once its subset name is in the text. */
export const createSubsetCommand = 'istio.createSubset';

/** What the command needs: the VirtualService (by its file and a line of it), the destination host as written, the subset name. */
export interface CreateSubsetArgs {
  uri: string;
  line: number;
  host: string;
  subset: string;
}

/** Whether a command argument is a well-formed `CreateSubsetArgs`. */
export function isCreateSubsetArgs(value: unknown): value is CreateSubsetArgs {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.uri === 'string' && typeof v.line === 'number' && typeof v.host === 'string' && typeof v.subset === 'string';
}

/**
 * The edits that define `subset` for `host` as seen from the VirtualService at `line` of `uri`, computed on the
 * engine's current texts (so after the completion inserted the name): the subset added to the closest visible
 * DestinationRule of the host (the quick fix's layout and label guess), or a new DestinationRule appended to the
 * VirtualService's file when none exists. Undefined when the subset is defined already or the VirtualService is gone.
 */
export function createSubsetEdits(engine: Engine, args: CreateSubsetArgs): FileEdits | undefined {
  const state = engine.workspace.file(args.uri);
  if (!state || args.line >= state.parsed.lines.lineCount) return undefined;
  const vs = resourceAt(engine.workspace, args.uri, state.parsed.lines.lineStart(args.line));
  if (!vs || !isNetworking(vs, 'VirtualService')) return undefined;
  const rules = visibleDestinationRules(engine.workspace.index, vs, args.host);
  if (rules.some((rule) => destinationRuleView(rule).subsets.some((s) => s.name.value === args.subset))) return undefined;
  const target = closestRule(rules, vs);
  if (!target) return createDestinationRule(engine, vs, args.host)?.changes;
  const edit = addSubset(target, args.subset);
  return edit ? { [target.uri]: [edit] } : undefined;
}

/** The DestinationRule a new subset goes to: one in the VirtualService's file, else its namespace, else the first. */
export function closestRule<T extends Pick<Resource, 'uri' | 'namespace'>>(rules: readonly T[], near: Pick<Resource, 'uri' | 'namespace'>): T | undefined {
  return rules.find((r) => r.uri === near.uri) ?? rules.find((r) => r.namespace === near.namespace) ?? rules[0];
}
