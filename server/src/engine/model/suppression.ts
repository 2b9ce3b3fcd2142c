import type { Resource } from './resource';
import { asMap, getValue, scalarText } from '../parse/yaml-nodes';

/** istioctl's annotation: a comma-separated list of codes to ignore on this resource, `*` for all. */
export const suppressAnnotation = 'galley.istio.io/analyze-suppress';

export function suppressedCodes(resource: Resource): Set<string> {
  const annotations = asMap(getValue(asMap(getValue(resource.root, 'metadata')), 'annotations'));
  const value = scalarText(getValue(annotations, suppressAnnotation));
  if (!value) return new Set();
  return new Set(value.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean));
}
