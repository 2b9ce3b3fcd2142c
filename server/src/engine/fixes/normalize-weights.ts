import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { appendToMap } from '../edit/layout';
import { eolOf, type OffsetEdit } from '../edit/text-edit';
import { asMap, getEntry, rangeOf, scalarText } from '../parse/yaml-nodes';
import { dataStrings, type FixProvider } from './fix';

/**
 * Generic `data: { fix: 'normalize-weights' }` on a `route` key: rewrite the destinations' weights
 * so they sum to 100, keeping their proportions (largest-remainder rounding), adding missing ones.
 */
export const normalizeWeights: FixProvider = {
  id: 'normalize-weights',
  fixKind: 'normalize-weights',
  fixes(finding, { resource }) {
    if (!resource) return [];
    const route = pairWithKeyAt(resource.root, finding.range.start);
    if (!route || !isSeq(route.value)) return [];
    const items = route.value.items.map(asMap);
    if (!items.length || items.some((item) => !item)) return [];
    const weights = items.map((item) => {
      const n = Number(scalarText(getEntry(item, 'weight')?.value));
      return Number.isFinite(n) && n > 0 ? n : 0;
    });
    // The analyzer's own numbers when it gave them, so the fix does what its message announced.
    const announced = dataStrings(finding, 'weights').map(Number);
    const target = announced.length === weights.length && announced.every(Number.isInteger) && announced.reduce((a, b) => a + b, 0) === 100 ? announced : percentages(weights);
    const text = resource.file.text;
    const eol = eolOf(text);
    const edits: OffsetEdit[] = [];
    items.forEach((item, i) => {
      const entry = getEntry(item, 'weight');
      const value = String(target[i]);
      if (entry?.value && isScalar(entry.value)) {
        if (text.slice(rangeOf(entry.value).start, rangeOf(entry.value).end) !== value) edits.push({ ...rangeOf(entry.value), newText: value });
      } else if (entry) {
        const at = rangeOf(entry.key).end + 1;
        edits.push({ start: at, end: at, newText: ` ${value}` });
      } else if (item) {
        const added = appendToMap(text, item, [`weight: ${value}`], `weight: ${value}`, eol);
        if (added) edits.push(added);
      }
    });
    if (!edits.length) return [];
    return [{ title: `Normalize weights to sum to 100 (${target.join(', ')})`, changes: { [resource.uri]: edits }, isPreferred: true }];
  },
};

/** Integer percentages proportional to `weights`, summing to 100 (Hamilton's method; ties go to the earlier one). All zero splits evenly. */
export function percentages(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total > 0 ? (w * 100) / total : 100 / weights.length));
  const out = exact.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/** The map entry whose key starts at `offset`, anywhere under `node`. */
function pairWithKeyAt(node: unknown, offset: number): Pair<unknown, Node | null> | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) return pair as Pair<unknown, Node | null>;
      const found = pairWithKeyAt(pair.value, offset);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = pairWithKeyAt(item, offset);
      if (found) return found;
    }
  }
  return undefined;
}
