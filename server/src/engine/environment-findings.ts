import type { Finding } from './finding';

/** One environment's findings on a resource analyzed in several. */
export interface EnvironmentFindings {
  name: string;
  findings: readonly Finding[];
}

/**
 * One list from a resource's findings in each environment it is analyzed in: a finding made in all of them is
 * reported once, as made; one made in some only says where, e.g. "… (in environment prod)".
 */
export function mergeEnvironmentFindings(runs: readonly EnvironmentFindings[]): Finding[] {
  if (runs.length === 1) return [...runs[0].findings];
  const byKey = new Map<string, { finding: Finding; names: string[] }>();
  for (const run of runs) {
    for (const finding of run.findings) {
      const key = `${finding.code}\u0000${finding.range.start}\u0000${finding.range.end}\u0000${finding.message}`;
      const seen = byKey.get(key);
      if (!seen) byKey.set(key, { finding, names: [run.name] });
      else if (!seen.names.includes(run.name)) seen.names.push(run.name);
    }
  }
  const out: Finding[] = [];
  for (const { finding, names } of byKey.values()) {
    out.push(names.length === runs.length ? finding : { ...finding, message: `${finding.message} ${environmentSuffix(names)}` });
  }
  return out;
}

/** `(in environment prod)`, `(in environments dev, prod)`. */
export function environmentSuffix(names: readonly string[]): string {
  return `(in environment${names.length === 1 ? '' : 's'} ${names.join(', ')})`;
}
