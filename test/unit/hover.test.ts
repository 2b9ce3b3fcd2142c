import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doHover } from '../../server/src/features/hover';
import { engineWith, uriOf, withCursor } from '../helpers/engine';

function hover(marked: string): string | undefined {
  const { text, offset } = withCursor(marked);
  const result = doHover(engineWith({ 'h.yaml': text }), uriOf('h.yaml'), offset);
  if (!result) return undefined;
  return (result.contents as { value: string }).value;
}

const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - timeout: 5s
    route:
    - destination:
        host: reviews
      weight: 100
`;

test('hover on a key shows its description, type and the reference link', () => {
  const text = hover(vs.replace('  ho|sts:', '  hosts:').replace('  hosts:', '  ho|sts:'));
  assert.ok(text);
  assert.match(text, /\*\*hosts\*\* `list of string`/);
  assert.match(text, /destination hosts to which traffic is being sent/);
  assert.match(text, /\[VirtualService reference\]\(https:\/\/istio\.io\/latest\/docs\/reference\/config\/networking\/virtual-service\/\)/);
});

test('hover deep in a route, on a value, and on constrained numbers', () => {
  assert.match(String(hover(vs.replace('        host: reviews', '        ho|st: reviews'))), /\*\*host\*\* `string`/);
  assert.match(String(hover(vs.replace('timeout: 5s', 'timeout: 5|s'))), /\*\*timeout\*\*.*duration/);
  assert.match(String(hover(vs.replace('      weight: 100', '      wei|ght: 100'))), /Range: 0 to 100/);
});

test('hover on an enum lists allowed values and marks deprecated ones', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: r
spec:
  host: r
  trafficPolicy:
    loadBalancer:
      sim|ple: ROUND_ROBIN
`;
  const text = String(hover(dr));
  assert.match(text, /Allowed values: .*`ROUND_ROBIN`/);
  assert.match(text, /`LEAST_CONN` \(deprecated\)/);
  assert.match(text, /destination-rule\//);
});

test('no hover on unknown fields, outside Istio resources, or on blank space', () => {
  assert.equal(hover(vs.replace('  http:', '  htt|pp:')), undefined);
  assert.equal(hover('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  na|me: x\n'), undefined);
  assert.equal(hover(vs + '\n|\n'), undefined);
});
