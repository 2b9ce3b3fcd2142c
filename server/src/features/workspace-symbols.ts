import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { describeResource, type Resource } from '../engine/model/resource';
import { toLspRange } from './lsp-convert';

/** Enough for any picker; a workspace with more matching resources gets the best ones. */
const maxResults = 1000;

/**
 * Every resource of every known file named `Kind namespace/name`, filtered by `query`
 * (case-insensitive; substring matches first, then fuzzy ones: see matchScore).
 */
export function workspaceSymbols(engine: Engine, query: string): SymbolInformation[] {
  const needle = query.trim().toLowerCase();
  const scored: Array<{ score: number; name: string; resource: Resource }> = [];
  for (const uri of engine.workspace.uris()) {
    for (const resource of engine.workspace.file(uri)?.resources ?? []) {
      const name = describeResource(resource);
      const score = matchScore(resource, needle);
      if (score !== undefined) scored.push({ score, name, resource });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name) || a.resource.uri.localeCompare(b.resource.uri));
  return scored.slice(0, maxResults).flatMap(({ name, resource }) => {
    const lines = engine.workspace.file(resource.uri)?.parsed.lines;
    if (!lines) return [];
    return [{ name, kind: SymbolKind.Class, location: { uri: resource.uri, range: toLspRange(lines, resource.anchor) }, containerName: resource.apiVersion }];
  });
}

/**
 * Lower is better; undefined means no match. Substring matches rank first; otherwise each word of the
 * query must fit a different part of the resource: the kind by prefix or initials (`vs`, `dr`), the
 * namespace or name by its letters in order (`vs rev` finds `VirtualService ns/reviews`).
 */
export function matchScore(resource: Pick<Resource, 'kind' | 'namespace' | 'name'>, query: string): number | undefined {
  if (!query) return 0;
  const name = resource.name.toLowerCase();
  if (name.startsWith(query)) return 0;
  if (name.includes(query)) return 1;
  if (describeResource(resource).toLowerCase().includes(query)) return 2;
  const kind = resource.kind.toLowerCase();
  const initials = resource.kind.replace(/[^A-Z]/g, '').toLowerCase();
  // An acronym is one word: HTTPRoute is `hr`, GRPCRoute `gr` (their capitals alone would be `httpr`, `grpcr`).
  const wordInitials = (resource.kind.match(/[A-Z]+(?![a-z])|[A-Z][a-z0-9]*/g) ?? []).map((w) => w[0]).join('').toLowerCase();
  const parts = [
    (word: string) => kind.startsWith(word) || initials.startsWith(word) || wordInitials.startsWith(word),
    (word: string) => isSubsequence(word, resource.namespace.toLowerCase()),
    (word: string) => isSubsequence(word, name),
  ];
  const used = new Set<number>();
  for (const word of query.split(/\s+/).filter(Boolean)) {
    const part = parts.findIndex((matches, i) => !used.has(i) && matches(word));
    if (part < 0) return undefined;
    used.add(part);
  }
  return 3;
}

function isSubsequence(word: string, text: string): boolean {
  let at = 0;
  for (const ch of word) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
