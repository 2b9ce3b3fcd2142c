import { CompletionItemKind, CompletionItemTag, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { fieldDeprecation, type FieldDeprecation } from '../engine/schema/deprecated-fields';
import { isObjectSchema, schemaAtPath, typeLabel } from '../engine/schema/schema-walk';
import type { SchemaNode } from '../engine/schema/catalog';
import { splitApiVersion } from '../engine/model/resource';
import { cursorContext, type CursorContext } from './cursor-context';
import { documentLines, topLevelValue } from './document-lines';
import { gatewayApiValueItems, type ValueSite } from './gateway-api-completion';
import { tracksTyping } from './destination-completion';
import { istioLabelKeyItems, istioValueItems } from './istio-completion';
import { snippetItems } from './snippet-completion';
import type { LineIndex } from '../engine/parse/line-index';
import { readableText } from './template-text';
import { isConfigFile } from '../engine/config/repo-config';
import { configCompletion } from './config-completion';

const empty: CompletionList = { isIncomplete: false, items: [] };

/** The text completion reads, when it is newer than the engine's (an edit the engine has not read yet). */
export interface CompletionText {
  text: string;
  lines: LineIndex;
}

/**
 * Field names, enum values, booleans, apiVersion and kind at `offset` of a known file; in Gateway API routes, the
 * Gateways, listeners, Services and ports of the workspace that a parentRef or backendRef can name; in VirtualServices
 * and DestinationRules, the Gateways, hosts and subsets of the workspace; the snippets that fit the cursor (whole
 * resources where one can start, smaller ones at their schema location). Deprecated fields are tagged and sorted
 * last. Completion reads only the text around the cursor, so it can answer from `current` without waiting for the
 * engine to re-read an edit.
 */
export function doComplete(engine: Engine, uri: string, offset: number, current?: CompletionText): CompletionList {
  const state = engine.workspace.file(uri);
  // A file over istio.maxFileSize is not analyzed; completion would read all of it on every keystroke.
  if (!state || state.tooLarge) return empty;
  if (isConfigFile(uri)) return configCompletion((current ?? state.parsed).lines, offset);
  // In a chart template, `{{- if }}` lines and `{{ include }}` keys would otherwise be read as YAML structure.
  const { text, lines } = readableText(current ?? state.parsed);
  const position = lines.positionAt(offset);
  const doc = documentLines(lines, position.line);
  const context = cursorContext(doc.lines, position.line - doc.firstLine, position.character);
  if (!context) return empty;
  const apiVersion = topLevelValue(doc.lines, 'apiVersion');
  const kind = topLevelValue(doc.lines, 'kind');
  const range = { start: { line: position.line, character: context.partialStart }, end: position };

  if (context.position === 'value' && context.path.length === 1 && (context.path[0] === 'apiVersion' || context.path[0] === 'kind')) {
    return { isIncomplete: false, items: rootValueItems(engine, context.path[0], apiVersion, kind, range) };
  }
  const root = resourceSchema(engine, apiVersion, kind);
  const site = { context, docLines: doc.lines, lineInDoc: position.line - doc.firstLine, line: position.line, lines, apiVersion, kind, range, uri };
  if (context.position === 'value') {
    const schema = root && schemaAtPath(root, context.path);
    const items = schema ? valueItems(schema, range) : [];
    // References complete from the workspace, whatever the schema says of the field.
    const references = [...gatewayApiValueItems(engine, site), ...istioValueItems(engine, site)];
    const labels = new Set(items.map((i) => i.label));
    // An item named after the typed text must be asked for again as the text grows.
    return { isIncomplete: references.some((i) => i.data === tracksTyping), items: [...items, ...references.filter((i) => !labels.has(i.label))] };
  }
  // A scalar list item being typed (`gateways:` then `- `): the workspace's values, no field names.
  const listItems = context.path[context.path.length - 1] === '[]' ? istioValueItems(engine, site) : [];
  if (listItems.length) return { isIncomplete: false, items: listItems };
  // A key typed in a pod-label map (Gateway selector, subset labels): `key: value` pairs of the workspace's workloads.
  const labelKeys = istioLabelKeyItems(engine, site);
  if (labelKeys.length) return { isIncomplete: false, items: labelKeys };
  const snippets = snippetItems(site);
  if (!root) return { isIncomplete: false, items: [...starterItems(engine, context, site, text), ...snippets] };
  const parent = schemaAtPath(root, context.path);
  const properties = parent?.properties ?? {};
  const required = new Set(parent?.required ?? []);
  const group = splitApiVersion(apiVersion ?? '').group;
  const items = Object.entries(properties)
    .filter(([name]) => !context.siblings.has(name))
    .map(([name, schema]) => {
      const deprecation = kind ? fieldDeprecation(group, kind, context.path, name, schema) : undefined;
      return keyItem(name, schema, context, range, deprecation ? 9 : required.has(name) ? 0 : 1, deprecation);
    });
  return { isIncomplete: false, items: [...items, ...snippets] };
}

/** The fields every resource starts with, where no kind is known yet, unless this is some other YAML. */
function starterItems(engine: Engine, context: CursorContext, site: Pick<ValueSite, 'docLines' | 'lineInDoc' | 'apiVersion' | 'range'>, text: string): CompletionItem[] {
  const { docLines, lineInDoc, apiVersion, range } = site;
  if (context.path.length || (apiVersion && !engine.schemas.coversGroup(splitApiVersion(apiVersion).group))) return [];
  if (!/\.istio\.io\/|gateway\.networking\.k8s\.io\//.test(text) && docLines.some((l, i) => i !== lineInDoc && l.trim())) return [];
  const starters = ['apiVersion', 'kind', 'metadata', 'spec'].filter((k) => !context.siblings.has(k));
  return starters.map((k, i) => keyItem(k, k === 'metadata' || k === 'spec' ? { type: 'object' } : { type: 'string' }, context, range, i));
}

function resourceSchema(engine: Engine, apiVersion: string | undefined, kind: string | undefined): SchemaNode | undefined {
  if (!apiVersion || !kind) return undefined;
  const { group, version } = splitApiVersion(apiVersion);
  const entry = engine.schemas.entry(group, version, kind);
  return entry && engine.schemas.schemaOf(entry);
}

type EditRange = { start: { line: number; character: number }; end: { line: number; character: number } };

function keyItem(name: string, schema: SchemaNode, context: CursorContext, range: EditRange, rank: number, deprecation?: FieldDeprecation): CompletionItem {
  const indent = ' '.repeat(context.keyColumn);
  let snippet: string;
  if (schema.type === 'array') {
    snippet = `${name}:\n${indent}  - $0`;
  } else if (isObjectSchema(schema)) {
    snippet = `${name}:\n${indent}  $0`;
  } else if (schema.enum?.length) {
    const values = schema.enum.map((v) => String(v).replace(/[,|\\$}]/g, (c) => `\\${c}`));
    snippet = `${name}: \${1|${values.join(',')}|}`;
  } else if (schema.type === 'boolean') {
    snippet = `${name}: \${1|true,false|}`;
  } else {
    snippet = `${name}: $0`;
  }
  return {
    label: name,
    kind: CompletionItemKind.Property,
    detail: deprecation ? `${typeLabel(schema)} (deprecated${deprecation.instead ? `: use ${deprecation.instead}` : ''})` : typeLabel(schema),
    ...(deprecation ? { tags: [CompletionItemTag.Deprecated] } : {}),
    documentation: schema.description ? { kind: MarkupKind.Markdown, value: schema.description } : undefined,
    insertTextFormat: InsertTextFormat.Snippet,
    // The snippet carries absolute indentation; the editor must not re-indent it.
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: snippet },
    filterText: name,
    sortText: `${rank}${name}`,
  };
}

function valueItems(schema: SchemaNode, range: EditRange): CompletionItem[] {
  const deprecated = new Set(schema['x-deprecated-values'] ?? []);
  const values = schema.enum ?? (schema.type === 'boolean' ? [true, false] : []);
  return values.map((value, i) => ({
    label: String(value),
    kind: CompletionItemKind.EnumMember,
    textEdit: { range, newText: String(value) },
    sortText: `${deprecated.has(String(value)) ? 1 : 0}${String(i).padStart(3, '0')}`,
    ...(deprecated.has(String(value)) ? { tags: [1], detail: 'deprecated' } : {}),
  }));
}

function rootValueItems(engine: Engine, key: 'apiVersion' | 'kind', apiVersion: string | undefined, kind: string | undefined, range: EditRange): CompletionItem[] {
  const entries = engine.schemas.allEntries();
  const values =
    key === 'apiVersion'
      ? entries.filter((e) => !kind || e.kind === kind).map((e) => `${e.group}/${e.version}`)
      : entries.filter((e) => !apiVersion || `${e.group}/${e.version}` === apiVersion).map((e) => e.kind);
  return [...new Set(values)].map((value) => ({
    label: value,
    kind: CompletionItemKind.Value,
    textEdit: { range, newText: value },
  }));
}
