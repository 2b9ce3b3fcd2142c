import type { Finding } from '../finding';

/** istioctl's `--suppress "CODE=Kind name.namespace"`; `*` matches any run of characters. */
export interface Suppression {
  code: string;
  resource: RegExp;
}

/** The rule written `CODE=Kind name.namespace`, or why it is not one. */
export function parseSuppression(text: string | undefined): Suppression | string {
  const match = /^\s*([A-Za-z]+\d+)\s*=\s*(\S+)\s+(\S+)\s*$/.exec(text ?? '');
  if (!match) return `a suppression is written CODE="Kind name.namespace", not ${text ?? 'nothing'}`;
  const pattern = `${match[2]} ${match[3]}`.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return { code: match[1].toUpperCase(), resource: new RegExp(`^${pattern}$`) };
}

/** Whether a rule names the finding's code (or `*`) and its resource; findings on no resource are never suppressed this way. */
export function isSuppressed(finding: Finding, suppressions: readonly Suppression[]): boolean {
  if (!finding.resource || !suppressions.length) return false;
  const name = `${finding.resource.kind} ${finding.resource.name}.${finding.resource.namespace}`;
  return suppressions.some((s) => (s.code === finding.code || s.code === '*') && s.resource.test(name));
}
