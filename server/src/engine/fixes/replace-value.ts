import { isPlainSafe, quoteStyleAt, replaceScalar } from '../edit/scalars';
import { dataString, type FixProvider } from './fix';

/**
 * Generic `data: { fix: 'replace-value', replacement, title?, preferred? }`: replace the finding's range
 * (a scalar) with the replacement, keeping the scalar's quotes. Preferred unless `preferred: false`.
 */
export const replaceValue: FixProvider = {
  id: 'replace-value',
  fixKind: 'replace-value',
  fixes(finding, { engine, uri }) {
    const replacement = dataString(finding, 'replacement');
    const text = engine.workspace.file(uri)?.parsed.text;
    if (replacement === undefined || text === undefined || finding.range.end < finding.range.start) return [];
    const current = text.slice(finding.range.start, finding.range.end);
    const multiline = /[\n\r]/.test(current);
    // A range that is not a whole scalar (or spans lines) is replaced as text, quoted only if the replacement needs it.
    const edit =
      !multiline && (quoteStyleAt(text, finding.range) || isPlainSafe(current) || !current)
        ? replaceScalar(text, finding.range, replacement)
        : { ...finding.range, newText: replacement };
    return [{ title: dataString(finding, 'title') ?? `Change to "${replacement}"`, changes: { [uri]: [edit] }, isPreferred: finding.data?.preferred !== false }];
  },
};
