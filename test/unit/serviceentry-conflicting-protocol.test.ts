import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { serviceEntry } from '../helpers/kubernetes';

const conflicts = (files: Record<string, string>, name = Object.keys(files)[0]) =>
  findingsIn(engineWith(files), name).filter((f) => f.code === 'IST0177');

test('the same host and port with different protocols: each entry is reported once, on its name', () => {
  const text = docs(serviceEntry('a', 'team-a', ['api.example.com', 'www.example.com'], ['8080/HTTP', '9090/GRPC']), serviceEntry('b', 'team-b', ['api.example.com', 'www.example.com'], ['8080/GRPC', '9090/HTTP']));
  const found = conflicts({ 'se.yaml': text });
  assert.deepEqual(found.map((f) => [f.text, f.finding.resource?.name]), [['a', 'a'], ['b', 'b']]);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /Host api\.example\.com port 8080 is declared here with protocol HTTP and by ServiceEntry team-b\/b \(GRPC\)/);
  assert.equal(found[0].finding.related?.[0].message, 'ServiceEntry team-b/b declares api.example.com:8080');
});

test('protocols compare case-insensitively; other ports and hosts as written never conflict', () => {
  const text = docs(
    serviceEntry('a', 'team-a', ['api.example.com'], ['8080/http']),
    serviceEntry('b', 'team-b', ['api.example.com'], ['8080/HTTP', '9090/GRPC']),
    serviceEntry('c', 'team-c', ['*.example.com'], ['9090/TLS']),
  );
  assert.deepEqual(conflicts({ 'se.yaml': text }), []);
});

test('exportTo decides whether entries meet', () => {
  const apart = docs(serviceEntry('a', 'team-a', ['api.example.com'], ['443/HTTPS'], ['.']), serviceEntry('b', 'team-b', ['api.example.com'], ['443/TLS'], ['.']));
  assert.deepEqual(conflicts({ 'se.yaml': apart }), []);
  const exportedIn = docs(serviceEntry('a', 'team-a', ['api.example.com'], ['443/HTTPS'], ['.']), serviceEntry('b', 'team-b', ['api.example.com'], ['443/TLS'], ['team-a']));
  assert.equal(conflicts({ 'se.yaml': exportedIn }).length, 2);
  // An entry exported everywhere meets a local one.
  const global = docs(serviceEntry('a', 'team-a', ['api.example.com'], ['443/HTTPS']), serviceEntry('b', 'team-b', ['api.example.com'], ['443/TLS'], ['.']));
  assert.equal(conflicts({ 'se.yaml': global }).length, 2);
});

test('an entry in another file is read through the index, and editing it re-checks', () => {
  const engine = engineWith({
    'a.yaml': serviceEntry('a', 'team-a', ['api.example.com'], ['8080/HTTP']),
    'b.yaml': serviceEntry('b', 'team-b', ['api.example.com'], ['8080/GRPC']),
  });
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IST0177').length, 1);
  const affected = engine.setFile(uriOf('b.yaml'), serviceEntry('b', 'team-b', ['api.example.com'], ['8080/HTTP']));
  assert.ok(affected.has(uriOf('a.yaml')));
  assert.deepEqual(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IST0177'), []);
});

test('hosts compare as written: a short name meets the same short name in another namespace', () => {
  const text = docs(serviceEntry('a', 'team-a', ['ledger'], ['7000/HTTP']), serviceEntry('b', 'team-b', ['ledger'], ['7000/GRPC']));
  assert.equal(conflicts({ 'se.yaml': text }).length, 2);
  const qualified = docs(serviceEntry('a', 'team-a', ['ledger.team-a.svc.cluster.local'], ['7000/HTTP']), serviceEntry('b', 'team-b', ['ledger'], ['7000/GRPC']));
  assert.deepEqual(conflicts({ 'se.yaml': qualified }), []);
});
