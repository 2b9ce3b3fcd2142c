import type { FieldRule, SchemaNode, UniqueRule } from '../../server/src/engine/schema/catalog';
import { integer, type OverlayRule } from './overlay-rule';

/**
 * What the Gateway API declarations lose: int32 fields and their bounds, Duration syntax, and the CRDs' CEL rules
 * that users break (sigs.k8s.io/gateway-api v1.5.1 apis/v1: gateway_types.go, listenerset_types.go,
 * object_reference_types.go), as `x-field-rules` and `x-unique-by`.
 */

const SOURCE = 'gateway-api';

/** GEP-2257 durations: up to four parts of up to five digits, units h, m, s, ms. */
export const GATEWAY_API_DURATION_PATTERN = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';
export const GATEWAY_API_DURATION_HINT = 'a duration such as 5s, 500ms or 1h30m';

function addFieldRules(rules: FieldRule[]): OverlayRule['apply'] {
  return (node, where) => {
    if (node.type !== 'object') throw new Error(`overlay: ${where} is not an object`);
    for (const rule of rules) {
      for (const field of [...Object.keys(rule.when), ...(rule.require ?? []).flat(), ...(rule.forbid ?? []), ...(rule.at ? [rule.at] : [])]) {
        if (!hasField(node, field)) throw new Error(`overlay: ${where} has no field ${field}`);
      }
    }
    node['x-field-rules'] = [...(node['x-field-rules'] ?? []), ...rules];
  };
}

function addUniqueRules(rules: UniqueRule[]): OverlayRule['apply'] {
  return (node, where) => {
    if (node.type !== 'array' || !node.items) throw new Error(`overlay: ${where} is not a list`);
    for (const rule of rules) {
      for (const field of [...rule.fields, ...(rule.skipWithout ?? [])]) {
        if (!hasField(node.items, field)) throw new Error(`overlay: ${where}[] has no field ${field}`);
      }
    }
    node['x-unique-by'] = [...(node['x-unique-by'] ?? []), ...rules];
  };
}

function hasField(node: SchemaNode, dotted: string): boolean {
  let current: SchemaNode | undefined = node;
  for (const name of dotted.split('.')) current = current?.properties?.[name];
  return current !== undefined;
}

const duration: OverlayRule['apply'] = (node, where) => {
  if (node.type !== 'string') throw new Error(`overlay: ${where} is not a string`);
  node.pattern = GATEWAY_API_DURATION_PATTERN;
  node['x-pattern-hint'] = GATEWAY_API_DURATION_HINT;
};

/** A reference to a Service (the default kind, in the core group) must say which port (object_reference_types.go). */
const servicePort: FieldRule = {
  when: { group: ['', null], kind: ['Service', null] },
  require: [['port']],
  message: 'A backendRef to a Service needs "port": add the Service port to send traffic to.',
};

/** Listener rules of gateway_types.go (Gateway) and listenerset_types.go (ListenerSet), and the brief's HTTPS one. */
const listenerRules: FieldRule[] = [
  {
    when: { protocol: ['HTTP', 'TCP', 'UDP'] },
    forbid: ['tls'],
    message: 'A listener with protocol HTTP, TCP or UDP must not have "tls": remove it, or use protocol HTTPS or TLS.',
  },
  {
    when: { protocol: ['TCP', 'UDP'] },
    forbid: ['hostname'],
    message: 'A listener with protocol TCP or UDP must not have "hostname" (they carry no host name): remove it.',
  },
  {
    // Not CEL: the API server takes it, but the field's documentation says tls is required for HTTPS and TLS and the listener is not programmed.
    when: { protocol: ['HTTPS'] },
    require: [['tls']],
    message: 'A listener with protocol HTTPS needs "tls" with certificateRefs (mode Terminate): add tls.certificateRefs naming the certificate Secret.',
  },
  {
    when: { protocol: ['TLS'] },
    require: [['tls']],
    message: 'A listener with protocol TLS needs "tls": add tls with mode Passthrough, or mode Terminate and certificateRefs.',
  },
  {
    when: { protocol: ['HTTPS'], 'tls.mode': ['Passthrough'] },
    at: 'tls.mode',
    message: 'A listener with protocol HTTPS terminates TLS: use mode Terminate (or leave mode out), or protocol TLS to pass TLS through.',
  },
];

/** ListenerTLSConfig (gateway_types.go): mode Terminate, the default, needs certificates. */
const terminateRule: FieldRule = {
  when: { mode: ['Terminate', null] },
  require: [['certificateRefs', 'options']],
  message: 'TLS mode Terminate (the default) needs "certificateRefs" (or implementation-specific "options"): add the certificate Secret, or set mode Passthrough on a TLS listener.',
};

const listenerUniqueness: UniqueRule[] = [
  { fields: ['name'], message: 'Listener name {value} is used twice: listener names must be unique within the resource; rename one.' },
  {
    fields: ['port', 'protocol', 'hostname'],
    skipWithout: ['port'],
    message: 'Two listeners have the same port, protocol and hostname ({value}): give one another port or hostname, or merge them.',
  },
];

const ROUTES = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];
const LISTENERS = ['Gateway', 'ListenerSet'];

export const GATEWAY_API_OVERLAY_RULES: OverlayRule[] = [
  // PortNumber (int32, 1-65535).
  {
    source: SOURCE,
    paths: ['spec.listeners[].port', 'spec.tls.frontend.perPort[].port', '**.parentRefs[].port', '**.backendRefs[].port', '**.backendRef.port', '**.requestRedirect.port'],
    apply: integer(1, 65535),
  },
  // BackendRef weight: int32 0-1,000,000.
  { source: SOURCE, kinds: ROUTES, paths: ['**.backendRefs[].weight'], apply: integer(0, 1_000_000) },
  // RequestMirror percent: int32 0-100; fraction: numerator >= 0, denominator >= 1.
  { source: SOURCE, kinds: ['HTTPRoute', 'GRPCRoute'], paths: ['**.requestMirror.percent'], apply: integer(0, 100) },
  { source: SOURCE, kinds: ['HTTPRoute', 'GRPCRoute'], paths: ['**.requestMirror.fraction.numerator'], apply: integer(0) },
  { source: SOURCE, kinds: ['HTTPRoute', 'GRPCRoute'], paths: ['**.requestMirror.fraction.denominator'], apply: integer(1) },
  // CORS maxAge (seconds, >= 1), external auth body size, retry attempts; retry codes are HTTP status codes 400-599.
  { source: SOURCE, kinds: ['HTTPRoute'], paths: ['**.cors.maxAge'], apply: integer(1) },
  { source: SOURCE, kinds: ['HTTPRoute'], paths: ['**.forwardBody.maxSize', 'spec.rules[].retry.attempts'], apply: integer(0) },
  { source: SOURCE, kinds: ['HTTPRoute'], paths: ['spec.rules[].retry.codes[]'], apply: integer(400, 599) },
  // Gateway API Duration (GEP-2257).
  {
    source: SOURCE,
    kinds: ['HTTPRoute', 'GRPCRoute'],
    paths: ['**.timeouts.request', '**.timeouts.backendRequest', '**.retry.backoff', '**.sessionPersistence.absoluteTimeout', '**.sessionPersistence.idleTimeout'],
    apply: duration,
  },
  // A Service backend needs a port. Route backendRefs and RequestMirror backendRefs get IY0212 from the backend check
  // instead (it names the Service's ports and offers the fix); the ExternalAuth filter's backendRef is checked here.
  { source: SOURCE, kinds: ['HTTPRoute'], paths: ['**.externalAuth.backendRef'], apply: addFieldRules([servicePort]) },
  { source: SOURCE, kinds: LISTENERS, paths: ['spec.listeners[]'], apply: addFieldRules(listenerRules) },
  { source: SOURCE, kinds: LISTENERS, paths: ['spec.listeners[].tls'], apply: addFieldRules([terminateRule]) },
  { source: SOURCE, kinds: LISTENERS, paths: ['spec.listeners'], apply: addUniqueRules(listenerUniqueness) },
];
