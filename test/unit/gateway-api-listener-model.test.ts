import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { conflictedListeners, hostnamesIntersect, listenerConflict, listenersServing } from '../../server/src/engine/model/gateway-api/listeners';
import type { ListenerView } from '../../server/src/engine/model/gateway-api/views';

/** The indexed listener computations against their pairwise definitions, on random listener sets. */

const at = { start: 0, end: 0 };
const hostnames = ['', 'a.example.com', 'b.example.com', '*.example.com', 'x.a.example.com', '*.a.example.com', 'example.com', '*'];
const listener = fc.record({
  name: fc.integer({ min: 0, max: 99 }),
  port: fc.constantFrom(80, 443, 9000),
  protocol: fc.constantFrom('HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP', 'HBONE'),
  hostname: fc.constantFrom(...hostnames),
});
const toView = (l: { name: number; port: number; protocol: string; hostname: string }): ListenerView => {
  const view: ListenerView = { name: { value: `l${l.name}`, range: at }, port: { value: l.port, range: at }, protocol: { value: l.protocol, range: at }, range: at };
  if (l.hostname) view.hostname = { value: l.hostname, range: at };
  return view;
};

/** Istio's definition: compare each listener with the winners so far, the earliest conflicting one wins. */
function pairwiseConflicts(listeners: ListenerView[]) {
  const accepted: ListenerView[] = [];
  const out: Array<{ listener: ListenerView; winner: ListenerView }> = [];
  for (const l of listeners) {
    const winner = accepted.find((w) => listenerConflict(l, w));
    if (winner) out.push({ listener: l, winner });
    else accepted.push(l);
  }
  return out;
}

test('conflictedListeners equals the pairwise comparison with earlier winners', () => {
  fc.assert(
    fc.property(fc.array(listener, { maxLength: 40 }), (raw) => {
      const views = raw.map(toView);
      assert.deepEqual(conflictedListeners(views), pairwiseConflicts(views));
    }),
    { seed: 20261130, numRuns: 500 },
  );
});

test('listenersServing equals the pairwise hostname intersection, with and without the index', () => {
  fc.assert(
    fc.property(fc.array(listener, { minLength: 0, maxLength: 80 }), fc.array(fc.constantFrom(...hostnames.filter(Boolean)), { maxLength: 3 }), (raw, routeHosts) => {
      const views = raw.map(toView);
      const selected = views.filter((_, i) => i % 3 !== 1);
      const want = selected.filter((l) => hostnamesIntersect(routeHosts, l.hostname?.value));
      assert.deepEqual(listenersServing(routeHosts, selected, views), want);
    }),
    { seed: 20261130, numRuns: 500 },
  );
});
