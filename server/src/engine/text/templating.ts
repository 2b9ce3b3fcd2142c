/**
 * Text that is not YAML yet: Helm/Go templates and envsubst placeholders.
 * Templates are skipped whole (their YAML only exists after rendering); placeholders are values we cannot know.
 *
 * Both checks scan instead of using one regex: `/\{\{[^}]*\}\}/` and `/\$\{name(:-[^}]*)?\}/` backtrack
 * quadratically when a long line repeats the opening without a close (`{{ {{ {{ …`), which would hang the engine.
 */

/** Whether the line holds a Go template action: `{{`, then no `}`, then `}}` (as `/\{\{-?\s*[^}]*\}\}/`). */
function hasTemplateAction(line: string): boolean {
  for (let open = line.indexOf('{{'); open >= 0; ) {
    const close = line.indexOf('}', open + 2);
    if (close < 0) return false;
    if (line[close + 1] === '}') return true;
    open = line.indexOf('{{', close + 1);
  }
  return false;
}

/** Whether the file holds Go template actions (`{{ .Values.x }}`) outside comment lines. */
export function isTemplate(text: string): boolean {
  if (!text.includes('{{')) return false;
  return text.split(/\r?\n/).some((line) => !/^\s*#/.test(line) && hasTemplateAction(line));
}

const placeholderName = /\$\{[A-Za-z_][A-Za-z0-9_]*/g;

/** Whether a value holds an envsubst-style placeholder: `${VAR}`, `${VAR:-default}` (also `-`, `=`, `?`, `+`, `:=`…) or `$VAR`. */
export function hasPlaceholder(value: string): boolean {
  // Most values have no `$` at all; this is called for every host of every resource.
  if (!value.includes('$')) return false;
  if (/\$[A-Za-z_]/.test(value)) return true;
  const lastClose = value.lastIndexOf('}');
  for (const match of value.matchAll(placeholderName)) {
    let at = (match.index ?? 0) + match[0].length;
    if (value[at] === '}') return true;
    if (value[at] === ':') at++;
    // `${VAR:-default}`: the default runs to the next `}`, so any `}` further on closes it.
    if ('-=?+'.includes(value[at] ?? '!') && lastClose > at) return true;
  }
  return false;
}
