import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { splitApiVersion } from '../engine/model/resource';
import type { SchemaPathSegment } from '../engine/schema/schema-walk';
import type { CursorContext } from './cursor-context';
import type { ValueSite } from './gateway-api-completion';
import { snippets as allSnippets, type Snippet } from './snippet-catalog';
import { snippetPreview } from './snippet-preview';

type EditRange = ValueSite['range'];

/** What of the completion site snippets read: the cursor's document lines and context, its kind, the range replaced. */
export type SnippetSite = Pick<ValueSite, 'context' | 'docLines' | 'lineInDoc' | 'apiVersion' | 'kind' | 'range'>;

/**
 * The snippets that fit the cursor: whole resources only where a resource can start (a document with nothing but
 * the cursor's word and comments), the smaller ones where their schema location is: at a list item (after `- `, or
 * on an empty line where the list's items go), inside the field they fill, or as a new field of the map above.
 * Each is re-indented to the cursor's column and inserted as is.
 */
export function snippetItems(site: SnippetSite, catalog: readonly Snippet[] = allSnippets): CompletionItem[] {
  const { context, docLines, lineInDoc, range } = site;
  const line = docLines[lineInDoc] ?? '';
  // A multi-line insertion in the middle of a line would tear it apart.
  if (context.position !== 'key' || line.slice(range.end.character).trim() !== '') return [];
  const lead = line.slice(0, range.start.character);
  const items: CompletionItem[] = [];
  if (atResourceStart(site, lead)) {
    for (const snippet of catalog) {
      if (snippet.places.some((p) => p.resource)) items.push(snippetItem(snippet, snippet.body, range, '5'));
    }
    return items;
  }
  if (!site.apiVersion || !site.kind) return [];
  const group = splitApiVersion(site.apiVersion).group;
  const dash = /^( *)- $/.exec(lead);
  const spot: Spot = {
    context,
    dashColumn: dash ? dash[1].length : undefined,
    blankLead: /^ *$/.test(lead),
    openKeyAbove: openKeyAbove(docLines, lineInDoc),
  };
  for (const snippet of catalog) {
    for (const place of snippet.places) {
      if (place.resource || place.group !== group || place.kind !== site.kind) continue;
      const text = placedBody(snippet.body, place.path, spot);
      if (text !== undefined) {
        items.push(snippetItem(snippet, text, range, '0~'));
        break;
      }
    }
  }
  return items;
}

interface Spot {
  context: CursorContext;
  /** Column of the `- ` right before the cursor's word, when the line starts a list item there. */
  dashColumn?: number;
  /** Nothing but spaces before the cursor's word. */
  blankLead: boolean;
  /** The nearest line above (in the document), when it is `key:` opening a block: its key and the key's column. */
  openKeyAbove?: { key: string; column: number };
}

/** The body re-indented for the cursor, when the snippet's schema location `path` fits there. */
function placedBody(body: string, path: readonly SchemaPathSegment[], spot: Spot): string | undefined {
  const { context } = spot;
  const here = context.path;
  const column = context.keyColumn;
  const field = path[path.length - 1];
  if (field === '[]') {
    const list = path.slice(0, -1);
    const listKey = list[list.length - 1];
    // After `- `: the first item's dash is the one typed.
    if (spot.dashColumn !== undefined && samePath(here, path)) return indented(body.replace(/^- /, ''), spot.dashColumn);
    // On an empty line indented under the list's key.
    if (spot.blankLead && samePath(here, list)) return indented(body, column);
    if (typeof listKey !== 'string' || !samePath(here, list.slice(0, -1))) return undefined;
    // At the key's own column right below an empty `key:` (YAML lets a list's dashes sit there).
    if (spot.blankLead && spot.openKeyAbove?.key === listKey && spot.openKeyAbove.column === column) return indented(body, column);
    return context.siblings.has(listKey) ? undefined : `${listKey}:\n${padded(body, column + 2)}`;
  }
  if (typeof field !== 'string') return undefined;
  // Inside the empty `field:` itself.
  if (samePath(here, path)) return spot.blankLead && context.siblings.size === 0 ? indented(body, column) : undefined;
  if (!samePath(here, path.slice(0, -1)) || context.siblings.has(field)) return undefined;
  return `${field}:\n${padded(body, column + 2)}`;
}

/** A document holding nothing yet but the word being typed at column 0 (and comments): a resource may start here. */
function atResourceStart(site: SnippetSite, lead: string): boolean {
  const { context, docLines, lineInDoc } = site;
  if (context.path.length || lead !== '' || /^(---|\.\.\.)/.test(context.partial)) return false;
  return docLines.every((text, i) => i === lineInDoc || /^\s*(#.*)?$/.test(text));
}

/** The text with every line moved right by `columns`. */
function padded(text: string, columns: number): string {
  return ' '.repeat(columns) + indented(text, columns);
}

/** The text with every line after the first moved right by `columns` (the first starts at the cursor). */
function indented(text: string, columns: number): string {
  const pad = ' '.repeat(columns);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

const openKeyPattern = /^( *(?:- +)*)("[^"]*"|'[^']*'|[^\s:#'"-][^:#]*?):\s*(?:#.*)?$/;

function openKeyAbove(docLines: readonly string[], lineInDoc: number): { key: string; column: number } | undefined {
  for (let i = lineInDoc - 1; i >= 0; i--) {
    const text = docLines[i];
    if (/^\s*(#.*)?$/.test(text)) continue;
    const match = openKeyPattern.exec(text);
    if (!match) return undefined;
    return { key: match[2].replace(/^(["'])(.*)\1$/, '$2'), column: match[1].length };
  }
  return undefined;
}

function samePath(a: readonly SchemaPathSegment[], b: readonly SchemaPathSegment[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i] || (segment === '[]' && typeof b[i] === 'number') || (b[i] === '[]' && typeof segment === 'number'));
}

function snippetItem(snippet: Snippet, newText: string, range: EditRange, rank: string): CompletionItem {
  const label = snippet.prefixes[0];
  return {
    label,
    labelDetails: { description: snippet.name },
    kind: CompletionItemKind.Snippet,
    detail: snippet.description,
    documentation: { kind: MarkupKind.Markdown, value: ['```yaml', previewOf(newText), '```'].join('\n') },
    insertTextFormat: InsertTextFormat.Snippet,
    // The text carries absolute indentation; the editor must not re-indent it.
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText },
    filterText: snippet.prefixes.join(' '),
    sortText: `${rank}${label}`,
  };
}

// The same texts come back on every keystroke (the whole-resource ones never change): expand each once.
const previews = new Map<string, string>();

function previewOf(text: string): string {
  let preview = previews.get(text);
  if (preview === undefined) {
    if (previews.size >= 500) previews.clear();
    preview = snippetPreview(text);
    previews.set(text, preview);
  }
  return preview;
}
