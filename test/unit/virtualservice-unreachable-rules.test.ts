import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { virtualService } from '../helpers/manifests';

const ruleFindings = (http: string) =>
  check(virtualService('app', undefined, ['app'], [], `  http:\n${http}`)).filter((f) => f.code === 'IST0130' || f.code === 'IST0131');

const rule = (match: string | undefined, host = 'app', name?: string) =>
  `  - ${name ? `name: ${name}\n    ` : ''}${match ? `match:\n${match}    ` : ''}route:\n    - destination:\n        host: ${host}\n`;

test('rules with distinct matches and a catch-all last are fine', () => {
  const http = rule('    - uri:\n        prefix: /api\n') + rule('    - headers:\n        x-canary:\n          exact: "1"\n') + rule(undefined);
  assert.deepEqual(ruleFindings(http), []);
  // A match with conditions besides the URI prefix / does not take everything.
  assert.deepEqual(ruleFindings(rule('    - uri:\n        prefix: /\n      port: 8080\n') + rule(undefined)), []);
});

test('a rule after one without match is unreachable (IST0130 warning on the later rule)', () => {
  const found = ruleFindings(rule(undefined, 'app', 'default') + rule('    - uri:\n        prefix: /api\n', 'api', 'api'));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IST0130');
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'api');
  assert.match(found[0].message, /Rule http\[1\] "api" is never used: the earlier rule http\[0\] "default" has no match and so takes every request/);
  assert.equal(found[0].finding.related?.[0].message, 'catch-all rule http[0] "default"');
});

test('uri prefix / takes everything too; every later rule is reported, without a name on the first key', () => {
  const found = ruleFindings(rule('    - uri:\n        prefix: /\n') + rule('    - uri:\n        exact: /login\n') + rule(undefined));
  assert.deepEqual(found.map((f) => `${f.code}:${f.text}@${f.line}`), ['IST0130:match@15', 'IST0130:route@21']);
  assert.match(found[0].message, /matches every request \(match 0: uri prefix "\/"\)/);
});

test('a match repeating an earlier one is ineffective (IST0131 info on the match)', () => {
  const found = ruleFindings(
    rule('    - uri:\n        prefix: /api\n') + rule('    - uri:\n        exact: /login\n    - name: again\n      uri:\n        prefix: /api\n'),
  );
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IST0131');
  assert.equal(found[0].severity, 'info');
  assert.equal(found[0].line, 18);
  assert.match(found[0].message, /Match 1 of http\[1\] is never used: it repeats match 0 of rule http\[0\]/);
});

test('a rule whose matches all repeat earlier ones is unreachable; key order does not matter', () => {
  const first = rule('    - uri:\n        prefix: /api\n      method:\n        exact: GET\n');
  const second = rule('    - method:\n        exact: GET\n      uri:\n        prefix: /api\n');
  const found = ruleFindings(first + second);
  assert.deepEqual(found.map((f) => f.code), ['IST0130']);
  assert.match(found[0].message, /each of its matches repeats a match of http\[0\]/);
});

test('tcp rules are not checked', () => {
  const text = virtualService('db', undefined, ['db'], [], '  tcp:\n  - route:\n    - destination:\n        host: a\n  - route:\n    - destination:\n        host: b\n');
  assert.deepEqual(check(text).filter((f) => f.code === 'IST0130'), []);
});

test('a match written as an alias of an earlier one is a repeat', () => {
  const found = ruleFindings(rule('    - &api\n      uri:\n        prefix: /api\n') + rule('    - *api\n'));
  assert.deepEqual(found.map((f) => f.code), ['IST0130']);
});
