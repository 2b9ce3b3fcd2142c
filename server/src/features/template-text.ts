import { LineIndex } from '../engine/parse/line-index';
import { isTemplate } from '../engine/text/templating';
import { neutralizeTemplate } from '../engine/text/template-neutralize';

export interface TextWithLines {
  text: string;
  lines: LineIndex;
}

/** What each text read for completion reads as; keyed by the engine's file (or the editor text), so kept per version. */
const readable = new WeakMap<TextWithLines, TextWithLines>();

/**
 * The text as the features that read lines (completion) should see it: a chart template with its actions
 * neutralized (same offsets and lines, so positions need no mapping), any other text as it is. An engine file
 * brings its neutralized text (`template`); each source is read once, since completion asks on every keystroke.
 */
export function readableText(source: TextWithLines & { readonly template?: { readonly text: string } }): TextWithLines {
  let result = readable.get(source);
  if (result) return result;
  const text = source.template?.text ?? (isTemplate(source.text) ? neutralizeTemplate(source.text).text : undefined);
  result = text === undefined ? source : { text, lines: new LineIndex(text) };
  readable.set(source, result);
  return result;
}
