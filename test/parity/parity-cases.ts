import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineWith } from '../helpers/engine';
import { repoRoot } from '../helpers/catalog';

/**
 * The parity corpus: our own fixtures, each written from the semantics of one istioctl analyzer. A fixture is a
 * multi-document YAML file whose header comments say what `istioctl analyze --use-kube=false` reports on it:
 *
 *   # analyzer: virtualservice/gateways           (istioctl's analyzer, by its source folder/file)
 *   # istioctl: IST0101 VirtualService default/vs  (one line per finding; none means istioctl is silent)
 *   # ours: IST0101 VirtualService default/vs      (only where we differ on purpose: what we report instead)
 *   # why: ...                                     (required with `ours`: the deliberate difference)
 *
 * Only IST codes are compared: IY codes are ours and istioctl has no opinion on them.
 */

export const parityRoot = path.join(repoRoot, 'test', 'fixtures', 'parity');

export interface ParityCase {
  /** Path relative to the parity root. */
  file: string;
  analyzer: string;
  istioctl: string[];
  /** What we report where we differ on purpose; undefined where we mean to agree. */
  ours?: string[];
  why?: string;
  text: string;
}

export function loadParityCases(root = parityRoot): ParityCase[] {
  const out: ParityCase[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) out.push(parseCase(path.relative(root, full), fs.readFileSync(full, 'utf8')));
    }
  };
  walk(root);
  return out;
}

function parseCase(file: string, text: string): ParityCase {
  let analyzer = '';
  const istioctl: string[] = [];
  let ours: string[] | undefined;
  let why: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^#\s*(analyzer|istioctl|ours|why):\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const [, key, value] = m;
    if (key === 'analyzer') analyzer = value;
    else if (key === 'istioctl') istioctl.push(normalize(value));
    else if (key === 'ours') (ours ??= []).push(normalize(value));
    else why = value;
  }
  if (!analyzer) throw new Error(`${file}: no "# analyzer:" line`);
  if (ours && !why) throw new Error(`${file}: "# ours:" without "# why:"`);
  // "# ours:" with nothing after it means: we report nothing here.
  if (ours) ours = ours.filter((l) => l);
  return { file, analyzer, istioctl: istioctl.filter((l) => l).sort(), ours: ours?.sort(), why, text };
}

function normalize(line: string): string {
  return line.trim().split(/\s+/).join(' ');
}

/** What we report on the case: "CODE Kind ns/name" per IST finding, sorted (a multiset). */
export function ourIstFindings(parityCase: ParityCase): string[] {
  const engine = engineWith({ [parityCase.file]: parityCase.text });
  return engine
    .diagnose(`file:///${parityCase.file}`)
    .filter((f) => f.code.startsWith('IST'))
    .map((f) => `${f.code} ${f.resource?.kind ?? '?'} ${f.resource?.namespace ?? '?'}/${f.resource?.name ?? '?'}`)
    .sort();
}
