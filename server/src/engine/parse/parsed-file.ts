import { parseAllDocuments, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { OffsetRange } from '../finding';
import { LineIndex } from './line-index';

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

export interface ParsedFile {
  uri: string;
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
}

/** A file kept as text only (a template): positions work, no documents. */
export function unparsedFile(uri: string, text: string): ParsedFile {
  return { uri, text, lines: new LineIndex(text), documents: [] };
}

/**
 * `merge`: Kubernetes' YAML reader honours `<<: *anchor` merge keys, so validation must see merged maps.
 * `logLevel`: the yaml package would otherwise print warnings (e.g. about map keys) to the server's stderr.
 */
const parseOptions: ParseOptions & DocumentOptions & SchemaOptions = { prettyErrors: false, uniqueKeys: true, strict: false, merge: true, logLevel: 'error' };

/** Parses every YAML document of a file; a syntax error stays inside its own document. */
export function parseFile(uri: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  let list: Document.Parsed[];
  // The yaml package makes an Error per problem: stack traces for the 500,000 errors of a 1 MB line of `"` would take seconds.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const docs = parseAllDocuments(text, parseOptions);
    list = Array.isArray(docs) ? docs : [];
  } catch (error) {
    // The yaml package's parser recurses per nesting level and throws RangeError on very deep nesting (e.g. `k: k: k: ...`).
    return { uri, text, lines, documents: [unreadableDocument(text, lines, error)] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const documents = list.map((yaml, index): ParsedDocument => ({
    index,
    yaml,
    range: { start: yaml.range[0], end: yaml.range[2] },
    problems: problemsOf(yaml, text.length),
  }));
  return { uri, text, lines, documents };
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

/** One empty document spanning the file, carrying the reason the file could not be parsed at all. */
function unreadableDocument(text: string, lines: LineIndex, error: unknown): ParsedDocument {
  const reason = error instanceof RangeError ? tooDeep : `The file cannot be parsed: ${error instanceof Error ? error.message : String(error)}`;
  return {
    index: 0,
    yaml: parseDocument('', parseOptions),
    range: { start: 0, end: text.length },
    problems: [{ message: reason, range: { start: 0, end: lines.lineEnd(0) }, severity: 'error' }],
  };
}

function toProblem(message: string, pos: [number, number], severity: 'error' | 'warning', textLength: number): SyntaxProblem {
  const start = Math.min(pos[0], textLength);
  const end = Math.min(Math.max(pos[1], start), textLength);
  // The yaml package appends a code frame and line info to some messages; keep the first sentence line.
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { message: firstLine, range: { start, end }, severity };
}
