import { appendDocument } from '../edit/append-document';
import { appendToSequence, indentStyleOf, keyedSequence } from '../edit/layout';
import { formatScalar, prevailingQuoteStyle } from '../edit/scalars';
import { eolOf } from '../edit/text-edit';
import type { Engine } from '../engine';
import { grantsAllowing, type BackendKey, type GrantRequest } from '../model/gateway-api/backends';
import { gatewayApiGroup, referenceGrantView } from '../model/gateway-api/views';
import { describeResource, type Resource } from '../model/resource';
import { asMap, asSeq, getValue, rangeOf } from '../parse/yaml-nodes';
import { dataString, type Fix, type FixProvider } from './fix';

/**
 * `data: { fix: 'add-reference-grant', fromKind, fromNamespace, toGroup, toKind, toName, toNamespace }` (IY0211): allow
 * the cross-namespace reference. A ReferenceGrant of the target namespace whose only `from` is the referring kind and
 * namespace gets a `to` entry; otherwise a new ReferenceGrant document is appended to the finding's file.
 */
export const addReferenceGrant: FixProvider = {
  id: 'add-reference-grant',
  fixKind: 'add-reference-grant',
  fixes(finding, { engine, uri, resource }) {
    const fromKind = dataString(finding, 'fromKind');
    const fromNamespace = dataString(finding, 'fromNamespace');
    const toGroup = dataString(finding, 'toGroup');
    const toKind = dataString(finding, 'toKind');
    const toName = dataString(finding, 'toName');
    const toNamespace = dataString(finding, 'toNamespace');
    if (!fromKind || !fromNamespace || toGroup === undefined || !toKind || !toName || !toNamespace || fromNamespace === toNamespace) return [];
    const to: BackendKey = { group: toGroup, kind: toKind, namespace: toNamespace, name: toName };
    const index = engine.workspace.index;
    // Already allowed (the finding is older than the grant): nothing to add.
    const request: GrantRequest = { fromKind, fromNamespace, to };
    if (grantsAllowing(index, request).length) return [];
    const extended = index
      .ofKind(gatewayApiGroup, 'ReferenceGrant')
      // Only a grant whose every `from` entry is this one: a new `to` entry must not widen what other sources may reference.
      .filter((g) => {
        const from = referenceGrantView(g).from;
        return g.namespace === toNamespace && from.length > 0 && from.every((f) => f.group === gatewayApiGroup && f.kind === fromKind && f.namespace === fromNamespace);
      })
      .map((grant) => extendGrant(grant, request))
      .find((fix) => fix !== undefined);
    if (extended) return [extended];
    const text = engine.workspace.file(uri)?.parsed.text;
    if (text === undefined) return [];
    const name = uniqueGrantName(engine, toNamespace, grantName(fromNamespace, fromKind, toName));
    const style = indentStyleOf(text, resource?.root);
    const pad = ' '.repeat(style.step);
    const lines = [
      `apiVersion: ${gatewayApiGroup}/v1beta1`,
      'kind: ReferenceGrant',
      'metadata:',
      `${pad}name: ${name}`,
      `${pad}namespace: ${formatScalar(toNamespace, '')}`,
      'spec:',
      ...keyedSequence('from', [fromEntry(fromKind, fromNamespace)], style).map((l) => pad + l),
      ...keyedSequence('to', [toEntry(to)], style).map((l) => pad + l),
    ];
    return [
      {
        title: `Add a ReferenceGrant in namespace ${toNamespace} allowing ${fromKind}s from ${fromNamespace}`,
        changes: { [uri]: [appendDocument(text, lines)] },
        isPreferred: true,
      },
    ];
  },
};

function fromEntry(kind: string, namespace: string): string[] {
  return [`group: ${gatewayApiGroup}`, `kind: ${formatScalar(kind, '')}`, `namespace: ${formatScalar(namespace, '')}`];
}

function toEntry(to: BackendKey): string[] {
  // The core group is written `""`: an empty plain scalar would read as null.
  return [`group: ${to.group ? formatScalar(to.group, '') : '""'}`, `kind: ${formatScalar(to.kind, '')}`, `name: ${formatScalar(to.name, '')}`];
}

/** The edit adding the target to the `to` list of a grant that already allows the referring kind and namespace. */
function extendGrant(grant: Resource, request: GrantRequest): Fix | undefined {
  const seq = asSeq(getValue(asMap(getValue(grant.root, 'spec')), 'to'));
  if (!seq || !seq.items.length) return undefined;
  const text = grant.file.text;
  const names = seq.items.map((item) => getValue(asMap(item), 'name')).filter((n) => n?.range !== undefined);
  const quote = prevailingQuoteStyle(text, names.map((n) => rangeOf(n!)));
  const group = request.to.group ? formatScalar(request.to.group, quote) : '""';
  const block = [`group: ${group}`, `kind: ${formatScalar(request.to.kind, quote)}`, `name: ${formatScalar(request.to.name, quote)}`];
  const edit = appendToSequence(text, seq, block, `{${block.join(', ')}}`, eolOf(text));
  if (!edit) return undefined;
  return {
    title: `Allow ${request.fromKind}s from ${request.fromNamespace} to reference ${request.to.kind} ${request.to.name} in ${describeResource(grant)}`,
    changes: { [grant.uri]: [edit] },
    isPreferred: true,
  };
}

const maxNameLength = 63;

/** `allow-<from namespace>-<from kind>-to-<target name>`, made a valid DNS-1123 name (lower case, at most 63 characters). */
export function grantName(fromNamespace: string, fromKind: string, toName: string): string {
  const raw = `allow-${fromNamespace}-${fromKind}-to-${toName}`.toLowerCase();
  const cleaned = raw.replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-');
  return trimName(cleaned, maxNameLength) || 'allow-reference';
}

function trimName(name: string, length: number): string {
  return name.slice(0, length).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}

/** The name, or the name with `-2`, `-3`… when a ReferenceGrant of the namespace already has it. */
function uniqueGrantName(engine: Engine, namespace: string, base: string): string {
  const taken = (n: string) => engine.workspace.index.find(gatewayApiGroup, 'ReferenceGrant', namespace, n).length > 0;
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const candidate = trimName(base, maxNameLength - suffix.length) + suffix;
    if (!taken(candidate)) return candidate;
  }
}
