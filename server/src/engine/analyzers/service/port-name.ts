import type { Finding } from '../../finding';
import { serviceView } from '../../model/kubernetes-views';
import { hasPlaceholder } from '../../text/templating';
import { finding, type Analyzer } from '../analyzer';
import { serviceIsLeftAlone } from './istio-managed';
import { namedProtocols, servicePortProtocol } from './port-protocol';

/**
 * IST0118: a port of a (non-ExternalName) Service whose name, or appProtocol when set, names no protocol Istio
 * knows: Istio then sniffs the protocol. `protocol: UDP` and the well-known TCP ports (25, 53, 3306, 27017) are
 * exempt. ExternalName Services get IST0150 instead (external-name-port.ts).
 */
export const servicePortName: Analyzer = {
  id: 'service-port-name',
  group: '',
  kind: 'Service',
  analyze(resource) {
    const view = serviceView(resource);
    if (view.type === 'ExternalName' || (view.type !== undefined && hasPlaceholder(view.type))) return [];
    if (serviceIsLeftAlone(resource)) return [];
    const findings: Finding[] = [];
    for (const port of view.ports) {
      if (servicePortProtocol(port).kind !== 'sniffed') continue;
      const name = port.name?.value;
      const number = port.port ?? '?';
      const target = port.targetPort ? `, targetPort ${port.targetPort}` : '';
      const what =
        port.appProtocol !== undefined
          ? `appProtocol "${port.appProtocol}" of port ${number}${target} names no protocol Istio knows`
          : name === undefined
            ? `Port ${number}${target} has no name`
            : `Port name "${name}" (port ${number}${target}) does not follow Istio's <protocol>[-<suffix>] naming`;
      const fix = port.appProtocol !== undefined ? 'Set appProtocol to one of' : 'Name it after its protocol, one of';
      const example = port.appProtocol !== undefined ? '' : `, e.g. "http${name ? `-${name}` : ''}", or set appProtocol`;
      const message =
        `${what}, so Istio cannot tell its protocol and falls back to sniffing it. ` +
        `${fix} ${namedProtocols.filter((p) => p !== 'http_proxy').join(', ')}${example}.`;
      findings.push(finding('IST0118', resource, port.anchor, message, undefined, { port: port.port ?? 0, name: name ?? '' }));
    }
    return findings;
  },
};
