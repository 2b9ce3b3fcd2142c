import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { doHover } from '../../server/src/features/hover';
import { engineWith, findingsIn, uriOf, withCursor } from '../helpers/engine';

/** A chart's VirtualService template: a typo in one branch, values from .Values, labels from a helper. */
const virtualService = `{{- if .Values.enabled }}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ include "shop.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "shop.labels" . | nindent 4 }}
spec:
  hosts:
  {{- range .Values.hosts }}
  - {{ . | quote }}
  {{- end }}
  gateways:
  - {{ .Values.gateway }}
  http:
  - match:
    - uri:
        prefix: /{{ .Values.prefix }}
    route:
    - destination:
        host: reviews
        subset: v2
        port:
          number: {{ .Values.port }}
    {{- if .Values.timeout }}
    timout: {{ .Values.timeout }}
    {{- else }}
    timeout: 5s
    {{- end }}
    retries:
      {{- toYaml .Values.retries | nindent 6 }}
{{- end }}
`;

const destinationRule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: {{ .Values.lb | default "ROUND_ROBIN" }}
    {{- if .Values.mtls }}
    tls:
      mode: ISTIO_MUTUAL
    {{- else }}
    tls:
      mode: DISABLE
    {{- end }}
  subsets:
  - name: v1
    labels:
      version: v1
`;

const codesIn = (files: Record<string, string>, name: string) => findingsIn(engineWith(files), name).map((f) => `${f.code}@${f.line}`);

test('a typo in a template is reported on the template line, in whichever branch it stands', () => {
  const found = findingsIn(engineWith({ 'templates/vs.yaml': virtualService, 'templates/dr.yaml': destinationRule }), 'templates/vs.yaml');
  const typo = found.find((f) => f.code === 'IST0106');
  assert.equal(typo?.line, 27);
  assert.equal(typo?.text, 'timout');
  assert.match(typo?.message ?? '', /Did you mean "timeout"/);
});

test('cross-resource checks between literal references still run; resources without a namespace are in the release namespace', () => {
  const found = findingsIn(engineWith({ 'templates/vs.yaml': virtualService, 'templates/dr.yaml': destinationRule }), 'templates/vs.yaml');
  const subset = found.find((f) => f.code === 'IST0101');
  assert.equal(subset?.line, 23);
  assert.match(subset?.message ?? '', /Subset "v2" is not defined by DestinationRule default\/reviews/);
});

test('values written by actions are unknown: not judged, not looked up (only the typo and the missing subset are reported)', () => {
  assert.deepEqual(codesIn({ 'templates/vs.yaml': virtualService, 'templates/dr.yaml': destinationRule }, 'templates/vs.yaml').sort(), ['IST0101@23', 'IST0106@27']);
});

test('a key both branches of an if/else define is an alternative, not a duplicate; the same key twice in one branch is', () => {
  assert.deepEqual(codesIn({ 'templates/dr.yaml': destinationRule }, 'templates/dr.yaml'), []);
  const twice = destinationRule.replace('      mode: DISABLE\n', '      mode: DISABLE\n    tls:\n      mode: SIMPLE\n');
  const found = findingsIn(engineWith({ 'templates/dr.yaml': twice }), 'templates/dr.yaml');
  assert.ok(found.some((f) => /unique/.test(f.message) && f.line === 16), found.map((f) => `${f.code}@${f.line} ${f.message}`).join('\n'));
});

test('an include in key position opens the mapping: no missing required field, no unknown field for its siblings', () => {
  const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  selector:
    istio: ingressgateway
  servers:
  - hosts: ["shop.example.com"]
    {{- include "shop.port" . | nindent 4 }}
`;
  assert.deepEqual(codesIn({ 'gw.yaml': gateway }, 'gw.yaml'), []);
  const withoutInclude = gateway.replace(/ {4}\{\{-.*\n/, '');
  assert.ok(codesIn({ 'gw.yaml': withoutInclude }, 'gw.yaml').some((c) => c.startsWith('IST0106')), 'the missing port is reported without the include');
});

test('bad enum values and wrong types of literal values are still reported in templates', () => {
  const text = destinationRule.replace('mode: DISABLE', 'mode: DISABLED').replace('version: v1', 'version: v1\n  - name: v2\n    labels: {{ .Values.labels }}\n    trafficPolicy:\n      connectionPool:\n        tcp:\n          maxConnections: lots');
  const found = findingsIn(engineWith({ 'templates/dr.yaml': text }), 'templates/dr.yaml');
  assert.ok(found.some((f) => f.code === 'IST0106' && f.text === 'DISABLED'), 'bad enum value');
  assert.ok(found.some((f) => f.code === 'IST0106' && f.text === 'lots'), 'wrong type');
  assert.ok(!found.some((f) => f.line === 20), 'the templated labels are not judged');
});

test('a syntax error away from any action is still reported; one the templating causes is not', () => {
  const broken = destinationRule.replace('  host: reviews', '  host: [reviews');
  assert.ok(findingsIn(engineWith({ 'templates/dr.yaml': broken }), 'templates/dr.yaml').some((f) => f.code === 'IY0001' || /flow|collection|\]/i.test(f.message)));
  const chart = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ext
spec:
  hosts:
  {{ if .Values.a }}- a.example.com{{ end }}
  {{ if .Values.b }}- b.example.com{{ end }}
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: https
    protocol: TLS
`;
  assert.deepEqual(codesIn({ 'se.yaml': chart }, 'se.yaml'), []);
});

test('completion works inside a template: fields under a templated rule, subsets of the DestinationRule', () => {
  // Templates hold `|` (pipelines): the cursor is marked with `§` here.
  const complete = (marked: string, extra: Record<string, string> = {}): CompletionItem[] => {
    const { text, offset } = withCursor(marked.replace(/\|/g, '\u0001').replace('§', '|'));
    return completeAt(text.replace(/\u0001/g, '|'), offset, extra);
  };
  const completeAt = (text: string, offset: number, extra: Record<string, string>): CompletionItem[] => {
    const engine = engineWith({ 'templates/vs.yaml': text, ...extra });
    return doComplete(engine, uriOf('templates/vs.yaml'), offset).items;
  };
  const fields = complete(virtualService.replace('    retries:\n', '    ret§\n'));
  assert.ok(fields.some((i) => i.label === 'retries'));
  assert.ok(fields.some((i) => i.label === 'fault'));
  const subsets = complete(virtualService.replace('subset: v2', 'subset: §'), { 'templates/dr.yaml': destinationRule });
  assert.deepEqual(
    subsets.map((i) => i.label),
    ['v1'],
  );
});

test('hover documents a field inside a template', () => {
  const engine = engineWith({ 'templates/dr.yaml': destinationRule });
  const offset = destinationRule.indexOf('loadBalancer') + 2;
  const hover = doHover(engine, uriOf('templates/dr.yaml'), offset);
  assert.match(JSON.stringify(hover?.contents), /loadBalancer/);
});

const chartVirtualService = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: cart
spec:
  hosts: [cart.example.com]
  gateways:
  - {{ .Values.gateway }}
  http:
  - route:
    - destination:
        host: cart
        subset: "{{ .Values.subset }}"
        port:
          number: {{ .Values.port }}
      weight: {{ .Values.weight.cart }}
`;
const cartRule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: cart
spec:
  host: cart
  subsets:
  - name: v1
    labels: {version: v1}
`;
const chartFiles = (values: string) => ({
  'shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
  'shop/values.yaml': values,
  'shop/templates/vs.yaml': chartVirtualService,
  'shop/templates/dr.yaml': cartRule,
});

test('simple .Values references take the chart\'s values.yaml: references are looked up and values judged, on the template line', () => {
  const found = findingsIn(engineWith(chartFiles('gateway: shop-gw\nsubset: v2\nport: http\nweight:\n  cart: 100\n')), 'shop/templates/vs.yaml');
  const lines = found.map((f) => `${f.code}@${f.line} ${f.text}`).sort();
  assert.ok(lines.includes('IST0101@8 {{ .Values.gateway }}'), lines.join('\n'));
  assert.ok(lines.includes('IST0101@13 "{{ .Values.subset }}"'), lines.join('\n'));
  assert.ok(lines.includes('IST0106@15 {{ .Values.port }}'), lines.join('\n'));
  assert.match(found.find((f) => f.line === 8)?.message ?? '', /shop-gw/);
});

test('what values.yaml does not give as one scalar stays unknown; a changed values.yaml is read again', () => {
  const engine = engineWith(chartFiles('gateway: {name: shop-gw}\nport: 8080\n'));
  assert.deepEqual(findingsIn(engine, 'shop/templates/vs.yaml').map((f) => f.code), []);
  engine.setFile(uriOf('shop/values.yaml'), 'gateway: missing-gw\nsubset: v1\nport: 8080\nweight: {cart: 100}\n');
  assert.deepEqual(findingsIn(engine, 'shop/templates/vs.yaml').map((f) => `${f.code}@${f.line}`), ['IST0101@8']);
  engine.removeFile(uriOf('shop/values.yaml'));
  assert.deepEqual(findingsIn(engine, 'shop/templates/vs.yaml').map((f) => f.code), []);
});

test('without a Chart.yaml above templates/, values.yaml is not read', () => {
  const files: Record<string, string> = chartFiles('gateway: missing-gw\n');
  delete files['shop/Chart.yaml'];
  assert.deepEqual(findingsIn(engineWith(files), 'shop/templates/vs.yaml').map((f) => f.code), []);
});
