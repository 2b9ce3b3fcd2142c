/** EnvoyFilter manifests for the EnvoyFilter analyzer tests. */

export interface PatchSpec {
  applyTo?: string;
  operation?: string;
  /** The value's `name` (a value with other fields is written when undefined and `value` is not false). */
  name?: string;
  /** false: no value at all. */
  value?: boolean;
  proxyVersion?: string;
  /** Name of the listener filter the patch matches. */
  filter?: string;
}

function patchLines(p: PatchSpec): string {
  const lines: string[] = [];
  lines.push(p.applyTo ? `  - applyTo: ${p.applyTo}` : '  - match: {context: ANY}');
  if (p.applyTo) {
    lines.push('    match:');
    lines.push('      context: SIDECAR_INBOUND');
    if (p.proxyVersion) lines.push(`      proxy:\n        proxyVersion: '${p.proxyVersion}'`);
    if (p.filter) lines.push(`      listener:\n        filterChain:\n          filter:\n            name: ${p.filter}`);
  }
  lines.push('    patch:');
  if (p.operation) lines.push(`      operation: ${p.operation}`);
  if (p.value !== false) {
    lines.push('      value:');
    if (p.name !== undefined) lines.push(`        name: ${p.name}`);
    lines.push('        typed_config:\n          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua');
  }
  return lines.join('\n');
}

/** An EnvoyFilter with the given patches (and priority, when given). */
export function envoyFilter(name: string, patches: PatchSpec[], priority?: number | string): string {
  return `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: ${name}
spec:
${priority !== undefined ? `  priority: ${priority}\n` : ''}  configPatches:
${patches.map(patchLines).join('\n')}
`;
}
