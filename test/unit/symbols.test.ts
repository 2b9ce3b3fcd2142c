import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols } from '../../server/src/features/symbols';
import { docs, engineWith, uriOf } from '../helpers/engine';
import { destinationRule, gateway, virtualService } from '../helpers/manifests';

test('one outline entry per resource, named Kind namespace/name', () => {
  const text = docs(gateway('gw', 'istio-system', ['*']), virtualService('vs', undefined, ['a.b'], ['istio-system/gw']), 'just: a comment-free map\n', destinationRule('dr', 'bookinfo', 'r', ['v1']));
  const symbols = documentSymbols(engineWith({ 's.yaml': text }), uriOf('s.yaml'));
  assert.deepEqual(symbols.map((s) => s.name), ['Gateway istio-system/gw', 'VirtualService default/vs', 'DestinationRule bookinfo/dr']);
  const [gw, vs] = symbols;
  assert.equal(gw.range.start.line, 0);
  assert.equal(vs.range.start.line, gw.range.end.line, 'second resource starts where the first ends');
  assert.equal(vs.selectionRange.start.line, vs.range.start.line + 4, 'selection is the name');
  assert.ok(vs.selectionRange.start.line >= vs.range.start.line && vs.selectionRange.end.line <= vs.range.end.line);
});
