import { Composer, Parser, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { OffsetRange } from '../finding';
import { parseBlockDocument } from './block-parser';
import { chunkSpans, shiftDocument } from './document-chunks';
import { LineIndex } from './line-index';
import { neutralizeTemplate, type NeutralizedTemplate } from '../text/template-neutralize';
import { alternativeDuplicates } from './template-duplicates';
import { applyChartValues } from './template-values';
import type { ChartValues } from '../text/chart-values';

/** A chart template as read: its neutralized text, and its chart's values for simple `.Values` references. */
export interface TemplateReading extends NeutralizedTemplate {
  values?: ChartValues;
}

export interface SyntaxProblem {
  message: string;
  range: OffsetRange;
  severity: 'error' | 'warning';
}

export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  yaml: Document.Parsed;
  /** The document's span in the file, `---` marker included. */
  range: OffsetRange;
  problems: SyntaxProblem[];
}

/** Where a document lies and what is wrong with its syntax: kept when the file's tree is released. */
export interface DocumentOutline {
  range: OffsetRange;
  problems: SyntaxProblem[];
}

export interface Tree {
  documents: ParsedDocument[];
  /** The spans parsed one by one, kept so the next version of the file can reuse the unchanged ones. */
  chunks: ParsedChunk[];
}

/**
 * A file's text and its YAML tree. The tree of a file nobody edits can be released to save memory: its text, line
 * index and document outlines stay, and the tree is parsed again, identical, the next time it is read.
 */
export class ParsedFile {
  readonly lines: LineIndex;
  /** One per document, in order: spans and syntax problems, without the tree. */
  readonly outlines: readonly DocumentOutline[];
  private tree: Tree | undefined;
  /** Called when a released tree is parsed again (a tree budget keeps count of the trees alive). */
  onRebuilt: ((file: ParsedFile) => void) | undefined;

  constructor(
    readonly uri: string,
    readonly text: string,
    tree: Tree | undefined,
    outlines: readonly DocumentOutline[] = tree?.documents.map((d) => ({ range: d.range, problems: d.problems })) ?? [],
    lines = new LineIndex(text),
    /** For a chart template: what is parsed instead of `text` (same offsets, actions neutralized). */
    readonly template?: TemplateReading,
  ) {
    this.lines = lines;
    this.tree = tree;
    this.outlines = outlines;
  }

  /** A file read elsewhere (another thread): its outlines are known, its tree is parsed when first read. */
  static withoutTree(uri: string, text: string, outlines: readonly DocumentOutline[]): ParsedFile {
    return new ParsedFile(uri, text, undefined, outlines);
  }

  get documents(): ParsedDocument[] {
    return this.ensureTree().documents;
  }

  get chunks(): ParsedChunk[] {
    return this.ensureTree().chunks;
  }

  /** Whether the tree is in memory now. */
  get hasTree(): boolean {
    return this.tree !== undefined;
  }

  /** Drops the tree; nodes read from it before stay valid objects, but the next read parses a new tree. */
  releaseTree(): void {
    if (this.tree && this.tree.chunks.length) this.tree = undefined;
  }

  private ensureTree(): Tree {
    if (this.tree) return this.tree;
    this.tree = this.template ? parseTemplateTree(this.text, this.lines, this.template) : parseTree(this.text, this.lines);
    this.onRebuilt?.(this);
    return this.tree;
  }
}

/** One `---`-delimited span of the file and what parsing it gave (usually one document). */
export interface ParsedChunk {
  start: number;
  text: string;
  documents: ParsedDocument[];
}

/** A file kept as text only (a template): positions work, no documents. */
export function unparsedFile(uri: string, text: string): ParsedFile {
  return new ParsedFile(uri, text, { documents: [], chunks: [] });
}

/**
 * `merge`: Kubernetes' YAML reader honours `<<: *anchor` merge keys, so validation must see merged maps.
 * `logLevel`: the yaml package would otherwise print warnings (e.g. about map keys) to the server's stderr.
 */
const parseOptions: ParseOptions & DocumentOptions & SchemaOptions = { prettyErrors: false, uniqueKeys: true, strict: false, merge: true, logLevel: 'error' };

/**
 * Parses every YAML document of a file; a syntax error stays inside its own document. Given the file's
 * previous version, documents whose text did not change are taken from it (moved to their new position)
 * instead of being parsed again: an edit costs the documents it touches.
 */
export function parseFile(uri: string, text: string, previous?: ParsedFile): ParsedFile {
  const lines = new LineIndex(text);
  // A released tree is not parsed again only to be reused: the new text is parsed instead.
  return new ParsedFile(uri, text, parseTree(text, lines, previous?.hasTree ? previous.chunks : []), undefined, lines);
}

/**
 * Parses a Helm chart template with its actions neutralized (see template-neutralize.ts): `text` stays the
 * template's, node ranges point into it, and keys defined in two branches of one `if`/`else` are not duplicates.
 */
export function parseTemplateFile(uri: string, text: string, values?: ChartValues): ParsedFile {
  const lines = new LineIndex(text);
  const template: TemplateReading = { ...neutralizeTemplate(text), values };
  return new ParsedFile(uri, text, parseTemplateTree(text, lines, template), undefined, lines, template);
}

function parseTemplateTree(text: string, lines: LineIndex, template: TemplateReading): Tree {
  const tree = parseTree(template.text, lines, [], template);
  const values = template.values;
  if (values) for (const doc of tree.documents) applyChartValues(doc.yaml, text, values);
  return tree;
}

function parseTree(text: string, lines: LineIndex, previousChunks: readonly ParsedChunk[] = [], template?: NeutralizedTemplate): Tree {
  const reusable = new Map<string, ParsedChunk[]>();
  for (const chunk of previousChunks) {
    const list = reusable.get(chunk.text);
    if (list) list.push(chunk);
    else reusable.set(chunk.text, [chunk]);
  }
  const chunks: ParsedChunk[] = [];
  // The yaml package makes an Error per problem: stack traces for the 500,000 errors of a 1 MB line of `"` would take seconds.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const { start, end } of chunkSpans(text)) {
      const chunkText = text.slice(start, end);
      // Each previous chunk is used once: moving it changes its nodes.
      const old = reusable.get(chunkText)?.shift();
      chunks.push(old ? moveChunk(old, start) : parseChunk(ownCopy(chunkText), start, lines, template));
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const documents: ParsedDocument[] = [];
  for (const chunk of chunks) for (const doc of chunk.documents) documents.push(doc.index === documents.length ? doc : { ...doc, index: documents.length });
  return { documents, chunks };
}

/**
 * The text as a string of its own. A slice shares the whole file's text, and the chunk (and every longer
 * scalar parsed from it) lives until that document is edited: kept slices would keep every version of a
 * large file alive, one per edit.
 */
function ownCopy(slice: string): string {
  return (slice + ' ').slice(0, -1);
}

function parseChunk(chunkText: string, start: number, lines: LineIndex, template?: NeutralizedTemplate): ParsedChunk {
  const end = start + chunkText.length;
  let list: Document.Parsed[];
  try {
    // Most manifests are plain block YAML, which the fast reader builds the same nodes for; the rest goes to the yaml package.
    const simple = parseBlockDocument(chunkText, start, parseOptions);
    if (simple) return { start, text: chunkText, documents: [{ index: 0, yaml: simple, range: { start: simple.range[0], end: simple.range[2] }, problems: [] }] };
    const parser = new Parser();
    // Token offsets, and so every node's range, count from the chunk's place in the file.
    parser.offset = start;
    list = Array.from(new Composer(parseOptions).compose(parser.parse(chunkText)));
  } catch (error) {
    // The yaml package's parser recurses per nesting level and throws RangeError on very deep nesting (e.g. `k: k: k: ...`).
    return { start, text: chunkText, documents: [unreadableDocument(start, end, lines, error)] };
  }
  const documents = list.map((yaml, index): ParsedDocument => ({
    index,
    yaml,
    range: { start: yaml.range[0], end: yaml.range[2] },
    problems: problemsOf(template ? withoutTemplatingErrors(yaml, template, lines) : yaml, end),
  }));
  return { start, text: chunkText, documents };
}

/** The previous version's chunk, moved to `start`. */
function moveChunk(chunk: ParsedChunk, start: number): ParsedChunk {
  const delta = start - chunk.start;
  if (!delta) return chunk;
  const shift = (r: OffsetRange): OffsetRange => ({ start: r.start + delta, end: r.end + delta });
  const documents = chunk.documents.map((doc): ParsedDocument => {
    shiftDocument(doc.yaml, delta);
    return { ...doc, range: shift(doc.range), problems: doc.problems.map((p) => ({ ...p, range: shift(p.range) })) };
  });
  return { start, text: chunk.text, documents };
}

/**
 * The template's document without the errors its templating causes: a syntax error on a line that held an action
 * (or just below one: a blanked line can end a block), and a duplicate key that two branches of one `if`/`else` define.
 */
function withoutTemplatingErrors(yaml: Document.Parsed, template: NeutralizedTemplate, lines: LineIndex): Document.Parsed {
  const fromTemplating = (pos: number) => {
    const line = lines.positionAt(pos).line;
    return template.actionLines.has(line) || template.actionLines.has(line - 1);
  };
  // Past the problems a document shows (the rest are only counted), duplicates are not worth a look.
  const duplicates = new Set(yaml.errors.filter((e) => e.code === 'DUPLICATE_KEY').slice(0, maxProblemsPerDocument).map((e) => e.pos[0]));
  const alternatives = alternativeDuplicates(yaml, duplicates, template.alternatives);
  const kept = yaml.errors.filter((e) => (e.code === 'DUPLICATE_KEY' ? !alternatives.has(e.pos[0]) : !fromTemplating(e.pos[0])));
  // Not splice(…, ...kept): a hostile document has more errors than a call takes arguments.
  yaml.errors.length = 0;
  for (const error of kept) yaml.errors.push(error);
  return yaml;
}

/** Problems reported per document; past this, one more problem says how many were left out (the editor needs no 100,000 squiggles). */
export const maxProblemsPerDocument = 100;

function problemsOf(yaml: Document.Parsed, textLength: number): SyntaxProblem[] {
  const all = [...yaml.errors.map((e) => ({ e, severity: 'error' as const })), ...yaml.warnings.map((e) => ({ e, severity: 'warning' as const }))];
  const problems = all
    .slice(0, maxProblemsPerDocument)
    .map(({ e, severity }) => toProblem(e.code === 'RESOURCE_EXHAUSTION' ? tooDeep : e.message, e.pos, severity, textLength));
  if (all.length > maxProblemsPerDocument) {
    const next = all[maxProblemsPerDocument];
    const message = `${all.length - maxProblemsPerDocument} more problems in this document are not shown; fix the ones above first`;
    problems.push(toProblem(message, next.e.pos, next.severity, textLength));
    // The document lives as long as the file is open: it need not hold on to 100,000 error objects.
    yaml.errors.splice(maxProblemsPerDocument);
    yaml.warnings.splice(maxProblemsPerDocument);
  }
  return problems;
}

const tooDeep = 'Nesting too deep to be read';

/** One empty document spanning the chunk, carrying the reason it could not be parsed at all. */
function unreadableDocument(start: number, end: number, lines: LineIndex, error: unknown): ParsedDocument {
  const reason = error instanceof RangeError ? tooDeep : `The document cannot be parsed: ${error instanceof Error ? error.message : String(error)}`;
  const yaml = parseDocument('', parseOptions);
  yaml.range = [start, start, start];
  return {
    index: 0,
    yaml,
    range: { start, end },
    problems: [{ message: reason, range: { start, end: Math.min(end, lines.lineEnd(lines.positionAt(start).line)) }, severity: 'error' }],
  };
}

function toProblem(message: string, pos: [number, number], severity: 'error' | 'warning', textLength: number): SyntaxProblem {
  const start = Math.min(pos[0], textLength);
  const end = Math.min(Math.max(pos[1], start), textLength);
  // The yaml package appends a code frame and line info to some messages; keep the first sentence line.
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { message: firstLine, range: { start, end }, severity };
}
