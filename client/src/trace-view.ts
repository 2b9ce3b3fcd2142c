import * as vscode from 'vscode';
import type { TraceResult, TraceStep } from '../../server/src/engine/model/routing/trace-types';

/** One row of the trace view: a heading with children, or a leaf that may open a place in a file. */
interface Row {
  label: string;
  description?: string;
  tooltip?: string;
  children?: Row[];
  icon?: string;
  /** `file` URI and 1-based line. */
  opens?: { file: string; line: number };
}

/** The `Istio Trace` view: the last trace's outcome, entry, route, destinations, steps and warnings; a step opens its line. */
export class TraceView implements vscode.TreeDataProvider<Row> {
  private rows: Row[] = [];
  private readonly changed = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  show(result: TraceResult): void {
    this.rows = rowsOf(result);
    this.changed.fire(undefined);
  }

  getChildren(row?: Row): Row[] {
    return row ? row.children ?? [] : this.rows;
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, row.children ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    if (row.description) item.description = row.description;
    item.tooltip = row.tooltip ?? row.label;
    if (row.icon) item.iconPath = new vscode.ThemeIcon(row.icon);
    if (row.opens) {
      const line = Math.max(0, row.opens.line - 1);
      item.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [vscode.Uri.parse(row.opens.file), { selection: new vscode.Range(line, 0, line, 0) }],
      };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const outcomeText: Record<TraceResult['outcome'], string> = {
  route: 'routed',
  redirect: 'redirected',
  'direct-response': 'answered directly',
  'no-match': 'no rule matches (404)',
  'no-route': 'no route for the host (404)',
  'no-gateway': 'no Gateway accepts it',
};

function rowsOf(result: TraceResult): Row[] {
  const { request, entry, route } = result;
  const rows: Row[] = [];
  rows.push({ label: `${request.method} ${request.scheme}://${request.host}:${request.port}${request.path}`, icon: 'globe', description: outcomeText[result.outcome] });
  const ok = result.outcome === 'route' || result.outcome === 'redirect' || result.outcome === 'direct-response';
  rows.push({ label: `Outcome: ${result.outcome}`, icon: ok ? 'pass' : 'error', description: outcomeText[result.outcome] });
  if (entry) rows.push({ label: entry.kind === 'mesh' ? `Entry: sidecar in namespace ${entry.namespace}` : `Entry: Gateway ${entry.namespace}/${entry.name}`, icon: 'sign-in', ...(entry.kind === 'Gateway' ? { description: `server/listener ${entry.server}` } : {}) });
  if (route) {
    const rule = route.kind === 'VirtualService' ? `rule ${route.rule}` : `rules[${route.rule}]`;
    rows.push({ label: `Route: ${route.kind} ${route.namespace}/${route.name}`, icon: 'git-merge', description: `${rule}${route.ruleName ? ` "${route.ruleName}"` : ''}${route.match === null ? '' : ` match ${route.match}`}` });
  }
  if (result.destinations.length) {
    rows.push({
      label: 'Destinations',
      icon: 'target',
      children: result.destinations.map((d) => ({
        label: `${d.weight}% ${d.host}${d.port !== null ? `:${d.port}` : ''}${d.subset ? ` (${d.subset})` : ''}`,
        description: [d.destinationRule ? `DestinationRule ${d.destinationRule}` : '', d.workloads.length ? d.workloads.join(', ') : 'no workloads in the files'].filter(Boolean).join(' · '),
        icon: 'server',
      })),
    });
  }
  const actions = Object.entries(result.actions);
  if (actions.length) rows.push({ label: 'Actions', icon: 'tools', children: actions.map(([name, value]) => ({ label: name, description: JSON.stringify(value) })) });
  rows.push({ label: 'Steps', icon: 'list-ordered', children: result.steps.map(stepRow) });
  if (result.warnings.length) rows.push({ label: 'Warnings', icon: 'warning', children: result.warnings.map((w) => ({ label: w, icon: 'warning' })) });
  return rows;
}

function stepRow(step: TraceStep, i: number): Row {
  const row: Row = { label: `${i + 1}. ${step.message}`, tooltip: step.message };
  if (step.file !== null && step.line !== null) {
    row.opens = { file: step.file, line: step.line };
    row.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(step.file))}:${step.line}`;
  }
  return row;
}
