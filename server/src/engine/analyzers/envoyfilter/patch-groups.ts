import type { EnvoyPatch } from '../../model/envoyfilter-patches';

/**
 * istioctl words each of these messages without naming the patch and merges equal messages on one resource,
 * so it reports a code once per EnvoyFilter; a patch whose `value` is a scalar gets a line of its own and
 * is not merged. These are the groups one finding each stands for, in patch order.
 */
export function mergedAsIstioctl(patches: readonly EnvoyPatch[]): EnvoyPatch[][] {
  const merged: EnvoyPatch[] = [];
  const groups: EnvoyPatch[][] = [];
  for (const patch of patches) {
    if (patch.scalarValue) groups.push([patch]);
    else {
      if (!merged.length) groups.push(merged);
      merged.push(patch);
    }
  }
  return groups;
}

/** "patch 2" or "patches 1, 3 and 4" (1-based, as a person counts). */
export function describePatches(patches: readonly EnvoyPatch[]): string {
  const numbers = patches.map((p) => String(p.position + 1));
  if (numbers.length === 1) return `patch ${numbers[0]}`;
  return `patches ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
