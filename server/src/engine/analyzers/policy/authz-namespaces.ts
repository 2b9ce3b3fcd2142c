import type { Finding } from '../../finding';
import { asMap, asSeq, getValue, stringItems, type LocatedString } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { finding, type Analyzer } from '../analyzer';

// Every cluster has these, declared in the files or not (istioctl's loader even drops the kube-* ones).
const alwaysPresent = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** istioctl's namespace pattern: `*` matches all, `*x` a suffix, `x*` a prefix, else a case-insensitive name. */
export function namespacePatternMatches(pattern: string, namespace: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return namespace.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return namespace.startsWith(pattern.slice(0, -1));
  return namespace.toLowerCase() === pattern.toLowerCase();
}

/**
 * IST0101 (namespace): each `rules[].from[].source.namespaces` / `notNamespaces` entry of an AuthorizationPolicy
 * must name a Namespace of the workspace, exactly or by a `prefix*` / `*suffix` / `*` pattern (exact names compare
 * case-insensitively). Speaks only where the workspace declares Namespaces; besides those, the namespaces every
 * cluster with Istio has (default, kube-system, kube-public, kube-node-lease, the mesh root namespace) and the
 * policy's own namespace count as existing (ours: istioctl reports them when no Namespace declares them).
 */
export const authorizationPolicyNamespaces: Analyzer = {
  id: 'authz-namespaces',
  group: 'security.istio.io',
  kind: 'AuthorizationPolicy',
  analyze(resource, context) {
    const { index } = context;
    const entries = sourceNamespaces(resource.root);
    if (!entries.length || index.countOfKind('', 'Namespace') === 0) return [];
    const declared = index.ofKind('', 'Namespace').map((ns) => ns.name).filter((name) => name);
    const known = new Set([...declared, ...alwaysPresent, context.mesh().rootNamespace, resource.namespace]);
    const out: Finding[] = [];
    for (const { field, entry } of entries) {
      if (hasPlaceholder(entry.value)) continue;
      if ([...known].some((ns) => namespacePatternMatches(entry.value, ns))) continue;
      const isPattern = entry.value.includes('*');
      const message =
        `Referenced namespace not found: "${entry.value}". No Namespace in the workspace ${isPattern ? 'matches this pattern' : 'has this name'}, ` +
        `so this \`${field}\` entry ${field === 'namespaces' ? 'matches no request source' : 'excludes nothing'}. Fix the name (declared: ${declared.slice(0, 8).join(', ')}${declared.length > 8 ? ', ...' : ''}) or add the Namespace.`;
      out.push(finding('IST0101', resource, entry.range, message, undefined, { namespace: entry.value }));
    }
    return out;
  },
};

function sourceNamespaces(root: unknown): { field: string; entry: LocatedString }[] {
  const out: { field: string; entry: LocatedString }[] = [];
  const rules = asSeq(getValue(asMap(getValue(asMap(root), 'spec')), 'rules'))?.items ?? [];
  for (const rule of rules) {
    for (const from of asSeq(getValue(asMap(rule), 'from'))?.items ?? []) {
      const source = asMap(getValue(asMap(from), 'source'));
      for (const field of ['namespaces', 'notNamespaces']) {
        for (const entry of stringItems(getValue(source, field))) out.push({ field, entry });
      }
    }
  }
  return out;
}
