import fc from 'fast-check';
import { stringify } from 'yaml';
import { seedManifests } from './seeds';

/**
 * fast-check generators of the texts an editor extension meets: valid manifests broken by the
 * edits people (and tools) make, YAML-looking line soup, structured YAML, and raw bytes.
 * Every generated input records how it was made, so a failure can be replayed and shrunk.
 */

/** Pieces of text that mean something to a YAML reader or to our checks. */
export const yamlPieces: readonly string[] = [
  '\t', '\r\n', '\r', '\n', ' ', '  ', '    ', '- ', '-', ': ', ':', ' #', '#', '---\n', '--- ', '...\n', '&a ', '&b ', '*a', '*b', '*nope',
  '<<: *a\n', '<<: ', '!Ref ', '!!map ', '!!str ', '!!binary ', '!!int ', '!<tag:x> ', '? ', '|', '|-', '>', '>+2', '{', '}', '[', ']', ',',
  '"', "'", '\\', '\\u', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '@', '`', '\uFEFF', '\uFFFD', '\u0000', '\u0085', '\u2028', '\uD800', '\uDC00',
  'é', '😀', '${VAR}', '$HOME', '{{ .Values.x }}', 'null', '~', '0x1F', '1e999', '-.inf', '.nan', 'yes', 'on', '0o17', '2001-12-14',
  'apiVersion: networking.istio.io/v1\n', 'apiVersion: networking.istio.io/v1alpha3\n', 'apiVersion: security.istio.io/v1\n', 'apiVersion: v1\n',
  'kind: VirtualService\n', 'kind: Gateway\n', 'kind: DestinationRule\n', 'kind: ServiceEntry\n', 'kind: Service\n', 'kind: Kustomization\n',
  'metadata:\n  name: x\n', 'namespace: istio-system', 'spec:\n', 'hosts:\n- "*"\n', 'subset: v1', 'subset: v9', 'host: reviews', 'host: "*.example.com"',
  'gateways:\n- bookinfo-gateway\n', 'gateways: [mesh, istio-system/shop-gw]', 'weight: 101', 'weight: -1', 'weight: 50', 'route:\n- destination:\n    host: reviews\n',
  'subsets:\n- name: v1\n  labels: {version: v1}\n', 'exportTo: ["."]', 'selector:\n  istio: ingressgateway\n', 'port:\n  number: 80\n',
  'http:\n- route:\n  - destination:\n      host: r\n      subset: v1\n    weight: 30\n  - destination:\n      host: r\n      subset: v2\n    weight: 30\n',
  '# istio-yaml-disable-next-line', 'patchesStrategicMerge:\n- patch.yaml\n',
];

/** One change to a text; positions are taken modulo the text's length so every value is valid and shrinks well. */
export type Mutation =
  | { op: 'insert'; at: number; text: string }
  /** A piece repeated many times: deep nesting, long lines, long runs of spaces. */
  | { op: 'repeat'; at: number; text: string; count: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'delete-line'; line: number }
  | { op: 'duplicate-line'; line: number }
  | { op: 'swap-lines'; line: number; other: number }
  | { op: 'reindent'; line: number; indent: string }
  | { op: 'shift-block'; line: number; count: number; by: number }
  | { op: 'crlf' }
  | { op: 'tabs' };

/** Pieces that hurt when repeated: nesting openers, indentation, anchors and aliases, separators. */
const repeatedPieces = ['[', '{', '- ', '-', ' ', '\t', '  k:\n', ' k:', 'a: ', '&a ', '*a, ', '? ', '"', '\\', '#', ':', ', ', 'x', '\n', '\r', '---\n', '- name: v\n', '  - host: a\n'];

const indents = ['', ' ', '  ', '   ', '    ', '      ', '\t', ' \t', '\t\t', '        '];

/** A random piece of text: a YAML-meaningful piece, printable text, or arbitrary UTF-16 code units (lone surrogates included). */
export const textPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...yamlPieces) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 6 }).map((units) => String.fromCharCode(...units)) },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: textPiece }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), text: fc.constantFrom(...repeatedPieces), count: fc.integer({ min: 2, max: 3000 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: textPiece }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete-line' as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swap-lines' as const), line: fc.nat(), other: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reindent' as const), line: fc.nat(), indent: fc.constantFrom(...indents) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('shift-block' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 12 }), by: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'tabs' as const }) },
);

/** Applies one mutation; never throws. */
export function applyMutation(text: string, m: Mutation): string {
  const at = (n: number) => (text.length ? n % (text.length + 1) : 0);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'repeat':
      return text.slice(0, at(m.at)) + m.text.repeat(m.count) + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'replace':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at) + m.text.length);
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'tabs':
      return text.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2));
    default:
      return mutateLines(text, m);
  }
}

function mutateLines(text: string, m: Extract<Mutation, { line: number }>): string {
  const lines = text.split('\n');
  const i = m.line % lines.length;
  switch (m.op) {
    case 'delete-line':
      lines.splice(i, 1);
      break;
    case 'duplicate-line':
      lines.splice(i, 0, lines[i]);
      break;
    case 'swap-lines': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    case 'reindent':
      lines[i] = m.indent + lines[i].replace(/^[ \t]*/, '');
      break;
    case 'shift-block':
      for (let k = i; k < Math.min(lines.length, i + m.count); k++) {
        lines[k] = m.by >= 0 ? ' '.repeat(m.by) + lines[k] : lines[k].replace(new RegExp(`^ {0,${-m.by}}`), '');
      }
      break;
  }
  return lines.join('\n');
}

/** What the fuzz property receives: the text, how it was made, and cursor offsets to try. */
export interface FuzzInput {
  text: string;
  origin: string;
  /** Offsets for cursor features (taken modulo the text length + 1). */
  offsets: number[];
  /** The file name the text is set under (a kustomization or a patch file take other paths through the engine). */
  file: string;
}

const fileNames = fc.constantFrom('input.yaml', 'input.yaml', 'input.yaml', 'kustomization.yaml', 'patch.yaml');
const cursorOffsets = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });

/** A seed manifest with 1–8 mutations. */
export const mutatedManifest: fc.Arbitrary<FuzzInput> = fc
  .record({ seed: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }), offsets: cursorOffsets, file: fileNames })
  .map(({ seed, mutations, offsets, file }) => {
    const seeds = seedManifests();
    const base = seeds[seed % seeds.length];
    const text = mutations.reduce(applyMutation, base.text);
    return { text, offsets, file, origin: `${base.name} + ${JSON.stringify(mutations)}` };
  });

const keyWords = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'spec', 'hosts', 'gateways', 'http', 'tcp', 'tls', 'route', 'destination', 'host', 'subset', 'subsets', 'weight', 'match', 'uri', 'prefix', 'servers', 'port', 'number', 'protocol', 'selector', 'labels', 'trafficPolicy', 'exportTo', 'timeout', 'patches', 'path', '<<', '?', '"quoted key"', "'k'", 'a b', '0', '-1', 'true'];
const valueWords = ['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'security.istio.io/v1', 'v1', 'VirtualService', 'Gateway', 'DestinationRule', 'ServiceEntry', 'Sidecar', 'AuthorizationPolicy', 'Service', 'reviews', 'v1', 'v2', 'mesh', 'istio-system/bookinfo-gateway', 'bookinfo-gateway', '"*"', '*.example.com', '100', '50', '-3', '1.5', 'true', 'null', '~', '""', "''", '[]', '{}', '[a, b]', '{a: 1}', '&a x', '*a', '!Ref x', '|', '>-', '"unterminated', '10s', 'soon', 'HTTP', 'ROUND_ROBIN'];

/** One YAML-looking line: indentation, dashes, a key, a value, a comment. */
const soupLine: fc.Arbitrary<string> = fc
  .record({
    indent: fc.constantFrom(...indents),
    dashes: fc.constantFrom('', '', '- ', '- - ', '-'),
    key: fc.option(fc.constantFrom(...keyWords), { nil: undefined }),
    value: fc.option(fc.oneof(fc.constantFrom(...valueWords), textPiece), { nil: undefined }),
    comment: fc.constantFrom('', '', '', ' # note', '#x'),
    eol: fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', ''),
  })
  .map(({ indent, dashes, key, value, comment, eol }) => `${indent}${dashes}${key !== undefined ? `${key}:` : ''}${value !== undefined ? ` ${value}` : ''}${comment}${eol}`);

/** Lines assembled from Istio words and YAML syntax, usually starting like an Istio resource. */
export const yamlSoup: fc.Arbitrary<FuzzInput> = fc
  .record({
    header: fc.constantFrom('', 'apiVersion: networking.istio.io/v1\nkind: VirtualService\n', 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\n', 'apiVersion: networking.istio.io/v1\nkind: Gateway\n'),
    lines: fc.array(soupLine, { maxLength: 40 }),
    offsets: cursorOffsets,
    file: fileNames,
  })
  .map(({ header, lines, offsets, file }) => ({ text: header + lines.join(''), offsets, file, origin: 'yaml soup' }));

/** Arbitrary data printed as YAML in block or flow style, under an Istio header. */
export const structuredYaml: fc.Arbitrary<FuzzInput> = fc
  .record({
    kind: fc.constantFrom('VirtualService', 'Gateway', 'DestinationRule', 'ServiceEntry', 'EnvoyFilter'),
    spec: fc.anything({ maxDepth: 5, withNullPrototype: false, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withDate: false, withBigInt: false }),
    flow: fc.boolean(),
    indent: fc.integer({ min: 1, max: 4 }),
    offsets: cursorOffsets,
  })
  .map(({ kind, spec, flow, indent, offsets }) => {
    const doc = { apiVersion: kind === 'EnvoyFilter' ? 'networking.istio.io/v1alpha3' : 'networking.istio.io/v1', kind, metadata: { name: 'x', namespace: 'default' }, spec };
    let text: string;
    try {
      text = flow ? JSON.stringify(doc) ?? '' : stringify(doc, { indent, aliasDuplicateObjects: true });
    } catch {
      text = '';
    }
    return { text, offsets, file: 'input.yaml', origin: `structured ${kind}` };
  });

/** Random bytes decoded as the server would receive them (invalid UTF-8 becomes U+FFFD), or as Latin-1. */
export const randomBytes: fc.Arbitrary<FuzzInput> = fc
  .record({ bytes: fc.uint8Array({ maxLength: 600 }), latin1: fc.boolean(), offsets: cursorOffsets })
  .map(({ bytes, latin1, offsets }) => ({
    text: latin1 ? Buffer.from(bytes).toString('latin1') : new TextDecoder('utf-8').decode(bytes),
    offsets,
    file: 'input.yaml',
    origin: latin1 ? 'random bytes (latin1)' : 'random bytes (utf-8)',
  }));

/** Every kind of input, weighted towards damaged manifests (the common case in an editor). */
export const anyInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 6, arbitrary: mutatedManifest },
  { weight: 2, arbitrary: yamlSoup },
  { weight: 1, arbitrary: structuredYaml },
  { weight: 1, arbitrary: randomBytes },
);

/** Go template actions as charts write them, plus broken ones (unclosed, nested, strings holding `}}`). */
const actionPieces = [
  '{{ .Values.host }}', '{{ .Release.Namespace }}', '{{ include "chart.fullname" . }}', '{{ .Values.port | quote }}', '{{- include "chart.labels" . | nindent 4 }}',
  '{{ toYaml .Values.retries | indent 2 }}', '{{- if .Values.enabled }}', '{{- else }}', '{{- end }}', '{{ range .Values.hosts }}', '{{/* a comment }} */}}',
  '{{ printf "}}" }}', '{{ `raw}}` }}', '{{', '}}', '{{-', '-}}', '{{ .x', '{{ define "x" }}', '{{ $v := .Values.a }}', '{{ with .Values.tls }}',
];

/** A line an action stands alone on, at some indentation: control lines, includes with nindent, comments. */
const actionLine = fc.record({ indent: fc.constantFrom(...indents), action: fc.constantFrom(...actionPieces) }).map(({ indent, action }) => `${indent}${action}\n`);

/** One templating edit: an action line inserted, or an action put in place of some text (a value, a key, anywhere). */
type TemplateEdit = { op: 'line'; line: number; text: string } | { op: 'inline'; at: number; length: number; text: string };

const templateEdit: fc.Arbitrary<TemplateEdit> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('line' as const), line: fc.nat(), text: actionLine }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('inline' as const), at: fc.nat(), length: fc.nat(12), text: fc.constantFrom(...actionPieces) }) },
);

function applyTemplateEdit(text: string, edit: TemplateEdit): string {
  if (edit.op === 'inline') {
    const at = edit.at % (text.length + 1);
    return text.slice(0, at) + edit.text + text.slice(at + edit.length);
  }
  const lines = text.split('\n');
  lines.splice(edit.line % (lines.length + 1), 0, edit.text.replace(/\n$/, ''));
  return lines.join('\n');
}

/** A seed manifest turned into a chart template: action lines and inline actions put anywhere, some broken. */
export const templatedManifest: fc.Arbitrary<FuzzInput> = fc
  .record({ seed: fc.nat(), edits: fc.array(templateEdit, { minLength: 1, maxLength: 10 }), offsets: cursorOffsets })
  .map(({ seed, edits, offsets }) => {
    const seeds = seedManifests();
    const base = seeds[seed % seeds.length];
    return { text: edits.reduce(applyTemplateEdit, base.text), offsets, file: 'templates/input.yaml', origin: `${base.name} templated ${JSON.stringify(edits)}` };
  });

/** Lines of control actions only (`{{- if }}`, `{{- else }}`, `{{- end }}`, comments) that output nothing, at any indentation. */
export const silentActionLines = fc.array(
  fc.record({ line: fc.nat(), indent: fc.constantFrom(...indents), action: fc.constantFrom('{{- if .Values.a }}', '{{- else }}', '{{- end }}', '{{/* note */}}', '{{- $x := .Values.b }}', '{{ with .Values.c -}}') }),
  { minLength: 1, maxLength: 6 },
);
