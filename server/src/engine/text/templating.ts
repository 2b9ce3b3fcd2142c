/**
 * Text that is not YAML yet: Helm/Go templates and envsubst placeholders.
 * Templates are skipped whole (their YAML only exists after rendering); placeholders are values we cannot know.
 */

const templateAction = /\{\{-?\s*[^}]*\}\}/;

/** Whether the file holds Go template actions (`{{ .Values.x }}`) outside comment lines. */
export function isTemplate(text: string): boolean {
  if (!text.includes('{{')) return false;
  return text.split(/\r?\n/).some((line) => !/^\s*#/.test(line) && templateAction.test(line));
}

/** Whether a value holds an envsubst-style placeholder: `${VAR}` or `$VAR`. */
export function hasPlaceholder(value: string): boolean {
  return /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*/.test(value);
}
