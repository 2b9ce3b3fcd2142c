import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFileLocal } from '../../server/src/engine/analyzers/codes';
import { docs, engineWith, uriOf } from '../helpers/engine';

// A schema mistake (timeout as a number), a YAML mistake in a second document, and a Gateway that is not in the workspace.
const routes = docs(
  [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata:',
    '  name: shop',
    'spec:',
    '  hosts:',
    '  - shop.example.com',
    '  gateways:',
    '  - shop-gateway',
    '  http:',
    '  - route:',
    '    - destination:',
    '        host: shop',
    '    timeout: 3',
    '',
  ].join('\n'),
  ['apiVersion: networking.istio.io/v1', 'kind: DestinationRule', 'metadata:', '  name: shop', 'spec:', '  host: shop', '  subsets: [ name: v1', ''].join('\n'),
);

test('file-local findings are the syntax and schema findings of the full diagnosis, without cross-resource ones', () => {
  const engine = engineWith({ 'routes.yaml': routes });
  const uri = uriOf('routes.yaml');
  const local = engine.diagnoseFileLocal(uri);
  const full = engine.diagnose(uri);
  assert.ok(full.some((f) => f.code === 'IST0101'), 'the missing Gateway is found by the full diagnosis');
  assert.ok(local.some((f) => f.code === 'IY0001'), 'the YAML syntax error is file-local');
  assert.ok(local.some((f) => f.code === 'IST0106' && f.message.includes('timeout')), 'the schema error is file-local');
  assert.ok(local.every((f) => isFileLocal(f.code)), `only file-local codes: ${local.map((f) => f.code)}`);
  const key = (f: { code: string; range: { start: number }; message: string }) => `${f.code}@${f.range.start}:${f.message}`;
  const fullKeys = new Set(full.map(key));
  for (const f of local) assert.ok(fullKeys.has(key(f)), `the full diagnosis keeps ${key(f)}`);
  assert.deepEqual(
    local.map(key).sort(),
    full.filter((f) => f.code === 'IY0001' || f.code === 'IST0106').map(key).sort(),
  );
});

test('file-local findings follow severity overrides and in-file suppressions, and move with their document', () => {
  const engine = engineWith({ 'routes.yaml': routes });
  const uri = uriOf('routes.yaml');
  engine.configure({ severityOverrides: { IST0106: 'warning' } });
  assert.ok(engine.diagnoseFileLocal(uri).filter((f) => f.code === 'IST0106').every((f) => f.severity === 'warning'));
  engine.configure({ severityOverrides: { IST0106: 'off' } });
  assert.ok(!engine.diagnoseFileLocal(uri).some((f) => f.code === 'IST0106'));
  engine.configure({ severityOverrides: {} });
  const before = engine.diagnoseFileLocal(uri).find((f) => f.code === 'IST0106')!;
  engine.setFile(uri, `# a comment line\n${routes}`);
  const after = engine.diagnoseFileLocal(uri).find((f) => f.code === 'IST0106')!;
  assert.equal(after.range.start, before.range.start + '# a comment line\n'.length);
});
