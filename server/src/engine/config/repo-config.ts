import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, parseAllDocuments, type Node } from 'yaml';
import { codeTable } from '../analyzers/codes';
import type { SeverityOverride } from '../engine';
import type { Finding, OffsetRange } from '../finding';
import { asMap, getEntry, nodeAtPath, rangeOf, type PathSegment } from '../parse/yaml-nodes';
import { globToRegExp } from '../text/glob';
import { closestMatch } from '../text/suggest';
import { configSchema } from './config-schema';
import { parseSuppression } from './suppress-rules';

/** The repository configuration file's name, at the root of a workspace folder. */
export const configFileName = '.istio-yaml.yaml';

/** Whether the URI (or path) names a repository configuration file: never a manifest. */
export function isConfigFile(uri: string): boolean {
  return uri === configFileName || uri.endsWith(`/${configFileName}`) || uri.endsWith(`\\${configFileName}`);
}

/** One environment: its name and the globs (relative to the configuration file's folder) of its files. */
export interface EnvironmentGlobs {
  name: string;
  globs: string[];
}

/** The well-formed values of a configuration file; a bad value is left out (and reported). */
export interface RepoConfig {
  /** Undefined when the file has no `environments` key (overlays are then detected); empty for `environments: {}`. */
  environments?: EnvironmentGlobs[];
  defaultNamespace?: string;
  exclude?: string[];
  severity?: Record<string, SeverityOverride>;
  /** As written: relative to the configuration file's folder. */
  meshConfig?: string;
  /** istioctl's `CODE=Kind name.namespace` rules. */
  suppress?: string[];
}

export interface ConfigReading {
  config: RepoConfig;
  /** IY0004 findings on the file's own text. */
  findings: Finding[];
  /** Where `meshConfig`'s value is, for a finding when the file it names cannot be read. */
  meshConfigRange?: OffsetRange;
}

const keys = Object.keys(configSchema.properties);
let validator: ValidateFunction | undefined;

/** Reads and checks a configuration file's text. Never throws: every problem is a finding located on the file. */
export function readRepoConfig(text: string): ConfigReading {
  const findings: Finding[] = [];
  const report = (range: OffsetRange, message: string) => findings.push(configFinding(range, message));
  let documents;
  try {
    documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    report({ start: 0, end: 0 }, `${configFileName} cannot be read: ${String(error)}`);
    return { config: {}, findings };
  }
  const list = Array.isArray(documents) ? documents : [];
  for (const doc of list) for (const e of doc.errors) report({ start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) }, `YAML: ${e.message.split('\n')[0]}`);
  if (findings.length) return { config: {}, findings };
  if (list.length > 1) report(rangeOf(list[1].contents as Node) ?? { start: 0, end: 0 }, `${configFileName} holds one YAML document; the ones after the first are ignored`);
  const root = (list[0]?.contents ?? null) as Node | null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config: {}, findings };
  if (!isMap(root)) {
    report(rangeOf(root), `${configFileName} must be a map of settings (${keys.join(', ')})`);
    return { config: {}, findings };
  }
  const data: unknown = list[0].toJS({ maxAliasCount: 100 });
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  const bad: string[] = [];
  if (!validator(data)) {
    for (const error of validator.errors ?? []) {
      const located = describe(error, root);
      if (!located) continue;
      bad.push(located.path);
      report(located.range, located.message);
    }
  }
  // A value is unusable when an error is about it or about a value that holds it; errors about its items drop only those.
  const isBad = (path: string) => bad.some((b) => b === path || path.startsWith(`${b}/`));
  const config: RepoConfig = {};
  const given = data as Record<string, unknown>;
  if (typeof given.defaultNamespace === 'string' && !isBad('/defaultNamespace')) config.defaultNamespace = given.defaultNamespace;
  if (typeof given.meshConfig === 'string' && !isBad('/meshConfig')) config.meshConfig = given.meshConfig;
  const meshValue = getEntry(root, 'meshConfig')?.value;
  const exclude = stringList(given.exclude, '/exclude', isBad);
  if (exclude) config.exclude = exclude;
  const suppress = stringList(given.suppress, '/suppress', isBad)?.filter((rule) => typeof parseSuppression(rule) !== 'string');
  if (suppress) config.suppress = suppress;
  if (given.severity && typeof given.severity === 'object' && !Array.isArray(given.severity)) {
    const severity: Record<string, SeverityOverride> = {};
    const severityMap = asMap(getEntry(root, 'severity')?.value);
    for (const [code, value] of Object.entries(given.severity as Record<string, unknown>)) {
      if (isBad(`/severity/${pointer(code)}`)) continue;
      if (!codeTable[code]) {
        const suggestion = closestMatch(code, Object.keys(codeTable));
        report(keyRange(severityMap, code), `unknown code ${code} in severity${suggestion ? `: did you mean ${suggestion}?` : ''}`);
        continue;
      }
      severity[code] = value as SeverityOverride;
    }
    config.severity = severity;
  }
  if (given.environments && typeof given.environments === 'object' && !Array.isArray(given.environments) && !isBad('/environments')) {
    config.environments = [];
    const envMap = asMap(getEntry(root, 'environments')?.value);
    for (const [name, globs] of Object.entries(given.environments as Record<string, unknown>)) {
      if (isBad(`/environments/${pointer(name)}`) || !Array.isArray(globs)) continue;
      const good: string[] = [];
      globs.forEach((glob, i) => {
        const problem = globProblem(String(glob));
        if (!problem) good.push(String(glob));
        else report(rangeAt(envMap, [name, i]), `environment ${name}: ${problem}`);
      });
      if (good.length) config.environments.push({ name, globs: good });
    }
  }
  for (const glob of config.exclude ?? []) {
    const problem = globProblem(glob);
    if (problem) report(rangeAt(root, ['exclude', (given.exclude as string[]).indexOf(glob)]), `exclude: ${problem}`);
  }
  if (config.exclude) config.exclude = config.exclude.filter((glob) => !globProblem(glob));
  return { config, findings, ...(meshValue && config.meshConfig ? { meshConfigRange: rangeOf(meshValue) } : {}) };
}

/** A finding on a configuration file. */
export function configFinding(range: OffsetRange, message: string): Finding {
  return { code: 'IY0004', severity: codeTable.IY0004.severity, message, range };
}

function stringList(value: unknown, path: string, isBad: (path: string) => boolean): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item, i) => (typeof item === 'string' && !isBad(`${path}/${i}`) ? [item] : []));
}

/** Why a glob cannot be used, if it cannot. */
function globProblem(glob: string): string | undefined {
  if (glob.startsWith('/')) return `glob ${glob} must be relative to the folder of ${configFileName} (no leading /)`;
  if (glob.split('/').includes('..')) return `glob ${glob} must stay inside the folder of ${configFileName} (no ..)`;
  if ((glob.match(/\{/g) ?? []).length !== (glob.match(/\}/g) ?? []).length) return `glob ${glob} has unbalanced braces`;
  try {
    globToRegExp(glob);
    return undefined;
  } catch {
    return `glob ${glob} is not a valid pattern`;
  }
}

function pointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function segmentsOf(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function rangeAt(root: Node | undefined | null, path: PathSegment[]): OffsetRange {
  const found = root ? nodeAtPath(root, path) : undefined;
  if (found?.node) return rangeOf(found.node);
  if (found?.key) return rangeOf(found.key);
  return root ? rangeOf(root) : { start: 0, end: 0 };
}

function keyRange(map: ReturnType<typeof asMap>, key: string): OffsetRange {
  const entry = getEntry(map, key);
  return entry ? rangeOf(entry.key) : map ? rangeOf(map) : { start: 0, end: 0 };
}

/** The problem an ajv error describes, on the node it is about, with the JSON pointer of the value it makes unusable. */
function describe(error: ErrorObject, root: Node): { path: string; range: OffsetRange; message: string } | undefined {
  const segments = segmentsOf(error.instancePath);
  const where = segments.length ? segments.join('.') : configFileName;
  const params = error.params as Record<string, unknown>;
  const container = nodeAtPath(root, segments)?.node;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const suggestion = segments.length === 0 ? closestMatch(key, keys) : undefined;
      const known = segments.length === 0 ? `; the keys are ${keys.join(', ')}` : '';
      return { path: `${error.instancePath}/${pointer(key)}`, range: keyRange(asMap(container), key), message: `unknown key ${key} in ${where}${suggestion ? `: did you mean ${suggestion}?` : known}` };
    }
    case 'propertyNames':
      return undefined; // the nested `pattern` error on the name says it better
    case 'pattern': {
      if (error.propertyName !== undefined || params.propertyName !== undefined) {
        const name = String(error.propertyName ?? params.propertyName);
        const what = segments[0] === 'severity' ? 'a code such as IST0101 or IY0107' : 'a name of letters, digits, ., _, - and /';
        return { path: `${error.instancePath}/${pointer(name)}`, range: keyRange(asMap(container), name), message: `${where}: ${name} is not ${what}` };
      }
      const value = JSON.stringify(error.data ?? nodeValue(container));
      if (segments[0] === 'suppress') return { path: error.instancePath, range: rangeAt(root, segments), message: `suppress: ${value} is not in istioctl's form "CODE=Kind name.namespace"` };
      if (segments[0] === 'defaultNamespace') return { path: error.instancePath, range: rangeAt(root, segments), message: `defaultNamespace: ${value} is not a Kubernetes namespace name (lower-case letters, digits and -)` };
      return { path: error.instancePath, range: rangeAt(root, segments), message: `${where}: ${value} does not have the expected form` };
    }
    case 'type':
      return { path: error.instancePath, range: rangeAt(root, segments), message: `${where} must be ${article(String(params.type))}` };
    case 'enum':
      return { path: error.instancePath, range: rangeAt(root, segments), message: `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'minItems':
      return { path: error.instancePath, range: rangeAt(root, segments), message: `${where} needs at least one glob` };
    default:
      return { path: error.instancePath, range: rangeAt(root, segments), message: `${where}: ${error.message ?? 'invalid value'}` };
  }
}

function nodeValue(node: Node | null | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

function article(type: string): string {
  return type === 'object' ? 'a map' : type === 'array' ? 'a list' : `a ${type}`;
}
