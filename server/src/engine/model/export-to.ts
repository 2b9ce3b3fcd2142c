import { isScalar } from 'yaml';
import { asMap, asSeq, getEntry, getValue, scalarText } from '../parse/yaml-nodes';
import { hasPlaceholder } from '../text/templating';
import { isIstioGroup, type Resource } from './resource';
import { SharedView } from './shared-view';

/** Whether a resource in `ownNamespace` with `exportTo` is visible from `namespace` (empty exportTo means everywhere). */
export function isExportedTo(exportTo: readonly string[], ownNamespace: string, namespace: string): boolean {
  if (!exportTo.length) return true;
  return exportTo.some((e) => e === '*' || e === namespace || (e === '.' && ownNamespace === namespace));
}

/**
 * Where a resource is visible, read the way istioctl's analyzers read it: `all` for no exportTo or one
 * holding `*`; otherwise the scope names, `.` replaced by the own namespace and every other value (`~`,
 * a typo) kept as written, since istioctl compares them as plain strings. `unknown` when a value is a
 * placeholder or not a string: then nothing is concluded from the scope.
 */
export interface ExportScope {
  all: boolean;
  scopes: ReadonlySet<string>;
  unknown: boolean;
}

const everywhere: ExportScope = { all: true, scopes: new Set(), unknown: false };
const unknownScope: ExportScope = { all: false, scopes: new Set(), unknown: true };

/** Istio kinds with `spec.exportTo`: lookups read it on every candidate, so it travels with a file's facts. */
const exportingKinds = new Set(['VirtualService', 'DestinationRule', 'ServiceEntry', 'Sidecar']);
const exportToView = new SharedView('exportTo', (r) => exportingKinds.has(r.kind) && isIstioGroup(r.group), (r) => specStrings(r, 'exportTo'));

/** The raw `spec.exportTo` values of a resource; undefined when the field has a shape or value we cannot read. */
export function exportToValues(resource: Resource): string[] | undefined {
  return exportToView.of(resource);
}

/** The strings of the list `spec.<field>` ([] when absent); undefined when an item is not a plain string or holds a placeholder. */
export function specStrings(resource: Resource, field: string): string[] | undefined {
  const entry = getEntry(asMap(getValue(resource.root, 'spec')), field);
  if (!entry || entry.value === null) return [];
  const seq = asSeq(entry.value);
  if (!seq) return undefined;
  const out: string[] = [];
  for (const item of seq.items) {
    const text = scalarText(item);
    if (text === undefined || !isScalar(item) || hasPlaceholder(text)) return undefined;
    out.push(text);
  }
  return out;
}

/** The scope of an `exportTo` list (ServiceEntry, VirtualService) as istioctl reads it. */
export function exportScopeOf(values: readonly string[] | undefined, ownNamespace: string): ExportScope {
  if (values === undefined) return unknownScope;
  if (!values.length || values.includes('*')) return everywhere;
  return { all: false, scopes: new Set(values.map((v) => (v === '.' ? ownNamespace : v))), unknown: false };
}

const serviceExportAnnotation = 'networking.istio.io/exportTo';

/**
 * The scope of a Kubernetes Service from its `networking.istio.io/exportTo` annotation, as istioctl reads it:
 * absent or empty is everywhere; otherwise comma-separated values, trimmed, `.` for the own namespace.
 */
export function serviceExportScope(service: Resource): ExportScope {
  const annotations = asMap(getValue(asMap(getValue(service.root, 'metadata')), 'annotations'));
  const entry = getEntry(annotations, serviceExportAnnotation);
  if (!entry || entry.value === null) return everywhere;
  const text = scalarText(entry.value);
  if (text === undefined || hasPlaceholder(text)) return unknownScope;
  if (text === '') return everywhere;
  const values = text.split(',').map((v) => v.trim());
  if (values.includes('*')) return everywhere;
  return { all: false, scopes: new Set(values.map((v) => (v === '.' ? service.namespace : v))), unknown: false };
}

/** Whether a scope admits `scope` (a namespace, or a raw exportTo value istioctl looks up as one). */
export function scopeAdmits(exportScope: ExportScope, scope: string): boolean {
  return exportScope.all || exportScope.unknown || exportScope.scopes.has(scope);
}
