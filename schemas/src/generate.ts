import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { ResourceSchemaEntry, SchemaCatalog, SchemaNode } from '../../server/src/engine/schema/catalog';
import { objectMetaSchema } from './object-meta';
import { applyOverlay } from './overlay';
import { leadingDocText, location, propertyName, TypeNodeConverter } from './type-node-to-schema';

const PACKAGE = '@kubernetes-models/istio';
const DOCS_BASE = 'https://istio.io/latest/docs/reference/config/';

/** The kinds we serve, per API group, with their istio.io reference page (relative to DOCS_BASE). */
const KINDS: Record<string, Record<string, string>> = {
  'networking.istio.io': {
    Gateway: 'networking/gateway/',
    VirtualService: 'networking/virtual-service/',
    DestinationRule: 'networking/destination-rule/',
    ServiceEntry: 'networking/service-entry/',
    Sidecar: 'networking/sidecar/',
    WorkloadEntry: 'networking/workload-entry/',
    WorkloadGroup: 'networking/workload-group/',
    EnvoyFilter: 'networking/envoy-filter/',
    ProxyConfig: 'networking/proxy-config/',
  },
  'security.istio.io': {
    AuthorizationPolicy: 'security/authorization-policy/',
    PeerAuthentication: 'security/peer_authentication/',
    RequestAuthentication: 'security/request_authentication/',
  },
  'telemetry.istio.io': { Telemetry: 'telemetry/' },
  'extensions.istio.io': { WasmPlugin: 'proxy_extensions/wasm-plugin/' },
};

/** Operator configuration, not something users apply as mesh config. */
const EXCLUDED_GROUPS = new Set(['install.istio.io']);

export interface KindDeclaration {
  group: string;
  version: string;
  kind: string;
  /** Absolute path of the kind's .d.ts file. */
  file: string;
}

/** The directory of the installed @kubernetes-models/istio, found by walking up from `start`. */
export function findPackageDir(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...PACKAGE.split('/'));
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE} not found above ${start}; run npm install`);
  }
}

/** Every served kind/version the package declares; throws on a kind in a served group that we do not know. */
export function discoverKinds(packageDir: string): KindDeclaration[] {
  const found: KindDeclaration[] = [];
  const groups = fs.readdirSync(packageDir).filter((name) => name.endsWith('.istio.io') && fs.statSync(path.join(packageDir, name)).isDirectory());
  for (const group of groups.sort()) {
    if (EXCLUDED_GROUPS.has(group)) continue;
    const known = KINDS[group];
    if (!known) throw new Error(`${PACKAGE} has an API group ${group} that the generator does not know; add it to KINDS or EXCLUDED_GROUPS`);
    for (const version of fs.readdirSync(path.join(packageDir, group)).sort()) {
      const versionDir = path.join(packageDir, group, version);
      if (!fs.statSync(versionDir).isDirectory()) continue;
      for (const fileName of fs.readdirSync(versionDir).sort()) {
        if (!fileName.endsWith('.d.ts') || fileName === 'index.d.ts') continue;
        const kind = fileName.slice(0, -'.d.ts'.length);
        if (!(kind in known)) throw new Error(`${PACKAGE} declares ${group}/${version} ${kind}, which the generator does not know; add it to KINDS`);
        found.push({ group, version, kind, file: path.join(versionDir, fileName) });
      }
    }
  }
  for (const [group, kinds] of Object.entries(KINDS)) {
    for (const kind of Object.keys(kinds)) {
      if (!found.some((d) => d.group === group && d.kind === kind)) throw new Error(`${PACKAGE} has no declaration for ${group} ${kind}`);
    }
  }
  return found;
}

/** The whole-resource schema of one kind/version, straight from its declaration (no overlay yet). */
export function resourceSchema(declaration: KindDeclaration): SchemaNode {
  const { group, version, kind, file } = declaration;
  const sourceFile = ts.createSourceFile(path.relative(path.dirname(path.dirname(path.dirname(file))), file), fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const iface = sourceFile.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `I${kind}`);
  if (!iface) throw new Error(`${sourceFile.fileName}: no interface I${kind}`);
  const members = new Map<string, ts.PropertySignature>();
  for (const member of iface.members) {
    if (!ts.isPropertySignature(member)) throw new Error(`${location(member, sourceFile)}: unexpected member of I${kind}`);
    members.set(propertyName(member.name, sourceFile), member);
  }
  const apiVersion = `${group}/${version}`;
  expectLiteral(members.get('apiVersion'), apiVersion, sourceFile);
  expectLiteral(members.get('kind'), kind, sourceFile);
  const spec = members.get('spec');
  if (!spec?.type) throw new Error(`${sourceFile.fileName}: I${kind} has no typed spec`);
  const specSchema = new TypeNodeConverter(sourceFile).convert(spec.type);
  const specDescription = leadingDocText(spec, sourceFile);
  return {
    type: 'object',
    properties: {
      apiVersion: { description: 'API group and version of the resource.', type: 'string', const: apiVersion },
      kind: { description: 'Kind of the resource.', type: 'string', const: kind },
      metadata: objectMetaSchema(),
      spec: specDescription ? { description: specDescription, ...specSchema } : specSchema,
      status: { description: 'Written by Istio; not checked.' },
    },
    required: ['apiVersion', 'kind', 'metadata'],
    additionalProperties: false,
  };
}

function expectLiteral(member: ts.PropertySignature | undefined, expected: string, sourceFile: ts.SourceFile): void {
  const type = member?.type;
  if (!type || !ts.isLiteralTypeNode(type) || !ts.isStringLiteral(type.literal) || type.literal.text !== expected) {
    throw new Error(`${sourceFile.fileName}: expected a member of literal type "${expected}"`);
  }
}

/**
 * The Istio release whose CRDs @kubernetes-models/istio 3.x was generated from. Findings about unknown fields and
 * values name it, since a newer Istio may accept them; a new major of the package must revisit it.
 */
const describedIstioVersion = { packageMajor: '3', istio: '1.29' };

/** The catalog of every served kind/version, with the overlay applied and identical versions sharing one schema. */
export function buildCatalog(packageDir: string = findPackageDir()): SchemaCatalog {
  const packageJson: unknown = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const packageVersion = (packageJson as { version?: unknown }).version;
  if (typeof packageVersion !== 'string') throw new Error(`${packageDir}/package.json has no version`);
  if (packageVersion.split('.')[0] !== describedIstioVersion.packageMajor) {
    throw new Error(`@kubernetes-models/istio ${packageVersion}: update describedIstioVersion to the Istio release it was generated from`);
  }

  const generated = discoverKinds(packageDir).map((declaration) => ({ declaration, kind: declaration.kind, schema: resourceSchema(declaration) }));
  applyOverlay(generated);

  const byContent = new Map<string, { schema: SchemaNode; apiVersions: string[]; members: KindDeclaration[] }>();
  for (const { declaration, schema } of generated) {
    // Versions differ in apiVersion alone most of the time; compare everything else.
    const apiVersion = schema.properties!.apiVersion;
    const withoutApiVersion = JSON.stringify({ ...schema, properties: { ...schema.properties, apiVersion: undefined } });
    const hash = createHash('sha256').update(withoutApiVersion).digest('hex').slice(0, 10);
    const key = `${declaration.kind}-${hash}`;
    const shared = byContent.get(key) ?? { schema, apiVersions: [], members: [] };
    shared.apiVersions.push(apiVersion.const!);
    shared.members.push(declaration);
    byContent.set(key, shared);
  }

  const schemas: Record<string, SchemaNode> = {};
  const resources: ResourceSchemaEntry[] = [];
  for (const [key, shared] of byContent) {
    const apiVersion = shared.schema.properties!.apiVersion;
    if (shared.apiVersions.length > 1) {
      // One schema serves several versions, so it accepts each of their apiVersions.
      delete apiVersion.const;
      apiVersion.enum = shared.apiVersions;
    }
    schemas[key] = shared.schema;
    for (const member of shared.members) {
      resources.push({ group: member.group, version: member.version, kind: member.kind, schema: key, docsUrl: DOCS_BASE + KINDS[member.group][member.kind] });
    }
  }
  resources.sort((a, b) => a.group.localeCompare(b.group) || a.kind.localeCompare(b.kind) || a.version.localeCompare(b.version));
  return { source: `${PACKAGE}@${packageVersion}`, istioVersion: describedIstioVersion.istio, resources, schemas };
}

/** Writes the catalog to `outFile` and returns what it wrote. */
export function writeCatalog(outFile: string, catalog: SchemaCatalog = buildCatalog()): SchemaCatalog {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(catalog) + '\n');
  return catalog;
}

function repoRoot(): string {
  // Compiled to out/schemas/src, or run from schemas/src directly.
  const up = __dirname.split(path.sep).includes('out') ? '../../..' : '../..';
  return path.resolve(__dirname, up);
}

if (require.main === module) {
  const started = Date.now();
  const outFile = path.join(repoRoot(), 'schemas', 'generated', 'istio-schemas.json');
  const catalog = writeCatalog(outFile);
  const size = fs.statSync(outFile).size;
  console.log(
    `wrote ${path.relative(process.cwd(), outFile)}: ${catalog.resources.length} resources, ${Object.keys(catalog.schemas).length} schemas, ` +
      `${(size / 1024).toFixed(0)} KiB from ${catalog.source} in ${Date.now() - started} ms`,
  );
}
