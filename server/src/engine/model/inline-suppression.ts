import type { Finding } from '../finding';
import type { ParsedFile } from '../parse/parsed-file';

/**
 * Comments that silence findings, as linters take them: `# istio-yaml-disable-next-line CODE[, CODE...]` silences
 * the codes on the next line that is not blank or a comment, `# istio-yaml-disable CODE...` from its line to the end
 * of the YAML document (`---`). Without codes, every code. Read from the text, so templates and broken YAML work too.
 */

interface Suppression {
  /** 0-based lines, inclusive. */
  from: number;
  to: number;
  /** Empty: every code. */
  codes: ReadonlySet<string>;
}

const directive = /#\s*istio-yaml-(disable-next-line|disable)\b([^#\n]*)/;
const byFile = new WeakMap<ParsedFile, readonly Suppression[]>();

function suppressionsOf(file: ParsedFile): readonly Suppression[] {
  let found = byFile.get(file);
  if (found) return found;
  const out: Suppression[] = [];
  const lines = file.text.split('\n');
  lines.forEach((line, i) => {
    const m = directive.exec(line);
    if (!m) return;
    const codes = new Set(m[2].split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]+\d+$/.test(c)));
    if (m[1] === 'disable-next-line') {
      let next = i + 1;
      while (next < lines.length && /^\s*(#.*)?\r?$/.test(lines[next])) next++;
      out.push({ from: next, to: next, codes });
    } else {
      let end = i + 1;
      while (end < lines.length && !/^---(\s|$)/.test(lines[end])) end++;
      out.push({ from: i, to: end - 1, codes });
    }
  });
  byFile.set(file, (found = out));
  return found;
}

/** The findings of the file that no suppression comment silences. */
export function withoutInlineSuppressed(findings: Finding[], file: ParsedFile): Finding[] {
  if (!file.text.includes('istio-yaml-disable')) return findings;
  const suppressions = suppressionsOf(file);
  if (!suppressions.length) return findings;
  return findings.filter((f) => {
    const line = file.lines.positionAt(f.range.start).line;
    return !suppressions.some((s) => line >= s.from && line <= s.to && (!s.codes.size || s.codes.has(f.code)));
  });
}
