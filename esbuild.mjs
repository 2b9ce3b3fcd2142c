// Bundles the extension, the language server, the CLI and the traffic view's webview script, and puts the schema
// catalog and the webview's stylesheet beside them.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning' };

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/node/server-main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/node/cli-main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/node/scan-worker.ts'], outfile: 'dist/scan-worker.js' }),
  // Runs in the webview, not in Node: dagre is bundled here and only here, so the extension does not load it.
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/webview/traffic-view.ts'], outfile: 'dist/traffic-view.js' }),
]);
copyFileSync('schemas/generated/istio-schemas.json', 'dist/istio-schemas.json');
copyFileSync('client/webview/traffic-view.css', 'dist/traffic-view.css');
