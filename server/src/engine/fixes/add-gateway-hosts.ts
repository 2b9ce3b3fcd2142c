import { appendToMap, appendToSequence, indentStyleOf, keyedSequence } from '../edit/layout';
import { formatScalar, prevailingQuoteStyle } from '../edit/scalars';
import { eolOf } from '../edit/text-edit';
import { gatewayHostAdmits, parseGatewayHost, resolveServiceHost } from '../hosts';
import { describeResource } from '../model/resource';
import { asMap, asSeq, getEntry, getValue, scalarText, stringItems } from '../parse/yaml-nodes';
import { networkingGroup } from '../workspace/resource-index';
import { dataString, dataStrings, type FixProvider } from './fix';

const webProtocols = new Set(['HTTP', 'HTTPS']);

/**
 * `data: { fix: 'add-gateway-hosts', gateway, gatewayNamespace, hosts }` (IST0132: no host served, IY0110: some not served):
 * add the VirtualService's unserved hosts to the Istio Gateway, in its first HTTP/HTTPS server (else its first server),
 * with a `namespace/` prefix when the Gateway's hosts carry one.
 */
export const addGatewayHosts: FixProvider = {
  id: 'add-gateway-hosts',
  fixKind: 'add-gateway-hosts',
  fixes(finding, { engine, resource }) {
    const name = dataString(finding, 'gateway');
    const namespace = dataString(finding, 'gatewayNamespace');
    const hosts = dataStrings(finding, 'hosts');
    if (!name || !namespace || !hosts.length || !resource) return [];
    const [gateway] = engine.workspace.index.find(networkingGroup, 'Gateway', namespace, name);
    if (!gateway) return [];
    const servers = (asSeq(getValue(asMap(getValue(gateway.root, 'spec')), 'servers'))?.items ?? []).map(asMap);
    const server =
      servers.find((s) => webProtocols.has((scalarText(getValue(asMap(getValue(s, 'port')), 'protocol')) ?? '').toUpperCase())) ?? servers.find((s) => s !== undefined);
    if (!server) return [];
    const text = gateway.file.text;
    const eol = eolOf(text);
    const existing = stringItems(getValue(server, 'hosts'));
    const prefixes = existing.filter((h) => h.value.includes('/')).map((h) => h.value.slice(0, h.value.indexOf('/')));
    const vsNamespace = resource.namespace;
    // Keep the Gateway's `ns/host` style, choosing a prefix that admits the VirtualService's namespace.
    const prefix = !prefixes.length ? '' : prefixes.includes('*') ? '*/' : vsNamespace === gateway.namespace && prefixes.includes('.') ? './' : `${vsNamespace}/`;
    const entries = hosts
      .map((h) => `${prefix}${h}`)
      .filter((entry) => !existing.some((e) => e.value === entry))
      .filter((entry, i, all) => all.indexOf(entry) === i);
    // Hosts an existing entry already admits need nothing (the analyzer may have compared another form of the name).
    const needed = entries.filter((entry) => {
      const host = entry.slice(prefix.length);
      const candidates = [host.toLowerCase(), resolveServiceHost(host, vsNamespace)];
      return !existing.some((e) => candidates.some((c) => gatewayHostAdmits(parseGatewayHost(e.value, gateway.namespace), vsNamespace, c)));
    });
    if (!needed.length) return [];
    const quote = prevailingQuoteStyle(text, existing.map((e) => e.range));
    const formatted = needed.map((entry) => formatScalar(entry, quote));
    const seq = asSeq(getEntry(server, 'hosts')?.value);
    let edits;
    if (seq) {
      // One insertion per host, each after the last existing item, in order.
      const first = appendToSequence(text, seq, [formatted[0]], formatted[0], eol);
      if (!first) return [];
      const lead = seq.flow ? ', ' : first.newText.slice(0, first.newText.length - formatted[0].length);
      const rest = formatted.slice(1).map((f) => lead + f);
      edits = [{ ...first, newText: first.newText + rest.join('') }];
    } else {
      const style = indentStyleOf(text, gateway.document.yaml.contents);
      const added = appendToMap(text, server, keyedSequence('hosts', formatted.map((f) => [f]), style), `hosts: [${formatted.join(', ')}]`, eol);
      if (!added) return [];
      edits = [added];
    }
    const plural = needed.length > 1 ? 's' : '';
    return [{ title: `Add host${plural} ${needed.join(', ')} to ${describeResource(gateway)}`, changes: { [gateway.uri]: edits }, isPreferred: true }];
  },
};
