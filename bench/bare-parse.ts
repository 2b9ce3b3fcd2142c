// The floor for the CLI figure: read every YAML file under a folder and parse it with the `yaml` package, nothing else.
// Run in a fresh process (node out/bench/bare-parse.js DIR) so its wall time includes Node's start, like the CLI's.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: bare-parse DIR\n');
  process.exit(2);
}
let documents = 0;
const files = yamlFiles(root);
for (const file of files) {
  // The same options the engine's parser uses.
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { prettyErrors: false, uniqueKeys: true, strict: false });
  documents += Array.isArray(docs) ? docs.length : 0;
}
process.stdout.write(JSON.stringify({ files: files.length, documents }) + '\n');
