import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { neutralizeTemplate, areAlternatives, isReleaseNamespace } from '../../server/src/engine/text/template-neutralize';
import { findTemplateActions } from '../../server/src/engine/text/template-actions';
import { parseTemplateFile } from '../../server/src/engine/parse/parsed-file';

/** Neutralizes and checks what must always hold: same length, line breaks where they were. */
function neutral(text: string): string {
  const out = neutralizeTemplate(text).text;
  assert.equal(out.length, text.length);
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || text[i] === '\r') assert.equal(out[i], text[i], `line break at ${i} kept`);
  return out;
}

const lines = (text: string) => text.split('\n');

test('actions are found past strings, raw strings and comments that hold `}}`', () => {
  const text = '{{ printf "}}" }} {{ `a}}b` }} {{/* x }} y */}} {{- .a -}}';
  const found = findTemplateActions(text).map((a) => text.slice(a.start, a.end));
  assert.deepEqual(found, ['{{ printf "}}" }}', '{{ `a}}b` }}', '{{/* x }} y */}}', '{{- .a -}}']);
});

test('roles and indentation of actions', () => {
  const roles = findTemplateActions('{{- if .a }}{{ else if .b }}{{ end }}{{ $x := 1 }}{{/* c */}}{{ include "l" . | nindent 4 }}{{ toYaml .r | indent 2 }}{{ range .x }}{{ break }}').map((a) => [a.role, a.indent]);
  assert.deepEqual(roles, [
    ['open', undefined],
    ['else', undefined],
    ['end', undefined],
    ['silent', undefined],
    ['silent', undefined],
    ['output', { newline: true, width: 4 }],
    ['output', { newline: false, width: 2 }],
    ['open', undefined],
    ['silent', undefined],
  ]);
});

test('an unclosed or nested `{{` is not an action, and the scan stays linear on hostile input', () => {
  assert.deepEqual(findTemplateActions('a: {{ .x\nb: 1'), []);
  assert.equal(findTemplateActions('{{ {{ .x }}').length, 1);
  const hostile = '{{/* {{` {{" '.repeat(100_000);
  const started = process.hrtime.bigint();
  neutral(hostile);
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000, 'hostile input neutralized in under 2 s');
});

test('lines that are only control actions or comments are blanked; the YAML between them stays as written', () => {
  const text = '{{- if .Values.enabled }}\nkind: Gateway\n{{/* a comment */}}\nmetadata:\n  name: gw\n{{- end }}\n';
  const out = lines(neutral(text));
  assert.equal(out[0].trim(), '');
  assert.equal(out[1], 'kind: Gateway');
  assert.equal(out[2].trim(), '');
  assert.equal(out[5].trim(), '');
  assert.deepEqual(parse(neutral(text)), { kind: 'Gateway', metadata: { name: 'gw' } });
});

test('an action inside a value becomes a placeholder of its length, the same for the same action', () => {
  const text = 'name: {{ .Release.Name }}-gw\nhost: "{{ .Values.host }}"\nother: {{ .Release.Name }}-gw\n';
  const data = parse(neutral(text)) as Record<string, string>;
  assert.equal(data.name, '$___Release_Name___-gw');
  assert.equal(data.host, '$___Values_host___');
  assert.equal(data.name, data.other);
});

test('an action in key position gives a placeholder key (an open mapping) with a value', () => {
  const data = parse(neutral('labels:\n  {{ .Values.key }}: x\n  app: a\n')) as { labels: Record<string, string> };
  assert.deepEqual(Object.keys(data.labels), ['$___Values_key___', 'app']);
});

test('include … | nindent N writes at column N, shaped as its siblings: keys, list items, or the value of the key above', () => {
  const keys = neutral('metadata:\n  labels:\n    app: a\n    {{- include "labels" . | nindent 4 }}\n    tier: web\n');
  const asKeys = parse(keys) as { metadata: { labels: Record<string, unknown> } };
  assert.equal(Object.keys(asKeys.metadata.labels).length, 3);
  assert.ok(Object.keys(asKeys.metadata.labels).some((k) => k.startsWith('$include')));

  const items = parse(neutral('hosts:\n- a.example.com\n{{ toYaml .Values.hosts | indent 0 }}\n')) as { hosts: string[] };
  assert.equal(items.hosts.length, 2);

  const sameColumnList = parse(neutral('spec:\n  hosts:\n  {{- toYaml .Values.hosts | nindent 2 }}\n  gateways: [gw]\n')) as { spec: { hosts: string[]; gateways: string[] } };
  assert.ok(Array.isArray(sameColumnList.spec.hosts), 'a list under the key above, at its column');
  assert.deepEqual(sameColumnList.spec.gateways, ['gw']);

  const value = parse(neutral('spec:\n  retries:\n  {{- toYaml .Values.retries | nindent 4 }}\n')) as { spec: { retries: string } };
  assert.match(value.spec.retries, /^\$toYaml/);
});

test('an include that writes a list item whose fields continue below it becomes a mapping item', () => {
  const text = 'webhooks:\n{{- include "core" . }}\n  namespaceSelector:\n    matchLabels: {a: b}\n';
  const data = parse(neutral(text)) as { webhooks: Record<string, unknown>[] };
  assert.equal(data.webhooks.length, 1);
  assert.deepEqual(data.webhooks[0].namespaceSelector, { matchLabels: { a: 'b' } });
});

test('a line led by a block action (`{{ if .x }}- item{{ end }}`) reads as one unknown item at the action', () => {
  const data = parse(neutral('metrics:\n  {{ if .a }}- prometheus{{ end }}\n  {{ if .b }}- stackdriver{{ end }}\n')) as { metrics: string[] };
  assert.equal(data.metrics.length, 2);
});

test('a YAML comment after an action is not content: the line is an action line', () => {
  const out = neutral('a: 1\n{{- if .x }} # why\nb: 2\n{{- end }}\n');
  assert.deepEqual(parse(out), { a: 1, b: 2 });
});

test('{{ define }} bodies are blanked: they are written where they are included', () => {
  const out = neutral('{{- define "core" }}\n- name: {{ .x }}\n  url: y\n{{- end }}\nkind: K\n');
  assert.deepEqual(parse(out), { kind: 'K' });
});

test('both branches of an if/else stay as written; their spans are alternatives, keys of one branch are not', () => {
  const text = 'tls:\n{{- if .a }}\n  mode: SIMPLE\n{{- else }}\n  mode: DISABLE\n{{- end }}\nport: 1\n';
  const { alternatives } = neutralizeTemplate(text);
  const first = text.indexOf('mode: SIMPLE');
  const second = text.indexOf('mode: DISABLE');
  assert.ok(areAlternatives(alternatives, first, second));
  assert.ok(!areAlternatives(alternatives, text.indexOf('tls'), text.indexOf('port')));
  assert.ok(!areAlternatives(alternatives, first, first + 2), 'the same branch');
});

test('{{ .Release.Namespace }} is recognized in its neutralized forms', () => {
  const data = parse(neutral('a: {{ .Release.Namespace }}\nb: {{ .Release.Namespace | quote }}\nc: {{ .Values.ns }}\n')) as Record<string, string>;
  assert.ok(isReleaseNamespace(data.a));
  assert.ok(isReleaseNamespace(data.b));
  assert.ok(!isReleaseNamespace(data.c));
});

test('CRLF files keep their carriage returns', () => {
  const out = neutral('{{- if .a }}\r\nkind: Gateway\r\n{{- end }}\r\n');
  assert.deepEqual(parse(out), { kind: 'Gateway' });
});

test('hostile templates stay linear: many action lines, one long line of actions, deep nesting, many duplicates', () => {
  const inputs = {
    'output lines': 'spec:\n' + '  {{ include "x" . }}\n'.repeat(20_000),
    'one line': 'a: ' + '{{.}}'.repeat(100_000) + '\n',
    'nested blocks': '{{ if .a }}\n'.repeat(30_000) + 'k: v\n' + '{{ end }}\n'.repeat(30_000),
    'nested definitions': '{{ define "x" }}'.repeat(30_000) + 'k: v',
    'dashes': '- '.repeat(100_000) + '{{ .x }}\n',
    'alternative duplicates': 'm:\n' + '{{ if .a }}\n  k: 1\n{{ else }}\n  k: 2\n{{ end }}\n'.repeat(5_000),
  };
  for (const [name, text] of Object.entries(inputs)) {
    const started = process.hrtime.bigint();
    neutral(text);
    parseTemplateFile('file:///t.yaml', text).documents;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 3000, `${name}: ${ms.toFixed(0)} ms`);
  }
});
