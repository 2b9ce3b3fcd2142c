import { isScalar } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getValue, locatedString, rangeOf, scalarText, stringItems, type LocatedString } from '../parse/yaml-nodes';
import { isIstioGroup, type Resource } from './resource';
import { SharedView } from './shared-view';

/** A ServiceEntry's hosts, addresses and ports, located. */

export interface ServiceEntryPortView {
  number?: number;
  name?: LocatedString;
  protocol?: LocatedString;
  /** The port's `protocol` value, else its `number` value, else the item. */
  anchor: OffsetRange;
}

export interface ServiceEntryView {
  hosts: LocatedString[];
  addresses: LocatedString[];
  ports: ServiceEntryPortView[];
  resolution?: string;
  exportTo: string[];
  /** Whether `status.addresses` holds an address Istio allocated to the entry. */
  allocatedAddress: boolean;
}

const views = new SharedView('serviceEntry', (r) => r.kind === 'ServiceEntry' && isIstioGroup(r.group), readServiceEntry);

/** The ServiceEntry's hosts, addresses, ports, exportTo and allocation status, located; read once per resource. */
export function serviceEntryView(resource: Resource): ServiceEntryView {
  return views.of(resource);
}

function readServiceEntry(resource: Resource): ServiceEntryView {
  const spec = asMap(getValue(resource.root, 'spec'));
  const ports: ServiceEntryPortView[] = [];
  for (const item of asSeq(getValue(spec, 'ports'))?.items ?? []) {
    const map = asMap(item);
    if (!map) continue;
    const numberNode = getValue(map, 'number');
    const protocol = locatedString(getValue(map, 'protocol'));
    const name = locatedString(getValue(map, 'name'));
    const port: ServiceEntryPortView = { anchor: protocol ? protocol.range : rangeOf(numberNode ?? map) };
    if (isScalar(numberNode) && typeof numberNode.value === 'number') port.number = numberNode.value;
    if (protocol) port.protocol = protocol;
    if (name) port.name = name;
    ports.push(port);
  }
  const view: ServiceEntryView = {
    hosts: stringItems(getValue(spec, 'hosts')),
    addresses: stringItems(getValue(spec, 'addresses')),
    ports,
    exportTo: stringItems(getValue(spec, 'exportTo')).map((e) => e.value),
    allocatedAddress: (asSeq(getValue(asMap(getValue(resource.root, 'status')), 'addresses'))?.items.length ?? 0) > 0,
  };
  const resolution = scalarText(getValue(spec, 'resolution'));
  if (resolution) view.resolution = resolution;
  return view;
}
