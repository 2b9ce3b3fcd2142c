import { parse } from 'yaml';

/**
 * A Helm chart's default values (its `values.yaml`), for the simple `.Values.a.b` references of its templates.
 * Only what renders to one known scalar is given: anything else (a map, a list, null, a number Go would print in
 * exponent form, a path that is not there) stays unknown, so nothing is invented.
 */
export type ChartValues = (path: readonly string[]) => string | undefined;

/** The chart folder (holding `Chart.yaml`) whose `templates/` holds `uri`, if the workspace has that `Chart.yaml`. */
export function chartFolderOf(uri: string, hasFile: (uri: string) => boolean): string | undefined {
  const at = uri.lastIndexOf('/templates/');
  if (at < 0) return undefined;
  const folder = uri.slice(0, at);
  return hasFile(`${folder}/Chart.yaml`) ? folder : undefined;
}

/** Whether `uri` is a chart's `Chart.yaml` or `values.yaml`: its templates read differently when it changes. */
export function chartFolderOfMetadata(uri: string): string | undefined {
  const match = /^(.*)\/(?:Chart|values)\.yaml$/.exec(uri);
  return match?.[1];
}

/** The text each `.Values` path renders to, as Helm's template engine prints it; undefined when the text is not valid values YAML. */
export function readChartValues(text: string): ChartValues | undefined {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100, logLevel: 'silent' });
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object') return undefined;
  return (path) => {
    let at: unknown = data;
    for (const key of path) {
      if (!at || typeof at !== 'object' || Array.isArray(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
      at = (at as Record<string, unknown>)[key];
    }
    return rendered(at);
  };
}

/** How Go's template engine prints a value decoded from YAML (numbers are float64: from 1e6 on, in exponent form). */
function rendered(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  return undefined;
}
