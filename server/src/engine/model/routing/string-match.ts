import { hasPlaceholder } from '../../text/templating';

/**
 * Istio's StringMatch (`exact`, `prefix`, `regex`, or `{}` for "present") judged against a value, the way
 * Envoy runs it: regexes are RE2 with full-match semantics, run here as JS RegExps when both engines read
 * them the same way; anything else is left undecided rather than guessed.
 */

export type StringMatchKind = 'exact' | 'prefix' | 'regex';

/** A StringMatch read from plain data; `kind` undefined is `{}` (presence). */
export interface StringMatchSpec {
  kind?: StringMatchKind;
  pattern: string;
}

export type StringMatchOutcome = { matches: boolean } | { matches: 'unknown'; reason: string };

export interface StringMatchOptions {
  /** Case-insensitive exact/prefix comparison (a VirtualService's `ignoreUriCase`); regexes stay as written. */
  ignoreCase?: boolean;
  /** `regex: "*"` means "present", as Istio translates it for headers and query parameters. */
  starIsPresence?: boolean;
}

/** Reads a StringMatch; a string says why it cannot be read (wrong shape, several kinds, a placeholder). */
export function readStringMatch(value: unknown): StringMatchSpec | string {
  if (value === null || value === undefined) return { pattern: '' };
  if (typeof value !== 'object' || Array.isArray(value)) return `${JSON.stringify(value)} is not a StringMatch`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  if (entries.length === 0) return { pattern: '' };
  if (entries.length > 1) return `a StringMatch with ${entries.map(([k]) => k).join(' and ')} sets more than one kind`;
  const [kind, pattern] = entries[0];
  if (kind !== 'exact' && kind !== 'prefix' && kind !== 'regex') return `"${kind}" is not a StringMatch kind (exact, prefix, regex)`;
  if (typeof pattern !== 'string') return `${kind} ${JSON.stringify(pattern)} is not a string`;
  if (hasPlaceholder(pattern)) return `${kind} "${pattern}" holds a placeholder`;
  return { kind, pattern };
}

/** The StringMatch in words for messages: `prefix "/api"`, `regex "v[0-9]+"`, or `present`. */
export function describeStringMatch(spec: StringMatchSpec): string {
  return spec.kind ? `${spec.kind} ${JSON.stringify(spec.pattern)}` : 'present';
}

/** Whether the spec only asks for presence (`{}`, or `regex: "*"` where Istio reads it so). */
export function isPresenceMatch(spec: StringMatchSpec, options: StringMatchOptions = {}): boolean {
  return !spec.kind || (options.starIsPresence === true && spec.kind === 'regex' && spec.pattern === '*');
}

/** Judges a StringMatch as written against a value; `undefined` is an absent value, which only a negation could accept. Never throws. */
export function evaluateStringMatch(match: unknown, value: string | undefined, options: StringMatchOptions = {}): StringMatchOutcome {
  const spec = readStringMatch(match);
  if (typeof spec === 'string') return { matches: 'unknown', reason: spec };
  return matchSpec(spec, value, options);
}

/** Judges a StringMatch already read by `readStringMatch` against a value (`undefined`: absent). */
export function matchSpec(spec: StringMatchSpec, value: string | undefined, options: StringMatchOptions = {}): StringMatchOutcome {
  if (isPresenceMatch(spec, options)) return { matches: value !== undefined };
  if (value === undefined) return { matches: false };
  switch (spec.kind) {
    case 'exact':
      return { matches: options.ignoreCase ? value.toLowerCase() === spec.pattern.toLowerCase() : value === spec.pattern };
    case 'prefix':
      return { matches: options.ignoreCase ? value.toLowerCase().startsWith(spec.pattern.toLowerCase()) : value.startsWith(spec.pattern) };
    default: {
      const matches = runRe2(spec.pattern, value);
      return typeof matches === 'string' ? { matches: 'unknown', reason: matches } : { matches };
    }
  }
}

/** Up to this length, even exponential backtracking stays in the milliseconds. */
const longestBacktrackingInput = 16;

/** Whether a quantified group holds a quantifier itself (`(a+)+`, `(a|b*)*`, `(x{2,})+`): outside character classes and escapes. */
export function nestsQuantifiers(pattern: string): boolean {
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      const inner = groups.pop() ?? false;
      const next = pattern[i + 1];
      const quantified = next === '*' || next === '+' || next === '{';
      if (inner && quantified) return true;
      if (groups.length && (inner || quantified)) groups[groups.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{') && groups.length) groups[groups.length - 1] = true;
  }
  return false;
}

/** Whether an RE2 pattern matches the whole value; a string says why it cannot be judged here. */
export function runRe2(pattern: string, value: string): boolean | string {
  const regex = compileRe2(pattern);
  if (typeof regex === 'string') return regex;
  // RE2 runs in linear time; JavaScript backtracks, exponentially on nested quantifiers: never hang the server on one.
  if (value.length > longestBacktrackingInput && nestsQuantifiers(pattern)) {
    return `regex "${pattern}" repeats a repeated group, which is not run here on a value of ${value.length} characters`;
  }
  return regex.test(value);
}

const compiled = new Map<string, RegExp | string>();

/**
 * An RE2 pattern as a JS RegExp anchored for a full match, or why it cannot be run faithfully:
 * RE2 rejects lookaround and backreferences, and POSIX classes or `\Q…\E` mean other things in JS.
 */
export function compileRe2(pattern: string): RegExp | string {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  const result = translate(pattern);
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

function translate(pattern: string): RegExp | string {
  if (hasPlaceholder(pattern)) return `regex "${pattern}" holds a placeholder`;
  const unsupported = re2Rejects(pattern);
  if (unsupported) return `regex "${pattern}" uses ${unsupported}, which RE2 (Envoy's regex engine) does not accept`;
  if (/\[:\^?[a-z]+:\]/.test(pattern)) return `regex "${pattern}" uses a POSIX class, which cannot be checked here`;
  let source = pattern.replace(/\(\?P</g, '(?<');
  let flags = 'u';
  // RE2's leading `(?i)`/`(?s)` are whole-pattern flags; JS only takes them as RegExp flags.
  const leading = /^\(\?([is]+)\)/.exec(source);
  if (leading) {
    source = source.slice(leading[0].length);
    flags += [...new Set(leading[1])].join('');
  }
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch {
    return `regex "${pattern}" cannot be checked here (JavaScript does not read it as RE2 does)`;
  }
}

/** The RE2-rejected construct a pattern uses (outside character classes), if any. */
function re2Rejects(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return 'a backreference';
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return 'a backreference';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2, i + 4);
      if (rest.startsWith('=') || rest.startsWith('!') || rest === '<=' || rest === '<!') return 'lookaround';
      if (rest.startsWith('>')) return 'an atomic group';
    }
  }
  return undefined;
}
