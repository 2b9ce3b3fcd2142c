import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { maxProblemsPerDocument } from '../../server/src/engine/parse/parsed-file';
import { doComplete } from '../../server/src/features/completion';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { testCatalog } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { gateway } from '../helpers/manifests';
import { exercise } from '../fuzz/exercise';

/**
 * Files an editor meets that are hostile to a YAML reader: exponential aliases, cycles, deep nesting,
 * huge files and lines, binary data, odd encodings and line ends, YAML features manifests rarely use.
 * Each gets a clear finding or is read correctly; none may throw, hang, or keep memory.
 */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const uri = 'file:///hostile/input.yaml';

function freshEngine(): Engine {
  // The file under test is open in the editor, as when a user opens it: its tree stays between requests.
  const engine = createEngine({ catalog: testCatalog(), isOpen: (u) => u === uri });
  engine.setFile('file:///hostile/gateway.yaml', gateway('shop-gw', 'default', ['shop.example.com']));
  return engine;
}

/** Runs every feature on the text and fails on any broken invariant or a run slower than `limitMs`; returns the findings. */
function survive(text: string, limitMs = 2000, engine = freshEngine(), offsets: number[] = []): Finding[] {
  const result = exercise(engine, uri, text, { offsets });
  assert.deepEqual(result.problems, []);
  assert.ok(result.elapsedMs < limitMs, `took ${Math.round(result.elapsedMs)} ms (limit ${limitMs}); slowest: ${result.slowest.step} ${Math.round(result.slowest.ms)} ms`);
  return engine.diagnose(uri);
}

/** Heap growth (after a full GC) caused by running `body`, in MB. */
function retainedMb(body: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = body();
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / 1e6;
  void kept;
  return grown;
}

/** Peak heap during `body` is not observable directly; the heap right after it, before GC, bounds what it allocated and still holds. */
function heapAfterMb(body: () => void): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  body();
  return (process.memoryUsage().heapUsed - before) / 1e6;
}

const vsHead = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: shop\nspec:\n  hosts:\n  - shop.example.com\n';

function codesOf(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

function lineCharOf(engine: Engine, finding: Finding): { line: number; character: number } {
  return engine.workspace.file(uri)!.parsed.lines.positionAt(finding.range.start);
}

// --- aliases ---------------------------------------------------------------------------------

/** Ten levels of ten aliases each: 10^10 nodes if expanded. */
function billionLaughs(levels = 10): string {
  let text = `${vsHead}  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < levels; i++) text += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

test('alias bomb ("billion laughs"): refused with a finding, in bounded time and memory', () => {
  let findings: Finding[] = [];
  const allocated = heapAfterMb(() => (findings = survive(billionLaughs())));
  const finding = findings.find((f) => f.code === 'IST0106' && /cannot be read as data/.test(f.message));
  assert.ok(finding, `no IST0106 "cannot be read" finding: ${JSON.stringify(codesOf(findings))}`);
  assert.match(finding.message, /alias/i);
  assert.ok(allocated < 100, `heap grew ${allocated.toFixed(1)} MB`);
});

test('alias bomb through merge keys and in a flow document: refused, bounded', () => {
  let merge = `${vsHead}  m0: &m0 {a: 1, b: 2}\n`;
  for (let i = 1; i < 12; i++) merge += `  m${i}: &m${i}\n    <<: [${Array(10).fill(`*m${i - 1}`).join(', ')}]\n    k${i}: ${i}\n`;
  const flow = `{apiVersion: networking.istio.io/v1, kind: VirtualService, metadata: {name: x}, spec: {a0: &a0 [x, x, x, x, x, x, x, x, x, x], ${Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`).join(', ')}}}`;
  for (const text of [merge, flow]) {
    let findings: Finding[] = [];
    const allocated = heapAfterMb(() => (findings = survive(text)));
    assert.ok(findings.some((f) => f.code === 'IST0106'), JSON.stringify(codesOf(findings)));
    assert.ok(allocated < 100, `heap grew ${allocated.toFixed(1)} MB`);
  }
});

test('alias and merge bombs of linear size: refused before they are expanded (they used to take 800 MB)', () => {
  // 20,000 keys merged into 1,000 maps: a 0.5 MB file that expands to 20 million entries.
  let text = 'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: big\nspec:\n  configPatches:\n  - patch:\n      value:\n        big: &big\n';
  for (let i = 0; i < 20_000; i++) text += `          k${i}: ${i}\n`;
  for (let i = 0; i < 1_000; i++) text += `        m${i}:\n          <<: *big\n        a${i}: *big\n`;
  let findings: Finding[] = [];
  const allocated = heapAfterMb(() => (findings = survive(text, 10_000)));
  assert.deepEqual(findings.map((f) => f.message), ['The document cannot be read as data: aliases would expand it by more than 400,000 nodes']);
  assert.ok(allocated < 150, `heap grew ${allocated.toFixed(1)} MB`);
});

test('nested collection keys (`? ? ? …`): refused at once (toJS took minutes; found by the fuzzer)', () => {
  const engine = freshEngine();
  // 400 deep: toJS took 12 s; the fuzzer's input (2,170 deep, among other keys) took minutes.
  const text = `${vsHead}  ${'? '.repeat(400)}x\n`;
  const findings = survive(text, 2000, engine);
  assert.deepEqual(findings.map((f) => f.message), ['The document cannot be read as data: a map key is a map or a list (Kubernetes accepts only plain keys)']);
  assert.equal(lineCharOf(engine, findings[0]).line, 7);
  assert.ok(text.slice(findings[0].range.start).startsWith('? ? '));
});

test('a bomb in a file that is not Istio is never expanded', () => {
  const text = billionLaughs().replace(/^apiVersion: .*\nkind: .*\n/, 'apiVersion: v1\nkind: ConfigMap\n');
  const allocated = heapAfterMb(() => assert.deepEqual(survive(text), []));
  assert.ok(allocated < 50, `heap grew ${allocated.toFixed(1)} MB`);
});

test('alias cycles: an alias inside its own anchor is reported as a cycle', () => {
  for (const text of [`${vsHead}  http: &h\n  - route: *h\n`, `${vsHead}  tcp: &t\n    x: *t\n`, `${vsHead}  tls: &t [[*t]]\n`]) {
    const findings = survive(text);
    const cycle = findings.find((f) => f.code === 'IST0106');
    assert.ok(cycle, `no finding for ${JSON.stringify(text.slice(vsHead.length))}: ${JSON.stringify(codesOf(findings))}`);
    assert.match(cycle.message, /cannot be read as data: an alias refers to a node that contains it \(a cycle\)/);
  }
});

test('an alias to an anchor defined in another document (or never) is reported, not thrown', () => {
  const findings = survive(`base: &base {hosts: [a]}\n---\n${vsHead}  http: *base\n  tcp: *nowhere\n`);
  assert.ok(findings.some((f) => f.code === 'IY0001' || f.code === 'IST0106'), JSON.stringify(codesOf(findings)));
});

// --- nesting -----------------------------------------------------------------------------------

test('10,000-deep flow nesting: "nesting too deep", no stack overflow', () => {
  for (const [open, close] of [['[', ']'], ['{a: ', '}']]) {
    const text = `${vsHead}  x: ${open.repeat(10_000)}1${close.repeat(10_000)}\n`;
    const findings = survive(text, 3000);
    const deep = findings.find((f) => f.code === 'IY0001' && /Nesting too deep/.test(f.message));
    assert.ok(deep, JSON.stringify(findings.map((f) => f.message)));
    // Unclosed, as while typing it.
    survive(`${vsHead}  x: ${open.repeat(10_000)}\n`, 3000);
  }
});

test('10,000-deep block nesting: compact sequences and maps, and indentation', () => {
  survive(`${vsHead}  x:\n  ${'- '.repeat(10_000)}1\n`, 3000);
  // `k: k: k: …` made the yaml parser itself overflow the stack (a throw out of setFile); found by the fuzzer.
  const compact = survive(`${' k:'.repeat(10_000)}\n${vsHead}`, 3000);
  assert.ok(compact.length > 0);
  // A block map nested 10,000 deep needs 50 million characters of indentation: over the default size limit.
  let indented = vsHead + '  x:\n';
  for (let i = 0; i < 10_000; i++) indented += `${' '.repeat(i + 3)}k:\n`;
  assert.ok(indented.length > 10_000_000);
  assert.deepEqual(codesOf(survive(indented, 3000)), ['IY0003']);
  // 1,500 deep (1.1 MB) is under the limit and parsed; completion on such lines used to take seconds (a quadratic regex).
  let deep = vsHead + '  x:\n';
  for (let i = 0; i < 1_500; i++) deep += `${' '.repeat(i + 3)}k:\n`;
  survive(deep, 3000, freshEngine(), [deep.length - 3, deep.length >> 2]);
});

// --- size ---------------------------------------------------------------------------------------

test('a 20 MB file gets IY0003 at once and is not parsed', () => {
  const text = vsHead + `  x: "${'y'.repeat(20_000_000)}"\n`;
  const engine = freshEngine();
  const started = performance.now();
  engine.setFile(uri, text);
  const findings = engine.diagnose(uri);
  const elapsed = performance.now() - started;
  assert.deepEqual(codesOf(findings), ['IY0003']);
  assert.match(findings[0].message, /20,000,\d{3} characters, more than the istio\.maxFileSize limit/);
  assert.ok(elapsed < 1000, `setFile + diagnose took ${Math.round(elapsed)} ms`);
  const state = engine.workspace.file(uri)!;
  assert.equal(state.tooLarge, true);
  assert.equal(state.parsed.documents.length, 0);
  assert.equal(state.resources.length, 0);
  assert.deepEqual(doComplete(engine, uri, text.length).items, []);
  survive(text, 2000, engine);
});

test('a 1 MB single line (under the limit) is handled in bounded time, whatever it repeats', () => {
  const MB = 1_000_000;
  const fill = (piece: string) => piece.repeat(Math.ceil(MB / piece.length)).slice(0, MB);
  const head = `${vsHead}  http:\n  - route:\n    - destination:\n        host: shop\n`;
  // Each line once hit a quadratic path (regexes in completion, template and placeholder detection) or a stack
  // overflow (spreading 500,000 errors into a list). `timeout` values are validated, so they reach the placeholder check.
  const lines: Record<string, string> = {
    'a plain value': `    timeout: ${fill('y')}`,
    'a quoted value': `    timeout: "${fill('q')}"`,
    words: `    timeout: ${fill('ab ')}`,
    'blanks, then a word': `    timeout:${fill(' ')}z`,
    'a comment': `    # ${fill('c')}`,
    'comment markers': `    timeout: ${fill('a #')}`,
    'template openers': `    timeout: "${fill('{{ ')}"`,
    'placeholder openers': `    timeout: "${fill('${a:-')}"`,
    'astral characters': `    timeout: ${fill('é😀')}`,
    'dashes at the line start': fill('- '),
    'double quotes (500,000 YAML errors)': `    timeout: ${fill('"')}`,
  };
  for (const [name, line] of Object.entries(lines)) {
    const text = `${head}${line}\n`;
    const engine = freshEngine();
    let findings: Finding[] = [];
    const kept = retainedMb(() => {
      // Cursor at the end of the long line and in its middle: completion reads the line up to the cursor.
      findings = survive(text, 10_000, engine, [text.length - 1, head.length + 500_000]);
    });
    assert.ok(findings.length <= maxProblemsPerDocument + 5, `${name}: ${findings.length} findings`);
    assert.ok(kept < 120, `${name}: ${kept.toFixed(0)} MB retained`);
  }
});

test('100,000 blank lines: the "looks like Istio" check stays linear', () => {
  const text = '\n'.repeat(100_000) + ' \n'.repeat(100_000);
  assert.deepEqual(survive(text, 2000), []);
});

// --- bytes and encodings ----------------------------------------------------------------------

/** Deterministic pseudo-random bytes. */
function bytes(count: number, seed: number): Uint8Array {
  const out = new Uint8Array(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

test('binary content: random bytes, NULs, and a binary tail after a manifest', () => {
  const raw = bytes(200_000, 7);
  survive(new TextDecoder().decode(raw));
  survive(Buffer.from(raw).toString('latin1'));
  survive('\u0000'.repeat(10_000));
  const findings = survive(vsHead + Buffer.from(bytes(5_000, 3)).toString('latin1'));
  assert.ok(findings.some((f) => f.code === 'IY0001'), JSON.stringify(codesOf(findings)));
});

test('invalid UTF-8 (U+FFFD as the server receives it) and astral characters keep positions in UTF-16 units', () => {
  const invalid = Buffer.concat([Buffer.from(`${vsHead}  gateways: ["gw`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"]\n')]);
  const text = new TextDecoder().decode(invalid);
  assert.ok(text.includes('\uFFFD'));
  const engine = freshEngine();
  const findings = survive(text, 2000, engine);
  const missing = findings.find((f) => f.code === 'IST0101');
  assert.ok(missing, JSON.stringify(codesOf(findings)));
  assert.equal(text.slice(missing.range.start, missing.range.end), '"gw\uFFFD\uFFFD\uFFFD"');
  // 😀 is two UTF-16 code units: LSP characters count them both.
  const astral = `${vsHead}  gateways: ["😀", nope]\n`;
  const astralEngine = freshEngine();
  const nope = survive(astral, 2000, astralEngine).find((f) => f.code === 'IST0101' && /"nope"/.test(f.message));
  assert.ok(nope);
  assert.deepEqual(lineCharOf(astralEngine, nope), { line: 7, character: 19 });
});

test('a BOM at the start: the resource is read and findings point at the right place', () => {
  const engine = freshEngine();
  const text = `\uFEFF${vsHead}  gateways: [nope]\n`;
  const findings = survive(text, 2000, engine);
  assert.equal(engine.workspace.file(uri)!.resources[0]?.kind, 'VirtualService');
  const missing = findings.find((f) => f.code === 'IST0101');
  assert.ok(missing);
  assert.deepEqual(lineCharOf(engine, missing), { line: 7, character: 13 });
});

test('CRLF line endings: findings at the right line and character, also on ranges ending inside a CRLF', () => {
  const engine = freshEngine();
  const text = `${vsHead}  gateways: [nope]\n  http:\n  - timeout: soon\n`.replace(/\n/g, '\r\n');
  const findings = survive(text, 2000, engine);
  const diagnostics = diagnosticsFor(engine, uri);
  const gatewayMissing = diagnostics.find((d) => d.code === 'IST0101');
  const badTimeout = diagnostics.find((d) => d.code === 'IST0106');
  assert.deepEqual(gatewayMissing?.range, { start: { line: 7, character: 13 }, end: { line: 7, character: 17 } });
  assert.deepEqual(badTimeout?.range, { start: { line: 9, character: 13 }, end: { line: 9, character: 17 } });
  assert.equal(findings.length, 2);
  // A key without a value, repeated: the YAML error covers the \r of `metadata:\r\n` and used to end at character 10
  // of a 9-character line, a position that does not exist (found by the fuzzer).
  const dupEngine = freshEngine();
  survive('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\nmetadata:\n  name: shop\nspec:\n  hosts: [a]\n'.replace(/\n/g, '\r\n'), 2000, dupEngine);
  const dup = diagnosticsFor(dupEngine, uri).find((d) => d.code === 'IY0001');
  assert.deepEqual(dup?.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 9 } });
});

test('tab indentation: a YAML error at the tab', () => {
  const engine = freshEngine();
  const findings = survive(`${vsHead}  http:\n\t- timeout: 5s\n`, 2000, engine);
  const tab = findings.find((f) => f.code === 'IY0001' && /Tabs/.test(f.message));
  assert.ok(tab, JSON.stringify(findings.map((f) => f.message)));
  assert.deepEqual(lineCharOf(engine, tab), { line: 8, character: 0 });
});

test('duplicate keys: a YAML error on the second key, schema findings held back', () => {
  const engine = freshEngine();
  const findings = survive(`${vsHead}  hosts:\n  - other.example.com\n  timout: 5s\n`, 2000, engine);
  const dup = findings.find((f) => f.code === 'IY0001');
  assert.ok(dup);
  assert.match(dup.message, /unique/);
  assert.deepEqual(lineCharOf(engine, dup), { line: 7, character: 2 });
  assert.ok(!findings.some((f) => f.code === 'IST0106'), 'schema findings on a half-read document are noise');
});

test('unknown tags (!Ref, !<tag:…>): a YAML warning at the tag, the rest still checked', () => {
  const engine = freshEngine();
  const findings = survive(`${vsHead}  gateways: [!Ref shop-gw, !<tag:x> nope]\n`, 2000, engine);
  const tags = findings.filter((f) => f.code === 'IY0001');
  assert.deepEqual(tags.map((f) => [f.severity, f.message]), [['warning', 'YAML: Unresolved tag: !Ref'], ['warning', 'YAML: Unresolved tag: tag:x']]);
  assert.deepEqual(lineCharOf(engine, tags[0]), { line: 7, character: 13 });
});

test('merge keys (<<: *base) are read as Kubernetes reads them: merged, not an unknown field', () => {
  const rule = (simple: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy: &base
    loadBalancer:
      simple: ${simple}
  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      <<: *base
      connectionPool:
        tcp:
          maxConnections: 10
`;
  assert.deepEqual(survive(rule('ROUND_ROBIN')), []);
  // A bad value in the base is reported where it is written, and again where it is merged in.
  const engine = freshEngine();
  const findings = survive(rule('ROUND_ROBINN'), 2000, engine);
  const lines = findings.map((f) => [f.code, lineCharOf(engine, f).line]).sort((a, b) => Number(a[1]) - Number(b[1]));
  assert.deepEqual(lines, [['IST0106', 8], ['IST0106', 13]]);
  assert.ok(findings.every((f) => /Invalid value "ROUND_ROBINN"/.test(f.message)));
});

test('a flow-style (JSON) document is checked like a block one, with exact positions', () => {
  const engine = freshEngine();
  const json = JSON.stringify({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'shop' }, spec: { hosts: ['shop.example.com'], gateways: ['nope'], http: [{ timeout: 'soon' }] } }, null, 2);
  const findings = survive(json, 2000, engine);
  const missing = findings.find((f) => f.code === 'IST0101');
  const timeout = findings.find((f) => f.code === 'IST0106');
  assert.ok(missing && timeout, JSON.stringify(codesOf(findings)));
  assert.equal(json.slice(missing.range.start, missing.range.end), '"nope"');
  assert.equal(json.slice(timeout.range.start, timeout.range.end), '"soon"');
  // The same on one line.
  survive(JSON.stringify(JSON.parse(json)));
});

test('a document that is a bare scalar or a list is not a resource: no findings, no crash, other documents still checked', () => {
  assert.deepEqual(survive('hello'), []);
  assert.deepEqual(survive('42\n'), []);
  assert.deepEqual(survive('- a\n- b\n'), []);
  const engine = freshEngine();
  const mixed = survive(docs('just text\n', '- a\n- b\n', `${vsHead}  gateways: [nope]\n`), 2000, engine);
  assert.deepEqual(codesOf(mixed), ['IST0101']);
  // A list of manifests (kubectl rejects it: each document must be one object) is not read as resources.
  const listed = `- ${vsHead.trimEnd().replace(/\n/g, '\n  ')}\n`;
  const listEngine = freshEngine();
  survive(listed, 2000, listEngine);
  assert.equal(listEngine.workspace.file(uri)!.resources.length, 0);
});

test('Gateway API at scale: 3,000 listeners on one port and 2,000 routes attached to them stay bounded', () => {
  // Listener conflicts compare each listener with the earlier ones, and every route judges every listener it targets.
  const listeners = Array.from({ length: 3_000 }, (_, i) => `  - name: l${i}\n    port: 80\n    protocol: HTTP\n    hostname: h${i}.example.com\n    allowedRoutes:\n      namespaces:\n        from: All\n`);
  const gatewayText = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: big\n  namespace: infra\nspec:\n  gatewayClassName: istio\n  listeners:\n${listeners.join('')}`;
  const routes = Array.from(
    { length: 2_000 },
    (_, i) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r${i}\n  namespace: shop\nspec:\n  parentRefs:\n  - name: big\n    namespace: infra\n  hostnames: [h${i}.example.com, "*.nowhere.example.org"]\n  rules:\n  - backendRefs:\n    - name: svc${i}\n      port: 80\n      weight: ${i % 3}\n    - name: other\n      port: 80\n`,
  );
  const engine = freshEngine();
  engine.setFile('file:///hostile/big-gateway.yaml', gatewayText);
  const findings = survive(routes.join('---\n'), 10_000, engine);
  // Every route attaches (its first hostname has a listener); only the hints of the weighted rules remain.
  assert.deepEqual([...new Set(findings.map((f) => f.code))], ['IY0217']);
  engine.removeFile('file:///hostile/big-gateway.yaml');
  assert.deepEqual(survive(gatewayText, 10_000, engine), []);
});
