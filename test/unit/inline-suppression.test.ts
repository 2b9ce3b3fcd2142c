import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineWith, findingsIn } from '../helpers/engine';

const vs = (comment: string, body: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: r
  namespace: shop
spec:
  hosts: [reviews]
${comment}
  http:
  - route:
    - destination:
        host: reviews
${body}`;

const codes = (text: string) => findingsIn(engineWith({ 'a.yaml': text }), 'a.yaml').map((f) => `${f.code}@${f.line}`);

test('without a comment the findings are there (the baseline the other cases silence)', () => {
  const found = codes(vs('', '        subset: v9\n    timout: 5s\n'));
  assert.ok(found.some((c) => c.startsWith('IST0106@')), found.join(' '));
  assert.ok(found.some((c) => c.startsWith('IST0101@')), found.join(' '));
});

test('# istio-yaml-disable-next-line CODE silences that code on the next non-comment line only', () => {
  const text = vs('', '        # istio-yaml-disable-next-line IST0101\n\n        subset: v9\n    # istio-yaml-disable-next-line IY0001\n    timout: 5s\n');
  const found = codes(text);
  assert.ok(!found.some((c) => c.startsWith('IST0101@')), found.join(' '));
  // Another code named: the schema finding on `timout` stays.
  assert.ok(found.some((c) => c.startsWith('IST0106@')), found.join(' '));
});

test('# istio-yaml-disable silences from its line to the end of the document; without codes, every code', () => {
  const second = vs('', '        subset: v8\n').replace('hosts: [reviews]', 'hosts: [ratings]').replace('name: r', 'name: s');
  const text = `${vs('  # istio-yaml-disable', '        subset: v9\n    timout: 5s\n')}---\n${second}`;
  const found = codes(text);
  const firstDocEnd = text.split('\n').indexOf('---') + 1;
  assert.ok(found.every((c) => Number(c.split('@')[1]) > firstDocEnd), found.join(' '));
  assert.ok(found.some((c) => c.startsWith('IST0101@')), 'the second document keeps its finding');
});

test('codes are read case-insensitively and comma-separated', () => {
  const found = codes(vs('  # istio-yaml-disable ist0106, IST0101', '        subset: v9\n    timout: 5s\n'));
  assert.ok(!found.some((c) => c.startsWith('IST0106@') || c.startsWith('IST0101@')), found.join(' '));
});
