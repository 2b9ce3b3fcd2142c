import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Position, Range } from 'vscode-languageserver-protocol';

/**
 * Generated benchmark workloads. Every line of every resource is laid out at a fixed offset from the
 * resource's first line, so edit, completion and hover positions are computed, not searched for.
 */

export interface Edit {
  range: Range;
  text: string;
  what: string;
}

export interface CompletionProbe {
  position: Position;
  /** A label the answer must contain. */
  expectLabel: string;
}

export interface HoverProbe {
  position: Position;
  /** Schema path of the field under the cursor ('[]' for array items). */
  schemaPath: string[];
}

export interface TypingProbe {
  /** A one-character change of a string value (findings stay the same). */
  edit: Edit;
  /** Completion requested right after it, elsewhere in the file. */
  probe: CompletionProbe;
}

export interface FileWorkload {
  text: string;
  lines: number;
  resources: number;
  /** One-character edits near the middle, applied one after the other (each adds a finding). */
  edits: Edit[];
  completions: CompletionProbe[];
  hovers: HoverProbe[];
  typing: TypingProbe[];
}

export const vsCount = 2000;
const namespaces = 20;
const gatewayCount = 100;

// Line offsets inside one VirtualService (see virtualService below).
const vs = {
  prefixLine: 14,
  hostLine: 8,
  gatewayLine: 10,
  timeoutLine: 18,
  weightLine: 23,
  subsetV1Line: 22,
  weightV2Line: 27,
  retriesLine: 28,
  attemptsLine: 29,
  perTryLine: 30,
  gatewaysKeyLine: 9,
};
const vsLineCount = 32;

type Mistake =
  'timeout-number' | 'unknown-field' | 'weight-string' | 'duration-pattern' | 'gateway-missing' | 'subset-missing' | 'gateway-plain-name' | 'host-not-served';

/** Deliberate mistakes: the first four are schema errors any schema-driven server sees; the rest need the other resources. */
const vsMistakes = new Map<number, Mistake>([
  [100, 'timeout-number'],
  [500, 'unknown-field'],
  [1500, 'weight-string'],
  [1900, 'duration-pattern'],
  [300, 'gateway-missing'],
  [700, 'subset-missing'],
  [1200, 'gateway-plain-name'],
  [1700, 'host-not-served'],
]);
export const schemaMistakesInVsFile = 4;

/** The first lines of a networking.istio.io/v1 resource: kind, name and namespace. */
function head(kind: string, name: string, namespace: string): string[] {
  return ['apiVersion: networking.istio.io/v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`, `  namespace: ${namespace}`];
}

/** A Gateway on the default ingress gateway's pods, port 80 HTTP; its host lines follow. */
function gatewayHead(name: string, namespace: string): string[] {
  return [
    ...head('Gateway', name, namespace),
    'spec:',
    '  selector:',
    '    istio: ingressgateway',
    '  servers:',
    '  - port:',
    '      number: 80',
    '      name: http',
    '      protocol: HTTP',
    '    hosts:',
  ];
}

/** A DestinationRule for `host` with subsets v1 and v2 (by `version` label). */
function destinationRuleLines(name: string, namespace: string, host: string): string[] {
  return [...head('DestinationRule', name, namespace), 'spec:', `  host: ${host}`, '  subsets:', '  - name: v1', '    labels:', '      version: v1', '  - name: v2', '    labels:', '      version: v2'];
}

/** Where subset v2's name is in `destinationRuleLines`. */
const subsetV2Offset = destinationRuleLines('x', 'x', 'x').indexOf('  - name: v2');

function nsOf(i: number): string {
  return `ns-${i % namespaces}`;
}

/** A VirtualService with a header/prefix match rule and a weighted default rule with retries (32 lines). */
function virtualService(i: number): string[] {
  const mistake = vsMistakes.get(i);
  const g = i % gatewayCount;
  const gateway = mistake === 'gateway-missing' ? 'istio-system/gw-missing' : mistake === 'gateway-plain-name' ? `gw-${g}` : `istio-system/gw-${g}`;
  const lines = [
    '---',
    ...head('VirtualService', `app-${i}`, nsOf(i)),
    'spec:',
    '  hosts:',
    `  - app-${i}.example.${mistake === 'host-not-served' ? 'org' : 'com'}`,
    '  gateways:',
    `  - ${gateway}`,
    '  http:',
    '  - match:',
    '    - uri:',
    `        prefix: /api/v${i % 3}`,
    '    route:',
    '    - destination:',
    `        host: app-${i}`,
    mistake === 'timeout-number' ? '    timeout: 5' : '    timeout: 5s',
    '  - route:',
    '    - destination:',
    `        host: app-${i}`,
    `        subset: ${mistake === 'subset-missing' ? 'v3' : 'v1'}`,
    '      weight: 80',
    '    - destination:',
    `        host: app-${i}`,
    '        subset: v2',
    `      weight: ${mistake === 'weight-string' ? '"twenty"' : '20'}`,
    '    retries:',
    `      ${mistake === 'unknown-field' ? 'attemps' : 'attempts'}: 3`,
    `      perTryTimeout: ${mistake === 'duration-pattern' ? '2 seconds' : '2s'}`,
    '    timeout: 10s',
  ];
  if (lines.length !== vsLineCount) throw new Error(`VirtualService template has ${lines.length} lines`);
  return lines;
}

/** Subset v2's line in `destinationRule(i)`, after its `---`. */
const drSubsetV2Line = 1 + subsetV2Offset;

/** The DestinationRule for app-i: subsets v1 and v2 (15 lines). */
function destinationRule(i: number): string[] {
  return ['---', ...destinationRuleLines(`app-${i}`, nsOf(i), `app-${i}`)];
}

/** Gateway gw-g in istio-system serving the hosts of every VirtualService i with i % 100 === g. */
function gateway(g: number): string[] {
  const hosts: string[] = [];
  for (let i = g; i < vsCount; i += gatewayCount) hosts.push(`    - "app-${i}.example.com"`);
  return ['---', ...gatewayHead(`gw-${g}`, 'istio-system'), ...hosts];
}

function vsProbes(vsStartLine: (i: number) => number): { completions: CompletionProbe[]; hovers: HoverProbe[]; typing: TypingProbe[] } {
  const completions: CompletionProbe[] = [];
  const hovers: HoverProbe[] = [];
  // At the start of the `timeout` key of a match rule: route-level keys, `timeout` among them.
  for (let k = 0; k < 50; k++) {
    const i = 25 + k * 40;
    completions.push({ position: { line: vsStartLine(i) + vs.timeoutLine, character: 4 }, expectLabel: 'timeout' });
  }
  const hoverKeys: Array<{ line: number; character: number; schemaPath: string[] }> = [
    { line: vs.timeoutLine, character: 6, schemaPath: ['spec', 'http', '[]', 'timeout'] },
    { line: vs.retriesLine, character: 6, schemaPath: ['spec', 'http', '[]', 'retries'] },
    { line: vs.attemptsLine, character: 8, schemaPath: ['spec', 'http', '[]', 'retries', 'attempts'] },
    { line: vs.weightLine, character: 8, schemaPath: ['spec', 'http', '[]', 'route', '[]', 'weight'] },
    { line: vs.gatewaysKeyLine, character: 4, schemaPath: ['spec', 'gateways'] },
  ];
  for (let k = 0; k < 50; k++) {
    const i = 15 + k * 40;
    const key = hoverKeys[k % hoverKeys.length];
    hovers.push({ position: { line: vsStartLine(i) + key.line, character: key.character }, schemaPath: key.schemaPath });
  }
  // The last character of `prefix: /api/vN` in VirtualService 1100+k changes to another digit.
  const typing: TypingProbe[] = [];
  for (let k = 0; k < 5; k++) {
    const i = 1100 + k;
    const line = vsStartLine(i) + vs.prefixLine;
    const character = `        prefix: /api/v${i % 3}`.length - 1;
    typing.push({
      edit: { range: { start: { line, character }, end: { line, character: character + 1 } }, text: String((i + 1) % 3), what: `prefix of app-${i}` },
      probe: { position: { line: vsStartLine(i + 200) + vs.timeoutLine, character: 4 }, expectLabel: 'timeout' },
    });
  }
  return { completions, hovers, typing };
}

/** (a) 2,000 VirtualServices and nothing else: the file both servers get. */
export function virtualServiceFile(): FileWorkload {
  const lines: string[] = [];
  for (let i = 0; i < vsCount; i++) lines.push(...virtualService(i));
  const start = (i: number) => i * vsLineCount;
  // Cumulative one-character edits around the middle: weight 80 -> x0 makes a string where an integer belongs.
  const edits: Edit[] = [];
  for (let k = 0; k < 20; k++) {
    const line = start(990 + k) + vs.weightLine;
    edits.push({ range: { start: { line, character: 14 }, end: { line, character: 15 } }, text: 'x', what: `weight of app-${990 + k}` });
  }
  return { text: lines.join('\n') + '\n', lines: lines.length, resources: vsCount, edits, ...vsProbes(start) };
}

/**
 * One ServiceEntry per namespace declaring the services app-i of that namespace: the hosts the DestinationRules
 * and routes name exist, so they draw no finding (a workspace with ServiceEntries gets its DestinationRule hosts checked).
 */
function serviceEntries(): string[] {
  const lines: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    lines.push('---', ...head('ServiceEntry', `apps-${n}`, `ns-${n}`), 'spec:', '  hosts:');
    for (let i = n; i < vsCount; i += namespaces) lines.push(`  - app-${i}.ns-${n}.svc.cluster.local`);
    lines.push('  location: MESH_INTERNAL', '  ports:', '  - number: 80', '    name: http', '    protocol: HTTP', '  resolution: DNS');
  }
  return lines;
}

/** The Gateways, DestinationRules and ServiceEntries the VirtualService file refers to, as a separate file in the workspace. */
export function companionFile(): { text: string; resources: number } {
  const lines: string[] = [];
  for (let g = 0; g < gatewayCount; g++) lines.push(...gateway(g));
  for (let i = 0; i < vsCount; i++) lines.push(...destinationRule(i));
  lines.push(...serviceEntries());
  return { text: lines.join('\n') + '\n', resources: gatewayCount + vsCount + namespaces };
}

/** (a) mixed: each VirtualService followed by its DestinationRule, a Gateway after every 20th; ours only. */
export function mixedFile(): FileWorkload {
  const lines: string[] = [];
  const vsStart: number[] = [];
  const drStart: number[] = [];
  for (let i = 0; i < vsCount; i++) {
    vsStart.push(lines.length);
    lines.push(...virtualService(i));
    drStart.push(lines.length);
    lines.push(...destinationRule(i));
    if (i % 20 === 0) lines.push(...gateway(i / 20));
  }
  // Subset v2 -> v3 in a DestinationRule: both routes of its VirtualService to v2 lose their subset.
  const edits: Edit[] = [];
  for (let k = 0; k < 20; k++) {
    const line = drStart[990 + k] + drSubsetV2Line;
    edits.push({ range: { start: { line, character: 11 }, end: { line, character: 12 } }, text: '3', what: `subset v2 of DestinationRule app-${990 + k}` });
  }
  return { text: lines.join('\n') + '\n', lines: lines.length, resources: vsCount * 2 + gatewayCount, edits, ...vsProbes((i) => vsStart[i]) };
}

// ---------------------------------------------------------------------------------------------
// (b) a workspace of 1,000 files, 10 resources each: 1 Gateway, 4 VirtualServices, 4 DestinationRules, 1 ServiceEntry.

export const wsNamespaces = 20;
export const wsFilesPerNamespace = 50;

export interface WorkspaceEditPlan {
  /** Relative path of the file to open and edit. */
  file: string;
  /** Break (one character), then restore. */
  edits: Edit[];
  /** Files (relative paths) whose findings the edit changes. */
  dependents: string[];
}

export interface WorkspaceWorkload {
  root: string;
  files: string[];
  resources: number;
  lines: number;
  /** Files holding a deliberate mistake: they (and only they) have findings at start. */
  filesWithFindings: string[];
  editPlans: WorkspaceEditPlan[];
}

const mod = (a: number, n: number) => ((a % n) + n) % n;
const pad = (n: number) => String(n).padStart(2, '0');
export const bundlePath = (n: number, j: number) => `ns-${pad(n)}/bundle-${pad(j)}.yaml`;

/**
 * File j of namespace n. Its VirtualServices are bound to the Gateway of file j+1 (q = 3: the one of the next namespace,
 * written ns/name), route to the DestinationRule subsets of file j+2 and, for /ext, to the ServiceEntry of file j+3.
 */
function bundle(n: number, j: number): { lines: string[]; gatewayHostLine: number; subsetV2Line: number; mistake: boolean } {
  const ns = `ns-${pad(n)}`;
  const lines: string[] = [];
  const prev = mod(j - 1, wsFilesPerNamespace);
  // Hosts of the previous file's VirtualServices q = 0..2 of this namespace, and q = 3 of the previous namespace (bound as ns/name).
  const hosts = [0, 1, 2].map((q) => `app-${prev}-${q}.${ns}.example.com`);
  hosts.push(`app-${prev}-3.ns-${pad(mod(n - 1, wsNamespaces))}.example.com`);
  lines.push(...gatewayHead(`gw-${j}`, ns));
  const gatewayHostLine = lines.length;
  lines.push(...hosts.map((h) => `    - ${h}`));
  // A mistake in every tenth file: a subset no DestinationRule defines; in every hundredth also a schema error.
  const mistake = j % 10 === 9;
  const schemaMistake = mistake && n % 2 === 0 && j === 49;
  let subsetV2Line = -1;
  for (let q = 0; q < 4; q++) {
    const next = mod(j + 1, wsFilesPerNamespace);
    const gw = q === 3 ? `ns-${pad(mod(n + 1, wsNamespaces))}/gw-${next}` : `gw-${next}`;
    lines.push(
      '---',
      ...head('VirtualService', `app-${j}-${q}`, ns),
      'spec:',
      '  hosts:',
      `  - app-${j}-${q}.${ns}.example.com`,
      '  gateways:',
      `  - ${gw}`,
      '  http:',
      '  - match:',
      '    - uri:',
      '        prefix: /ext',
      '    route:',
      '    - destination:',
      `        host: ext-${mod(j + 3, wsFilesPerNamespace)}.${ns}.partner.example`,
      `    timeout: ${schemaMistake && q === 1 ? '3' : '3s'}`,
      '  - route:',
      '    - destination:',
      `        host: svc-${mod(j + 2, wsFilesPerNamespace)}-${q}`,
      `        subset: ${mistake && q === 0 ? 'v9' : 'v1'}`,
      '      weight: 90',
      '    - destination:',
      `        host: svc-${mod(j + 2, wsFilesPerNamespace)}-${q}`,
      '        subset: v2',
      '      weight: 10',
      '    retries:',
      '      attempts: 2',
      '      perTryTimeout: 1s',
      '---',
    );
    if (q === 0) subsetV2Line = lines.length + subsetV2Offset;
    lines.push(...destinationRuleLines(`svc-${j}-${q}`, ns, `svc-${j}-${q}`));
  }
  lines.push(
    '---',
    ...head('ServiceEntry', `ext-${j}`, ns),
    'spec:',
    '  hosts:',
    `  - ext-${j}.${ns}.partner.example`,
    // The services of this file's DestinationRules, so their hosts exist (the workspace has no Kubernetes Services).
    ...[0, 1, 2, 3].map((q) => `  - svc-${j}-${q}.${ns}.svc.cluster.local`),
    '  location: MESH_EXTERNAL',
    '  ports:',
    '  - number: 443',
    '    name: https',
    '    protocol: HTTPS',
    '  resolution: DNS',
  );
  return { lines, gatewayHostLine, subsetV2Line, mistake };
}

/** Writes workspace (b) under `root` (which must be empty or absent). */
export function writeWorkspace(root: string): WorkspaceWorkload {
  const files: string[] = [];
  const filesWithFindings: string[] = [];
  const meta = new Map<string, { gatewayHostLine: number; subsetV2Line: number }>();
  let lines = 0;
  for (let n = 0; n < wsNamespaces; n++) {
    mkdirSync(path.join(root, `ns-${pad(n)}`), { recursive: true });
    for (let j = 0; j < wsFilesPerNamespace; j++) {
      const rel = bundlePath(n, j);
      const b = bundle(n, j);
      writeFileSync(path.join(root, rel), b.lines.join('\n') + '\n');
      files.push(rel);
      lines += b.lines.length;
      meta.set(rel, b);
      if (b.mistake) filesWithFindings.push(rel);
    }
  }
  // Ten files spread over the workspace, none holding a mistake; alternately a DestinationRule and a Gateway edit.
  const editPlans: WorkspaceEditPlan[] = [];
  for (let k = 0; k < 10; k++) {
    const n = (k * 7) % wsNamespaces;
    const j = 4 + k * 4;
    const rel = bundlePath(n, j);
    const m = meta.get(rel)!;
    if (k % 2 === 0) {
      // svc-j-0 subset v2 -> v3: VirtualService app-(j-2)-0 (file j-2) routes to v2.
      const line = m.subsetV2Line;
      const at = { start: { line, character: 11 }, end: { line, character: 12 } };
      editPlans.push({
        file: rel,
        edits: [
          { range: at, text: '3', what: `subset v2 -> v3 of DestinationRule svc-${j}-0` },
          { range: at, text: '2', what: `subset v3 -> v2 of DestinationRule svc-${j}-0` },
        ],
        dependents: [bundlePath(n, mod(j - 2, wsFilesPerNamespace))],
      });
    } else {
      // Gateway host app-(j-1)-0...example.com -> .con: VirtualService app-(j-1)-0 (file j-1) is no longer served.
      const line = m.gatewayHostLine;
      const hostLine = `    - app-${mod(j - 1, wsFilesPerNamespace)}-0.ns-${pad(n)}.example.com`;
      const at = { start: { line, character: hostLine.length - 1 }, end: { line, character: hostLine.length } };
      editPlans.push({
        file: rel,
        edits: [
          { range: at, text: 'n', what: `Gateway gw-${j} host .com -> .con` },
          { range: at, text: 'm', what: `Gateway gw-${j} host .con -> .com` },
        ],
        dependents: [bundlePath(n, mod(j - 1, wsFilesPerNamespace))],
      });
    }
  }
  return { root, files, resources: files.length * 10, lines, filesWithFindings, editPlans };
}
