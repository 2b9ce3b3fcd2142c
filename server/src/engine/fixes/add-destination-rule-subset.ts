import { isScalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { appendToMap, appendToSequence, columnAt, indentStyleOf, keyedSequence, lineEndAt, type IndentStyle } from '../edit/layout';
import { formatScalar, prevailingQuoteStyle, quoteStyleAt, type QuoteStyle } from '../edit/scalars';
import { appendDocument } from '../edit/append-document';
import { eolOf, type OffsetEdit } from '../edit/text-edit';
import type { Engine } from '../engine';
import { resolveServiceHost } from '../hosts';
import { virtualServiceView } from '../model/istio-views';
import { isNetworking, subsetDeclarations, visibleDestinationRules } from '../model/references';
import { describeResource, type Resource } from '../model/resource';
import { asMap, asSeq, getEntry, getValue, rangeOf, scalarText } from '../parse/yaml-nodes';
import { networkingGroup } from '../workspace/resource-index';
import { dataString, type Fix, type FixProvider } from './fix';

/**
 * IST0101 (subset): add the subset to the DestinationRule for the host, laid out like its other
 * subsets; with no DestinationRule, append one to the VirtualService's file. Labels are a guess
 * (`version: <subset>`, or the label key the existing subsets use the same way).
 */
export const addDestinationRuleSubset: FixProvider = {
  id: 'add-destination-rule-subset',
  code: 'IST0101',
  fixes(finding, { engine, resource }) {
    const subset = dataString(finding, 'subset');
    const host = dataString(finding, 'host');
    if (!subset || !host || !resource || !isNetworking(resource, 'VirtualService')) return [];
    const rules = visibleDestinationRules(engine.workspace.index, resource, host);
    if (!rules.length) {
      const created = createDestinationRule(engine, resource, host);
      return created ? [created] : [];
    }
    const fixes: Fix[] = [];
    for (const rule of rules) {
      const edit = addSubset(rule, subset);
      if (edit) fixes.push({ title: `Add subset "${subset}" to ${describeResource(rule)}`, changes: { [rule.uri]: [edit] } });
    }
    if (fixes.length === 1) fixes[0].isPreferred = true;
    return fixes;
  },
};

/** The edit adding `- name: <subset>` with labels to a DestinationRule's `subsets`. */
export function addSubset(rule: Resource, name: string): OffsetEdit | undefined {
  const text = rule.file.text;
  const eol = eolOf(text);
  const spec = asMap(getValue(rule.root, 'spec'));
  if (!spec) return undefined;
  const style = indentStyleOf(text, rule.root);
  const entry = getEntry(spec, 'subsets');
  const seq = asSeq(entry?.value);
  const shape = subsetShape(text, seq, style);
  const item = subsetItem(name, shape);
  const flowItem = `{name: ${formatScalar(name, shape.quote)}, labels: {${shape.labelKey}: ${formatScalar(name, shape.quote)}}}`;
  if (seq) return appendToSequence(text, seq, item, flowItem, eol);
  if (entry) {
    // `subsets:` with nothing after it: the list goes under the key.
    if (entry.value !== null && !(isScalar(entry.value) && entry.value.value === null)) return undefined;
    const keyColumn = columnAt(text, rangeOf(entry.key).start);
    const at = lineEndAt(text, rangeOf(entry.key).end);
    const lines = keyedSequence('subsets', [item], style).slice(1);
    return { start: at, end: at, newText: lines.map((l) => `${eol}${' '.repeat(keyColumn)}${l}`).join('') };
  }
  return appendToMap(text, spec, keyedSequence('subsets', [item], style), `subsets: [${flowItem}]`, eol);
}

interface SubsetShape {
  labelKey: string;
  /** Labels written `{version: v1}` rather than as a block. */
  flowLabels: boolean;
  /** Indentation of the label keys under `labels:`. */
  labelStep: number;
  quote: QuoteStyle;
}

/** How the existing subsets are written, so a new one looks like them. */
function subsetShape(text: string, seq: YAMLSeq | undefined, style: IndentStyle): SubsetShape {
  const items = (seq?.items ?? []).map(asMap).filter((m): m is YAMLMap => m !== undefined);
  const last = items[items.length - 1];
  const labels = asMap(getValue(last, 'labels'));
  const labelsKey = getEntry(last, 'labels')?.key;
  const firstLabel = labels?.items[0]?.key;
  const labelStep =
    labels && !labels.flow && labelsKey?.range && isScalar(firstLabel) && firstLabel.range
      ? columnAt(text, firstLabel.range[0]) - columnAt(text, labelsKey.range[0])
      : style.step;
  const names = items.map((m) => getValue(m, 'name')).filter((n): n is Node => n !== undefined && n !== null && n.range !== undefined);
  return {
    labelKey: labelKeyOf(items),
    flowLabels: labels?.flow === true,
    labelStep: labelStep > 0 ? labelStep : style.step,
    quote: prevailingQuoteStyle(text, names.map(rangeOf)),
  };
}

/** The label key existing subsets set to their own name (`version: v1` in subset `v1`), else `version`. */
function labelKeyOf(items: YAMLMap[]): string {
  const keys = new Set<string>();
  for (const item of items) {
    const name = scalarText(getValue(item, 'name'));
    const labels = asMap(getValue(item, 'labels'));
    if (!labels) continue;
    const pair = labels.items.find((p) => scalarText(p.value) === name && isScalar(p.key));
    if (!pair) return 'version';
    keys.add(String((pair.key as { value: unknown }).value));
  }
  return keys.size === 1 ? [...keys][0] : 'version';
}

function subsetItem(name: string, shape: SubsetShape): string[] {
  const key = formatScalar(shape.labelKey, '');
  const value = formatScalar(name, shape.quote);
  if (shape.flowLabels) return [`name: ${value}`, `labels: {${key}: ${value}}`];
  return [`name: ${value}`, 'labels:', `${' '.repeat(shape.labelStep)}${key}: ${value}`];
}

/** A new DestinationRule document at the end of the VirtualService's file, defining every undefined subset it uses for the host. */
export function createDestinationRule(engine: Engine, vs: Resource, host: string): Fix | undefined {
  const index = engine.workspace.index;
  const text = vs.file.text;
  const fqdn = resolveServiceHost(host, vs.namespace);
  const missing: string[] = [];
  let hostRange;
  for (const destination of virtualServiceView(vs).destinations) {
    const subset = destination.subset;
    if (!subset || resolveServiceHost(destination.host.value, vs.namespace) !== fqdn) continue;
    hostRange ??= destination.host.range;
    if (!missing.includes(subset.value) && !subsetDeclarations(index, vs, { ...destination, subset }).length) missing.push(subset.value);
  }
  if (!missing.length) return undefined;
  const style = indentStyleOf(text, vs.root);
  const pad = ' '.repeat(style.step);
  const namespace = scalarText(getValue(asMap(getValue(vs.root, 'metadata')), 'namespace'));
  const name = uniqueName(engine, vs.namespace, host);
  const hostQuote = hostRange ? quoteStyleAt(text, hostRange) : '';
  const lines = [
    `apiVersion: ${vs.apiVersion}`,
    'kind: DestinationRule',
    'metadata:',
    `${pad}name: ${name}`,
    ...(namespace ? [`${pad}namespace: ${formatScalar(namespace, '')}`] : []),
    'spec:',
    `${pad}host: ${formatScalar(host, hostQuote)}`,
    ...keyedSequence('subsets', missing.map((s) => subsetItem(s, { labelKey: 'version', flowLabels: false, labelStep: style.step, quote: '' })), style).map((l) => pad + l),
  ];
  const plural = missing.length > 1 ? 's' : '';
  return {
    title: `Create DestinationRule ${name} for host ${host} with subset${plural} ${missing.join(', ')}`,
    changes: { [vs.uri]: [appendDocument(text, lines)] },
    isPreferred: true,
  };
}

/** A DestinationRule name from the host's first label, not yet taken in the namespace. */
function uniqueName(engine: Engine, namespace: string, host: string): string {
  const label = host.split('.')[0].toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '');
  const base = label || 'destination-rule';
  const taken = (n: string) => engine.workspace.index.find(networkingGroup, 'DestinationRule', namespace, n).length > 0;
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}
