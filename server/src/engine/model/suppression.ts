import type { Resource } from './resource';
import { asMap, getValue, scalarText } from '../parse/yaml-nodes';

/** istioctl's annotation: a comma-separated list of codes to ignore on this resource, `*` for all. */
export const suppressAnnotation = 'galley.istio.io/analyze-suppress';

/** Per resource identity: read once, or taken from a scan worker, so checking a closed file needs no tree. */
const byId = new WeakMap<object, ReadonlySet<string>>();

/** The codes the resource's annotation suppresses. */
export function suppressedCodes(resource: Resource): ReadonlySet<string> {
  let codes = byId.get(resource.id);
  if (!codes) byId.set(resource.id, (codes = readSuppressedCodes(resource)));
  return codes;
}

/** Takes the suppressed codes read elsewhere (a scan worker). */
export function rememberSuppressedCodes(resource: Resource, codes: readonly string[]): void {
  byId.set(resource.id, new Set(codes));
}

function readSuppressedCodes(resource: Resource): Set<string> {
  const annotations = asMap(getValue(asMap(getValue(resource.root, 'metadata')), 'annotations'));
  const value = scalarText(getValue(annotations, suppressAnnotation));
  if (!value) return new Set();
  return new Set(value.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean));
}
