import { replaceScalar } from '../edit/scalars';
import { gatewaysNamed } from '../model/gateway-ref';
import { dataString, dataStrings, type FixProvider } from './fix';

/** IST0101 (gateway): the Gateway exists in another namespace; write the reference as `namespace/name`. */
export const qualifyGatewayNamespace: FixProvider = {
  id: 'qualify-gateway-namespace',
  code: 'IST0101',
  fixes(finding, { engine, uri }) {
    const name = dataString(finding, 'gateway');
    const text = engine.workspace.file(uri)?.parsed.text;
    if (!name || text === undefined) return [];
    const namespaces = [...new Set(dataStrings(finding, 'foundIn'))].filter((ns) => gatewaysNamed(engine.workspace.index, ns, name).length);
    return namespaces.map((namespace) => ({
      title: `Change to "${namespace}/${name}" (the Gateway in namespace ${namespace})`,
      changes: { [uri]: [replaceScalar(text, finding.range, `${namespace}/${name}`)] },
      isPreferred: namespaces.length === 1,
    }));
  },
};
