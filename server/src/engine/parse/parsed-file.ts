import { parseAllDocuments, type Document } from 'yaml';
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

/** Parses every YAML document of a file; a syntax error stays inside its own document. */
export function parseFile(uri: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  const documents = list.map((yaml, index): ParsedDocument => ({
    index,
    yaml,
    range: { start: yaml.range[0], end: yaml.range[2] },
    problems: [
      ...yaml.errors.map((e) => toProblem(e.message, e.pos, 'error', text.length)),
      ...yaml.warnings.map((w) => toProblem(w.message, w.pos, 'warning', text.length)),
    ],
  }));
  return { uri, text, lines, documents };
}

function toProblem(message: string, pos: [number, number], severity: 'error' | 'warning', textLength: number): SyntaxProblem {
  const start = Math.min(pos[0], textLength);
  const end = Math.min(Math.max(pos[1], start), textLength);
  // The yaml package appends a code frame and line info to some messages; keep the first sentence line.
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { message: firstLine, range: { start, end }, severity };
}
