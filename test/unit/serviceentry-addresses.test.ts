import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { serviceEntry } from '../helpers/manifests';

const addressFindings = (text: string) => check(text).filter((f) => f.code === 'IST0134');


test('HTTP/HTTPS/TLS ports need no addresses; TCP ports with addresses are fine', () => {
  assert.deepEqual(addressFindings(serviceEntry('  - number: 443\n    name: https\n    protocol: HTTPS\n  - number: 80\n    name: http\n    protocol: HTTP\n')), []);
  assert.deepEqual(addressFindings(serviceEntry('  - number: 5432\n    name: tcp\n    protocol: TCP\n', '  addresses:\n  - 10.0.0.5\n')), []);
});

test('a TCP port without addresses is a warning on the protocol', () => {
  const found = addressFindings(serviceEntry('  - number: 5432\n    name: tcp-pg\n    protocol: TCP\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'TCP');
  assert.match(found[0].message, /Port 5432 has protocol TCP but the ServiceEntry has no addresses.*db\.example\.com.*Add spec\.addresses/);
});

test('a port without protocol counts as TCP and is reported on its number', () => {
  const found = addressFindings(serviceEntry('  - number: 3306\n    name: mysql-port\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, '3306');
  assert.match(found[0].message, /no protocol \(so TCP\)/);
});

test('an address Istio allocated in status counts; one finding per TCP port otherwise', () => {
  const ports = '  - number: 5432\n    name: tcp-pg\n    protocol: TCP\n  - number: 5433\n    name: replica\n    protocol: tcp\n';
  assert.equal(addressFindings(serviceEntry(ports)).length, 2);
  const allocated = `${serviceEntry(ports)}status:\n  addresses:\n  - value: 240.240.0.1\n    host: db.example.com\n`;
  assert.deepEqual(addressFindings(allocated), []);
  assert.equal(addressFindings(`${serviceEntry(ports)}status:\n  addresses: []\n`).length, 2);
});

test('a placeholder protocol is not judged', () => {
  assert.deepEqual(addressFindings(serviceEntry('  - number: 5432\n    name: pg\n    protocol: ${PROTOCOL}\n')), []);
});
