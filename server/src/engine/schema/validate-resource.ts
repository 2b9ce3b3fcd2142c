import type { ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Finding, OffsetRange } from '../finding';
import { finding } from '../analyzers/analyzer';
import type { Resource } from '../model/resource';
import { dataHazard } from '../parse/data-hazards';
import { documentData, needsToJS } from './document-data';
import { getEntry, rangeOf } from '../parse/yaml-nodes';
import { readingData, readingEntry, readingsOf } from './template-readings';
import { closestMatch } from '../text/suggest';
import { hasPlaceholder } from '../text/templating';
import type { SchemaNode } from './catalog';
import type { OneOfViolation, ValidatorCache } from './ajv-setup';
import type { RuleViolation } from './field-rules';
import type { SchemaRegistry } from './schema-registry';

export interface ValidationOptions {
  /** A partial resource (a Kustomize patch): missing required fields are fine. */
  partial?: boolean;
  /**
   * Severity of unknown fields and values not among the allowed ones: our schemas describe one Istio release, and a
   * newer Istio may accept them (`warning` for users ahead of it). Default: error, like every IST0106.
   */
  unknownFieldSeverity?: 'error' | 'warning';
}

/** Schema findings (IST0106) and unknown kind/version (IY0002) for one resource of a group the catalog covers. */
export function validateResource(resource: Resource, registry: SchemaRegistry, validators: ValidatorCache, options: ValidationOptions = {}): Finding[] {
  const entry = registry.entry(resource.group, resource.version, resource.kind);
  if (!entry) return unknownKind(resource, registry);
  // Checked before toJS, whose cost on such documents is unbounded (nested collection keys, alias and merge bombs).
  const hazard = dataHazard(resource.root);
  if (hazard) return [finding('IST0106', resource, hazard.range, `The document cannot be read as data: ${hazard.reason}`)];
  // A template writes a key once per branch of an if/else: each reading takes one branch's, so every branch is checked.
  const readings = readingsOf(resource);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (let reading = 0; reading < readings; reading++) {
    let data: unknown;
    try {
      if (readings > 1) data = withoutNullFields(readingData(resource.root, reading, resource.document.yaml));
      else {
        const direct = documentData(resource.root);
        data = direct !== needsToJS ? direct : withoutNullFields(resource.root.toJS(resource.document.yaml, { maxAliasCount: 1000 }));
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [finding('IST0106', resource, resource.anchor, `The document cannot be read as data: ${message}`)];
    }
    const validate = validators.get(entry.schema, registry.schemaOf(entry));
    if (validate(data)) continue;
    for (const error of validate.errors ?? []) {
      if (options.partial && isAboutMissingFields(error)) continue;
      // A template action in key position (`{{ include "labels" . | nindent 4 }}`) may write any fields there.
      if ((isAboutMissingFields(error) || error.keyword === 'additionalProperties') && hasPlaceholderKey(error.data)) continue;
      // `${VAR}` values are filled in by a pipeline later; their final type and value are unknown here.
      if (typeof error.data === 'string' && hasPlaceholder(error.data) && error.keyword !== 'additionalProperties') continue;
      const located = describeError(error, resource, reading);
      const key = `${located.range.start}:${located.range.end}:${located.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const newerIstioMayAccept = error.keyword === 'additionalProperties' || error.keyword === 'enum';
      const message = newerIstioMayAccept ? `${located.message} (Our schemas: ${registry.releaseOf(entry)}.)` : located.message;
      const out = finding('IST0106', resource, located.range, message);
      if (newerIstioMayAccept && options.unknownFieldSeverity) out.severity = options.unknownFieldSeverity;
      findings.push(out);
    }
  }
  return findings;
}

function hasPlaceholderKey(data: unknown): boolean {
  return !!data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).some(hasPlaceholder);
}

function isAboutMissingFields(error: ErrorObject): boolean {
  if (error.keyword === 'required') return true;
  return error.keyword === 'x-one-of' && (error.params as unknown as OneOfViolation).present.length === 0;
}

/**
 * Kubernetes treats `key:` with no value as an absent field; so do we, so half-typed keys don't pile up errors.
 * An alias inside its own anchor (`spec: &s {x: *s}`) makes the data cyclic: that is reported, not recursed into forever.
 */
function withoutNullFields(value: unknown, ancestors = new Set<object>()): unknown {
  if (!value || typeof value !== 'object') return value;
  if (ancestors.has(value)) throw new Error('an alias refers to a node that contains it (a cycle)');
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((item) => withoutNullFields(item, ancestors));
  else {
    const map: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) map[k] = withoutNullFields(v, ancestors);
    out = map;
  }
  ancestors.delete(value);
  return out;
}

function unknownKind(resource: Resource, registry: SchemaRegistry): Finding[] {
  const inGroup = registry.entriesOfGroup(resource.group);
  if (!inGroup.length) return []; // an Istio group we have no schemas for (e.g. install.istio.io)
  const kinds = [...new Set(inGroup.map((e) => e.kind))];
  const kindEntry = getEntry(resource.root, 'kind');
  const apiVersionEntry = getEntry(resource.root, 'apiVersion');
  const kindRange = kindEntry?.value ? rangeOf(kindEntry.value) : resource.anchor;
  const versionRange = apiVersionEntry?.value ? rangeOf(apiVersionEntry.value) : resource.anchor;
  if (!kinds.includes(resource.kind)) {
    const guess = closestMatch(resource.kind, kinds);
    const hint = guess ? ` Did you mean ${guess}?` : ` Kinds of ${resource.group}: ${kinds.join(', ')}.`;
    return [finding('IY0002', resource, kindRange, `${resource.group} has no kind ${resource.kind}.${hint}`)];
  }
  const versions = inGroup.filter((e) => e.kind === resource.kind).map((e) => `${e.group}/${e.version}`);
  return [finding('IY0002', resource, versionRange, `${resource.kind} is not served by ${resource.apiVersion}; use ${versions.join(' or ')}.`)];
}

interface Located {
  node: Node | null;
  key?: Scalar;
  /** How many segments of the path were found in the YAML (merge keys can hide the rest). */
  depth: number;
}

function locate(root: Node, segments: string[], reading: number): Located {
  let node: Node | null = root;
  let key: Scalar | undefined;
  let depth = 0;
  for (const segment of segments) {
    if (isSeq(node) && /^\d+$/.test(segment)) {
      const item: unknown = node.items[Number(segment)];
      if (item === undefined) break;
      node = (item as Node | null) ?? null;
      key = undefined;
    } else if (isMap(node)) {
      const entry = readingEntry(node, segment, reading);
      if (!entry) break;
      node = entry.value;
      key = entry.key;
    } else break;
    depth++;
  }
  return { node, key, depth };
}

function pathSegments(instancePath: string): string[] {
  return instancePath ? instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
}

/** The field's last key, quoted, for messages about a value. */
function fieldName(segments: string[]): string {
  const names = segments.filter((s) => !/^\d+$/.test(s));
  return names.length ? `"${names[names.length - 1]}"` : 'the resource';
}

/** The path of an object for messages about its keys: `spec.http[0].route[1]`. */
function objectPath(segments: string[]): string {
  if (!segments.length) return 'the resource';
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i ? `.${s}` : s)).join('');
}

/** The range that stands for a whole collection: its key, else its first line. */
function headRange(located: Located, resource: Resource): OffsetRange {
  if (located.key) return rangeOf(located.key);
  if (located.node) return firstLineOf(rangeOf(located.node), resource);
  return resource.anchor;
}

function firstLineOf(range: OffsetRange, resource: Resource): OffsetRange {
  const lines = resource.file.lines;
  return { start: range.start, end: Math.min(range.end, lines.lineEnd(lines.positionAt(range.start).line)) };
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return `the ${typeof value} ${String(value)}`;
}

function describeType(schema: SchemaNode | undefined, fallback: unknown): string {
  const hint = schema?.['x-pattern-hint'];
  if (hint) return hint;
  const type = schema?.type ?? fallback;
  const list = Array.isArray(type) ? type : [type];
  const words: Record<string, string> = { object: 'a map', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' };
  return list.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

function describeError(error: ErrorObject, resource: Resource, reading: number): { range: OffsetRange; message: string } {
  const segments = pathSegments(error.instancePath);
  const located = locate(resource.root, segments, reading);
  const complete = located.depth === segments.length;
  const where = fieldName(segments);
  const objectWhere = objectPath(segments);
  const valueRange = located.node && complete ? (isScalar(located.node) ? rangeOf(located.node) : headRange(located, resource)) : headRange(located, resource);
  const parentSchema = error.parentSchema as SchemaNode | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = String((error.params as { additionalProperty: string }).additionalProperty);
      const entry = complete && isMap(located.node) ? readingEntry(located.node, unknown, reading) : undefined;
      const allowed = Object.keys(parentSchema?.properties ?? {});
      const guess = closestMatch(unknown, allowed);
      const suggestion = guess ? ` Did you mean "${guess}"?` : allowed.length && allowed.length <= 12 ? ` Fields of ${objectWhere}: ${allowed.join(', ')}.` : '';
      return { range: entry ? rangeOf(entry.key) : headRange(located, resource), message: `Unknown field "${unknown}" in ${objectWhere}.${suggestion}` };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return { range: complete ? headRange(located, resource) : resource.anchor, message: `Missing required field "${missing}" in ${objectWhere}.` };
    }
    case 'enum': {
      const allowed = (error.schema as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? closestMatch(error.data, allowed) : undefined;
      return {
        range: valueRange,
        message: `Invalid value ${JSON.stringify(error.data)} for ${where}.${guess ? ` Did you mean ${guess}?` : ''} Allowed values: ${allowed.join(', ')}.`,
      };
    }
    case 'type':
      return { range: valueRange, message: `Expected ${describeType(parentSchema, error.schema)} for ${where}, found ${describeValue(error.data)}.` };
    case 'minimum':
    case 'maximum': {
      const min = parentSchema?.minimum;
      const max = parentSchema?.maximum;
      const bounds = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
      return { range: valueRange, message: `${capitalize(where)} must be ${bounds}, found ${String(error.data)}.` };
    }
    case 'pattern':
      return { range: valueRange, message: `Expected ${describeType(parentSchema, 'string')} for ${where}, found ${describeValue(error.data)}.` };
    case 'x-one-of': {
      const v = error.params as unknown as OneOfViolation;
      const message = (v.present.length > 1
        ? `Only one of ${v.keys.join(', ')} may be set in ${objectWhere}, found ${v.present.join(' and ')}.`
        : `One of ${v.keys.join(', ')} is required in ${objectWhere}.`) + (v.hint ? ` ${v.hint}` : '');
      const firstExtra = v.present.length > 1 && isMap(located.node) ? readingEntry(located.node, v.present[1], reading) : undefined;
      return { range: firstExtra ? rangeOf(firstExtra.key) : headRange(located, resource), message };
    }
    case 'x-field-rules':
    case 'x-unique-by': {
      const v = error.params as unknown as RuleViolation;
      const target = v.at.length && complete ? locate(resource.root, [...segments, ...v.at], reading) : undefined;
      const targetComplete = target !== undefined && target.depth === segments.length + v.at.length;
      const range = targetComplete ? (target.key ? rangeOf(target.key) : headRange(target, resource)) : headRange(located, resource);
      return { range, message: `${v.message} (in ${objectPath([...segments, ...v.at.slice(0, -1)])})` };
    }
    default:
      return { range: valueRange, message: `${capitalize(where)} ${error.message ?? 'is invalid'}.` };
  }
}

function capitalize(text: string): string {
  return text.startsWith('"') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
