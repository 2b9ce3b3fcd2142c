/**
 * The text a snippet inserts when every default is accepted (placeholders by their default, choices by their first
 * option, tabstops by their number's default), for the completion item's preview. Covers the syntax our snippet file
 * uses; variables and transforms are left as written.
 */
export function snippetPreview(body: string): string {
  const defaults = new Map<string, string>();
  let text = body.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n: string, options: string) => remember(defaults, n, options.split(',')[0] ?? ''));
  // Innermost placeholders first, so a default holding another placeholder is expanded from the inside out.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{(\d+):((?:[^${}]|\$\d+)*)\}/g, (_, n: string, value: string) => remember(defaults, n, mirrored(value, defaults)));
  }
  return mirrored(text, defaults);
}

/** Bare tabstops (`$1`, `${1}`) replaced by their number's default, or by nothing. */
function mirrored(text: string, defaults: Map<string, string>): string {
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => defaults.get(a ?? b ?? '') ?? '');
}

function remember(defaults: Map<string, string>, n: string, value: string): string {
  if (!defaults.has(n)) defaults.set(n, value);
  return value;
}
