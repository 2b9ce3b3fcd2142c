import { LineIndex } from '../engine/parse/line-index';
import { isTemplate } from '../engine/text/templating';
import { neutralizeTemplate } from '../engine/text/template-neutralize';

export interface TextWithLines {
  text: string;
  lines: LineIndex;
}

/**
 * The text as the features that read lines (completion) should see it: a chart template with its actions
 * neutralized (same offsets and lines, so positions need no mapping), any other text as it is.
 */
export function readableText(source: TextWithLines): TextWithLines {
  if (!isTemplate(source.text)) return source;
  const text = neutralizeTemplate(source.text).text;
  return { text, lines: new LineIndex(text) };
}
