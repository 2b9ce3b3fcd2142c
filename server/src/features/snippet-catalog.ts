// Bundled at build time (tsc and esbuild both read the JSON import): the server reads no file for its snippets.
import snippetFile from '../../../snippets/istio.json';
import type { SchemaPathSegment } from '../engine/schema/schema-walk';

/** Where a snippet fits: where a resource can start, or at a schema location of one kind. */
export type SnippetPlace = { resource: true } | { resource: false; group: string; kind: string; path: SchemaPathSegment[] };

/** One snippet of snippets/istio.json. */
export interface Snippet {
  name: string;
  prefixes: string[];
  description: string;
  /**
   * VS Code snippet syntax, written at column 0. A snippet placed at a list path (`spec.http[]`) is one or more list
   * items (`- ` at column 0); at any other path, the fields of the map there.
   */
  body: string;
  places: SnippetPlace[];
}

/**
 * Reads the snippet file's entries (VS Code snippet format plus `where`: `resource`, or `<group>/<Kind> <path>`
 * such as `networking.istio.io/VirtualService spec.http[]`, or a list of those). Throws on a malformed entry, so a
 * broken snippet file fails the tests rather than silently offering nothing.
 */
export function parseSnippets(raw: unknown): Snippet[] {
  if (!isRecord(raw)) throw new Error('snippets: expected an object of named snippets');
  return Object.entries(raw).map(([name, entry]) => {
    if (!isRecord(entry)) throw new Error(`snippet "${name}" is not an object`);
    const places = stringOrLines(entry.where, `snippet "${name}" where`).map((w) => parsePlace(w, name));
    const body = stringOrLines(entry.body, `snippet "${name}" body`).join('\n');
    for (const place of places) {
      // Placement re-indents by these shapes: list items start with `- `, map fields do not, nothing is indented.
      const atList = !place.resource && place.path[place.path.length - 1] === '[]';
      if (/^\s/.test(body) || (!place.resource && atList !== body.startsWith('- '))) {
        throw new Error(`snippet "${name}": a body placed at ${atList ? 'a list starts with "- "' : 'a map or resource starts with a key'} at column 0`);
      }
    }
    return {
      name,
      prefixes: stringOrLines(entry.prefix, `snippet "${name}" prefix`),
      description: typeof entry.description === 'string' ? entry.description : name,
      body,
      places,
    };
  });
}

/** The snippets of snippets/istio.json. */
export const snippets: readonly Snippet[] = parseSnippets(snippetFile);

function parsePlace(where: string, name: string): SnippetPlace {
  if (where === 'resource') return { resource: true };
  const match = /^([a-z0-9.-]+)\/([A-Za-z]+) (\S+)$/.exec(where);
  if (!match) throw new Error(`snippet "${name}": where "${where}" is neither "resource" nor "<group>/<Kind> <path>"`);
  const path: SchemaPathSegment[] = [];
  for (const part of match[3].split('.')) {
    const key = /^([^[\]]+)((?:\[\])*)$/.exec(part);
    if (!key) throw new Error(`snippet "${name}": bad path in "${where}"`);
    path.push(key[1], ...Array<'[]'>(key[2].length / 2).fill('[]'));
  }
  return { resource: false, group: match[1], kind: match[2], path };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrLines(value: unknown, what: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length && value.every((item): item is string => typeof item === 'string')) return value;
  throw new Error(`${what} must be a string or a non-empty array of strings`);
}
