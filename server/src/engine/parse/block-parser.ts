import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * A fast reader for the YAML that Kubernetes manifests are mostly made of: block mappings and sequences of
 * one-line plain or simply quoted scalars, with the common kinds of comments (after a value, after `key:` above a
 * nested collection, on the lines before a key or an item at its indentation, with blank lines around them), and
 * one-line flow lists of scalars as values (`hosts: ["*"]`); without anchors, tags, other flow collections or block
 * scalars.
 * It builds the same nodes, with the same values, types, ranges and comments, as the `yaml` package's composer
 * would, about four times faster; anything outside that subset makes it give up (return undefined) so the caller
 * uses the `yaml` package. A test compares both on every YAML file of the repository and on generated input.
 */
export function parseBlockDocument(text: string, offset: number, options: BlockParseOptions): Document.Parsed | undefined {
  if (outsideCharacters.test(text)) return undefined;
  try {
    return new BlockReader(text, offset, options).document();
  } catch (error) {
    // Very deep nesting can exhaust the stack of this recursive reader: the yaml package decides what it means.
    if (error === outsideSubset || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Tabs, carriage returns, other control characters and byte-order marks: each has rules of its own in the yaml package. */
const outsideCharacters = /[\u0000-\u0009\u000b-\u001f\u007f\ufeff]/;

export type BlockParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown (never escapes) when the text leaves the subset this reader handles. */
const outsideSubset = new Error('outside the block subset');

function giveUp(): never {
  throw outsideSubset;
}

/** Comment lines before a node's line, as the yaml package keeps them. */
interface PendingComment {
  line: number;
  indent: number;
  /** What follows each `#`, one line each; a blank line after the first comment adds an empty line. */
  text: string;
  /** Blank lines came before the first comment: the node is marked `spaceBefore`. */
  spaceBefore: boolean;
  /** Blank lines came after the last comment. */
  blankAfter: boolean;
  /** Blank lines came after the first comment (between comments, or after the last). */
  blankWithin: boolean;
}

interface ScalarTagLike {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (message: string) => void, options: ParseOptions): unknown;
}

const space = 0x20;
const newline = 0x0a;
const hash = 0x23;

class BlockReader {
  private readonly lineStarts: number[] = [];
  private readonly lineEnds: number[] = [];
  /** Index into the lines of the next line to read; blank lines are skipped by `nextContent`. */
  private line = 0;
  private readonly doc: Document.Parsed;
  private readonly tags: ScalarTagLike[];
  private readonly resolveOptions: ParseOptions;
  /** Comment lines `nextContent` passed on the way to `line`, not yet given to a node: `text` is what follows each `#`. */
  private pendingComment: PendingComment | undefined;
  /** Blank lines came before the next key (and no comments): the yaml package marks it `spaceBefore`. */
  private pendingSpaceBefore = false;

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
    if (start === undefined) giveUp(); // an empty document
    const comment = this.pendingComment?.line === start ? this.pendingComment : undefined;
    // Without a `---` line, comments right before the content belong to its first key (`entry` takes them); blank
    // lines around them make them the document's, not covered here.
    if (!marker && comment && (comment.spaceBefore || comment.blankWithin)) giveUp();
    // With a `---` line, comments and blank lines before the content are the collection's (`node` takes them).
    const blankBefore = !comment && start !== first;
    const contents = this.node(this.indentOf(start), !marker);
    // Blank lines before the content: the collection is marked after a `---` line; without one the document starts at the content.
    if (blankBefore && marker) contents.spaceBefore = true;
    if (this.nextContent() !== undefined) giveUp(); // a line outside the top-level collection: an error the yaml package reports
    // Comments after the content are the document's; not covered here.
    if (this.pendingComment || lastValueIsEmpty(contents)) giveUp();
    const contentEnd = contents.range![2];
    const doc = this.doc;
    if (marker && doc.directives) doc.directives.docStart = true;
    doc.contents = contents as Document.Parsed['contents'];
    const docStart = marker ? 0 : this.lineStarts[start];
    doc.range = [this.offset + docStart, contentEnd, this.offset + this.text.length];
    return doc;
  }

  /** The block collection starting on the next content line, whose indentation is `indent`; comments before it are its own. */
  private node(indent: number, commentsToFirstKey = false): YAMLMap | YAMLSeq {
    const line = this.nextContent()!;
    const at = this.lineStarts[line] + indent;
    if (this.isDash(at)) {
      if (this.pendingComment) giveUp(); // comments before a sequence: not covered
      return this.sequence(indent);
    }
    const comment = commentsToFirstKey ? undefined : this.takeComment(line, indent);
    const map = this.mapping(indent, at);
    // In the yaml package's order, so both readers' nodes have the same shape.
    if (comment?.spaceBefore) map.spaceBefore = true;
    if (comment) map.commentBefore = comment.text;
    return map;
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
      keyAt = this.lineStarts[next] + indent;
      // A line further left, or a sequence item at the same column (of the enclosing sequence, or an error the yaml package reports), ends the map.
      if (nextIndent < indent || this.isDash(keyAt)) {
        this.commentsCannotCloseCollection(indent);
        break;
      }
      // The yaml package marks a key that follows blank lines (before its comments, if any), unless they follow an empty value.
      const comment = this.pendingComment?.line === next ? this.pendingComment : undefined;
      this.pendingSpaceBefore = comment ? comment.spaceBefore : this.hasBlankLineBefore(next);
      if ((this.pendingSpaceBefore || comment?.blankAfter) && lastValueIsEmpty(pair.value!)) giveUp();
    }
    const last = map.items[map.items.length - 1];
    map.range = [firstKeyAt + this.offset, endOf(last), endOf(last)];
    return map;
  }

  /** One `key: value` entry whose key starts at `keyAt` on the current line; leaves the cursor after its value. */
  private entry(keyAt: number, indent: number): Pair<Scalar, Scalar | YAMLMap | YAMLSeq> {
    const line = this.line;
    const lineEnd = this.lineEnds[line];
    const colon = this.keyColon(keyAt, lineEnd);
    if (colon === undefined) giveUp();
    // `<<` is a merge key for the yaml package (option `merge`): its own node type.
    if (colon - keyAt === 2 && this.text.startsWith('<<', keyAt)) giveUp();
    const key = this.plainScalar(keyAt, colon, colon);
    const comment = this.takeComment(line, indent);
    if (this.pendingSpaceBefore) {
      key.spaceBefore = true;
      this.pendingSpaceBefore = false;
    }
    if (comment) key.commentBefore = comment.text;
    let valueAt = colon + 1;
    while (valueAt < lineEnd && this.text.charCodeAt(valueAt) === space) valueAt++;
    this.line = line + 1;
    // `key: # comment` above a nested collection: the comment is that collection's.
    let keyComment: string | undefined;
    if (valueAt < lineEnd && this.text.charCodeAt(valueAt) === hash) {
      keyComment = commentText(this.text.slice(valueAt + 1, lineEnd));
      valueAt = lineEnd;
    }
    if (valueAt < lineEnd && this.text.charCodeAt(valueAt) === 0x5b /* [ */) return new Pair(key, this.flowSequence(valueAt, lineEnd, indent));
    if (valueAt < lineEnd) return new Pair(key, this.inlineScalar(valueAt, lineEnd, indent));
    const next = this.nextContent();
    if (next !== undefined) {
      const nextIndent = this.indentOf(next);
      if (this.hasBlankLineBefore(next)) giveUp();
      // Comments before a sequence that sits at its key's column, or both kinds of comments: not covered.
      if (this.pendingComment && (nextIndent === indent || keyComment !== undefined)) giveUp();
      let nested: YAMLMap | YAMLSeq | undefined;
      if (nextIndent > indent) nested = this.node(nextIndent);
      // A sequence may sit at its key's column.
      else if (nextIndent === indent && this.isDash(this.lineStarts[next] + indent)) nested = this.sequence(indent);
      if (nested) {
        if (keyComment !== undefined) nested.commentBefore = keyComment;
        return new Pair(key, nested);
      }
    }
    // Comments after an empty value are that value's: not covered.
    if (this.pendingComment || keyComment !== undefined) giveUp();
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
      const comment = this.takeComment(line, indent);
      if (comment && !seq.items.length) giveUp(); // comments before the first item: not covered
      // The yaml package marks an item that follows blank lines (before its comments, if any).
      const spaceBefore = seq.items.length > 0 && (comment ? comment.spaceBefore : this.hasBlankLineBefore(line));
      if ((spaceBefore || comment?.blankAfter) && lastValueIsEmpty(seq.items[seq.items.length - 1] as Scalar | YAMLMap)) giveUp();
      if (itemAt < lineEnd && this.text.charCodeAt(itemAt) === hash) giveUp(); // `- # comment`
      this.line = line + 1;
      if (itemAt === lineEnd) {
        const next = this.nextContent();
        if (next !== undefined && this.indentOf(next) > indent) giveUp(); // an item whose content starts on the next line
        if (this.pendingComment) giveUp(); // comments after an empty item are that item's
        seq.items.push(this.emptyScalar(lineEnd));
      } else if (this.isDash(itemAt)) {
        giveUp(); // a sequence inside a sequence item
      } else if (this.keyColon(itemAt, lineEnd) !== undefined) {
        this.line = line;
        seq.items.push(this.mapping(itemAt - this.lineStarts[line], itemAt));
      } else {
        seq.items.push(this.inlineScalar(itemAt, lineEnd, indent));
      }
      const item = seq.items[seq.items.length - 1] as Scalar | YAMLMap;
      if (spaceBefore) item.spaceBefore = true;
      if (comment) item.commentBefore = comment.text;
      const next = this.nextContent();
      if (next === undefined) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent > indent) giveUp();
      if (nextIndent < indent || !this.isDash(this.lineStarts[next] + indent)) {
        this.commentsCannotCloseCollection(indent);
        break;
      }
    }
    const end = (seq.items[seq.items.length - 1] as Scalar).range![2];
    seq.range = [first + this.offset, end, end];
    return seq;
  }

  /** The scalar from `at` to the end of its line, with its comment if any; the next content line must not continue it. */
  private inlineScalar(at: number, lineEnd: number, indent: number): Scalar {
    const first = this.text.charCodeAt(at);
    const quoted = first === 0x22 /* " */ || first === 0x27; /* ' */
    const valueEnd = quoted ? this.closingQuote(at, lineEnd) + 1 : this.plainEnd(at, lineEnd);
    let rest = valueEnd;
    while (rest < lineEnd && this.text.charCodeAt(rest) === space) rest++;
    // After a quoted value only a comment may follow, and a space must separate them.
    if (rest < lineEnd && (this.text.charCodeAt(rest) !== hash || rest === valueEnd)) giveUp();
    const comment = rest < lineEnd ? commentText(this.text.slice(rest + 1, lineEnd)) : undefined;
    // The node ends past its comment and the line break.
    const nodeEnd = lineEnd === this.text.length ? lineEnd : lineEnd + 1;
    const next = this.nextContent();
    if (next !== undefined && this.indentOf(next) > indent) giveUp(); // a multi-line scalar, or a comment that belongs to this one
    let scalar: Scalar;
    if (first === 0x22) scalar = this.doubleQuoted(at, valueEnd, nodeEnd);
    else if (first === 0x27) scalar = this.singleQuoted(at, valueEnd, nodeEnd);
    else {
      scalar = this.plainScalar(at, valueEnd, nodeEnd);
      // `a: b: c` is an error, `a: b:` too; the yaml package says so.
      if (this.keyColon(at, valueEnd) !== undefined) giveUp();
    }
    if (comment !== undefined) scalar.comment = comment;
    return scalar;
  }

  /**
   * A one-line flow sequence of scalars as a map's value (`hosts: ["*", a.example.com]`, `exportTo: []`). Anything
   * richer inside (nested collections, `:`, comments, escapes, a trailing comma) is left to the yaml package.
   */
  private flowSequence(at: number, lineEnd: number, indent: number): YAMLSeq {
    const seq = new YAMLSeq<Scalar>(this.doc.schema);
    seq.flow = true;
    let i = at + 1;
    const skipSpaces = () => {
      while (i < lineEnd && this.text.charCodeAt(i) === space) i++;
    };
    skipSpaces();
    if (this.text.charCodeAt(i) !== 0x5d /* ] */) {
      for (;;) {
        skipSpaces();
        const start = i;
        const first = this.text.charCodeAt(start);
        let end: number;
        if (first === 0x22 || first === 0x27) {
          end = this.closingQuote(start, lineEnd) + 1;
        } else {
          end = start;
          while (end < lineEnd && !flowPlainStops.includes(this.text[end])) end++;
          while (end > start && this.text.charCodeAt(end - 1) === space) end--;
          if (end === start) giveUp(); // an empty item or a trailing comma
        }
        i = end;
        skipSpaces();
        // A flow item's node runs to the `,` or `]` after it.
        const item =
          first === 0x22 ? this.doubleQuoted(start, end, i) : first === 0x27 ? this.singleQuoted(start, end, i) : this.plainScalar(start, end, i);
        seq.items.push(item);
        const c = this.text.charCodeAt(i);
        if (c === 0x5d /* ] */) break;
        if (c !== 0x2c /* , */) giveUp();
        i++;
      }
    }
    const close = i + 1;
    let rest = close;
    while (rest < lineEnd && this.text.charCodeAt(rest) === space) rest++;
    if (rest < lineEnd) giveUp(); // text or a comment after the sequence
    const nodeEnd = lineEnd === this.text.length ? lineEnd : lineEnd + 1;
    const next = this.nextContent();
    if (next !== undefined && this.indentOf(next) > indent) giveUp(); // a flow sequence over several lines
    seq.range = [at + this.offset, close + this.offset, nodeEnd + this.offset];
    return seq;
  }

  /** Where a plain scalar starting at `at` ends: before a ` #` comment and the spaces before it. */
  private plainEnd(at: number, lineEnd: number): number {
    let end = this.commentStart(at, lineEnd);
    while (end > at && this.text.charCodeAt(end - 1) === space) end--;
    return end;
  }

  /** The closing quote of the one-line quoted scalar at `at` (`''` is an escaped quote inside single quotes). */
  private closingQuote(at: number, lineEnd: number): number {
    const quote = this.text[at];
    for (let i = at + 1; ; ) {
      const close = this.indexInLine(quote, i, lineEnd);
      if (close === -1) giveUp(); // a quoted scalar over several lines
      if (quote === "'" && this.text.charCodeAt(close + 1) === 0x27) {
        i = close + 2;
        continue;
      }
      return close;
    }
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

  /** `"..."` from `at` to `end` (past the closing quote); escapes are left to the yaml package. */
  private doubleQuoted(at: number, end: number, nodeEnd: number): Scalar {
    const inner = this.text.slice(at + 1, end - 1);
    if (inner.includes('\\')) giveUp();
    return this.quoted(inner, Scalar.QUOTE_DOUBLE, at, end, nodeEnd);
  }

  /** `'...'` from `at` to `end` (past the closing quote). */
  private singleQuoted(at: number, end: number, nodeEnd: number): Scalar {
    return this.quoted(this.text.slice(at + 1, end - 1).replace(/''/g, "'"), Scalar.QUOTE_SINGLE, at, end, nodeEnd);
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

  /** The colon ending a plain key that starts at `at`: the first `:` followed by a space or the line's end, before any comment. */
  private keyColon(at: number, lineEnd: number): number | undefined {
    const first = this.text.charCodeAt(at);
    if (first === 0x22 || first === 0x27) return undefined; // quoted keys and quoted values: not a plain key
    lineEnd = this.commentStart(at, lineEnd);
    for (let i = this.indexInLine(':', at, lineEnd); i !== -1; i = this.indexInLine(':', i + 1, lineEnd)) {
      if (i + 1 === lineEnd || this.text.charCodeAt(i + 1) === space) {
        if (i === at || this.text.charCodeAt(i - 1) === space) giveUp(); // `: x` or `key : x`
        return i;
      }
    }
    return undefined;
  }

  /** Where ` #` (a comment) starts between `at` and `lineEnd`, else `lineEnd`. Searches stay inside the line: a search to the text's end would make long files quadratic. */
  private commentStart(at: number, lineEnd: number): number {
    for (let i = this.indexInLine('#', at + 1, lineEnd); i !== -1; i = this.indexInLine('#', i + 1, lineEnd)) {
      if (this.text.charCodeAt(i - 1) === space) return i - 1;
    }
    return lineEnd;
  }

  /** The first `char` in [from, end), or -1. */
  private indexInLine(char: string, from: number, end: number): number {
    const code = char.charCodeAt(0);
    for (let i = from; i < end; i++) if (this.text.charCodeAt(i) === code) return i;
    return -1;
  }

  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== 0x2d) return false;
    const after = this.text.charCodeAt(at + 1);
    return after === space || after === newline || Number.isNaN(after);
  }

  /**
   * The next line, from the cursor, that is neither blank nor a comment; the cursor moves to it. Comment lines on
   * the way are kept for the node that starts on that line (`takeComment`); blank lines mixed with them, comment
   * lines of different indentation, or comments no node took are left to the yaml package.
   */
  private nextContent(): number | undefined {
    const comments: string[] = [];
    let commentIndent = -1;
    let blankBefore = false;
    let blankAfter = false;
    for (; this.line < this.lineStarts.length; this.line++) {
      const start = this.lineStarts[this.line];
      const end = this.lineEnds[this.line];
      let i = start;
      while (i < end && this.text.charCodeAt(i) === space) i++;
      if (i === end) {
        // After the first comment, the yaml package keeps each blank line as an empty comment line.
        if (comments.length) {
          comments.push('');
          blankAfter = true;
        } else {
          blankBefore = true;
        }
        continue;
      }
      if (this.text.charCodeAt(i) !== hash) break;
      if (comments.length && i - start !== commentIndent) giveUp();
      commentIndent = i - start;
      comments.push(commentText(this.text.slice(i + 1, end)));
      blankAfter = false;
    }
    const found = this.line < this.lineStarts.length ? this.line : undefined;
    if (comments.length) {
      if (found === undefined) giveUp(); // comments that end the document are the document's
      if (this.pendingComment && this.pendingComment.line !== found) giveUp(); // earlier comments no node took
      this.pendingComment = { line: found, indent: commentIndent, text: comments.join('\n'), spaceBefore: blankBefore, blankAfter, blankWithin: comments.includes('') };
    } else if (this.pendingComment && this.pendingComment.line !== found) {
      giveUp();
    }
    return found;
  }

  /** Comment lines at or right of a collection's column, after its last item, are its closing comment for the yaml package: not covered. */
  private commentsCannotCloseCollection(column: number): void {
    if (this.pendingComment && this.pendingComment.indent >= column) giveUp();
  }

  /** The comment lines before `line`, for the node that starts there at `indent`; comments at another indentation belong elsewhere. */
  private takeComment(line: number, indent: number): PendingComment | undefined {
    const pending = this.pendingComment;
    if (!pending || pending.line !== line) return undefined;
    if (pending.indent !== indent) giveUp();
    this.pendingComment = undefined;
    return pending;
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

/** Characters that end a plain scalar inside a flow sequence here, or that this reader does not follow there (`:`, `#`, nesting). */
const flowPlainStops = ',[]{}:#';

/** A comment's text as the yaml package keeps it: what follows `#`, and one space for an empty comment. */
function commentText(afterHash: string): string {
  return afterHash || ' ';
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
    if (!node.items.length) return false; // `[]`
    const last = node.items[node.items.length - 1] as Pair<Scalar, Scalar | YAMLMap | YAMLSeq> | Scalar | YAMLMap | YAMLSeq;
    node = last instanceof Pair ? last.value! : last;
  }
}
