/**
 * A short string a regular expression (RE2 syntax, as Istio and the Gateway API take it) matches in full, to pre-fill
 * a request that a regex match accepts. Undefined for what this small sampler does not read (lookaround, back
 * references, Unicode classes); callers verify the sample against the real matcher.
 */
export function sampleForRegex(pattern: string): string | undefined {
  const parser = new Sampler(pattern);
  try {
    const sample = parser.alternation();
    return parser.done() ? sample : undefined;
  } catch {
    return undefined;
  }
}

const classSamples: Record<string, string> = { d: '0', D: 'a', w: 'a', W: '-', s: ' ', S: 'a' };
/** Characters tried, in order, for `.` and negated classes. */
const candidates = ['a', '0', 'x', '-', '_', 'Z', '.', '/'];

class Sampler {
  private at = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at === this.text.length;
  }

  /** The first alternative of `a|b|c` (all are parsed, so the end is found). */
  alternation(): string {
    const first = this.sequence();
    while (this.text[this.at] === '|') {
      this.at++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.at < this.text.length && this.text[this.at] !== '|' && this.text[this.at] !== ')') {
      const atom = this.atom();
      out += atom.repeat(this.quantifier());
    }
    return out;
  }

  /** How often the atom is repeated in the sample: the least a quantifier allows. */
  private quantifier(): number {
    const c = this.text[this.at];
    let times = 1;
    if (c === '*' || c === '?') {
      times = 0;
      this.at++;
    } else if (c === '+') this.at++;
    else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.text.slice(this.at));
      if (!m) return 1;
      times = Number(m[1]);
      this.at += m[0].length;
    } else return 1;
    if (this.text[this.at] === '?') this.at++;
    return times;
  }

  private atom(): string {
    const c = this.text[this.at++];
    if (c === '^' || c === '$') return '';
    if (c === '.') return 'a';
    if (c === '(') {
      const rest = this.text.slice(this.at);
      const prefix = /^\?(?::|P?<[A-Za-z_]\w*>)/.exec(rest);
      if (rest.startsWith('?') && !prefix) throw new Error('unsupported group');
      if (prefix) this.at += prefix[0].length;
      const inner = this.alternation();
      if (this.text[this.at++] !== ')') throw new Error('unclosed group');
      return inner;
    }
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    if (c === ')' || c === '*' || c === '+' || c === '?' || c === '{') throw new Error('unexpected');
    return c;
  }

  private escape(): string {
    const c = this.text[this.at++];
    if (c === undefined) throw new Error('dangling escape');
    if (c in classSamples) return classSamples[c];
    if (/[A-Za-z0-9]/.test(c)) throw new Error('unsupported escape');
    return c;
  }

  /** `[...]`: its first member, or for `[^...]` the first candidate it does not exclude. */
  private characterClass(): string {
    const negated = this.text[this.at] === '^';
    if (negated) this.at++;
    const members: string[] = [];
    let first = true;
    while (this.at < this.text.length && (this.text[this.at] !== ']' || first)) {
      first = false;
      let c = this.text[this.at++];
      if (c === '\\') c = this.escape();
      if (this.text[this.at] === '-' && this.text[this.at + 1] !== ']' && this.at + 1 < this.text.length) {
        this.at++;
        let end = this.text[this.at++];
        if (end === '\\') end = this.escape();
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0) && members.length < 512; code++) members.push(String.fromCharCode(code));
      } else members.push(c);
    }
    if (this.text[this.at++] !== ']') throw new Error('unclosed class');
    if (!negated) {
      if (!members.length) throw new Error('empty class');
      return members[0];
    }
    const pick = candidates.find((k) => !members.includes(k));
    if (!pick) throw new Error('no sample');
    return pick;
  }
}
