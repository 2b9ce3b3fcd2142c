// Summarizes V8 .cpuprofile files (node --cpu-prof): top functions by self time and by total time,
// and self time per source file, with bundle positions mapped back to sources through the bundle's source map.
// Usage: node out/bench/profile-summary.js PROFILE_OR_DIR [--top N]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionCost {
  name: string;
  location: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  busyMs: number;
  idleMs: number;
  gcMs: number;
  topSelf: FunctionCost[];
  topTotal: FunctionCost[];
  bySourceFile: Array<{ source: string; selfMs: number }>;
}

// ---- source maps (only what a lookup needs: VLQ "mappings" of version 3 maps) ----

interface SourceMap {
  sources: string[];
  /** Per generated line: segments [generatedColumn, sourceIndex, sourceLine, sourceColumn], sorted by column. */
  lines: number[][][];
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Value = new Map([...base64].map((c, i) => [c, i]));

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64Value.get(char);
    if (digit === undefined) break;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function loadSourceMap(mapFile: string): SourceMap | undefined {
  if (!existsSync(mapFile)) return undefined;
  const raw = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string; sourceRoot?: string };
  const lines: number[][][] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of raw.mappings.split(';')) {
    let column = 0;
    const segments: number[][] = [];
    if (lineText) {
      for (const seg of lineText.split(',')) {
        const v = decodeVlq(seg);
        if (!v.length) continue;
        column += v[0];
        if (v.length >= 4) {
          source += v[1];
          sourceLine += v[2];
          sourceColumn += v[3];
          segments.push([column, source, sourceLine, sourceColumn]);
        }
      }
    }
    lines.push(segments);
  }
  const dir = path.dirname(mapFile);
  return { sources: raw.sources.map((s) => path.relative(process.cwd(), path.resolve(dir, raw.sourceRoot ?? '', s))), lines };
}

function lookup(map: SourceMap, line: number, column: number): { source: string; line: number } | undefined {
  const segments = map.lines[line];
  if (!segments?.length) return undefined;
  let found: number[] | undefined;
  for (const seg of segments) {
    if (seg[0] > column) break;
    found = seg;
  }
  found ??= segments[0];
  return { source: map.sources[found[1]], line: found[2] + 1 };
}

// ---- profiles ----

const maps = new Map<string, SourceMap | undefined>();

function locate(frame: CallFrame): { source: string; location: string } {
  if (!frame.url) return { source: '(native)', location: '' };
  let file = frame.url;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  if (!maps.has(file)) maps.set(file, file.endsWith('.js') ? loadSourceMap(`${file}.map`) : undefined);
  const map = maps.get(file);
  const mapped = map && frame.lineNumber >= 0 ? lookup(map, frame.lineNumber, frame.columnNumber) : undefined;
  if (mapped) return { source: mapped.source, location: `${mapped.source}:${mapped.line}` };
  const rel = path.relative(process.cwd(), file);
  return { source: rel, location: `${rel}:${frame.lineNumber + 1}` };
}

/** Self and total time per function of one profile (recursion counted once in totals). */
export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this one
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + Math.max(0, dt));
  }
  const keyOf = new Map<number, string>();
  const info = new Map<string, { name: string; location: string; source: string }>();
  for (const node of profile.nodes) {
    const { source, location } = locate(node.callFrame);
    const name = node.callFrame.functionName || '(anonymous)';
    const key = `${name}@${location}`;
    keyOf.set(node.id, key);
    if (!info.has(key)) info.set(key, { name, location, source });
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  // Depth-first, carrying which keys are already on the stack so recursion is not counted twice.
  const root = profile.nodes[0];
  const subtreeUs = new Map<number, number>();
  const computeSubtree = (id: number): number => {
    const node = byId.get(id)!;
    let sum = selfUs.get(id) ?? 0;
    for (const child of node.children ?? []) sum += computeSubtree(child);
    subtreeUs.set(id, sum);
    return sum;
  };
  computeSubtree(root.id);
  const onStack = new Map<string, number>();
  const walk = (id: number) => {
    const node = byId.get(id)!;
    const key = keyOf.get(id)!;
    self.set(key, (self.get(key) ?? 0) + (selfUs.get(id) ?? 0));
    if (!onStack.get(key)) total.set(key, (total.get(key) ?? 0) + (subtreeUs.get(id) ?? 0));
    onStack.set(key, (onStack.get(key) ?? 0) + 1);
    for (const child of node.children ?? []) walk(child);
    onStack.set(key, onStack.get(key)! - 1);
  };
  walk(root.id);
  const special = (name: string) => [...self.entries()].filter(([k]) => k.startsWith(`${name}@`)).reduce((s, [, v]) => s + v, 0) / 1000;
  const idleMs = special('(idle)');
  const gcMs = special('(garbage collector)');
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const cost = (key: string): FunctionCost => ({
    name: info.get(key)!.name,
    location: info.get(key)!.location,
    selfMs: (self.get(key) ?? 0) / 1000,
    totalMs: (total.get(key) ?? 0) / 1000,
  });
  const isMeta = (key: string) => /^\((root|idle|program)\)@/.test(key);
  const keys = [...info.keys()].filter((k) => !isMeta(k));
  const topSelf = keys
    .map(cost)
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
  const topTotal = keys
    .map(cost)
    .filter((c) => c.name !== '(anonymous)' || c.location)
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, top);
  const perSource = new Map<string, number>();
  for (const key of keys) {
    const source = info.get(key)!.source;
    perSource.set(source, (perSource.get(source) ?? 0) + (self.get(key) ?? 0) / 1000);
  }
  const bySourceFile = [...perSource.entries()]
    .map(([source, selfMs]) => ({ source, selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
  return { file, wallMs, busyMs: wallMs - idleMs, idleMs, gcMs, topSelf, topTotal, bySourceFile };
}

export function formatProfileSummary(s: ProfileSummary, top = 25): string {
  const pct = (ms: number) => (s.busyMs > 0 ? `${((100 * ms) / s.busyMs).toFixed(1)}%` : '');
  const out: string[] = [];
  out.push(`### ${path.relative(process.cwd(), s.file)}`);
  out.push(`wall ${s.wallMs.toFixed(0)} ms, busy (not idle) ${s.busyMs.toFixed(0)} ms, GC ${s.gcMs.toFixed(0)} ms (${pct(s.gcMs)} of busy)`);
  out.push('', `Top ${top} by self time (% of busy):`, '', '| self ms | % | total ms | function | where |', '|---:|---:|---:|---|---|');
  for (const c of s.topSelf.slice(0, top)) out.push(`| ${c.selfMs.toFixed(1)} | ${pct(c.selfMs)} | ${c.totalMs.toFixed(1)} | ${c.name} | ${c.location} |`);
  out.push('', `Top ${top} by total (inclusive) time:`, '', '| total ms | % | self ms | function | where |', '|---:|---:|---:|---|---|');
  for (const c of s.topTotal.slice(0, top)) out.push(`| ${c.totalMs.toFixed(1)} | ${pct(c.totalMs)} | ${c.selfMs.toFixed(1)} | ${c.name} | ${c.location} |`);
  out.push('', 'Self time by source file:', '', '| self ms | % | source |', '|---:|---:|---|');
  for (const f of s.bySourceFile.slice(0, 15)) out.push(`| ${f.selfMs.toFixed(1)} | ${pct(f.selfMs)} | ${f.source} |`);
  return out.join('\n');
}

/** The .cpuprofile files at `target` (a file, or a folder searched one level deep). */
export function profileFiles(target: string): string[] {
  if (!existsSync(target)) return [];
  if (statSync(target).isFile()) return [target];
  return readdirSync(target)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(target, f));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args[topIndex + 1]) || 25 : 25;
  const targets = args.filter((_, i) => topIndex < 0 || (i !== topIndex && i !== topIndex + 1));
  const files = targets.flatMap(profileFiles);
  if (!files.length) {
    process.stderr.write('usage: profile-summary PROFILE_OR_DIR [--top N]  (no .cpuprofile found)\n');
    process.exit(2);
  }
  for (const file of files) process.stdout.write(formatProfileSummary(summarizeProfile(file, top), top) + '\n\n');
}
