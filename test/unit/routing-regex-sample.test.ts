import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleForRegex } from '../../server/src/engine/model/routing/regex-sample';

test('the sample of a regex is matched by it in full', () => {
  const patterns = [
    '/ratings/[0-9]+',
    '/api/v[12]/.*',
    '^/users/\\d{3}$',
    '/(foo|bar)/baz',
    '/(?:a|b)+/x?',
    '/(?P<id>[a-f0-9]{8})',
    '/files/[^/]+\\.txt',
    'jason|mary',
    '\\w+@example\\.com',
    '',
  ];
  for (const pattern of patterns) {
    const sample = sampleForRegex(pattern);
    assert.notEqual(sample, undefined, pattern);
    const js = new RegExp(`^(?:${pattern.replace(/\(\?P</g, '(?<')})$`);
    assert.ok(js.test(sample ?? ''), `${pattern} → ${JSON.stringify(sample)}`);
  }
});

test('what the sampler does not read gives no sample rather than a wrong one', () => {
  for (const pattern of ['(?=a)b', '(a)\\1', '\\p{L}+', '[a-', '(unclosed', 'a{', '*x']) {
    const sample = sampleForRegex(pattern);
    if (sample === undefined) continue;
    // A sample for a pattern JS can compile must still match it.
    let js: RegExp | undefined;
    try {
      js = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      assert.fail(`${pattern} is not valid, yet gave ${JSON.stringify(sample)}`);
    }
    assert.ok(js.test(sample), pattern);
  }
  assert.equal(sampleForRegex('(?=a)b'), undefined);
  assert.equal(sampleForRegex('(a)\\1'), undefined);
});
