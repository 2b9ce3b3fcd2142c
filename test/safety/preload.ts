import * as path from 'node:path';
import { installGuards } from './guard';

/**
 * `node --require out/test/safety/preload.js dist/server.js --stdio`: the server runs with every write,
 * connection and process start forbidden (and reads confined to SAFETY_READ_ROOTS, when set).
 * Violations are printed to stderr as `SAFETY-VIOLATION <call>`; the test reads them there.
 */
const roots = (process.env.SAFETY_READ_ROOTS ?? '').split(path.delimiter).filter(Boolean);
installGuards({
  readRoots: roots.length ? roots : undefined,
  onViolation: (what) => process.stderr.write(`SAFETY-VIOLATION ${what}\n`),
});
process.stderr.write(`SAFETY-GUARD installed (reads confined to: ${roots.length ? roots.join(', ') : 'anywhere'})\n`);
