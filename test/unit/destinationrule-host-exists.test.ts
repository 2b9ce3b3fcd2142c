import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { destinationRule } from '../helpers/manifests';
import { service, serviceEntry } from '../helpers/kubernetes';

const hostFindings = (text: string) => check(text).filter((f) => f.code === 'IY0109');

test('quiet without Services; quiet when the host is a Service or ServiceEntry', () => {
  assert.deepEqual(hostFindings(destinationRule('dr', undefined, 'reviews', ['v1'])), []);
  const svc = service('reviews', undefined, [{ port: 9080, name: 'http' }]);
  assert.deepEqual(hostFindings(docs(svc, destinationRule('dr', undefined, 'reviews', ['v1']))), []);
  assert.deepEqual(hostFindings(docs(svc, serviceEntry('ext', undefined, ['api.example.com'], ['443/HTTPS']), destinationRule('dr', undefined, 'api.example.com', ['v1']))), []);
  assert.deepEqual(hostFindings(docs(svc, destinationRule('dr', undefined, '*.default.svc.cluster.local', ['v1']))), []);
});

test('a host that matches no Service of its namespace is a warning on the host, with a suggestion', () => {
  const found = hostFindings(docs(service('demoappv10', undefined, [{ port: 8080, name: 'http' }]), destinationRule('demoapp', undefined, 'demoapp', ['v10'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, '"demoapp"');
  assert.match(found[0].message, /Host demoapp \(demoapp\.default\.svc\.cluster\.local\) matches no Service or ServiceEntry/);
});
