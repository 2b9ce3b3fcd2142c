import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * A fast reader for the YAML that Kubernetes manifests are mostly made of: block mappings and sequences of
 * one-line plain or simply quoted scalars, without comments, anchors, tags, flow collections or block scalars.
 * It builds the same nodes, with the same values, types and ranges, as the `yaml` package's composer would,
 * about five times faster; anything outside that subset makes it give up (return undefined) so the caller
 * uses the `yaml` package. A test compares both on every YAML file of the repository and on generated input.
 */
export function parseBlockDocument(text: string, offset: number, options: BlockParseOptions): Document.Parsed | undefined {
  if (text.includes('\t') || text.includes('\r') || text.includes('#')) return undefined;
  try {
    return new BlockReader(text, offset, options).document();
  } catch (error) {
    if (error === outsideSubset) return undefined;
    throw error;
  }
}

export type BlockParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown (never escapes) when the text leaves the subset this reader handles. */
const outsideSubset = new Error('outside the block subset');

function giveUp(): never {
  throw outsideSubset;
}

interface ScalarTagLike {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (message: string) => void, options: ParseOptions): unknown;
}

const space = 0x20;
const newline = 0x0a;

class BlockReader {
  private readonly lineStarts: number[] = [];
  private readonly lineEnds: number[] = [];
  /** Index into the lines of the next line to read; blank lines are skipped by `nextContent`. */
  private line = 0;
  private readonly doc: Document.Parsed;
  private readonly tags: ScalarTagLike[];
  private readonly resolveOptions: ParseOptions;

  constructor(
    private readonly text: string,
    private readonly offset: number,
    options: BlockParseOptions,
  ) {
    for (let start = 0; start <= text.length; ) {
      const end = text.indexOf('\n', start);
      this.lineStarts.push(start);
      this.lineEnds.push(end === -1 ? text.length : end);
      if (end === -1) break;
      start = end + 1;
    }
    this.doc = new Document(undefined, options) as unknown as Document.Parsed;
    this.tags = this.doc.schema.tags.filter((tag): tag is typeof tag & ScalarTagLike => !('collection' in tag && tag.collection) && tag.default === true);
    this.resolveOptions = this.doc.options;
  }

  document(): Document.Parsed {
    let first = 0;
    const marker = this.text.startsWith('---');
    if (marker) {
      if (this.text.slice(3, this.lineEnds[0]).trim()) giveUp(); // content on the marker line
      first = 1;
    }
    this.line = first;
    const start = this.nextContent();
    // Empty documents and blank lines before the content keep their own rules in the yaml package.
    if (start === undefined || start !== first) giveUp();
    const contents = this.node(this.indentOf(start));
    if (this.nextContent() !== undefined) giveUp(); // a line outside the top-level collection: an error the yaml package reports
    if (lastValueIsEmpty(contents)) giveUp();
    const contentEnd = contents.range![2];
    const doc = this.doc;
    if (marker && doc.directives) doc.directives.docStart = true;
    doc.contents = contents as Document.Parsed['contents'];
    const docStart = marker ? 0 : this.lineStarts[start];
    doc.range = [this.offset + docStart, contentEnd, this.offset + this.text.length];
    return doc;
  }

  /** The block collection starting on the next content line, whose indentation is `indent`. */
  private node(indent: number): YAMLMap | YAMLSeq {
    const line = this.nextContent()!;
    const at = this.lineStarts[line] + indent;
    return this.isDash(at) ? this.sequence(indent) : this.mapping(indent, at);
  }

  private mapping(indent: number, firstKeyAt: number): YAMLMap {
    const map = new YAMLMap<Scalar, Scalar | YAMLMap | YAMLSeq>(this.doc.schema);
    const keys = new Set<unknown>();
    let keyAt = firstKeyAt;
    for (;;) {
      const pair = this.entry(keyAt, indent);
      if (keys.has(pair.key.value)) giveUp(); // the yaml package reports duplicate keys
      keys.add(pair.key.value);
      map.items.push(pair);
      const next = this.nextContent();
      if (next === undefined) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent > indent) giveUp();
      if (nextIndent < indent) break;
      keyAt = this.lineStarts[next] + indent;
      // A sequence item of the enclosing sequence at the same column, or an error the yaml package reports.
      if (this.isDash(keyAt)) break;
      // The yaml package marks a key that follows blank lines.
      this.pendingSpaceBefore = this.hasBlankLineBefore(next);
    }
    const last = map.items[map.items.length - 1];
    map.range = [firstKeyAt + this.offset, endOf(last), endOf(last)];
    return map;
  }

  private pendingSpaceBefore = false;

  /** One `key: value` entry whose key starts at `keyAt` on the current line; leaves the cursor after its value. */
  private entry(keyAt: number, indent: number): Pair<Scalar, Scalar | YAMLMap | YAMLSeq> {
    const line = this.line;
    const lineEnd = this.lineEnds[line];
    const colon = this.keyColon(keyAt, lineEnd);
    if (colon === undefined) giveUp();
    // `<<` is a merge key for the yaml package (option `merge`): its own node type.
    if (colon - keyAt === 2 && this.text.startsWith('<<', keyAt)) giveUp();
    const key = this.plainScalar(keyAt, colon, colon);
    if (this.pendingSpaceBefore) {
      key.spaceBefore = true;
      this.pendingSpaceBefore = false;
    }
    let valueAt = colon + 1;
    while (valueAt < lineEnd && this.text.charCodeAt(valueAt) === space) valueAt++;
    this.line = line + 1;
    if (valueAt < lineEnd) return new Pair(key, this.inlineScalar(valueAt, lineEnd, indent));
    const next = this.nextContent();
    if (next !== undefined) {
      const nextIndent = this.indentOf(next);
      if (this.hasBlankLineBefore(next)) giveUp();
      if (nextIndent > indent) return new Pair(key, this.node(nextIndent));
      // A sequence may sit at its key's column.
      if (nextIndent === indent && this.isDash(this.lineStarts[next] + indent)) return new Pair(key, this.sequence(indent));
    }
    return new Pair(key, this.emptyScalar(lineEnd));
  }

  private sequence(indent: number): YAMLSeq {
    const seq = new YAMLSeq(this.doc.schema);
    const first = this.lineStarts[this.line] + indent;
    for (;;) {
      const line = this.line;
      const dash = this.lineStarts[line] + indent;
      const lineEnd = this.lineEnds[line];
      let itemAt = dash + 1;
      while (itemAt < lineEnd && this.text.charCodeAt(itemAt) === space) itemAt++;
      this.line = line + 1;
      if (itemAt === lineEnd) {
        const next = this.nextContent();
        if (next !== undefined && this.indentOf(next) > indent) giveUp(); // an item whose content starts on the next line
        seq.items.push(this.emptyScalar(lineEnd));
      } else if (this.isDash(itemAt)) {
        giveUp(); // a sequence inside a sequence item
      } else if (this.keyColon(itemAt, lineEnd) !== undefined) {
        this.line = line;
        seq.items.push(this.mapping(itemAt - this.lineStarts[line], itemAt));
      } else {
        seq.items.push(this.inlineScalar(itemAt, lineEnd, indent));
      }
      const next = this.nextContent();
      if (next === undefined) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent > indent) giveUp();
      if (nextIndent < indent || !this.isDash(this.lineStarts[next] + indent)) break;
      if (this.hasBlankLineBefore(next)) giveUp();
    }
    const end = (seq.items[seq.items.length - 1] as Scalar).range![2];
    seq.range = [first + this.offset, end, end];
    return seq;
  }

  /** The scalar from `at` to the end of its line; the next content line must not continue it. */
  private inlineScalar(at: number, lineEnd: number, indent: number): Scalar {
    let end = lineEnd;
    while (end > at && this.text.charCodeAt(end - 1) === space) end--;
    const nodeEnd = lineEnd < this.text.length ? lineEnd + 1 : lineEnd;
    const next = this.nextContent();
    if (next !== undefined && this.indentOf(next) > indent) giveUp(); // a multi-line scalar
    const first = this.text.charCodeAt(at);
    if (first === 0x22 /* " */) return this.doubleQuoted(at, end, nodeEnd);
    if (first === 0x27 /* ' */) return this.singleQuoted(at, end, nodeEnd);
    const scalar = this.plainScalar(at, end, nodeEnd);
    // `a: b: c` is an error, `a: b:` too; the yaml package says so.
    if (this.keyColon(at, end) !== undefined) giveUp();
    return scalar;
  }

  private plainScalar(at: number, end: number, nodeEnd: number): Scalar {
    const source = this.text.slice(at, end);
    if (!source || !startsPlain(source)) giveUp();
    let tag: ScalarTagLike | undefined;
    if (!isPlainString(source)) {
      for (const candidate of this.tags) {
        if (candidate.test?.test(source)) {
          tag = candidate;
          break;
        }
      }
    }
    let scalar: Scalar;
    if (tag) {
      let failed = false;
      const resolved = tag.resolve(source, () => (failed = true), this.resolveOptions);
      if (failed) giveUp();
      scalar = isScalar(resolved) ? resolved : new Scalar(resolved);
      if (tag.format) scalar.format = tag.format;
    } else {
      scalar = new Scalar(source);
    }
    scalar.range = [at + this.offset, end + this.offset, nodeEnd + this.offset];
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    return scalar;
  }

  private doubleQuoted(at: number, end: number, nodeEnd: number): Scalar {
    const inner = this.text.slice(at + 1, end - 1);
    if (end - at < 2 || this.text.charCodeAt(end - 1) !== 0x22 || inner.includes('"') || inner.includes('\\')) giveUp();
    return this.quoted(inner, Scalar.QUOTE_DOUBLE, at, end, nodeEnd);
  }

  private singleQuoted(at: number, end: number, nodeEnd: number): Scalar {
    const inner = this.text.slice(at + 1, end - 1);
    if (end - at < 2 || this.text.charCodeAt(end - 1) !== 0x27 || inner.replace(/''/g, '').includes("'")) giveUp();
    return this.quoted(inner.replace(/''/g, "'"), Scalar.QUOTE_SINGLE, at, end, nodeEnd);
  }

  private quoted(value: string, type: Scalar.Type, at: number, end: number, nodeEnd: number): Scalar {
    const scalar = new Scalar(value);
    scalar.range = [at + this.offset, end + this.offset, nodeEnd + this.offset];
    scalar.source = value;
    scalar.type = type;
    return scalar;
  }

  /** The null of `key:` with nothing after it, placed where its line ends. */
  private emptyScalar(lineEnd: number): Scalar {
    const scalar = new Scalar(null);
    scalar.range = [lineEnd + this.offset, lineEnd + this.offset, lineEnd + this.offset];
    scalar.source = '';
    scalar.type = Scalar.PLAIN;
    return scalar;
  }

  /** The colon ending a plain key that starts at `at`: the first `:` followed by a space or the line's end. */
  private keyColon(at: number, lineEnd: number): number | undefined {
    const first = this.text.charCodeAt(at);
    if (first === 0x22 || first === 0x27) return undefined; // quoted keys and quoted values: not a plain key
    for (let i = this.text.indexOf(':', at); i !== -1 && i < lineEnd; i = this.text.indexOf(':', i + 1)) {
      if (i + 1 === lineEnd || this.text.charCodeAt(i + 1) === space) {
        if (i === at || this.text.charCodeAt(i - 1) === space) giveUp(); // `: x` or `key : x`
        return i;
      }
    }
    return undefined;
  }

  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== 0x2d) return false;
    const after = this.text.charCodeAt(at + 1);
    return after === space || after === newline || Number.isNaN(after);
  }

  /** The next line, from the cursor, that is not blank; the cursor moves to it. */
  private nextContent(): number | undefined {
    for (; this.line < this.lineStarts.length; this.line++) {
      const start = this.lineStarts[this.line];
      const end = this.lineEnds[this.line];
      for (let i = start; i < end; i++) if (this.text.charCodeAt(i) !== space) return this.line;
    }
    return undefined;
  }

  private indentOf(line: number): number {
    const start = this.lineStarts[line];
    let i = start;
    while (this.text.charCodeAt(i) === space) i++;
    const c = this.text.charCodeAt(i);
    // Lines the subset does not cover: document markers and directives inside a chunk.
    if (i === start && (this.text.startsWith('---', i) || this.text.startsWith('...', i) || c === 0x25)) giveUp();
    return i - start;
  }

  private hasBlankLineBefore(line: number): boolean {
    if (line === 0) return false;
    for (let i = this.lineStarts[line - 1]; i < this.lineEnds[line - 1]; i++) if (this.text.charCodeAt(i) !== space) return false;
    return true;
  }
}

/**
 * True when no core-schema tag but `str` can match: the null, bool, int and float forms all start with a digit,
 * a sign, a dot, `~`, or one of the letters n, t, f (either case). Saves a dozen regular expressions per key.
 */
function isPlainString(source: string): boolean {
  const c = source.charCodeAt(0) | 0x20; // lower case for letters
  return c >= 0x61 && c <= 0x7a && c !== 0x6e && c !== 0x74 && c !== 0x66;
}

/** A plain scalar may not start with an indicator, except `-`, `?` and `:` followed by a non-space. */
function startsPlain(source: string): boolean {
  const c = source[0];
  if ('-?:'.includes(c)) return source.length > 1 && source[1] !== ' ';
  return !',[]{}#&*!|>\'"%@`'.includes(c);
}

function endOf(pair: Pair<Scalar, Scalar | YAMLMap | YAMLSeq>): number {
  return pair.value!.range![2];
}

/** True when the collection's last value (at any depth) is an empty `key:`: its range rules differ at a document's end. */
function lastValueIsEmpty(node: YAMLMap | YAMLSeq | Scalar): boolean {
  for (;;) {
    if (isScalar(node)) return node.value === null;
    const last = node.items[node.items.length - 1] as Pair<Scalar, Scalar | YAMLMap | YAMLSeq> | Scalar | YAMLMap | YAMLSeq;
    node = last instanceof Pair ? last.value! : last;
  }
}
