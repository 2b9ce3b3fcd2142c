import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { destinationRule } from '../helpers/manifests';
import { service, serviceEntry } from '../helpers/kubernetes';

const hostFindings = (text: string) => check(text).filter((f) => f.code === 'IST0174');
const svc = service('reviews', undefined, [{ port: 9080, name: 'http' }]);

test('quiet without Services or ServiceEntries; quiet when the host is a Service or ServiceEntry', () => {
  assert.deepEqual(hostFindings(destinationRule('dr', undefined, 'reviews', ['v1'])), []);
  assert.deepEqual(hostFindings(docs(svc, destinationRule('dr', undefined, 'reviews', ['v1']))), []);
  assert.deepEqual(hostFindings(docs(svc, destinationRule('dr', 'web', 'reviews.default.svc.cluster.local', ['v1']))), []);
  assert.deepEqual(hostFindings(docs(svc, serviceEntry('ext', undefined, ['api.example.com'], ['443/HTTPS']), destinationRule('dr', undefined, 'api.example.com', ['v1']))), []);
});

test('a host that matches no Service of its namespace is a warning on the host, with a suggestion', () => {
  const found = hostFindings(docs(service('demoappv10', undefined, [{ port: 8080, name: 'http' }]), destinationRule('demoapp', undefined, 'demoapp', ['v10'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, '"demoapp"');
  assert.match(found[0].message, /Host demoapp \(demoapp\.default\.svc\.cluster\.local\) matches no Service or ServiceEntry visible from namespace default/);
  assert.match(hostFindings(docs(svc, destinationRule('dr', undefined, 'review', ['v1'])))[0].message, /Did you mean reviews\?/);
});

test('name.namespace is taken as written: reported, with the full name to write', () => {
  const found = hostFindings(docs(svc, destinationRule('dr', 'web', 'reviews.default', ['v1'])));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /write reviews\.default\.svc\.cluster\.local/);
  assert.equal(found[0].finding.data?.suggestion, 'reviews.default.svc.cluster.local');
});

test('exportTo on either side decides visibility', () => {
  const local = svc.replace('metadata:\n  name: reviews\n', 'metadata:\n  name: reviews\n  annotations:\n    networking.istio.io/exportTo: "."\n');
  const found = hostFindings(docs(local, destinationRule('dr', 'web', 'reviews.default.svc.cluster.local', ['v1'])));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Service default\/reviews declares it but is not exported to namespace web/);
  assert.deepEqual(hostFindings(docs(local, destinationRule('dr', undefined, 'reviews', ['v1']))), []);
  // A ServiceEntry exported to "web" only is visible from a rule whose exportTo names web.
  const se = serviceEntry('ext', 'egress', ['api.example.com'], ['443/HTTPS'], ['web']);
  assert.deepEqual(hostFindings(docs(se, destinationRule('dr', 'web', 'api.example.com', ['v1']))), []);
  assert.equal(hostFindings(docs(se, destinationRule('dr', 'shop', 'api.example.com', ['v1']))).length, 1);
});

test('wildcard ServiceEntries match by suffix; a wildcard rule host covering a Service is not reported', () => {
  const wild = serviceEntry('partners', undefined, ['*.partner.example'], ['443/TLS']);
  assert.deepEqual(hostFindings(docs(wild, destinationRule('dr', undefined, 'orders.partner.example', ['v1']))), []);
  assert.equal(hostFindings(docs(wild, destinationRule('dr', undefined, 'partner.example', ['v1']))).length, 1);
  assert.deepEqual(hostFindings(docs(svc, destinationRule('dr', undefined, '*.default.svc.cluster.local', ['v1']))), []);
  assert.equal(hostFindings(docs(svc, destinationRule('dr', undefined, '*.other.svc.cluster.local', ['v1']))).length, 1);
});

test('placeholders are not judged; adding the Service clears the finding', () => {
  assert.deepEqual(hostFindings(docs(svc, destinationRule('dr', undefined, '${HOST}', ['v1']))), []);
  const engine = engineWith({ 'dr.yaml': destinationRule('dr', undefined, 'ratings', ['v1']), 'svc.yaml': svc });
  assert.equal(findingsIn(engine, 'dr.yaml').filter((f) => f.code === 'IST0174').length, 1);
  engine.setFile('file:///ratings.yaml', service('ratings', undefined, [{ port: 9080, name: 'http' }]));
  assert.equal(findingsIn(engine, 'dr.yaml').filter((f) => f.code === 'IST0174').length, 0);
});
