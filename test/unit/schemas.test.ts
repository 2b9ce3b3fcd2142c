import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot, testCatalog } from '../helpers/catalog';
import type { SchemaCatalog, SchemaNode } from '../../server/src/engine/schema/catalog';
import { DeclarationFiles } from '../../schemas/src/declaration-files';
import { TypeNodeConverter, TypeReferences } from '../../schemas/src/type-node-to-schema';

const packageDir = path.join(repoRoot, 'node_modules', '@kubernetes-models', 'istio');
const gatewayApiDir = path.join(repoRoot, 'node_modules', '@kubernetes-models', 'gateway-api');

const GATEWAY_API = 'gateway.networking.k8s.io';
const NETWORKING = ['DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'VirtualService', 'WorkloadEntry', 'WorkloadGroup'];
const SECURITY = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'];

/** Every group/version/kind the catalog must serve (written out, not discovered). */
const EXPECTED: Array<[group: string, version: string, kinds: string[]]> = [
  ['networking.istio.io', 'v1', NETWORKING],
  ['networking.istio.io', 'v1beta1', [...NETWORKING, 'ProxyConfig']],
  ['networking.istio.io', 'v1alpha3', [...NETWORKING, 'EnvoyFilter']],
  ['security.istio.io', 'v1', SECURITY],
  ['security.istio.io', 'v1beta1', SECURITY],
  ['telemetry.istio.io', 'v1', ['Telemetry']],
  ['telemetry.istio.io', 'v1alpha1', ['Telemetry']],
  ['extensions.istio.io', 'v1alpha1', ['WasmPlugin']],
  // Gateway API 1.5.1 as @kubernetes-models/gateway-api 2.0.0 declares it, plus TCPRoute and UDPRoute v1 (Gateway API 1.6).
  [GATEWAY_API, 'v1', ['BackendTLSPolicy', 'GRPCRoute', 'Gateway', 'GatewayClass', 'HTTPRoute', 'ListenerSet', 'ReferenceGrant', 'TLSRoute', 'TCPRoute', 'UDPRoute']],
  [GATEWAY_API, 'v1alpha2', ['GRPCRoute', 'ReferenceGrant', 'TCPRoute', 'TLSRoute', 'UDPRoute']],
  [GATEWAY_API, 'v1alpha3', ['BackendTLSPolicy', 'TLSRoute']],
  [GATEWAY_API, 'v1beta1', ['Gateway', 'GatewayClass', 'HTTPRoute', 'ReferenceGrant']],
];

const DOCS: Record<string, string> = {
  Gateway: 'networking/gateway/',
  VirtualService: 'networking/virtual-service/',
  DestinationRule: 'networking/destination-rule/',
  ServiceEntry: 'networking/service-entry/',
  Sidecar: 'networking/sidecar/',
  WorkloadEntry: 'networking/workload-entry/',
  WorkloadGroup: 'networking/workload-group/',
  EnvoyFilter: 'networking/envoy-filter/',
  ProxyConfig: 'networking/proxy-config/',
  AuthorizationPolicy: 'security/authorization-policy/',
  PeerAuthentication: 'security/peer_authentication/',
  RequestAuthentication: 'security/request_authentication/',
  Telemetry: 'telemetry/',
  WasmPlugin: 'proxy_extensions/wasm-plugin/',
};

function resourceSchema(catalog: SchemaCatalog, group: string, version: string, kind: string): SchemaNode {
  const entry = catalog.resources.find((r) => r.group === group && r.version === version && r.kind === kind);
  assert.ok(entry, `${group}/${version} ${kind} is missing from the catalog`);
  const schema = catalog.schemas[entry.schema];
  assert.ok(schema, `${kind}: schema key ${entry.schema} does not resolve`);
  return schema;
}

/** Follows a path of property names, `[]` (array items) and `{}` (map values); undefined when it leads nowhere. */
function at(schema: SchemaNode, segments: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const segment of segments) {
    if (!node) return undefined;
    if (segment === '[]') node = node.items;
    else if (segment === '{}') node = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    else node = node.properties && Object.prototype.hasOwnProperty.call(node.properties, segment) ? node.properties[segment] : undefined;
  }
  return node;
}

/** "spec.http[].route" → ["spec", "http", "[]", "route"]. */
function splitPath(dotted: string): string[] {
  return dotted.split('.').flatMap((part) => part.split(/(?=\[\]|\{\})/));
}

function get(schema: SchemaNode, dotted: string): SchemaNode {
  const node = at(schema, splitPath(dotted));
  assert.ok(node, `no schema node at ${dotted}`);
  return node;
}

/**
 * Every property declared under `spec` in a .d.ts, found by a plain walk over all PropertySignature
 * nodes (one-of alternatives repeat the same paths, so they collapse in the map). The value says
 * whether any declaration of that path carries JSDoc prose (a bare "Valid Options:" line does not count).
 */
function declaredSpecFields(file: string): Map<string, boolean> {
  const sourceFile = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const fields = new Map<string, boolean>();
  const visit = (node: ts.Node, segments: string[]): void => {
    if (ts.isClassDeclaration(node)) return;
    if (ts.isPropertySignature(node) && (ts.isStringLiteral(node.name) || ts.isIdentifier(node.name))) {
      const here = [...segments, node.name.text];
      if (here[0] === 'spec') {
        const prose = ts
          .getJSDocCommentsAndTags(node)
          .filter(ts.isJSDoc)
          .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
          .join('\n')
          .split('\n')
          .filter((line) => !line.trim().startsWith('Valid Options:'))
          .join('\n')
          .trim();
        const key = here.reduce((text, segment) => (segment === '[]' || segment === '{}' ? text + segment : `${text}.${segment}`));
        fields.set(key, (fields.get(key) ?? false) || prose !== '');
      }
      if (node.type) visit(node.type, here);
      return;
    }
    if (ts.isIndexSignatureDeclaration(node)) return visit(node.type, [...segments, '{}']);
    if (ts.isTypeReferenceNode(node) && node.typeName.getText(sourceFile) === 'Array') {
      node.typeArguments?.forEach((arg) => visit(arg, [...segments, '[]']));
      return;
    }
    if (ts.isArrayTypeNode(node)) return visit(node.elementType, [...segments, '[]']);
    ts.forEachChild(node, (child) => visit(child, segments));
  };
  visit(sourceFile, []);
  return fields;
}

test('the catalog names its source packages, their versions and the releases they describe', () => {
  const version = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  assert.deepEqual(testCatalog().sources, [
    { id: 'istio', package: `@kubernetes-models/istio@${version(packageDir)}`, product: 'Istio', release: testCatalog().istioVersion },
    { id: 'gateway-api', package: `@kubernetes-models/gateway-api@${version(gatewayApiDir)}`, product: 'Gateway API', release: '1.5.1' },
  ]);
  for (const entry of testCatalog().resources) assert.equal(entry.source, entry.group === GATEWAY_API ? 'gateway-api' : 'istio', `${entry.kind} ${entry.version}`);
});

test('every expected kind and API version is present, with its apiVersion, kind and docs page', () => {
  const catalog = testCatalog();
  let expectedCount = 0;
  for (const [group, version, kinds] of EXPECTED) {
    for (const kind of kinds) {
      expectedCount++;
      const schema = resourceSchema(catalog, group, version, kind);
      const apiVersion = get(schema, 'apiVersion');
      const allowed = apiVersion.const !== undefined ? [apiVersion.const] : apiVersion.enum;
      assert.ok(allowed?.includes(`${group}/${version}`), `${kind} ${version}: apiVersion allows ${JSON.stringify(allowed)}`);
      assert.equal(get(schema, 'kind').const, kind);
      assert.deepEqual(schema.required, ['apiVersion', 'kind', 'metadata']);
      assert.equal(schema.additionalProperties, false);
      assert.equal(get(schema, 'spec').type, 'object');
      const entry = catalog.resources.find((r) => r.group === group && r.version === version && r.kind === kind);
      const docs = group === GATEWAY_API ? `https://gateway-api.sigs.k8s.io/reference/spec/#${kind.toLowerCase()}` : `https://istio.io/latest/docs/reference/config/${DOCS[kind]}`;
      assert.equal(entry?.docsUrl, docs);
    }
  }
  assert.equal(catalog.resources.length, expectedCount, 'the catalog serves kinds or versions that were not expected');
  assert.ok(!catalog.resources.some((r) => r.group === 'install.istio.io' || r.group === 'gateway.networking.x-k8s.io'));
});

test('API versions with the same declaration share one schema', () => {
  const catalog = testCatalog();
  const keys = new Set(catalog.resources.filter((r) => r.kind === 'VirtualService').map((r) => r.schema));
  assert.equal(keys.size, 1);
  const apiVersion = get(catalog.schemas[[...keys][0]], 'apiVersion');
  assert.deepEqual([...(apiVersion.enum ?? [])].sort(), ['networking.istio.io/v1', 'networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1']);
  for (const key of Object.keys(catalog.schemas)) {
    assert.ok(catalog.resources.some((r) => r.schema === key), `schema ${key} is not used by any resource`);
  }
});

for (const kind of ['VirtualService', 'DestinationRule']) {
  test(`every ${kind} field in the declarations is in the v1 schema, with its description`, () => {
    const fields = declaredSpecFields(path.join(packageDir, 'networking.istio.io', 'v1', `${kind}.d.ts`));
    // A sanity floor, so an empty walk cannot pass.
    assert.ok(fields.size > 60, `only ${fields.size} fields found in ${kind}.d.ts`);
    const schema = resourceSchema(testCatalog(), 'networking.istio.io', 'v1', kind);
    const missing: string[] = [];
    const undescribed: string[] = [];
    for (const [field, documented] of fields) {
      const node = at(schema, splitPath(field));
      if (!node) missing.push(field);
      else if (documented && !node.description?.trim()) undescribed.push(field);
    }
    assert.deepEqual(missing, [], 'fields missing from the schema');
    assert.deepEqual(undescribed, [], 'documented fields without a description');
  });
}

test('one-of groups come through: load balancer and consistent hash', () => {
  const dr = resourceSchema(testCatalog(), 'networking.istio.io', 'v1', 'DestinationRule');
  for (const base of ['spec.trafficPolicy', 'spec.subsets[].trafficPolicy', 'spec.trafficPolicy.portLevelSettings[]']) {
    const lb = get(dr, `${base}.loadBalancer`);
    assert.deepEqual(lb['x-one-of']?.map((g) => [[...g.keys].sort(), g.exactlyOne]), [[['consistentHash', 'simple'], false]]);
    const hash = get(dr, `${base}.loadBalancer.consistentHash`);
    assert.deepEqual(
      hash['x-one-of']?.map((g) => [...g.keys].sort()),
      [['httpCookie', 'httpHeaderName', 'httpQueryParameterName', 'useSourceIp'], ['maglev', 'ringHash']],
    );
    // The one-of alternatives make keys required; the object itself must not.
    assert.equal(lb.required, undefined);
    assert.equal(lb.additionalProperties, false);
  }
});

test('only protobuf Struct fields accept anything', () => {
  const catalog = testCatalog();
  const open: string[] = [];
  const walk = (node: SchemaNode, where: string): void => {
    if (node.type === undefined) open.push(where);
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, `${where}.${name}`);
    if (node.items) walk(node.items, `${where}[]`);
    if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${where}{}`);
  };
  for (const [key, schema] of Object.entries(catalog.schemas)) walk(get(schema, 'spec'), `${key.replace(/-.*/, '')} spec`);
  assert.deepEqual(open.sort(), ['EnvoyFilter spec.configPatches[].patch.value', 'WasmPlugin spec.pluginConfig']);
});

test('metadata is Kubernetes ObjectMeta with a required name', () => {
  const meta = get(resourceSchema(testCatalog(), 'networking.istio.io', 'v1', 'Gateway'), 'metadata');
  assert.deepEqual(meta.required, ['name']);
  assert.equal(meta.additionalProperties, false);
  assert.deepEqual(get(meta, 'labels').additionalProperties, { type: 'string' });
  assert.deepEqual(get(meta, 'annotations').additionalProperties, { type: 'string' });
  for (const name of ['name', 'generateName', 'namespace', 'finalizers', 'ownerReferences', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']) {
    assert.ok(get(meta, name).description, `metadata.${name} has no description`);
  }
});

test('overlay: route weights are integers 0..100 and percentages are 0..100', () => {
  const vs = resourceSchema(testCatalog(), 'networking.istio.io', 'v1', 'VirtualService');
  for (const route of ['http', 'tcp', 'tls']) {
    const weight = get(vs, `spec.${route}[].route[].weight`);
    assert.equal(weight.type, 'integer');
    assert.equal(weight.minimum, 0);
    assert.equal(weight.maximum, 100);
  }
  for (const field of ['spec.http[].mirrorPercentage.value', 'spec.http[].fault.abort.percentage.value', 'spec.http[].fault.delay.percentage.value']) {
    assert.equal(get(vs, field).type, 'number', field);
    assert.equal(get(vs, field).maximum, 100, field);
  }
  assert.equal(get(vs, 'spec.http[].retries.attempts').type, 'integer');
});

test('overlay: port numbers are integers 1..65535', () => {
  const catalog = testCatalog();
  const cases: Array<[string, string]> = [
    ['Gateway', 'spec.servers[].port.number'],
    ['ServiceEntry', 'spec.ports[].number'],
    ['ServiceEntry', 'spec.ports[].targetPort'],
    ['ServiceEntry', 'spec.endpoints[].ports{}'],
    ['VirtualService', 'spec.http[].route[].destination.port.number'],
    ['VirtualService', 'spec.tcp[].match[].port'],
    ['Sidecar', 'spec.ingress[].port.number'],
    ['Sidecar', 'spec.egress[].port.number'],
    ['WorkloadEntry', 'spec.ports{}'],
    ['DestinationRule', 'spec.trafficPolicy.portLevelSettings[].port.number'],
  ];
  for (const [kind, field] of cases) {
    const node = get(resourceSchema(catalog, 'networking.istio.io', 'v1', kind), field);
    assert.deepEqual([node.type, node.minimum, node.maximum], ['integer', 1, 65535], `${kind} ${field}`);
  }
});

test('overlay: durations have a Go duration pattern', () => {
  const catalog = testCatalog();
  const vs = resourceSchema(catalog, 'networking.istio.io', 'v1', 'VirtualService');
  const dr = resourceSchema(catalog, 'networking.istio.io', 'v1', 'DestinationRule');
  const fields = [
    get(vs, 'spec.http[].timeout'),
    get(vs, 'spec.http[].retries.perTryTimeout'),
    get(vs, 'spec.http[].fault.delay.fixedDelay'),
    get(dr, 'spec.trafficPolicy.connectionPool.tcp.connectTimeout'),
    get(dr, 'spec.trafficPolicy.outlierDetection.baseEjectionTime'),
    get(dr, 'spec.trafficPolicy.connectionPool.tcp.tcpKeepalive.time'),
  ];
  for (const node of fields) {
    assert.ok(node.pattern, 'duration field without a pattern');
    assert.equal(node['x-pattern-hint'], 'a duration such as 5s, 100ms or 1m30s');
    const pattern = new RegExp(node.pattern, 'u');
    for (const good of ['5s', '100ms', '1m30s', '1h30m', '1.5s', '0']) assert.ok(pattern.test(good), `${good} should be a duration`);
    for (const bad of ['5', '5 s', 'abc', '', 's', '-', '5sec', '1.5']) assert.ok(!pattern.test(bad), `${bad} should not be a duration`);
  }
});

test('overlay: StringMatch needs exactly one of exact/prefix/regex, except as a header map value', () => {
  const vs = resourceSchema(testCatalog(), 'networking.istio.io', 'v1', 'VirtualService');
  for (const field of ['spec.http[].match[].uri', 'spec.http[].match[].method', 'spec.http[].corsPolicy.allowOrigins[]']) {
    assert.deepEqual(get(vs, field)['x-one-of'], [{ keys: ['exact', 'prefix', 'regex'], exactlyOne: true }], field);
  }
  // `headers: {x-foo: {}}` tests that the header is present.
  assert.equal(get(vs, 'spec.http[].match[].headers{}')['x-one-of']?.[0].exactlyOne, false);
});

test('overlay: LEAST_CONN is a deprecated load balancer', () => {
  const dr = resourceSchema(testCatalog(), 'networking.istio.io', 'v1', 'DestinationRule');
  const simple = get(dr, 'spec.trafficPolicy.loadBalancer.simple');
  assert.ok(simple.enum?.includes('LEAST_REQUEST'));
  assert.deepEqual(simple['x-deprecated-values'], ['LEAST_CONN']);
});

test('enum fields keep their values and drop the "Valid Options" prose', () => {
  const gw = resourceSchema(testCatalog(), 'networking.istio.io', 'v1', 'Gateway');
  const mode = get(gw, 'spec.servers[].tls.mode');
  assert.deepEqual(mode.enum, ['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL']);
  assert.ok(mode.description && !mode.description.includes('Valid Options'));
});

function convertDeclared(typeText: string): SchemaNode {
  const sourceFile = ts.createSourceFile('sample.d.ts', `type T = ${typeText};`, ts.ScriptTarget.Latest, true);
  const alias = sourceFile.statements[0];
  assert.ok(ts.isTypeAliasDeclaration(alias));
  return new TypeNodeConverter(sourceFile).convert(alias.type);
}

test('the converter rejects type shapes it does not know, with their location', () => {
  assert.throws(() => convertDeclared('{\n  "when"?: Date;\n}'), /sample\.d\.ts:2:12: unsupported type \(TypeReference\): Date/);
  assert.throws(() => convertDeclared('{ "a"?: string | boolean }'), /unsupported union member/);
  assert.throws(() => convertDeclared('{ "a"?: string } & ({ "a": string } | { "b": string })'), /one-of key b is not a property/);
});

test('the converter reads a one-of without an Exclude alternative as exactly-one', () => {
  const schema = convertDeclared('{ "a"?: string; "b"?: number; "c": boolean } & ({ "a": string; "c": boolean } | { "b": number; "c": boolean })');
  assert.deepEqual(schema['x-one-of'], [{ keys: ['a', 'b'], exactlyOne: true }]);
  assert.deepEqual(schema.required, ['c']);
  assert.deepEqual(Object.keys(schema.properties ?? {}), ['a', 'b', 'c']);
});

test('Gateway API versions with the same declarations share one schema; TCPRoute and UDPRoute v1 are their v1alpha2', () => {
  const catalog = testCatalog();
  const keyOf = (version: string, kind: string) => catalog.resources.find((r) => r.group === GATEWAY_API && r.version === version && r.kind === kind)?.schema;
  for (const kind of ['Gateway', 'GatewayClass', 'HTTPRoute', 'ReferenceGrant']) assert.equal(keyOf('v1beta1', kind), keyOf('v1', kind), kind);
  for (const kind of ['TCPRoute', 'UDPRoute']) {
    assert.equal(keyOf('v1', kind), keyOf('v1alpha2', kind), kind);
    assert.deepEqual([...(get(catalog.schemas[keyOf('v1', kind)!], 'apiVersion').enum ?? [])].sort(), [`${GATEWAY_API}/v1`, `${GATEWAY_API}/v1alpha2`]);
  }
  // TLSRoute v1alpha2 has other fields than v1.
  assert.notEqual(keyOf('v1alpha2', 'TLSRoute'), keyOf('v1', 'TLSRoute'));
});

test('Gateway API types are followed across files, with their descriptions, enums and apimachinery types', () => {
  const catalog = testCatalog();
  const httpRoute = resourceSchema(catalog, GATEWAY_API, 'v1', 'HTTPRoute');
  // HTTPRouteSpec extends CommonRouteSpec (parentRefs) in another file.
  assert.match(String(get(httpRoute, 'spec.parentRefs').description), /ParentRefs references the resources/);
  const pathType = get(httpRoute, 'spec.rules[].matches[].path.type');
  assert.deepEqual(pathType.enum, ['Exact', 'PathPrefix', 'RegularExpression']);
  assert.ok(pathType.description);
  assert.deepEqual(get(httpRoute, 'spec.rules[].filters[].requestRedirect.statusCode').enum, [301, 302, 303, 307, 308]);
  const port = get(httpRoute, 'spec.rules[].filters[].requestMirror.backendRef.port');
  assert.deepEqual([port.type, port.minimum, port.maximum], ['integer', 1, 65535]);
  assert.deepEqual([get(httpRoute, 'spec.rules[].backendRefs[].weight').maximum], [1_000_000]);
  assert.equal(get(httpRoute, 'spec.rules[].timeouts.request')['x-pattern-hint'], 'a duration such as 5s, 500ms or 1h30m');
  const gateway = resourceSchema(catalog, GATEWAY_API, 'v1', 'Gateway');
  assert.deepEqual(get(gateway, 'spec.listeners[].tls.mode').enum, ['Terminate', 'Passthrough']);
  assert.deepEqual(get(gateway, 'spec.listeners[].allowedRoutes.namespaces.selector.matchLabels').additionalProperties, { type: 'string' });
  assert.deepEqual(get(gateway, 'spec.listeners[].allowedRoutes.namespaces.selector.matchExpressions[]').required, ['key', 'operator']);
  assert.deepEqual(get(gateway, 'spec.listeners[]').required, ['name', 'port', 'protocol']);
  // Channel markers are build directives, not prose.
  const descriptions: string[] = [];
  const walk = (node: SchemaNode): void => {
    if (node.description) descriptions.push(node.description);
    for (const child of Object.values(node.properties ?? {})) walk(child);
    if (node.items) walk(node.items);
  };
  walk(httpRoute);
  assert.ok(descriptions.length > 100);
  assert.ok(!descriptions.some((d) => /<\/?gateway:|excludeFromCRD/.test(d)));
});

test('overlay: the CEL rules the users break are on the Gateway API schemas', () => {
  const catalog = testCatalog();
  for (const kind of ['Gateway', 'ListenerSet']) {
    const schema = resourceSchema(catalog, GATEWAY_API, 'v1', kind);
    assert.deepEqual(get(schema, 'spec.listeners')['x-unique-by']?.map((r) => r.fields), [['name'], ['port', 'protocol', 'hostname']], kind);
    assert.equal(get(schema, 'spec.listeners[]')['x-field-rules']?.length, 5, kind);
    assert.equal(get(schema, 'spec.listeners[].tls')['x-field-rules']?.length, 1, kind);
  }
  // Route backendRefs' "Service needs port" is IY0212 (the backend check, with the Service's ports and a fix), not a
  // schema rule; the ExternalAuth filter's backendRef keeps it here.
  for (const [kind, version] of [['HTTPRoute', 'v1'], ['GRPCRoute', 'v1'], ['TLSRoute', 'v1'], ['TLSRoute', 'v1alpha2'], ['TCPRoute', 'v1'], ['UDPRoute', 'v1']]) {
    assert.equal(get(resourceSchema(catalog, GATEWAY_API, version, kind), 'spec.rules[].backendRefs[]')['x-field-rules'], undefined, `${kind} ${version}`);
  }
  const auth = get(resourceSchema(catalog, GATEWAY_API, 'v1', 'HTTPRoute'), 'spec.rules[].filters[].externalAuth.backendRef')['x-field-rules'];
  assert.deepEqual(auth?.map((r) => r.require), [[['port']]]);
  for (const kind of ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin']) {
    const group = catalog.resources.find((r) => r.kind === kind)!;
    const groups = get(resourceSchema(catalog, group.group, group.version, kind), 'spec')['x-one-of'] ?? [];
    assert.ok(groups.some((g) => g.keys.join() === 'selector,targetRef,targetRefs' && !g.exactlyOne), kind);
  }
});

test('the converter follows named types across files: relative .js imports, re-export aliases, base interfaces, node_modules packages', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-decl-'));
  try {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('pkg/g/v1/Spec.d.ts', [
      'import { IIoBase } from "./Base.js";',
      'import { IIoMode } from "../shared/Mode.js";',
      'import { ISel } from "@scope/other/Selector";',
      'export interface ISpec extends IIoBase {',
      '    /** How it works. */',
      '    "mode"?: IIoMode;',
      '    "selector"?: ISel;',
      '}',
      'export type { ISpec as IIoSpec };',
    ].join('\n'));
    write('pkg/g/v1/Base.d.ts', 'export interface IBase {\n    /** The name. */\n    "name": string;\n}\nexport type { IBase as IIoBase };\n');
    write('pkg/g/shared/Mode.d.ts', 'export type IMode = "A" | "B";\nexport type { IMode as IIoMode };\n');
    write('pkg/node_modules/@scope/other/Selector.d.ts', 'export interface ISel {\n    "matchLabels"?: {\n        [key: string]: string;\n    };\n}\n');
    const files = new DeclarationFiles(root);
    const spec = new TypeReferences(files).schemaOf(files.resolve('IIoSpec', files.sourceFile(path.join(root, 'pkg/g/v1/Spec.d.ts')))!);
    assert.deepEqual(spec, {
      type: 'object',
      properties: {
        name: { description: 'The name.', type: 'string' },
        mode: { description: 'How it works.', type: 'string', enum: ['A', 'B'] },
        selector: { type: 'object', properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } }, additionalProperties: false },
      },
      required: ['name'],
      additionalProperties: false,
    });
    write('pkg/g/v1/Broken.d.ts', 'import { IMissing } from "./Missing.js";\nexport interface IBroken {\n    "a"?: IMissing;\n}\n');
    const broken = files.sourceFile(path.join(root, 'pkg/g/v1/Broken.d.ts'));
    assert.throws(() => new TypeReferences(files).schemaOf(files.resolve('IBroken', broken)!), /Broken\.d\.ts:3:11: unsupported type reference that does not resolve/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
