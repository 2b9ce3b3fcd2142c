import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostMatchRank, mostSpecificHost } from '../../server/src/engine/model/routing/host-precedence';

test('patterns that do not match the host have no rank', () => {
  assert.equal(hostMatchRank('a.example.com', 'b.example.com'), undefined);
  assert.equal(hostMatchRank('*.example.com', 'example.com'), undefined);
  assert.equal(hostMatchRank('*.example.com', 'a.example.org'), undefined);
});

test('wildcards match one or more labels, case-insensitively', () => {
  assert.notEqual(hostMatchRank('*.example.com', 'a.example.com'), undefined);
  assert.notEqual(hostMatchRank('*.example.com', 'a.b.example.com'), undefined);
  assert.notEqual(hostMatchRank('*.Example.com', 'A.example.COM'), undefined);
  assert.notEqual(hostMatchRank('*', 'anything'), undefined);
});

test('exact beats any wildcard, a longer suffix beats a shorter, * and no hostname come last', () => {
  const host = 'a.b.example.com';
  const exact = hostMatchRank('a.b.example.com', host)!;
  const long = hostMatchRank('*.b.example.com', host)!;
  const short = hostMatchRank('*.example.com', host)!;
  const star = hostMatchRank('*', host)!;
  const none = hostMatchRank('', host)!;
  assert.ok(exact > long && long > short && short > star && star > none, `${exact} ${long} ${short} ${star} ${none}`);
  // A very long wildcard still ranks below an exact name.
  const longHost = `${'x'.repeat(60)}.${'y'.repeat(60)}.${'z'.repeat(60)}.example.com`;
  assert.ok(hostMatchRank('a.com', 'a.com')! > hostMatchRank(`*.${longHost.slice(61)}`, longHost)!);
});

test('mostSpecificHost picks the most specific pattern, the first on a tie', () => {
  assert.deepEqual(mostSpecificHost(['*', '*.example.com', 'www.example.com'], 'www.example.com')?.pattern, 'www.example.com');
  assert.deepEqual(mostSpecificHost(['*', '*.example.com'], 'www.example.com')?.pattern, '*.example.com');
  assert.equal(mostSpecificHost(['a.com', 'b.com'], 'c.com'), undefined);
});
