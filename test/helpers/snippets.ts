// ---------------------------------------------------------------------------
// VS Code snippet syntax, reduced to what accepting every default produces.
//
// Grammar (VS Code "Snippet syntax"):
//   any         ::= tabstop | placeholder | choice | variable | text
//   tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
//   placeholder ::= '${' int ':' any '}'
//   choice      ::= '${' int '|' text (',' text)* '|}'
//   variable    ::= '$' var | '${' var '}' | '${' var ':' any '}' | '${' var transform '}'
//   transform   ::= '/' regex '/' (format | text)+ '/' options
//   format      ::= '$' int | '${' int '}' | '${' int ':' '/' shorthand '}'
//                 | '${' int ':+' if '}' | '${' int ':?' if ':' else '}'
//                 | '${' int ':-' else '}' | '${' int ':' else '}'
// Backslash escapes '$', '}' and '\' in text; inside choice options it escapes ',', '|' and '\'.
// Anything that does not complete one of these forms is literal text, as in VS Code.

type Node = TextNode | TabstopNode | ChoiceNode | VariableNode;

interface TextNode {
  kind: 'text';
  value: string;
}

/** `$1`, `${1}`, `${1:default}`, `${1/re/fmt/opts}`: children is undefined when no default is given. */
interface TabstopNode {
  kind: 'tabstop';
  index: number;
  children?: Node[];
  transform?: Transform;
}

interface ChoiceNode {
  kind: 'choice';
  index: number;
  options: string[];
}

interface VariableNode {
  kind: 'variable';
  name: string;
  children?: Node[];
  transform?: Transform;
}

interface Transform {
  regexp: RegExp;
  format: FormatPart[];
}

type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; index: number; shorthand?: string; ifValue?: string; elseValue?: string };

const DIGIT = /[0-9]/;
const VAR_START = /[_a-zA-Z]/;
const VAR_PART = /[_a-zA-Z0-9]/;

/** A cursor over the snippet body; every parse method restores `pos` when it fails. */
class SnippetParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parseAll(): Node[] {
    const nodes: Node[] = [];
    while (this.pos < this.src.length) {
      this.parseOne(nodes);
    }
    return nodes;
  }

  /** Parses one element into `out` (a lone `}` at top level is plain text). */
  private parseOne(out: Node[]): void {
    const ch = this.src[this.pos];
    if (ch === '\\') {
      const next = this.src[this.pos + 1];
      if (next === '$' || next === '}' || next === '\\') {
        pushText(out, next);
        this.pos += 2;
      } else {
        pushText(out, '\\');
        this.pos += 1;
      }
      return;
    }
    if (ch === '$') {
      const node = this.parseDollar();
      if (node) {
        out.push(...node);
        return;
      }
    }
    pushText(out, ch ?? '');
    this.pos += 1;
  }

  /** At a `$`: returns the nodes it introduces, or undefined (pos unchanged) when it is literal. */
  private parseDollar(): Node[] | undefined {
    const start = this.pos;
    this.pos += 1;
    const index = this.readInt();
    if (index !== undefined) {
      return [{ kind: 'tabstop', index }];
    }
    const name = this.readVarName();
    if (name !== undefined) {
      return [{ kind: 'variable', name }];
    }
    if (this.src[this.pos] === '{') {
      this.pos += 1;
      const complex = this.parseBraced(start);
      if (complex) {
        return complex;
      }
    }
    this.pos = start;
    return undefined;
  }

  /** After `${`: the rest of a tabstop, placeholder, choice or variable. */
  private parseBraced(start: number): Node[] | undefined {
    const index = this.readInt();
    if (index !== undefined) {
      return this.parseBracedTabstop(start, index);
    }
    const name = this.readVarName();
    if (name !== undefined) {
      return this.parseBracedVariable(start, name);
    }
    return undefined;
  }

  private parseBracedTabstop(start: number, index: number): Node[] | undefined {
    const ch = this.src[this.pos];
    if (ch === '}') {
      this.pos += 1;
      return [{ kind: 'tabstop', index }];
    }
    if (ch === ':') {
      this.pos += 1;
      const children: Node[] = [];
      const closed = this.parseChildren(children);
      if (closed) {
        return [{ kind: 'tabstop', index, children }];
      }
      // Unterminated: VS Code keeps "${n:" as text followed by what it parsed inside.
      return [{ kind: 'text', value: this.src.slice(start, start + 2) + String(index) + ':' }, ...children];
    }
    if (ch === '|') {
      this.pos += 1;
      const options = this.parseChoiceOptions();
      if (options) {
        return [{ kind: 'choice', index, options }];
      }
      return undefined;
    }
    if (ch === '/') {
      this.pos += 1;
      const transform = this.parseTransform();
      if (transform) {
        return [{ kind: 'tabstop', index, transform }];
      }
      return undefined;
    }
    return undefined;
  }

  private parseBracedVariable(start: number, name: string): Node[] | undefined {
    const ch = this.src[this.pos];
    if (ch === '}') {
      this.pos += 1;
      return [{ kind: 'variable', name }];
    }
    if (ch === ':') {
      this.pos += 1;
      const children: Node[] = [];
      const closed = this.parseChildren(children);
      if (closed) {
        return [{ kind: 'variable', name, children }];
      }
      return [{ kind: 'text', value: this.src.slice(start, start + 2) + name + ':' }, ...children];
    }
    if (ch === '/') {
      this.pos += 1;
      const transform = this.parseTransform();
      if (transform) {
        return [{ kind: 'variable', name, transform }];
      }
    }
    return undefined;
  }

  /** Parses a placeholder's contents up to its `}`; false when the body ends first. */
  private parseChildren(children: Node[]): boolean {
    while (this.pos < this.src.length) {
      if (this.src[this.pos] === '}') {
        this.pos += 1;
        return true;
      }
      this.parseOne(children);
    }
    return false;
  }

  /** After `${n|`: options up to `|}`, or undefined (caller restores pos). */
  private parseChoiceOptions(): string[] | undefined {
    const options: string[] = [];
    let current = '';
    let hasChar = false;
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === ',' || next === '|' || next === '\\') {
          current += next;
          this.pos += 2;
        } else {
          current += '\\';
          this.pos += 1;
        }
        hasChar = true;
        continue;
      }
      if (ch === ',' || ch === '|') {
        if (!hasChar) {
          return undefined; // empty option: not a choice
        }
        options.push(current);
        current = '';
        hasChar = false;
        this.pos += 1;
        if (ch === '|') {
          if (this.src[this.pos] === '}') {
            this.pos += 1;
            return options;
          }
          return undefined;
        }
        continue;
      }
      current += ch;
      hasChar = true;
      this.pos += 1;
    }
    return undefined;
  }

  /** After the first `/` of a transform: regex, format and options up to `}`. */
  private parseTransform(): Transform | undefined {
    let source = '';
    for (;;) {
      if (this.pos >= this.src.length) {
        return undefined;
      }
      const ch = this.src[this.pos];
      if (ch === '/') {
        this.pos += 1;
        break;
      }
      if (ch === '\\' && this.src[this.pos + 1] === '/') {
        source += '/';
        this.pos += 2;
        continue;
      }
      source += ch;
      this.pos += 1;
    }
    const format: FormatPart[] = [];
    for (;;) {
      if (this.pos >= this.src.length) {
        return undefined;
      }
      const ch = this.src[this.pos];
      if (ch === '/') {
        this.pos += 1;
        break;
      }
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '\\' || next === '/') {
          pushFormatText(format, next);
          this.pos += 2;
        } else {
          pushFormatText(format, '\\');
          this.pos += 1;
        }
        continue;
      }
      if (ch === '$') {
        const part = this.parseFormatGroup();
        if (part) {
          format.push(part);
          continue;
        }
      }
      pushFormatText(format, ch ?? '');
      this.pos += 1;
    }
    let flags = '';
    for (;;) {
      if (this.pos >= this.src.length) {
        return undefined;
      }
      const ch = this.src[this.pos];
      this.pos += 1;
      if (ch === '}') {
        break;
      }
      flags += ch;
    }
    try {
      return { regexp: new RegExp(source, flags), format };
    } catch {
      return undefined;
    }
  }

  /** At a `$` inside a transform's format: one group reference, or undefined (pos unchanged). */
  private parseFormatGroup(): FormatPart | undefined {
    const start = this.pos;
    this.pos += 1;
    const braced = this.src[this.pos] === '{';
    if (braced) {
      this.pos += 1;
    }
    const index = this.readInt();
    if (index === undefined) {
      this.pos = start;
      return undefined;
    }
    if (!braced) {
      return { kind: 'group', index };
    }
    if (this.src[this.pos] === '}') {
      this.pos += 1;
      return { kind: 'group', index };
    }
    if (this.src[this.pos] !== ':') {
      this.pos = start;
      return undefined;
    }
    this.pos += 1;
    const mode = this.src[this.pos];
    if (mode === '/') {
      this.pos += 1;
      const shorthand = this.readVarName();
      if (shorthand !== undefined && this.src[this.pos] === '}') {
        this.pos += 1;
        return { kind: 'group', index, shorthand };
      }
    } else if (mode === '+') {
      this.pos += 1;
      const ifValue = this.readUntil('}');
      if (ifValue) {
        return { kind: 'group', index, ifValue };
      }
    } else if (mode === '-') {
      this.pos += 1;
      const elseValue = this.readUntil('}');
      if (elseValue) {
        return { kind: 'group', index, elseValue };
      }
    } else if (mode === '?') {
      this.pos += 1;
      const ifValue = this.readUntil(':');
      if (ifValue) {
        const elseValue = this.readUntil('}');
        if (elseValue) {
          return { kind: 'group', index, ifValue, elseValue };
        }
      }
    } else {
      const elseValue = this.readUntil('}');
      if (elseValue) {
        return { kind: 'group', index, elseValue };
      }
    }
    this.pos = start;
    return undefined;
  }

  /** Text up to (and consuming) `stop`, with `\$`, `\}` and `\\` unescaped; undefined at the end or on another escape. */
  private readUntil(stop: string): string | undefined {
    let value = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === stop) {
        this.pos += 1;
        return value;
      }
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next !== '$' && next !== '}' && next !== '\\') {
          return undefined;
        }
        value += next;
        this.pos += 2;
        continue;
      }
      value += ch;
      this.pos += 1;
    }
    return undefined;
  }

  private readInt(): number | undefined {
    const start = this.pos;
    while (this.pos < this.src.length && DIGIT.test(this.src[this.pos] ?? '')) {
      this.pos += 1;
    }
    return this.pos > start ? Number(this.src.slice(start, this.pos)) : undefined;
  }

  private readVarName(): string | undefined {
    if (!VAR_START.test(this.src[this.pos] ?? '')) {
      return undefined;
    }
    const start = this.pos;
    this.pos += 1;
    while (this.pos < this.src.length && VAR_PART.test(this.src[this.pos] ?? '')) {
      this.pos += 1;
    }
    return this.src.slice(start, this.pos);
  }
}

function pushText(out: Node[], value: string): void {
  const last = out[out.length - 1];
  if (last && last.kind === 'text') {
    last.value += value;
  } else {
    out.push({ kind: 'text', value });
  }
}

function pushFormatText(out: FormatPart[], value: string): void {
  const last = out[out.length - 1];
  if (last && last.kind === 'text') {
    last.value += value;
  } else {
    out.push({ kind: 'text', value });
  }
}

/** Default content of each tabstop number: the first placeholder (document order, nested included) that has one. */
function collectDefaults(nodes: Node[], defaults: Map<number, Node[]>): void {
  for (const node of nodes) {
    if (node.kind === 'tabstop') {
      if (node.index !== 0 && node.children && node.children.length > 0 && !defaults.has(node.index)) {
        defaults.set(node.index, node.children);
      }
      if (node.children) {
        collectDefaults(node.children, defaults);
      }
    } else if (node.kind === 'choice') {
      const first = node.options[0];
      if (node.index !== 0 && first !== undefined && !defaults.has(node.index)) {
        defaults.set(node.index, [{ kind: 'text', value: first }]);
      }
    } else if (node.kind === 'variable' && node.children) {
      collectDefaults(node.children, defaults);
    }
  }
}

class Renderer {
  constructor(private readonly defaults: Map<number, Node[]>) {}

  render(nodes: Node[], active: ReadonlySet<number>): string {
    return nodes.map((node) => this.renderNode(node, active)).join('');
  }

  private renderNode(node: Node, active: ReadonlySet<number>): string {
    switch (node.kind) {
      case 'text':
        return node.value;
      case 'choice':
        // VS Code selects the first option of a choice.
        return node.index === 0 ? (node.options[0] ?? '') : this.tabstopValue(node.index, active);
      case 'tabstop': {
        // The final tabstop never takes another occurrence's text (VS Code keeps each $0 as written).
        const value =
          node.index === 0 ? this.render(node.children ?? [], active) : this.tabstopValue(node.index, active);
        return node.transform ? applyTransform(node.transform, value) : value;
      }
      case 'variable': {
        // Variables resolve to nothing here; an empty variable shows its default, as in VS Code.
        if (node.transform) {
          return applyTransform(node.transform, '');
        }
        return node.children ? this.render(node.children, active) : '';
      }
    }
  }

  private tabstopValue(index: number, active: ReadonlySet<number>): string {
    const children = this.defaults.get(index);
    if (!children || active.has(index)) {
      return ''; // no default anywhere, or a placeholder that contains itself
    }
    return this.render(children, new Set([...active, index]));
  }
}

function applyTransform(transform: Transform, value: string): string {
  let matched = false;
  const result = value.replace(transform.regexp, (...args: unknown[]) => {
    matched = true;
    return formatMatch(transform.format, matchGroups(args));
  });
  if (!matched && transform.format.some((part) => part.kind === 'group' && part.elseValue !== undefined)) {
    return formatMatch(transform.format, []);
  }
  return result;
}

/** The match and its numbered groups from a String.prototype.replace callback's arguments. */
function matchGroups(args: unknown[]): string[] {
  // Arguments: match, p1..pn, offset, whole string[, named groups object].
  const hasNamedGroups = typeof args[args.length - 1] === 'object' && args[args.length - 1] !== null;
  const end = args.length - (hasNamedGroups ? 3 : 2);
  return args.slice(0, end).map((arg) => (typeof arg === 'string' ? arg : ''));
}

function formatMatch(format: FormatPart[], groups: string[]): string {
  return format
    .map((part) => (part.kind === 'text' ? part.value : formatGroup(part, groups[part.index] ?? '')))
    .join('');
}

function formatGroup(part: Extract<FormatPart, { kind: 'group' }>, value: string): string {
  switch (part.shorthand) {
    case 'upcase':
      return value.toLocaleUpperCase();
    case 'downcase':
      return value.toLocaleLowerCase();
    case 'capitalize':
      return value ? value.charAt(0).toLocaleUpperCase() + value.slice(1) : '';
    case 'pascalcase':
      return caseWords(value, true);
    case 'camelcase':
      return caseWords(value, false);
    default:
      break;
  }
  if (value !== '' && part.ifValue !== undefined) {
    return part.ifValue;
  }
  if (value === '' && part.elseValue !== undefined) {
    return part.elseValue;
  }
  return value;
}

function caseWords(value: string, upperFirst: boolean): string {
  const words = value.match(/[a-z0-9]+/gi);
  if (!words) {
    return value;
  }
  return words
    .map((word, i) => {
      const head = i === 0 && !upperFirst ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase();
      return head + word.slice(1);
    })
    .join('');
}

/**
 * The text a user gets from a VS Code snippet body by accepting every default: placeholders give
 * their default (nested ones included), choices their first option, bare tabstops and mirrors the
 * default defined by another occurrence of their number (else nothing), transforms are applied,
 * variables are empty (so `${VAR:default}` gives default), and escapes are unescaped.
 */
export function expandSnippetDefaults(body: string): string {
  const nodes = new SnippetParser(body).parseAll();
  const defaults = new Map<number, Node[]>();
  collectDefaults(nodes, defaults);
  return new Renderer(defaults).render(nodes, new Set());
}
