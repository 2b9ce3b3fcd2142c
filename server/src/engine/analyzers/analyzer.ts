import type { Finding, FindingData, OffsetRange, RelatedLocation } from '../finding';
import { refOf, type Resource } from '../model/resource';
import type { IndexLookups } from '../workspace/resource-index';
import type { MeshSettings } from '../model/mesh-config';
import { codeTable } from './codes';

export interface AnalysisContext {
  /** Lookups over every known resource; what an analyzer reads here decides when it runs again. */
  index: IndexLookups;
  /** Mesh-wide settings (read lazily: only the checks that need them depend on the mesh ConfigMap). */
  mesh(): MeshSettings;
}

/** One cross-resource check: a pure function of a resource and the index. */
export interface Analyzer {
  /** Kebab-case name of the check, as its file is named. */
  id: string;
  group: string;
  kind: string;
  analyze(resource: Resource, context: AnalysisContext): Finding[];
}

/** A finding with the code's default severity, attributed to `resource`. */
export function finding(
  code: keyof typeof codeTable,
  resource: Resource,
  range: OffsetRange,
  message: string,
  related?: RelatedLocation[],
  data?: FindingData,
): Finding {
  const out: Finding = { code, severity: codeTable[code].severity, message, range, resource: refOf(resource) };
  if (related?.length) out.related = related;
  if (data) out.data = data;
  return out;
}

/** A related location pointing at a resource's name. */
export function relatedTo(resource: Resource, message: string): RelatedLocation {
  return { uri: resource.uri, range: resource.anchor, message, resource: refOf(resource) };
}
