import { hostCovers } from '../../hosts';

/**
 * How specifically a route host names a request host. Envoy picks a virtual host by the most specific
 * domain (exact, then the longest wildcard suffix, then `*`), and the Gateway API orders routes by
 * "characters in a matching non-wildcard hostname, then characters in a matching hostname": both come to
 * the same order, so one rank serves VirtualService hosts and Gateway API hostnames.
 */

/** Above any wildcard's rank: a DNS name has at most 253 characters. */
const exactBase = 1000;

/**
 * The rank of `pattern` (an FQDN, `*.suffix`, `*`, or `''` for a Gateway API route without hostnames)
 * for `host`, larger meaning more specific; undefined when the pattern does not match the host.
 * `*.example.com` matches `a.b.example.com` but not `example.com`.
 */
export function hostMatchRank(pattern: string, host: string): number | undefined {
  const p = pattern.trim().toLowerCase();
  const h = host.trim().toLowerCase();
  if (p === '') return 0;
  if (!hostCovers(p, h)) return undefined;
  return hostnameSpecificity(p);
}

/** The rank `hostMatchRank` gives a pattern that matched: exact names above wildcards, longer above shorter, `''` (any) 0. */
export function hostnameSpecificity(pattern: string): number {
  const p = pattern.trim();
  if (p === '') return 0;
  // `*` ranks 1, `*.com` 5, `*.example.com` 13: the longer the suffix, the more specific.
  return p.startsWith('*') ? p.length : exactBase + p.length;
}

/** The most specific of `patterns` for `host` (the first on a tie), or undefined when none matches. */
export function mostSpecificHost(patterns: readonly string[], host: string): { pattern: string; rank: number } | undefined {
  let best: { pattern: string; rank: number } | undefined;
  for (const pattern of patterns) {
    const rank = hostMatchRank(pattern, host);
    if (rank !== undefined && (!best || rank > best.rank)) best = { pattern, rank };
  }
  return best;
}
