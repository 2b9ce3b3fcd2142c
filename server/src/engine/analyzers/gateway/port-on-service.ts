import type { Finding } from '../../finding';
import { effectiveSelector, gatewayDetails, selectorText } from '../../model/gateway-details';
import { assumedIngress, gatewayWorkloads, type GatewayWorkload } from '../../model/gateway-workloads';
import { serviceView } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import { selectorMatches } from '../../model/workload-selection';
import { hasPlaceholder } from '../../text/templating';
import type { IndexLookups } from '../../workspace/resource-index';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0162: a Gateway server's port must be a port (or target port) of a TCP port of some Service that selects the
 * gateway pods, in the pods' namespace. The assumed default ingress gateway comes with its Service (80, 443, 31400,
 * 15443); for the workspace's own gateway workloads the check speaks only where the workspace holds Services.
 */
export const gatewayPortOnService: Analyzer = {
  id: 'gateway-port-on-service',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const selector = effectiveSelector(resource);
    if (!selector) return [];
    const workloads = gatewayWorkloads(index, selector);
    if (!workloads.length) return [];
    const assumed = workloads.some((w) => !w.resource);
    if (!assumed && index.countOfKind('', 'Service') === 0) return [];
    const exposed = exposedPorts(index, workloads, assumed);
    if (!exposed) return [];
    const findings: Finding[] = [];
    const reported = new Set<number>();
    for (const server of gatewayDetails(resource).servers) {
      if (server.port === undefined || exposed.ports.has(server.port) || reported.has(server.port)) continue;
      reported.add(server.port);
      const where = exposed.services.length
        ? `Service ${exposed.services.map((s) => `${s.namespace}/${s.name}`).join(', ')}${assumed ? ` and the default ${assumedIngress.namespace}/${assumedIngress.serviceName}` : ''}`
        : assumed
          ? `the default Service ${assumedIngress.namespace}/${assumedIngress.serviceName} (ports ${assumedIngress.ports.map((p) => p.port).join(', ')})`
          : 'no Service (none selects the gateway pods)';
      const message =
        `Gateway port ${server.port} is not exposed: the gateway pods (selector ${selectorText(selector) || '<all pods>'}) are reached through ${where}, ` +
        `and no TCP port or targetPort there is ${server.port}, so this server cannot be reached through the gateway Service. ` +
        `Use a port the Service exposes, or add a port with targetPort ${server.port} to the Service.`;
      findings.push(finding('IST0162', resource, server.anchor, message, exposed.services.map((s) => relatedTo(s, `Service ${s.namespace}/${s.name} selects the gateway pods`)), { port: server.port }));
    }
    return findings;
  },
};

/**
 * The ports reaching the gateway pods: port and numeric targetPort of every TCP port of every Service that selects
 * one of them in its namespace (an absent protocol is TCP, as Kubernetes defaults it). Undefined when a port is a
 * placeholder, since then any port may be exposed.
 */
function exposedPorts(index: IndexLookups, workloads: readonly GatewayWorkload[], assumed: boolean): { ports: Set<number>; services: Resource[] } | undefined {
  const ports = new Set<number>();
  if (assumed) for (const p of assumedIngress.ports) ports.add(p.port).add(p.targetPort);
  const services: Resource[] = [];
  const all = workloads.length ? index.ofKind('', 'Service') : [];
  for (const service of all) {
    const view = serviceView(service);
    const selector = view.selector ?? {};
    if (!workloads.some((w) => w.namespace === service.namespace && selectorMatches(selector, w.labels))) continue;
    services.push(service);
    for (const port of view.ports) {
      if (port.protocol !== undefined && port.protocol !== 'TCP' && !hasPlaceholder(port.protocol)) continue;
      if (port.port === undefined || (port.targetPort !== undefined && hasPlaceholder(port.targetPort))) return undefined;
      ports.add(port.port);
      const target = port.targetPort !== undefined && /^\d+$/.test(port.targetPort) ? Number(port.targetPort) : 0;
      if (target) ports.add(target);
    }
  }
  return { ports, services };
}
