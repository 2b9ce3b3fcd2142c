import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { httpRoute, virtualService } from '../helpers/manifests';

const dupFindings = (text: string) => check(text).filter((f) => f.code === 'IY0104');

test('different subsets of one host are distinct destinations', () => {
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 50 }, { host: 'reviews', subset: 'v2', weight: 50 }]));
  assert.deepEqual(dupFindings(vs), []);
});

test('the same host and subset twice is a warning on the second destination, short name and FQDN alike', () => {
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([
    { host: 'reviews', subset: 'v1', weight: 50 },
    { host: 'reviews.default.svc.cluster.local', subset: 'v1', weight: 50 },
  ]));
  const found = dupFindings(vs);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'destination');
  assert.equal(found[0].line, 14);
  assert.match(found[0].message, /subset v1 is listed twice in the route of http\[0\] \(entries 0 and 1\)/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('the same host on different ports, or in different rules, is not a duplicate', () => {
  const routes = `  http:
  - route:
    - destination:
        host: api
        port:
          number: 80
      weight: 50
    - destination:
        host: api
        port:
          number: 8080
      weight: 50
  - route:
    - destination:
        host: api
`;
  assert.deepEqual(dupFindings(virtualService('api', undefined, ['api'], [], routes)), []);
});
