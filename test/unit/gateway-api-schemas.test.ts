import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { doHover } from '../../server/src/features/hover';
import { check, engineWith, uriOf, withCursor } from '../helpers/engine';
import { testCatalog } from '../helpers/catalog';

/** Schema findings (IST0106) of a file, as "line: message". */
const schemaFindings = (text: string) => check(text).filter((f) => f.code === 'IST0106').map((f) => `${f.line}: ${f.message}`);
const schemaTexts = (text: string) => check(text).filter((f) => f.code === 'IST0106').map((f) => f.text);

const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reviews
  namespace: bookinfo
spec:
  parentRefs:
  - name: bookinfo-gateway
  hostnames:
  - bookinfo.example.com
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /reviews
    backendRefs:
    - name: reviews
      port: 9080
`;

test('a valid HTTPRoute has no schema findings', () => {
  assert.deepEqual(schemaFindings(route), []);
  assert.deepEqual(schemaFindings(route.replace('gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1')), []);
});

test('an HTTPRoute with hostname: instead of hostnames: and type: Prefix gets schema findings naming the Gateway API release', () => {
  const found = check(route.replace('  hostnames:', '  hostname:').replace('type: PathPrefix', 'type: Prefix')).filter((f) => f.code === 'IST0106');
  const release = testCatalog().sources.find((s) => s.id === 'gateway-api')?.release;
  assert.match(String(release), /^1\.5\.\d+$/);
  const unknown = found.find((f) => f.text === 'hostname');
  assert.ok(unknown, JSON.stringify(found.map((f) => f.message)));
  assert.match(unknown.message, /Unknown field "hostname" in spec\. Did you mean "hostnames"\?/);
  assert.ok(unknown.message.endsWith(`(Our schemas: Gateway API ${release}.)`), unknown.message);
  assert.ok(!unknown.message.includes('Istio'), unknown.message);
  const badEnum = found.find((f) => f.text === 'Prefix');
  assert.ok(badEnum, JSON.stringify(found.map((f) => f.message)));
  assert.match(badEnum.message, /Invalid value "Prefix" for "type"\..* Allowed values: Exact, PathPrefix, RegularExpression\./);
  assert.equal(found.length, 2, JSON.stringify(found.map((f) => f.message)));
});

test('Istio findings still name the Istio release', () => {
  const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hostz: [r]\n';
  assert.match(schemaFindings(vs).join('\n'), /\(Our schemas: Istio 1\.\d+\.\)/);
});

test('Gateway API kinds get YAML syntax findings, other groups do not', () => {
  const broken = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  hostnames: [a\n`;
  assert.ok(check(broken('gateway.networking.k8s.io/v1')).some((f) => f.code === 'IY0001'));
  assert.ok(!check(broken('example.com/v1')).some((f) => f.code === 'IY0001'));
});

test('TCPRoute and UDPRoute v1 (Gateway API 1.6) validate with the v1alpha2 fields', () => {
  for (const kind of ['TCPRoute', 'UDPRoute']) {
    const text = `apiVersion: gateway.networking.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\nspec:\n  parentRefs:\n  - name: g\n  rules:\n  - backendRefs:\n    - name: s\n      port: 53\n`;
    assert.deepEqual(schemaFindings(text), [], kind);
    assert.equal(schemaFindings(text.replace('port: 53', 'port: 53\n      prot: 1')).length, 1, kind);
  }
});

test('an unknown Gateway API kind or version is reported', () => {
  const found = check('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoutes\nmetadata:\n  name: r\nspec: {}\n');
  assert.match(String(found.find((f) => f.code === 'IY0002')?.message), /Did you mean HTTPRoute\?/);
  const version = check('apiVersion: gateway.networking.k8s.io/v1alpha1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec: {}\n');
  assert.match(String(version.find((f) => f.code === 'IY0002')?.message), /use gateway\.networking\.k8s\.io\/v1 or gateway\.networking\.k8s\.io\/v1beta1/);
});

// --- Overlay rules (the CRDs' CEL rules) ---

const backendRoute = (backend: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  rules:
  - backendRefs:
${backend}`;

/** The findings about a Service backendRef without port: IY0212 from the backend check, IST0106 where the schema rule applies. */
const portFindings = (text: string) => check(text).filter((f) => f.code === 'IY0212' || (f.code === 'IST0106' && f.message.includes('needs "port"'))).map((f) => `${f.code}@${f.line}`);

test('a backendRef to a Service needs a port (IY0212, once: the schema leaves route backendRefs to it); other kinds do not', () => {
  assert.deepEqual(portFindings(backendRoute('    - name: reviews\n')), ['IY0212@8']);
  assert.deepEqual(portFindings(backendRoute('    - name: reviews\n      kind: Service\n      group: ""\n')), ['IY0212@8']);
  assert.deepEqual(portFindings(backendRoute('    - name: reviews\n      port: 9080\n')), []);
  assert.deepEqual(schemaFindings(backendRoute('    - name: bucket\n      kind: Backend\n      group: example.com\n')), []);
});

test('the port rule covers every route kind, the RequestMirror filter (IY0212) and the ExternalAuth filter (IST0106)', () => {
  for (const [kind, version] of [['GRPCRoute', 'v1'], ['TLSRoute', 'v1'], ['TCPRoute', 'v1alpha2'], ['UDPRoute', 'v1alpha2']]) {
    // TLSRoute v1 requires hostnames.
    const hostnames = kind === 'TLSRoute' ? '  hostnames: [a.example.com]\n' : '';
    const text = `apiVersion: gateway.networking.k8s.io/${version}\nkind: ${kind}\nmetadata:\n  name: r\nspec:\n${hostnames}  rules:\n  - backendRefs:\n    - name: s\n`;
    assert.equal(portFindings(text).length, 1, kind);
    assert.deepEqual(portFindings(text.replace('- name: s', '- name: s\n      port: 1')), [], kind);
  }
  const mirror = (port: string) =>
    backendRoute(`    - name: reviews\n      port: 9080\n    filters:\n    - type: RequestMirror\n      requestMirror:\n        backendRef:\n          name: shadow\n${port}`);
  assert.deepEqual(portFindings(mirror('')).map((f) => f.split('@')[0]), ['IY0212']);
  assert.deepEqual(portFindings(mirror('          port: 9080\n')), []);
  const auth = (port: string) =>
    backendRoute(`    - name: reviews\n      port: 9080\n    filters:\n    - type: ExternalAuth\n      externalAuth:\n        protocol: HTTP\n        http: {}\n        backendRef:\n          name: authz\n${port}`);
  assert.deepEqual(schemaFindings(auth('')).filter((m) => m.includes('needs "port"')).length, 1, schemaFindings(auth('')).join('\n'));
  assert.deepEqual(schemaFindings(auth('          port: 9000\n')), []);
});

const gateway = (listeners: string, kind = 'Gateway') => `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: g
spec:
  ${kind === 'Gateway' ? 'gatewayClassName: istio' : 'parentRef:\n    name: parent'}
  listeners:
${listeners}`;

const listener = (name: string, port: number, protocol: string, extra = '') => `  - name: ${name}\n    port: ${port}\n    protocol: ${protocol}\n${extra}`;
const tls = (mode: string, certificate = true) => `    tls:\n${mode ? `      mode: ${mode}\n` : ''}${certificate ? '      certificateRefs:\n      - name: cert\n' : ''}`;

test('valid listeners of every protocol have no schema findings', () => {
  const listeners = [
    listener('http', 80, 'HTTP', '    hostname: a.example.com\n'),
    listener('http-b', 80, 'HTTP', '    hostname: b.example.com\n'),
    listener('https', 443, 'HTTPS', tls('Terminate')),
    listener('https-default', 8443, 'HTTPS', tls('')),
    listener('tls', 9443, 'TLS', tls('Passthrough', false)),
    listener('tcp', 9000, 'TCP'),
    listener('udp', 9000, 'UDP'),
    listener('mesh', 15008, 'HBONE'),
  ].join('');
  assert.deepEqual(schemaFindings(gateway(listeners)), []);
  assert.deepEqual(schemaFindings(gateway(listeners, 'ListenerSet')), []);
});

test('listener names must be unique, in Gateways and ListenerSets', () => {
  for (const kind of ['Gateway', 'ListenerSet']) {
    const text = gateway(listener('web', 80, 'HTTP') + listener('web', 8080, 'HTTP'), kind);
    const found = check(text).filter((f) => f.code === 'IST0106');
    assert.equal(found.length, 1, `${kind}: ${found.map((f) => f.message).join('\n')}`);
    assert.match(found[0].message, /Listener name "web" is used twice: listener names must be unique within the resource; rename one\./);
    assert.equal(found[0].line, text.split('\n').lastIndexOf('  - name: web') + 1, 'points at the second listener');
    assert.equal(found[0].text, 'name');
  }
});

test('listeners must differ in port, protocol or hostname', () => {
  const same = gateway(listener('a', 80, 'HTTP', '    hostname: x.example.com\n') + listener('b', 80, 'HTTP', '    hostname: x.example.com\n'));
  assert.match(schemaFindings(same).join('\n'), /Two listeners have the same port, protocol and hostname \(port 80, protocol HTTP, hostname x\.example\.com\)/);
  const noHost = gateway(listener('a', 80, 'HTTP') + listener('b', 80, 'HTTP'));
  assert.match(schemaFindings(noHost).join('\n'), /hostname \(none\)/);
  assert.deepEqual(schemaFindings(gateway(listener('a', 80, 'HTTP', '    hostname: x.example.com\n') + listener('b', 80, 'HTTP'))), []);
  assert.deepEqual(schemaFindings(gateway(listener('a', 80, 'HTTP') + listener('b', 81, 'HTTP'))), []);
});

test('no hostname on TCP and UDP listeners', () => {
  for (const protocol of ['TCP', 'UDP']) {
    const found = check(gateway(listener('l', 9000, protocol, '    hostname: a.example.com\n'))).filter((f) => f.code === 'IST0106');
    assert.equal(found.length, 1, protocol);
    assert.equal(found[0].text, 'hostname');
    assert.match(found[0].message, /must not have "hostname".*remove it/);
  }
});

test('no tls on HTTP, TCP and UDP listeners', () => {
  for (const protocol of ['HTTP', 'TCP', 'UDP']) {
    const found = check(gateway(listener('l', 9000, protocol, tls('Terminate')))).filter((f) => f.code === 'IST0106');
    assert.deepEqual(found.map((f) => f.text), ['tls'], protocol);
    assert.match(found[0].message, /must not have "tls": remove it, or use protocol HTTPS or TLS/);
  }
});

test('HTTPS listeners need tls that terminates, with certificates', () => {
  const without = schemaFindings(gateway(listener('l', 443, 'HTTPS')));
  assert.equal(without.length, 1);
  assert.match(without[0], /protocol HTTPS needs "tls"/);
  const passthrough = check(gateway(listener('l', 443, 'HTTPS', tls('Passthrough')))).filter((f) => f.code === 'IST0106');
  assert.deepEqual(passthrough.map((f) => f.text), ['mode']);
  assert.match(passthrough[0].message, /use mode Terminate \(or leave mode out\), or protocol TLS/);
  const noCertificates = schemaFindings(gateway(listener('l', 443, 'HTTPS', tls('', false))).replace('    tls:\n', '    tls: {}\n'));
  assert.equal(noCertificates.length, 1, noCertificates.join('\n'));
  assert.match(noCertificates[0], /TLS mode Terminate \(the default\) needs "certificateRefs"/);
  const options = gateway(listener('l', 443, 'HTTPS', '    tls:\n      options:\n        example.com/cert: vault\n'));
  assert.deepEqual(schemaFindings(options), []);
});

test('TLS listeners need tls', () => {
  assert.match(schemaFindings(gateway(listener('l', 443, 'TLS'))).join('\n'), /protocol TLS needs "tls"/);
  assert.match(schemaFindings(gateway(listener('l', 443, 'TLS', tls('Terminate', false)))).join('\n'), /needs "certificateRefs"/);
  assert.deepEqual(schemaFindings(gateway(listener('l', 443, 'TLS', tls('Terminate')))), []);
});

test('Istio policies take at most one of selector, targetRef and targetRefs', () => {
  const policies: Array<[string, string]> = [
    ['security.istio.io/v1', 'AuthorizationPolicy'],
    ['security.istio.io/v1', 'RequestAuthentication'],
    ['telemetry.istio.io/v1', 'Telemetry'],
    ['extensions.istio.io/v1alpha1', 'WasmPlugin'],
  ];
  const selector = '  selector:\n    matchLabels:\n      app: web\n';
  const targetRef = '  targetRef:\n    kind: Gateway\n    group: gateway.networking.k8s.io\n    name: g\n';
  const targetRefs = '  targetRefs:\n  - kind: Service\n    group: ""\n    name: web\n';
  for (const [apiVersion, kind] of policies) {
    const extra = kind === 'WasmPlugin' ? '  url: oci://example.com/plugin:1\n' : '';
    const policy = (spec: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: p\nspec:\n${extra}${spec}`;
    for (const spec of [selector, targetRef, targetRefs, '']) assert.deepEqual(schemaFindings(policy(spec)), [], `${kind} ${spec}`);
    const both = check(policy(selector + targetRefs)).filter((f) => f.code === 'IST0106');
    assert.equal(both.length, 1, kind);
    assert.equal(both[0].text, 'targetRefs');
    assert.match(both[0].message, /Only one of selector, targetRef, targetRefs may be set in spec, found selector and targetRefs\. Keep selector to apply the policy to workloads by label, or targetRef\/targetRefs/);
    assert.equal(schemaTexts(policy(targetRef + targetRefs)).length, 1, kind);
  }
});

// --- Completion and hover ---

function complete(marked: string): string[] {
  const { text, offset } = withCursor(marked);
  return doComplete(engineWith({ 'c.yaml': text }), uriOf('c.yaml'), offset).items.map((i: CompletionItem) => i.label);
}

test('completion offers HTTPRoute spec fields and path match types', () => {
  const fields = complete('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  |\n');
  for (const name of ['parentRefs', 'hostnames', 'rules']) assert.ok(fields.includes(name), `${name} missing from ${fields.join(', ')}`);
  const types = complete(route.replace('type: PathPrefix', 'type: |'));
  assert.deepEqual([...types].sort(), ['Exact', 'PathPrefix', 'RegularExpression']);
  const top = complete('apiVersion: gateway.networking.k8s.io/v1\n|');
  assert.ok(top.includes('kind') && top.includes('spec'), top.join(', '));
  const kinds = complete('apiVersion: gateway.networking.k8s.io/v1\nkind: |\n');
  for (const kind of ['Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant', 'TCPRoute', 'ListenerSet']) assert.ok(kinds.includes(kind), kind);
});

test('hover on an HTTPRoute field shows its description and the Gateway API reference', () => {
  const { text, offset } = withCursor(route.replace('  hostnames:', '  host|names:'));
  const result = doHover(engineWith({ 'h.yaml': text }), uriOf('h.yaml'), offset);
  const value = (result?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(value, /\*\*hostnames\*\* `list of string`/);
  assert.match(value, /Hostnames defines a set of hostnames that should match against the HTTP Host/);
  assert.match(value, /\[HTTPRoute reference\]\(https:\/\/gateway-api\.sigs\.k8s\.io\/reference\/spec\/#httproute\)/);
  assert.ok(!value.includes('<gateway:'), 'channel markers are not prose');
});
