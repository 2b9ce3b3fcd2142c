import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { virtualService } from '../helpers/manifests';

/** IST0130/IST0131 findings of a VirtualService with the given rules section(s) (`  http:\n...`). */
const ruleFindings = (sections: string) =>
  check(virtualService('app', undefined, ['app'], [], sections)).filter((f) => f.code === 'IST0130' || f.code === 'IST0131');

/** One http rule: optional name, matches written as YAML flow maps, one destination. */
const rule = (matches: string[] | undefined, name?: string) =>
  `  - ${name ? `name: ${name}\n    ` : ''}${matches ? `match:\n${matches.map((m) => `    - ${m}\n`).join('')}    ` : ''}route:\n    - destination:\n        host: app\n`;

const http = (...rules: string[]) => `  http:\n${rules.join('')}`;

const summary = (found: ReturnType<typeof ruleFindings>) => found.map((f) => `${f.code}@${f.line}:${f.text.split('\n')[0]}`);

test('distinct matches with the rule without match last are fine', () => {
  assert.deepEqual(ruleFindings(http(rule(['{uri: {prefix: /api}}']), rule(['{headers: {x-canary: {exact: "1"}}}']), rule(undefined))), []);
});

test('a rule after a rule without match is unreachable once, however many matches it has (IST0130 warning on the rule)', () => {
  const found = ruleFindings(http(rule(undefined, 'default'), rule(['{uri: {prefix: /api}}', '{uri: {prefix: /web}}'], 'api')));
  assert.deepEqual(summary(found), ['IST0130@13:api']);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /Rule http\[1\] "api" is never used: the earlier rule http\[0\] "default" has no match/);
  assert.equal(found[0].finding.related?.[0].message, 'rule without match http[0] "default"');
  assert.deepEqual(found[0].finding.data, { rule: '"api"', reason: 'route without matches defined before' });
});

test('every rule without match after the first is unreachable', () => {
  const found = ruleFindings(http(rule(undefined), rule(undefined), rule(undefined, 'last')));
  assert.deepEqual(summary(found), ['IST0130@12:route', 'IST0130@15:last']);
  assert.match(found[0].message, /no match either/);
});

test('uri prefix / is not a rule without match: it only covers later GET prefix matches', () => {
  const found = ruleFindings(http(rule(['{uri: {prefix: /}}']), rule(['{uri: {exact: /login}}']), rule(['{uri: {prefix: /static}}'])));
  assert.deepEqual(summary(found), ['IST0131@20:{uri: {prefix: /static}}']);
  assert.match(found[0].message, /Match 0 of http\[2\] is never used: match 0 of http\[0\] is tried first and covers it/);
});

test('a match repeating an earlier one is ineffective (IST0131 info on the match), the rule keeps its other match', () => {
  const found = ruleFindings(http(rule(['{uri: {prefix: /api}}']), rule(['{uri: {exact: /login}}', '{name: again, uri: {prefix: /api}}'])));
  assert.deepEqual(summary(found), ['IST0131@16:{name: again, uri: {prefix: /api}}']);
  assert.equal(found[0].severity, 'info');
  assert.match(found[0].message, /Match 1 "again" of http\[1\] is never used: it is the same as match 0 of http\[0\]/);
  assert.deepEqual(found[0].finding.data, { rule: '#1', match: '"again"', duplicateOf: '#0' });
});

test('a rule whose matches all repeat earlier ones: each match is ineffective and the rule unreachable', () => {
  const found = ruleFindings(
    http(rule(['{uri: {prefix: /api}, method: {exact: GET}}', '{uri: {exact: /x}}']), rule(['{method: {exact: GET}, uri: {prefix: /api}}', '{uri: {exact: /x}}'], 'copy')),
  );
  assert.deepEqual(summary(found), ['IST0131@17:{method: {exact: GET}, uri: {prefix: /api}}', 'IST0131@18:{uri: {exact: /x}}', 'IST0130@15:copy']);
  assert.match(found[2].message, /each of its matches repeats an earlier match \(in http\[0\]\)/);
});

test('the same match twice inside one rule is reported against this rule', () => {
  const found = ruleFindings(http(rule(['{uri: {regex: "/a/.*"}}', '{uri: {regex: "/a/.*"}}'])));
  assert.deepEqual(summary(found), ['IST0131@11:{uri: {regex: "/a/.*"}}']);
  assert.match(found[0].message, /same as match 0 of this rule/);
});

test('zero values and snake_case names compare equal; the match name does not count, statPrefix does', () => {
  const same = ruleFindings(http(rule(['{uri: {exact: /a}, sourceLabels: {app: web}}']), rule(['{uri: {exact: /a}, port: 0, ignore_uri_case: false, source_labels: {app: web}, gateways: []}'])));
  assert.deepEqual(same.map((f) => f.code), ['IST0131', 'IST0130']);
  const other = ruleFindings(http(rule(['{uri: {exact: /a}, statPrefix: one}']), rule(['{uri: {exact: /a}, statPrefix: two}'])));
  assert.deepEqual(other, []);
  // `exact: ""` is a condition of its own, not the same as none.
  assert.deepEqual(ruleFindings(http(rule(['{uri: {exact: /a}}']), rule(['{uri: {exact: /a}, method: {exact: ""}}']))), []);
});

test('a longer prefix is covered only with the same port, header names and methods (a missing method counts as GET)', () => {
  const found = ruleFindings(
    http(
      rule(['{uri: {prefix: /orders}, port: 8080}']),
      rule(['{uri: {prefix: /orders/a}, port: 8080}', '{uri: {prefix: /orders/b}, port: 9090}', '{uri: {prefix: /orders/c}, port: 8080, method: {exact: GET}}']),
      rule(['{uri: {prefix: /orders/d}, port: 8080, method: {exact: POST}}', '{uri: {prefix: /orders/e}, port: 8080, headers: {x-a: {exact: "1"}}}']),
    ),
  );
  assert.deepEqual(summary(found), ['IST0131@15:{uri: {prefix: /orders/a}, port: 8080}', 'IST0131@17:{uri: {prefix: /orders/c}, port: 8080, method: {exact: GET}}']);
  assert.deepEqual(found[0].finding.data, { rule: '#1', match: '#0 of prefix /orders/a', duplicateOf: '#0 of prefix /orders on #0' });
});

test('no overlap is claimed where the earlier match is narrower than istioctl assumes', () => {
  const quiet = [
    ['{uri: {prefix: /r}, method: {exact: GET}}', '{uri: {prefix: /r/x}}'],
    ['{uri: {prefix: /r}, authority: {exact: a.example}}', '{uri: {prefix: /r/x}}'],
    ['{uri: {prefix: /r}, sourceLabels: {app: web}}', '{uri: {prefix: /r/x}}'],
    ['{uri: {prefix: /r}, gateways: [mesh]}', '{uri: {prefix: /r/x}}'],
    ['{uri: {prefix: /r}, headers: {x-u: {prefix: ab}}}', '{uri: {prefix: /r/x}, headers: {x-u: {prefix: a}}}'],
    ['{uri: {prefix: /r}, headers: {x-u: {regex: "a.*"}}}', '{uri: {prefix: /r/x}, headers: {x-u: {regex: "b.*"}}}'],
    ['{uri: {prefix: /r}}', '{uri: {prefix: /r/x}, ignoreUriCase: true}'],
  ];
  for (const [earlier, later] of quiet) assert.deepEqual(ruleFindings(http(rule([earlier]), rule([later]))), [], `${earlier} / ${later}`);
  // The same conditions, or a wider earlier header prefix, do cover.
  assert.equal(ruleFindings(http(rule(['{uri: {prefix: /r}, headers: {x-u: {prefix: a}}}']), rule(['{uri: {prefix: /r/x}, headers: {x-u: {prefix: a}}}']))).length, 1);
});

test('tcp and tls rules are judged the same way, each protocol on its own', () => {
  const tcp = '  tcp:\n  - match:\n    - port: 5432\n    route:\n    - destination: {host: db}\n  - match:\n    - port: 5432\n    - port: 5433\n    route:\n    - destination: {host: db}\n  - route:\n    - destination: {host: db}\n  - route:\n    - destination: {host: db}\n';
  const found = ruleFindings(http(rule(undefined)) + tcp);
  assert.deepEqual(summary(found), ['IST0131@18:port: 5432', 'IST0130@24:route']);
  assert.match(found[0].message, /Match 0 of tcp\[1\] is never used: it is the same as match 0 of tcp\[0\]/);
  const tls =
    '  tls:\n  - match:\n    - sniHosts: [app]\n    route:\n    - destination: {host: app}\n  - match:\n    - sniHosts: [app]\n    route:\n    - destination: {host: app}\n';
  assert.deepEqual(ruleFindings(tls).map((f) => f.code), ['IST0131', 'IST0130']);
});

test('istioctl names speak once: two rules with the same name after a rule without match give one finding', () => {
  const found = ruleFindings(http(rule(undefined), rule(['{uri: {prefix: /a}}'], 'twin'), rule(['{uri: {prefix: /b}}'], 'twin')));
  assert.deepEqual(summary(found), ['IST0130@12:twin']);
});

test('unreadable matches are not judged', () => {
  assert.deepEqual(ruleFindings(http(rule(['{uri: {prefix: "${PREFIX}"}}']), rule(['{uri: {prefix: "${PREFIX}"}}']))), []);
  assert.deepEqual(ruleFindings(http(rule(['{uri: {exact: /a, prefix: /a}}']), rule(['{uri: {exact: /a, prefix: /a}}']))), []);
  // `match` written as a map is not "no match": the rule after it is not unreachable.
  assert.deepEqual(ruleFindings(http('  - match: {uri: {prefix: /a}}\n    route:\n    - destination: {host: app}\n', rule(['{uri: {prefix: /b}}']))), []);
  assert.deepEqual(ruleFindings(http('  - match:\n    - 7\n    route:\n    - destination: {host: app}\n', rule(undefined))), []);
});

test('a match written as an alias of an earlier one is a repeat', () => {
  const found = ruleFindings(http(rule(['&api {uri: {prefix: /api}}']), rule(['*api'])));
  assert.deepEqual(found.map((f) => f.code), ['IST0131', 'IST0130']);
});
