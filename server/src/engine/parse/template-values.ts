import { isScalar, parse, visit, type Document, type Scalar } from 'yaml';
import type { ChartValues } from '../text/chart-values';

/** A whole scalar that is one `.Values` reference: `{{ .Values.a.b }}`, optionally `| quote`, with trim markers or not. */
const valueReference = /^\{\{-?\s*\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*(\|\s*quote\s*)?-?\}\}$/;

/** Plain text that reads back as one plain scalar (no indicator, no `: ` or ` #`, no alias or tag). */
const safePlain = /^[A-Za-z0-9_./-](?:[A-Za-z0-9_./:-]*[A-Za-z0-9_./-])?$/;

/**
 * Gives the scalars of a chart template that are exactly one `.Values.x` reference the value the chart's
 * `values.yaml` gives them, typed as the rendered YAML would be (`port: {{ .Values.port }}` with 8080 is a number,
 * `"{{ .Values.port }}"` a string). `template` is the template's own text; the nodes' ranges point into it.
 */
export function applyChartValues(doc: Document.Parsed, template: string, values: ChartValues): void {
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && node.range) resolve(node, template, values);
    },
  });
}

function resolve(node: Scalar, template: string, values: ChartValues): void {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const written = template.slice(quoted ? start + 1 : start, quoted ? end - 1 : end).trim();
  const match = valueReference.exec(written);
  if (!match) return;
  const text = values(match[1].slice(1).split('.'));
  if (text === undefined) return;
  const quote = match[2] !== undefined;
  if (quoted && quote) return; // `"{{ .x | quote }}"` renders `""x""`: not what the author meant
  if (quoted || quote) {
    // Inside quotes the text is a string, unless it holds what the quotes would read as an escape or an end.
    if (/["\\']/.test(text)) return;
    node.value = text;
    return;
  }
  if (!safePlain.test(text)) return;
  node.value = parse(text) as unknown;
}
