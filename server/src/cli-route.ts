import type { CliIo } from './cli';
import type { SchemaCatalog } from './engine/schema/catalog';

export const routeUsage = `Usage: istio-yaml route --url URL [options] PATH...
`;

/** `istio-yaml route`: which rule a request takes through the files' Gateways and routes. */
export function runRoute(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo): number {
  void args;
  void catalog;
  io.stderr('istio-yaml: route is not implemented yet\n');
  return 2;
}
