import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { httpRoute, virtualService } from '../helpers/manifests';
import { normalizeWeights } from '../../server/src/engine/analyzers/virtualservice/route-weights';

const weightFindings = (text: string) => check(text).filter((f) => ['IY0101', 'IY0102', 'IY0103'].includes(f.code));
const vsWith = (destinations: Array<{ host: string; subset?: string; weight?: number }>) =>
  virtualService('reviews', undefined, ['reviews'], [], httpRoute(destinations));

test('weights totalling 100, and a single destination without weight, are fine', () => {
  assert.deepEqual(weightFindings(vsWith([{ host: 'reviews', subset: 'v1', weight: 75 }, { host: 'reviews', subset: 'v2', weight: 25 }])), []);
  assert.deepEqual(weightFindings(vsWith([{ host: 'reviews', subset: 'v1' }])), []);
  assert.deepEqual(weightFindings(vsWith([{ host: 'reviews', subset: 'v1', weight: 100 }])), []);
});

test('several destinations whose weights total 0 are an error on the route key, with a fix', () => {
  const found = weightFindings(vsWith([{ host: 'reviews', subset: 'v1' }, { host: 'reviews', subset: 'v2' }]));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0101');
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'route');
  assert.match(found[0].message, /http\[0\] have weights totalling 0 \(with several destinations, one without `weight` counts as 0\): Istio rejects/);
  assert.deepEqual(found[0].finding.data, { fix: 'normalize-weights', rule: 'http[0]', weights: ['50', '50'] });
  const zeros = weightFindings(vsWith([{ host: 'a', weight: 0 }, { host: 'b', weight: 0 }, { host: 'c', weight: 0 }]));
  assert.equal(zeros[0].code, 'IY0101');
  assert.deepEqual(zeros[0].finding.data?.weights, ['34', '33', '33']);
});

test('a single destination with a weight below 100 gets all traffic anyway: warning on the weight', () => {
  const found = weightFindings(vsWith([{ host: 'reviews', subset: 'v1', weight: 50 }]));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0102');
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, '50');
  assert.match(found[0].message, /gets all of its traffic: weight 50 is ignored/);
  assert.equal(weightFindings(vsWith([{ host: 'reviews', weight: 0 }]))[0]?.code, 'IY0102');
});

test('weights not totalling 100 are an info with the effective split', () => {
  const found = weightFindings(vsWith([{ host: 'reviews', subset: 'v1', weight: 60 }, { host: 'reviews', subset: 'v2', weight: 20 }]));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0103');
  assert.equal(found[0].severity, 'info');
  assert.equal(found[0].text, 'route');
  assert.match(found[0].message, /total 80, not 100.*splits v1 75% · v2 25%/);
  assert.deepEqual(found[0].finding.data, { fix: 'normalize-weights', rule: 'http[0]', weights: ['75', '25'] });
  const thirds = weightFindings(vsWith([{ host: 'a', weight: 1 }, { host: 'b', weight: 2 }]));
  assert.match(thirds[0].message, /a 33\.3% · b 66\.7%/);
  assert.deepEqual(thirds[0].finding.data?.weights, ['33', '67']);
  // Different hosts with subsets are named by both.
  const mixed = weightFindings(vsWith([{ host: 'a', subset: 'v1', weight: 30 }, { host: 'b', subset: 'v1', weight: 30 }]));
  assert.match(mixed[0].message, /a v1 50% · b v1 50%/);
});

test('a missing weight among weighted destinations counts as 0', () => {
  const found = weightFindings(vsWith([{ host: 'reviews', subset: 'v1', weight: 90 }, { host: 'reviews', subset: 'v2' }]));
  assert.equal(found[0].code, 'IY0103');
  assert.match(found[0].message, /v1 100% · v2 0%/);
});

test('tcp and tls routes are checked; placeholder weights are skipped', () => {
  const tcp = virtualService('db', undefined, ['db'], [], `  tcp:
  - route:
    - destination:
        host: db
    - destination:
        host: db-replica
  tls:
  - match:
    - sniHosts: [db]
    route:
    - destination:
        host: db
      weight: 10
`);
  assert.deepEqual(weightFindings(tcp).map((f) => `${f.code}@${f.line}`), ['IY0101@9', 'IY0102@20']);
  const placeholder = virtualService('r', undefined, ['r'], [], `  http:
  - route:
    - destination:
        host: a
      weight: \${W}
    - destination:
        host: b
      weight: 10
`);
  assert.deepEqual(weightFindings(placeholder), []);
});

test('normalizeWeights keeps proportions and totals 100', () => {
  assert.deepEqual(normalizeWeights([1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(normalizeWeights([50, 10, 40]), [50, 10, 40]);
  assert.deepEqual(normalizeWeights([3, 1]), [75, 25]);
  assert.deepEqual(normalizeWeights([0, 0]), [50, 50]);
});
