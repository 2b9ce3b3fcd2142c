import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { ResourceSchemaEntry, SchemaCatalog, SchemaNode, SchemaSource } from '../../server/src/engine/schema/catalog';
import { DeclarationFiles } from './declaration-files';
import { objectMetaSchema } from './object-meta';
import { applyOverlay } from './overlay';
import { istioSource, packageSources, type PackageSource } from './sources';
import { leadingDocText, location, propertyName, TypeReferences } from './type-node-to-schema';

export interface KindDeclaration {
  group: string;
  version: string;
  kind: string;
  /** Absolute path of the kind's .d.ts file. */
  file: string;
}

/** The directory of an installed package (default @kubernetes-models/istio), found by walking up from `start`. */
export function findPackageDir(start: string = __dirname, packageName: string = istioSource.package): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...packageName.split('/'));
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${packageName} not found above ${start}; run npm install`);
  }
}

/** The kind a file declares: `interface I<Name>` with a literal apiVersion (the package's List types excluded); else undefined. */
function declaredKind(file: string, name: string): string | undefined {
  if (name.endsWith('List')) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const iface = sourceFile.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `I${name}`);
  const apiVersion = iface?.members.find((m) => ts.isPropertySignature(m) && ts.isStringLiteral(m.name) && m.name.text === 'apiVersion') as ts.PropertySignature | undefined;
  return apiVersion?.type && ts.isLiteralTypeNode(apiVersion.type) ? name : undefined;
}

/** Every served kind/version the package declares; throws on a kind in a served group that we do not know. */
export function discoverKinds(packageDir: string, source: PackageSource = istioSource): KindDeclaration[] {
  const found: KindDeclaration[] = [];
  const groups = fs.readdirSync(packageDir).filter((name) => name.includes('.') && fs.statSync(path.join(packageDir, name)).isDirectory());
  for (const group of groups.sort()) {
    if (source.excludedGroups.has(group)) continue;
    const known = source.kinds[group];
    if (!known) throw new Error(`${source.package} has an API group ${group} that the generator does not know; add it to kinds or excludedGroups`);
    for (const version of fs.readdirSync(path.join(packageDir, group)).sort()) {
      const versionDir = path.join(packageDir, group, version);
      if (!fs.statSync(versionDir).isDirectory()) continue;
      for (const fileName of fs.readdirSync(versionDir).sort()) {
        if (!fileName.endsWith('.d.ts') || fileName === 'index.d.ts') continue;
        const file = path.join(versionDir, fileName);
        const kind = declaredKind(file, fileName.slice(0, -'.d.ts'.length));
        if (!kind) continue;
        if (!(kind in known)) throw new Error(`${source.package} declares ${group}/${version} ${kind}, which the generator does not know; add it to kinds`);
        found.push({ group, version, kind, file });
      }
    }
  }
  for (const [group, kinds] of Object.entries(source.kinds)) {
    for (const kind of Object.keys(kinds)) {
      if (!found.some((d) => d.group === group && d.kind === kind)) throw new Error(`${source.package} has no declaration for ${group} ${kind}`);
    }
  }
  return found;
}

/** The whole-resource schema of one kind/version, straight from its declaration and the types it names (no overlay yet). */
export function resourceSchema(declaration: KindDeclaration, files: DeclarationFiles, references: TypeReferences, source: PackageSource = istioSource): SchemaNode {
  const { group, version, kind, file } = declaration;
  const sourceFile = files.sourceFile(file);
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
  const specSchema = references.converterFor(sourceFile).convert(spec.type);
  const specDescription = leadingDocText(spec, sourceFile);
  return {
    type: 'object',
    properties: {
      apiVersion: { description: 'API group and version of the resource.', type: 'string', const: apiVersion },
      kind: { description: 'Kind of the resource.', type: 'string', const: kind },
      metadata: objectMetaSchema(),
      spec: specDescription ? { description: specDescription, ...specSchema } : specSchema,
      status: { description: source.statusDescription },
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

interface Generated {
  declaration: KindDeclaration;
  source: PackageSource;
  kind: string;
  schema: SchemaNode;
}

/** The resource schemas of one package, its versions served by clusters but missing from it included. */
function generatePackage(source: PackageSource, packageDir: string): { generated: Generated[]; catalogSource: SchemaSource } {
  const packageJson: unknown = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const packageVersion = (packageJson as { version?: unknown }).version;
  if (typeof packageVersion !== 'string') throw new Error(`${packageDir}/package.json has no version`);
  const catalogSource = { id: source.id, package: `${source.package}@${packageVersion}`, product: source.product, release: source.release(packageVersion) };
  const files = new DeclarationFiles(path.dirname(packageDir));
  const references = new TypeReferences(files);
  const generated = discoverKinds(packageDir, source).map((declaration) => ({ declaration, source, kind: declaration.kind, schema: resourceSchema(declaration, files, references, source) }));
  for (const alias of source.aliases) {
    if (generated.some((g) => g.declaration.group === alias.group && g.kind === alias.kind && g.declaration.version === alias.version)) {
      throw new Error(`${source.package} now declares ${alias.group}/${alias.version} ${alias.kind}; drop its alias`);
    }
    const base = generated.find((g) => g.declaration.group === alias.group && g.kind === alias.kind && g.declaration.version === alias.sameAs);
    if (!base) throw new Error(`${source.package}: no ${alias.group}/${alias.sameAs} ${alias.kind} for the alias ${alias.version}`);
    const schema = structuredClone(base.schema);
    schema.properties!.apiVersion.const = `${alias.group}/${alias.version}`;
    generated.push({ ...base, declaration: { ...base.declaration, version: alias.version }, schema });
  }
  return { generated, catalogSource };
}

/** The catalog of every served kind/version of every package, with the overlay applied and identical versions sharing one schema. */
export function buildCatalog(start: string = __dirname): SchemaCatalog {
  const sources: SchemaSource[] = [];
  const generated: Generated[] = [];
  for (const source of packageSources) {
    const result = generatePackage(source, findPackageDir(start, source.package));
    sources.push(result.catalogSource);
    generated.push(...result.generated);
  }
  applyOverlay(generated);

  const byContent = new Map<string, { schema: SchemaNode; apiVersions: string[]; members: Generated[] }>();
  for (const item of generated) {
    const { schema } = item;
    // Versions differ in apiVersion alone most of the time; compare everything else.
    const apiVersion = schema.properties!.apiVersion;
    const withoutApiVersion = JSON.stringify({ ...schema, properties: { ...schema.properties, apiVersion: undefined } });
    const hash = createHash('sha256').update(withoutApiVersion).digest('hex').slice(0, 10);
    const key = `${item.kind}-${hash}`;
    const shared = byContent.get(key) ?? { schema, apiVersions: [], members: [] };
    shared.apiVersions.push(apiVersion.const!);
    shared.members.push(item);
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
    for (const { declaration, source } of shared.members) {
      const { group, version, kind } = declaration;
      resources.push({ group, version, kind, schema: key, docsUrl: source.kinds[group][kind], source: source.id });
    }
  }
  resources.sort((a, b) => a.group.localeCompare(b.group) || a.kind.localeCompare(b.kind) || a.version.localeCompare(b.version));
  const istioVersion = sources.find((s) => s.id === istioSource.id)!.release;
  return { sources, istioVersion, resources, schemas };
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
      `${(size / 1024).toFixed(0)} KiB from ${catalog.sources.map((source) => source.package).join(' and ')} in ${Date.now() - started} ms`,
  );
}
