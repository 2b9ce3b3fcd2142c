/**
 * The value rules of the Istio annotations whose values the sidecar injector validates (istio's
 * `inject.AnnotationValidation`): each rule returns what is wrong with a value, or undefined when it is valid.
 * Other annotations take free text and are not judged.
 */

import { parse } from 'yaml';

type Rule = (value: string) => string | undefined;

const ipv4Part = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = new RegExp(`^${ipv4Part}(\\.${ipv4Part}){3}$`);
const hexGroup = /^[0-9a-fA-F]{1,4}$/;

function isIPv6(text: string): boolean {
  let body = text;
  let groupsNeeded = 8;
  const lastColon = body.lastIndexOf(':');
  if (lastColon >= 0 && body.slice(lastColon + 1).includes('.')) {
    if (!ipv4.test(body.slice(lastColon + 1))) return false;
    body = body.slice(0, lastColon + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (![...head, ...tail].every((g) => hexGroup.test(g))) return false;
  const count = head.length + tail.length;
  return halves.length === 2 ? count < groupsNeeded : count === groupsNeeded;
}

/** Go's `netip.ParsePrefix`: an address, `/`, and a decimal prefix length without leading zeros that fits the family. */
function prefixProblem(cidr: string): string | undefined {
  const slash = cidr.lastIndexOf('/');
  if (slash < 0) return `"${cidr}" is not a CIDR: no "/"`;
  const address = cidr.slice(0, slash);
  const bits = cidr.slice(slash + 1);
  const max = ipv4.test(address) ? 32 : isIPv6(address) ? 128 : undefined;
  if (max === undefined) return `"${cidr}" is not a CIDR: "${address}" is not an IP address`;
  if (!/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > max) return `"${cidr}" is not a CIDR: bad prefix length "${bits}"`;
  return undefined;
}

function cidrList(value: string): string | undefined {
  if (!value) return undefined;
  for (const cidr of value.split(',')) {
    const problem = prefixProblem(cidr);
    if (problem) return problem;
  }
  return undefined;
}

/** A decimal that fits in `bits` bits, as Go's `strconv.ParseUint(v, 10, bits)`. */
function unsigned(value: string, bits: number): boolean {
  return /^\d+$/.test(value) && BigInt(value) < 2n ** BigInt(bits);
}

function portProblem(port: string): string | undefined {
  return unsigned(port.trim(), 16) ? undefined : `"${port}" is not a port number (0-65535)`;
}

function portList(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  for (const port of trimmed.split(',')) {
    const problem = portProblem(port);
    if (problem) return problem;
  }
  return undefined;
}

function interfaceNames(value: string): string | undefined {
  if (!value) return undefined;
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (!name) return 'empty interface name';
    if (name.length > 15) return `interface name "${name}" is too long (at most 15 characters)`;
    if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) return `interface name "${name}" has characters an interface name cannot have`;
  }
  return undefined;
}

/** A Kubernetes resource quantity (`500m`, `128Mi`, `1.5`, `2e3`). */
function quantity(value: string): string | undefined {
  // Control characters are refused before parsing, as the injector does.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'the value contains control characters';
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/.test(value)
    ? undefined
    : `"${value}" is not a Kubernetes quantity (e.g. 100m, 128Mi)`;
}

const goBools = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

const rules: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['sidecar.istio.io/interceptionMode', (v) => (['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : `"${v}" is not an interception mode: use REDIRECT, TPROXY or NONE`)],
  ['status.sidecar.istio.io/port', portProblem],
  ...['initialDelaySeconds', 'periodSeconds', 'failureThreshold'].map((name): [string, Rule] => [
    `readiness.status.sidecar.istio.io/${name}`,
    (v) => (unsigned(v, 32) ? undefined : `"${v}" is not a non-negative whole number`),
  ]),
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', (v) => (v === '*' ? undefined : cidrList(v))],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', cidrList],
  ['traffic.sidecar.istio.io/includeInboundPorts', (v) => (v === '*' ? undefined : portList(v))],
  ['traffic.sidecar.istio.io/excludeInboundPorts', portList],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', portList],
  ['traffic.sidecar.istio.io/excludeInterfaces', interfaceNames],
  ['traffic.sidecar.istio.io/kubevirtInterfaces', interfaceNames],
  ['istio.io/reroute-virtual-interfaces', interfaceNames],
  ['prometheus.istio.io/merge-metrics', (v) => (goBools.has(v) ? undefined : `"${v}" is not a boolean: use true or false`)],
  ['sidecar.istio.io/proxyCPU', quantity],
  ['sidecar.istio.io/proxyMemory', quantity],
  ['sidecar.istio.io/proxyCPULimit', quantity],
  ['sidecar.istio.io/proxyMemoryLimit', quantity],
]);

const proxyConfigAnnotation = 'proxy.istio.io/config';

/**
 * What is wrong with an annotation's value, or undefined when it is valid or Istio does not validate it.
 * `proxy.istio.io/config` must be YAML holding a mapping (of ProxyConfig fields; the fields are not judged).
 */
export function annotationValueProblem(name: string, value: string): string | undefined {
  if (name === proxyConfigAnnotation) return proxyConfigProblem(value);
  return rules.get(name)?.(value);
}

function proxyConfigProblem(value: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = parse(value);
  } catch (e) {
    return `the value is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  if (parsed === null || parsed === undefined) return undefined;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return 'the value must be a YAML mapping of ProxyConfig fields';
  return undefined;
}
