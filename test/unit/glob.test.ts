import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatcher, globToRegExp } from '../../server/src/engine/text/glob';

test('globs as VS Code settings write them', () => {
  assert.ok(globToRegExp('**/node_modules').test('node_modules'));
  assert.ok(globToRegExp('**/node_modules').test('a/b/node_modules'));
  assert.ok(!globToRegExp('**/node_modules').test('a/node_modules_x'));
  assert.ok(globToRegExp('charts/**').test('charts/x/templates/a.yaml'));
  assert.ok(globToRegExp('**/*.{yaml,yml}').test('a/b.yml'));
  assert.ok(!globToRegExp('*.yaml').test('a/b.yaml'));
  assert.ok(globToRegExp('gen-?.yaml').test('gen-1.yaml'));
  assert.ok(globToRegExp('[ab].yaml').test('a.yaml') && !globToRegExp('[ab].yaml').test('c.yaml'));
  assert.ok(globToRegExp('a.b').test('a.b') && !globToRegExp('a.b').test('axb'));
});

test('a pattern without a folder matches the name at any depth', () => {
  const excluded = globMatcher(['generated', '**/.git', 'vendor/**']);
  assert.ok(excluded('generated'));
  assert.ok(excluded('deep/generated'));
  assert.ok(excluded('x/.git'));
  assert.ok(excluded('vendor/istio/a.yaml'));
  assert.ok(!excluded('src/app.yaml'));
  assert.ok(!globMatcher([])('anything'));
});
