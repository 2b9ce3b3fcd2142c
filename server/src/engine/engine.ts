import { analyzersFor } from './analyzers/registry';
import type { Finding } from './finding';
import { isIstioGroup } from './model/resource';
import type { ParsedFile } from './parse/parsed-file';
import { ValidatorCache } from './schema/ajv-setup';
import type { SchemaCatalog } from './schema/catalog';
import { SchemaRegistry } from './schema/schema-registry';
import { validateResource } from './schema/validate-resource';
import { Workspace, type FileState } from './workspace/workspace';

export interface EngineOptions {
  catalog: SchemaCatalog;
  /** Namespace of resources without metadata.namespace; `default` like istioctl analyze. */
  defaultNamespace?: string;
}

/** The analysis engine: files in, findings out. No I/O, no editor or protocol types. */
export interface Engine {
  readonly workspace: Workspace;
  readonly schemas: SchemaRegistry;
  setFile(uri: string, text: string): FileState;
  removeFile(uri: string): void;
  /** Every finding located in the file: YAML syntax, schema, and cross-resource checks. */
  diagnose(uri: string): Finding[];
}

const istioApiVersionLine = /^\s*apiVersion:\s*["']?[\w.-]+\.istio\.io\//m;

export function createEngine(options: EngineOptions): Engine {
  const workspace = new Workspace(options.defaultNamespace ?? 'default');
  const schemas = new SchemaRegistry(options.catalog);
  const validators = new ValidatorCache();

  function diagnose(uri: string): Finding[] {
    const state = workspace.file(uri);
    if (!state) return [];
    const istioResources = state.resources.filter((r) => isIstioGroup(r.group));
    const findings: Finding[] = [];
    if (istioResources.length || istioApiVersionLine.test(state.parsed.text)) findings.push(...syntaxFindings(state.parsed));
    const context = { index: workspace.index() };
    for (const resource of istioResources) {
      findings.push(...validateResource(resource, schemas, validators));
      for (const analyzer of analyzersFor(resource.group, resource.kind)) findings.push(...analyzer.analyze(resource, context));
    }
    return findings;
  }

  return {
    workspace,
    schemas,
    setFile: (uri, text) => workspace.setFile(uri, text),
    removeFile: (uri) => workspace.removeFile(uri),
    diagnose,
  };
}

function syntaxFindings(file: ParsedFile): Finding[] {
  return file.documents.flatMap((doc) =>
    doc.problems.map((p): Finding => ({ code: 'IY0001', severity: p.severity, message: `YAML: ${p.message}`, range: p.range })),
  );
}
