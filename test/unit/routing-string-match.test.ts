import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRe2, evaluateStringMatch, nestsQuantifiers } from '../../server/src/engine/model/routing/string-match';

const m = (match: unknown, value: string | undefined, options = {}) => evaluateStringMatch(match, value, options).matches;

test('exact and prefix, with and without ignoring case', () => {
  assert.equal(m({ exact: '/a' }, '/a'), true);
  assert.equal(m({ exact: '/a' }, '/A'), false);
  assert.equal(m({ exact: '/a' }, '/A', { ignoreCase: true }), true);
  assert.equal(m({ prefix: '/api' }, '/api/v1'), true);
  assert.equal(m({ prefix: '/api' }, '/apiary'), true);
  assert.equal(m({ prefix: '/api' }, '/v1'), false);
  assert.equal(m({ prefix: '/API' }, '/api/x', { ignoreCase: true }), true);
  assert.equal(m({ exact: '' }, ''), true);
});

test('an absent value fails every kind but matches nothing; {} asks for presence', () => {
  assert.equal(m({}, 'x'), true);
  assert.equal(m({}, ''), true);
  assert.equal(m({}, undefined), false);
  assert.equal(m({ exact: '' }, undefined), false);
  assert.equal(m({ regex: '.*' }, undefined), false);
});

test('regex is a full match (RE2 semantics)', () => {
  assert.equal(m({ regex: 'v[0-9]+' }, 'v12'), true);
  assert.equal(m({ regex: 'v[0-9]+' }, 'xv12'), false);
  assert.equal(m({ regex: 'v[0-9]+' }, 'v12x'), false);
  assert.equal(m({ regex: 'a|b' }, 'a'), true);
  assert.equal(m({ regex: 'a|b' }, 'ab'), false, 'alternation is grouped before anchoring');
  assert.equal(m({ regex: '(?P<ver>v\\d)/.*' }, 'v1/x'), true, 'Python-style named groups');
  assert.equal(m({ regex: '(?i)abc' }, 'ABC'), true, 'a leading (?i) flag');
  assert.equal(m({ regex: '.*' }, ''), true);
  assert.equal(m({ regex: '/api/.*' }, '/API/x', { ignoreCase: true }), false, 'ignoreCase does not apply to regexes');
});

test('regexes RE2 or JS cannot run the same way are unknown, never thrown', () => {
  for (const regex of ['(?=a)a', '(?!b)a', '(?<=a)b', '(?<!a)b', '(a)\\1', '(?<x>a)\\k<x>', '(?>a)', '[[:alpha:]]+', '(', 'a{2', '\\Qa.b\\E', '\\pL', '*']) {
    const verdict = evaluateStringMatch({ regex }, 'a');
    assert.equal(verdict.matches, 'unknown', regex);
    assert.ok('reason' in verdict && verdict.reason.includes(regex), `${regex}: ${JSON.stringify(verdict)}`);
  }
  assert.equal(m({ regex: '[(?=]x' }, '(x'), true, 'lookaround-like text inside a class is literal');
  assert.equal(m({ regex: '\\(?=x' }, '(=x'), true, 'an escaped parenthesis is literal');
});

test('regex "*" reads as presence only where Istio says so', () => {
  assert.equal(m({ regex: '*' }, 'anything', { starIsPresence: true }), true);
  assert.equal(m({ regex: '*' }, undefined, { starIsPresence: true }), false);
  assert.equal(m({ regex: '*' }, 'anything'), 'unknown');
});

test('placeholders and malformed StringMatches are unknown', () => {
  assert.equal(m({ exact: '${PATH}' }, '/x'), 'unknown');
  assert.equal(m({ prefix: '$PREFIX' }, '/x'), 'unknown');
  assert.equal(m({ exact: 'a', prefix: 'b' }, 'a'), 'unknown');
  assert.equal(m({ suffix: 'a' }, 'a'), 'unknown');
  assert.equal(m({ exact: 3 }, '3'), 'unknown');
  assert.equal(m('a', 'a'), 'unknown');
  assert.equal(m([], 'a'), 'unknown');
});

test('compileRe2 caches and returns the same answer', () => {
  const a = compileRe2('x+');
  assert.ok(a instanceof RegExp);
  assert.equal(compileRe2('x+'), a);
});

test('a regex that nests quantifiers is not run on a long value (JavaScript would backtrack for ages), and says so', () => {
  const started = Date.now();
  const outcome = evaluateStringMatch({ regex: '(a+)+b' }, 'a'.repeat(40));
  assert.equal(outcome.matches, 'unknown');
  assert.ok(Date.now() - started < 500);
  assert.equal(evaluateStringMatch({ regex: '(a+)+b' }, 'aab').matches, true);
  assert.equal(evaluateStringMatch({ regex: '/api/(v[0-9]+)/.*' }, '/api/v12/' + 'x'.repeat(40)).matches, true);
  assert.equal(nestsQuantifiers('(a|b*)*'), true);
  assert.equal(nestsQuantifiers('((ab)+c)*'), true);
  assert.equal(nestsQuantifiers('[(a+)+]'), false);
  assert.equal(nestsQuantifiers('(abc)+x*'), false);
});
