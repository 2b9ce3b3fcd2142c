import type { CliIo } from './cli';
import type { SchemaCatalog } from './engine/schema/catalog';

export const graphUsage = `Usage: istio-yaml graph [--format mermaid|dot|json] [--namespace NS] PATH...
`;

/** `istio-yaml graph`: the traffic picture of the files. */
export function runGraph(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo): number {
  void args;
  void catalog;
  io.stderr('istio-yaml: graph is not implemented yet\n');
  return 2;
}
