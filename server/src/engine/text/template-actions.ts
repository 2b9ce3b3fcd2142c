/**
 * The Go template actions (`{{ ... }}`) of a Helm chart template, found by a scan that knows the action
 * language's strings and comments, so a `}}` inside `"..."` or a comment does not end an action.
 */

export interface TemplateAction {
  /** Offset of `{{`. */
  start: number;
  /** Offset just past `}}`. */
  end: number;
  /** The action without its delimiters and trim markers, trimmed. */
  body: string;
  /**
   * `open`: starts a block (`if`, `with`, `range`, `define`, `block`); `else`: starts its next branch; `end`: closes it;
   * `silent`: outputs nothing (a comment, `$x := ...`, `break`, `continue`); `output`: writes text where it stands.
   */
  role: 'open' | 'else' | 'end' | 'silent' | 'output';
  /** The width given to `nindent N` / `indent N` at the end of its pipeline, when there is one. */
  indent?: { newline: boolean; width: number };
}

/** Every closed action of `text`, in order. An `{{` with no closing `}}` is left to the YAML reader. */
export function findTemplateActions(text: string): TemplateAction[] {
  const actions: TemplateAction[] = [];
  let open = text.indexOf('{{');
  while (open >= 0) {
    // An action never holds another `{{`: bounding each scan by the next one keeps the whole scan linear.
    const next = text.indexOf('{{', open + 2);
    const end = actionEnd(text, open + 2, next < 0 ? text.length : next);
    if (end >= 0) actions.push(describe(text, open, end));
    open = end >= 0 ? text.indexOf('{{', end) : next;
  }
  return actions;
}

/** Offset just past the `}}` closing the action whose body starts at `from` (before `limit`), or -1. */
function actionEnd(text: string, from: number, limit: number): number {
  let at = from;
  if (text[at] === '-' && /\s/.test(text[at + 1] ?? '')) at += 2;
  while (text[at] === ' ' || text[at] === '\t') at++;
  if (text.startsWith('/*', at)) {
    const close = indexBefore(text, '*/', at + 2, limit);
    if (close < 0) return -1;
    at = close + 2;
  }
  for (; at < limit; at++) {
    const c = text[at];
    if (c === '}' && text[at + 1] === '}') return at + 2;
    if (c === '"' || c === "'") at = quotedEnd(text, at, c, limit);
    else if (c === '`') at = indexBefore(text, '`', at + 1, limit);
    if (at < 0 || at >= limit) return -1;
  }
  return -1;
}

/** `text.indexOf(search, from)` when found before `limit`, else -1, without looking past `limit`. */
function indexBefore(text: string, search: string, from: number, limit: number): number {
  const at = text.slice(from, limit).indexOf(search);
  return at < 0 ? -1 : from + at;
}

/** Offset of the quote closing the string opened at `start` (backslash escapes), or -1 at a line end. */
function quotedEnd(text: string, start: number, quote: string, limit: number): number {
  for (let at = start + 1; at < limit; at++) {
    const c = text[at];
    if (c === '\\') at++;
    else if (c === quote) return at;
    else if (c === '\n') return -1;
  }
  return -1;
}

function describe(text: string, start: number, end: number): TemplateAction {
  const body = text
    .slice(start + 2, end - 2)
    .replace(/^-(?=\s)/, '')
    .replace(/(?<=\s)-$/, '')
    .trim();
  const word = /^[a-z]+/.exec(body)?.[0];
  let role: TemplateAction['role'] = 'output';
  if (body.startsWith('/*') || /^\$[A-Za-z0-9_]*\s*:?=/.test(body)) role = 'silent';
  else if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') role = 'open';
  else if (word === 'else') role = 'else';
  else if (word === 'end') role = 'end';
  else if (word === 'break' || word === 'continue') role = 'silent';
  const action: TemplateAction = { start, end, body, role };
  const indent = /\|\s*(nindent|indent)\s+(\d+)\s*$/.exec(body);
  if (indent) action.indent = { newline: indent[1] === 'nindent', width: Number(indent[2]) };
  return action;
}
