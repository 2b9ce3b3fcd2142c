import type { CliIo } from './cli';
import { displayPath, loadFiles, oneOf, required, usageError, walkArgs, type LoadedFiles } from './cli-workspace';
import { graphToDot, graphToMermaid } from './engine/model/routing/graph-formats';
import type { SourceLocation, TrafficGraph } from './engine/model/routing/graph-types';
import { buildTrafficGraph } from './engine/model/routing/traffic-graph';
import type { SchemaCatalog } from './engine/schema/catalog';

export const graphUsage = `Usage: istio-yaml graph [--format mermaid|dot|json] [--namespace NS] PATH...

Prints the traffic picture of Istio and Gateway API manifests (files, - for standard input, or directories
searched for *.yaml / *.yml): Gateway servers and listeners (and the mesh), the VirtualServices, HTTPRoutes,
GRPCRoutes, TLSRoutes and TCPRoutes bound to them, their rules, destinations with their effective weights,
DestinationRule subsets, Services and ServiceEntries, and the workloads behind them. A broken link (a missing
Gateway, host, subset or workload, a rejected parentRef, a refused backendRef) is drawn dashed and red, labelled
with the codes 'istio-yaml check' reports at that place.

Options:
  --format mermaid|dot|json  output format (default: mermaid): a Mermaid flowchart, a Graphviz digraph,
                             or the graph as JSON (below)
  --namespace NS             namespace of resources without metadata.namespace (default: default)
  -h, --help                 show this help

JSON: {"nodes": [Node], "edges": [Edge]}
  Node: {"id", "kind", "label", "details": [string], "resource"?: "Kind ns/name", "location"?: Location}
        kind: gateway | route | rule | destination | subset | service | workload | missing | external
        (gateway: an Istio Gateway server, a Gateway API listener, or "mesh"; missing: what is named but absent;
        external: what is named but not declared in the files, e.g. an external host; not a mistake)
  Edge: {"from", "to", "label"?, "location"?: Location, "broken"?: {"codes": [string], "message"}}
        label: "80%" on a rule's destination, "mirror", "binds", "parentRef", ...
  Location: {"file": path relative to the working directory, "line": 1-based}

Exit status: 0 the graph was printed, 2 usage or internal failure.
`;

interface GraphArgs {
  format: 'mermaid' | 'dot' | 'json';
  namespace: string;
  paths: string[];
}

/** `istio-yaml graph`: the traffic picture of the files. */
export function runGraph(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo): number {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(graphUsage);
    return 0;
  }
  const parsed = parseGraphArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`istio-yaml graph: ${parsed}\n\n${graphUsage}`);
    return 2;
  }
  const loaded = loadFiles(parsed.paths, parsed.namespace, catalog(), io);
  if (typeof loaded === 'number') return loaded;
  const graph = buildTrafficGraph(loaded.engine);
  if (parsed.format === 'mermaid') io.stdout(graphToMermaid(graph));
  else if (parsed.format === 'dot') io.stdout(graphToDot(graph));
  else io.stdout(JSON.stringify(graphForJson(graph, loaded), null, 2) + '\n');
  return 0;
}

function parseGraphArgs(args: readonly string[]): GraphArgs | string {
  const options: GraphArgs = { format: 'mermaid', namespace: 'default', paths: [] };
  const error = walkArgs(
    args,
    (flag, value) => {
      if (flag === '--format') options.format = oneOf(flag, value(), ['mermaid', 'dot', 'json']);
      else if (flag === '--namespace') options.namespace = required(value(), '--namespace needs a value');
      else usageError(`unknown option ${flag}`);
    },
    options.paths,
  );
  if (error) return error;
  return options.paths.length ? options : 'no PATH given';
}

interface JsonLocation {
  file: string;
  line: number;
}

/** The graph with each location as the CLI prints places: the path as named (relative to the working directory) and a 1-based line. */
function graphForJson(graph: TrafficGraph, loaded: LoadedFiles) {
  const place = (location: SourceLocation | undefined): { location?: JsonLocation } =>
    location ? { location: { file: displayPath(location.uri, loaded), line: location.line + 1 } } : {};
  return {
    nodes: graph.nodes.map(({ location, ...node }) => ({ ...node, ...place(location) })),
    edges: graph.edges.map(({ location, ...edge }) => ({ ...edge, ...place(location) })),
  };
}
