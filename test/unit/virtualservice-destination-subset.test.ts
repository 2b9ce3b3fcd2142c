import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { destinationRule, httpRoute, virtualService } from '../helpers/manifests';

const subsetFindings = (text: string, ns?: string) => check(text, ns).filter((f) => f.code === 'IST0101');

test('subsets defined by the DestinationRule are fine; short and FQDN hosts are the same service', () => {
  const vs = virtualService('reviews', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 50 }, { host: 'reviews.bookinfo.svc.cluster.local', subset: 'v2', weight: 50 }]));
  assert.deepEqual(subsetFindings(docs(vs, destinationRule('reviews', 'bookinfo', 'reviews', ['v1', 'v2']))), []);
  assert.deepEqual(subsetFindings(docs(vs, destinationRule('reviews', 'bookinfo', 'reviews.bookinfo.svc.cluster.local', ['v1', 'v2']))), []);
});

test('an undefined subset is reported on the subset value, naming the subsets that exist', () => {
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v3' }]));
  const found = subsetFindings(docs(vs, destinationRule('reviews', undefined, 'reviews', ['v1', 'v2'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'v3');
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /Subset "v3" is not defined by DestinationRule default\/reviews.*its subsets: v1, v2/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('no DestinationRule for the host at all', () => {
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  const found = subsetFindings(vs);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /no DestinationRule for service default\/reviews exists/);
});

test('a DestinationRule for the same short name in another namespace is another service', () => {
  const vs = virtualService('reviews', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  assert.equal(subsetFindings(docs(vs, destinationRule('reviews', 'other', 'reviews', ['v1']))).length, 1);
  // ...but the FQDN written in another namespace names the same service.
  assert.deepEqual(subsetFindings(docs(vs, destinationRule('reviews', 'other', 'reviews.bookinfo.svc.cluster.local', ['v1']))), []);
});

test('a host outside the cluster domain: a rule of another namespace counts only where Istio applies it (exported here)', () => {
  const vs = (ns: string) => virtualService('api', ns, ['api.example.com'], [], httpRoute([{ host: 'api.example.com', subset: 'v1' }]));
  const rule = destinationRule('api', 'egress', 'api.example.com', ['v1']);
  assert.deepEqual(subsetFindings(docs(vs('egress'), rule)), []);
  // istioctl pairs only a rule of the VirtualService's namespace and reports this; Istio applies the exported rule.
  assert.deepEqual(subsetFindings(docs(vs('app'), rule)), []);
  const local = destinationRule('api', 'egress', 'api.example.com', ['v1'], '  exportTo:\n  - "."\n');
  const found = subsetFindings(docs(vs('app'), local));
  assert.equal(found.length, 1);
  // The rule that defines the subset under another name is named, so the editor can show it.
  assert.match(found[0].message, /DestinationRule egress\/api defines it/);
  assert.equal(found[0].finding.related?.length, 1);
});

test("a DestinationRule's exportTo plays no part, as in istioctl", () => {
  const vs = virtualService('reviews', 'bookinfo', ['reviews.shared.svc.cluster.local'], [], httpRoute([{ host: 'reviews.shared.svc.cluster.local', subset: 'v1' }]));
  const hidden = destinationRule('reviews', 'shared', 'reviews', ['v1'], '  exportTo:\n  - "."\n');
  assert.deepEqual(subsetFindings(docs(vs, hidden)), []);
});

test('a wildcard DestinationRule that Istio applies defines the subset (istioctl compares it as written and reports it)', () => {
  const vs = virtualService('reviews', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  assert.deepEqual(subsetFindings(docs(vs, destinationRule('all', 'bookinfo', '*.bookinfo.svc.cluster.local', ['v1']))), []);
  assert.equal(subsetFindings(docs(vs, destinationRule('all', 'bookinfo', '*.bookinfo.svc.cluster.local', ['v2']))).length, 1);
});

test('tcp, tls and mirror destinations are checked too; destinations without subset are not', () => {
  const routes = `  tcp:
  - route:
    - destination:
        host: db
        subset: primary
  http:
  - mirror:
      host: reviews
      subset: shadow
    route:
    - destination:
        host: reviews
`;
  const found = subsetFindings(virtualService('x', undefined, ['x'], [], routes));
  assert.deepEqual(found.map((f) => f.text).sort(), ['primary', 'shadow']);
});

test('the DestinationRule may be in another file and the finding follows edits', () => {
  const engine = engineWith({
    'vs.yaml': virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v2' }])),
    'dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1']),
  });
  assert.equal(findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101').length, 1);
  engine.setFile('file:///dr.yaml', destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']));
  assert.equal(findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101').length, 0);
});
