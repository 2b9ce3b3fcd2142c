import { codeTable, docsUrlFor } from './engine/analyzers/codes';
import type { Finding } from './engine/finding';
import { describeResource } from './engine/model/resource';

/** One finding placed in a file, 1-based like compilers print. */
export interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  finding: Finding;
}

/** One line per finding and a summary; `environments` (when the repository has several) are named in it. */
export function formatText(rows: readonly Row[], fileCount: number, environments: readonly string[] = []): string {
  const lines = rows.map(({ file, line, column, finding }) => {
    const resource = finding.resource ? ` [${describeResource(finding.resource)}]` : '';
    return `${file}:${line}:${column} ${finding.severity} ${finding.code}${resource} ${finding.message}`;
  });
  const counts = (['error', 'warning', 'info', 'hint'] as const).map((s) => [s, rows.filter((r) => r.finding.severity === s).length] as const);
  const summary = counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ') || 'no problems';
  const where = environments.length ? ` in ${environments.length} environment${environments.length === 1 ? '' : 's'} (${environments.join(', ')})` : '';
  lines.push(`${fileCount} file${fileCount === 1 ? '' : 's'} checked${where}: ${summary}`);
  return lines.join('\n') + '\n';
}

export function formatJson(rows: readonly Row[]): string {
  const diagnostics = rows.map(({ file, line, column, endLine, endColumn, finding }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    resource: finding.resource ?? null,
  }));
  return JSON.stringify({ diagnostics }, null, 2) + '\n';
}

/** SARIF 2.1.0, as code-scanning services read it; file paths are given relative to the working directory, with `/`. */
export function formatSarif(rows: readonly Row[], version: string): string {
  const levels = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
  const ruleIds = [...new Set(rows.map((r) => r.finding.code))].sort();
  const rules = ruleIds.map((id) => {
    const info = codeTable[id];
    const helpUri = docsUrlFor(id);
    return {
      id,
      name: info?.name ?? id,
      shortDescription: { text: info?.summary ?? id },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: levels[info?.severity ?? 'warning'] },
    };
  });
  const results = rows.map(({ file, line, column, endLine, endColumn, finding }) => ({
    ruleId: finding.code,
    ruleIndex: ruleIds.indexOf(finding.code),
    level: levels[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: file.split('\\').join('/') },
          region: { startLine: line, startColumn: column, endLine, endColumn },
        },
        ...(finding.resource
          ? { logicalLocations: [{ name: finding.resource.name, fullyQualifiedName: `${finding.resource.kind}/${finding.resource.namespace}/${finding.resource.name}`, kind: 'resource' }] }
          : {}),
      },
    ],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'istio-yaml', version, informationUri: 'https://istio.io/latest/docs/reference/config/analysis/', rules } }, results }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
