import type { SchemaNode } from '../../server/src/engine/schema/catalog';
import { GATEWAY_API_OVERLAY_RULES } from './gateway-api-overlay';
import { expectType, integer, type OverlayRule } from './overlay-rule';

export type { OverlayRule } from './overlay-rule';

/**
 * Constraints the TypeScript declarations lose (integer vs number, ranges, duration syntax,
 * deprecated enum values), applied to the generated schemas by path.
 *
 * Path syntax: property names joined by `.`, `[]` for array items, `{}` for map values;
 * a leading `**.` matches at any depth. Paths start at the resource root (`spec...`).
 * Every rule must match at least one node and must find the type it expects, so a
 * renamed or retyped field in a new package version fails the build instead of going unchecked.
 */

export const DURATION_PATTERN = '^(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))+)$';
export const DURATION_HINT = 'a duration such as 5s, 100ms or 1m30s';

/** A real number (the proto field is a double) within bounds. */
function real(minimum: number, maximum: number): OverlayRule['apply'] {
  return (node, where) => {
    expectType(node, 'number', where);
    node.minimum = minimum;
    node.maximum = maximum;
  };
}

const duration: OverlayRule['apply'] = (node, where) => {
  expectType(node, 'string', where);
  node.pattern = DURATION_PATTERN;
  node['x-pattern-hint'] = DURATION_HINT;
};

function deprecatedValues(values: string[]): OverlayRule['apply'] {
  return (node, where) => {
    for (const value of values) {
      if (!node.enum?.includes(value)) throw new Error(`overlay: ${where} has no enum value ${value}`);
    }
    node['x-deprecated-values'] = values;
  };
}

const STRING_MATCH_KEYS = ['exact', 'prefix', 'regex'];

function isStringMatch(node: SchemaNode): boolean {
  const groups = node['x-one-of'] ?? [];
  return groups.length === 1 && [...groups[0].keys].sort().join() === STRING_MATCH_KEYS.join();
}

/** Numbers that really are fractional (proto double / Percent), so they stay `number`. */
export const REAL_NUMBER_PATHS = [
  '**.percentage.value',
  '**.mirrorPercentage.value',
  '**.warmup.minimumPercent',
  '**.warmup.aggression',
  '**.retryBudget.percent',
  '**.randomSamplingPercentage',
];

export const ISTIO_OVERLAY_RULES: OverlayRule[] = [
  // Counts, sizes, thresholds and status codes are uint32/int32 in the protos; the declarations only say `number`.
  {
    source: 'istio',
    paths: [
      '**.http1MaxPendingRequests', '**.http2MaxRequests', '**.maxConcurrentStreams', '**.maxRequestsPerConnection', '**.maxRetries',
      '**.maxConnections', '**.tcpKeepalive.probes', '**.maglev.tableSize', '**.minimumRingSize',
      '**.consecutive5xxErrors', '**.consecutiveErrors', '**.consecutiveGatewayErrors', '**.consecutiveLocalOriginFailures',
      '**.minRetryConcurrency', '**.retries.attempts', '**.directResponse.status', '**.abort.httpStatus', '**.redirect.redirectCode',
      '**.probe.failureThreshold', '**.probe.successThreshold', '**.probe.initialDelaySeconds', '**.probe.periodSeconds', '**.probe.timeoutSeconds',
      '**.endpoints[].weight', 'spec.weight', 'spec.template.weight', 'spec.concurrency',
    ],
    apply: integer(0),
  },
  // Patch/plugin ordering priorities are int32 and may be negative.
  { source: 'istio', kinds: ['EnvoyFilter', 'WasmPlugin'], paths: ['spec.priority'], apply: integer() },
  // Port numbers are uint32 in the protos and must be valid TCP/UDP ports.
  {
    source: 'istio',
    paths: [
      '**.port.number', '**.port.targetPort', '**.ports[].number', '**.ports[].targetPort', '**.ports{}', '**.tunnel.targetPort',
      '**.match[].port', '**.redirect.port', '**.httpGet.port', '**.tcpSocket.port', '**.grpc.port',
      '**.portNumber', '**.filterChain.destinationPort',
    ],
    apply: integer(1, 65535),
  },
  // Route weights are percentages of traffic (Istio rejects values above 100).
  { source: 'istio', kinds: ['VirtualService'], paths: ['spec.http[].route[].weight', 'spec.tcp[].route[].weight', 'spec.tls[].route[].weight'], apply: integer(0, 100) },
  // Whole-number percentages (int32/uint32 in the protos).
  {
    source: 'istio',
    paths: ['**.delay.percent', '**.mirrorPercent', '**.mirror_percent', '**.maxEjectionPercent', '**.minHealthPercent', '**.distribute[].to{}'],
    apply: integer(0, 100),
  },
  // Fractional percentages (istio Percent / DoubleValue).
  { source: 'istio', paths: REAL_NUMBER_PATHS.filter((p) => p !== '**.warmup.aggression'), apply: real(0, 100) },
  // google.protobuf.Duration fields: the declarations say `string`, the API server wants Go duration syntax.
  {
    source: 'istio',
    paths: [
      '**.timeout', '**.perTryTimeout', '**.retries.backoff', '**.idleTimeout', '**.connectTimeout', '**.maxConnectionDuration',
      '**.tcpKeepalive.time', '**.tcpKeepalive.interval', '**.outlierDetection.interval', '**.outlierDetection.baseEjectionTime',
      '**.warmup.duration', '**.warmupDurationSecs', '**.httpCookie.ttl', '**.delay.fixedDelay', '**.delay.exponentialDelay',
      '**.corsPolicy.maxAge', '**.reportingInterval',
    ],
    apply: duration,
  },
  // StringMatch needs one of exact/prefix/regex; as a header/query map value `{}` is allowed (it tests presence).
  {
    source: 'istio',
    kinds: ['VirtualService'],
    paths: ['**.corsPolicy.allowOrigins[]', '**.match[].uri', '**.match[].scheme', '**.match[].method', '**.match[].authority'],
    when: isStringMatch,
    apply: (node) => {
      node['x-one-of'] = [{ keys: STRING_MATCH_KEYS, exactlyOne: true }];
    },
  },
  // LEAST_CONN is deprecated in favour of LEAST_REQUEST (the package's descriptions mark no other enum value deprecated).
  { source: 'istio', kinds: ['DestinationRule'], paths: ['**.loadBalancer.simple'], apply: deprecatedValues(['LEAST_CONN']) },
  // Policies pick workloads by `selector` or attach to Gateways/Services by `targetRef(s)`; Istio rejects more than one.
  {
    source: 'istio',
    paths: ['spec'],
    when: (node) => ['selector', 'targetRef', 'targetRefs'].every((key) => node.properties?.[key] !== undefined),
    apply: (node) => {
      node['x-one-of'] = [
        ...(node['x-one-of'] ?? []),
        {
          keys: ['selector', 'targetRef', 'targetRefs'],
          exactlyOne: false,
          hint: 'Keep selector to apply the policy to workloads by label, or targetRef/targetRefs to attach it to a Gateway, Service or ServiceEntry; remove the others.',
        },
      ];
    },
  },
];

/** Every rule, of every package source. */
export const OVERLAY_RULES: OverlayRule[] = [...ISTIO_OVERLAY_RULES, ...GATEWAY_API_OVERLAY_RULES];

const parsedPaths = new Map<string, string[]>();

function parsePath(text: string): string[] {
  const cached = parsedPaths.get(text);
  if (cached) return cached;
  const segments: string[] = [];
  for (const part of text.split('.')) {
    const match = /^([^[\]{}]*)((?:\[\]|\{\})*)$/.exec(part);
    if (!match) throw new Error(`overlay: bad path ${text}`);
    if (match[1]) segments.push(match[1]);
    for (const suffix of match[2].match(/\[\]|\{\}/g) ?? []) segments.push(suffix);
  }
  parsedPaths.set(text, segments);
  return segments;
}

/** Whether a node path matches a rule path (`**` prefix = any depth). */
export function pathMatches(pattern: string, nodePath: string[]): boolean {
  const segments = parsePath(pattern);
  if (segments[0] === '**') {
    const rest = segments.slice(1);
    if (rest.length > nodePath.length) return false;
    const tail = nodePath.slice(nodePath.length - rest.length);
    return rest.every((segment, i) => segment === tail[i]);
  }
  return segments.length === nodePath.length && segments.every((segment, i) => segment === nodePath[i]);
}

/** Formats a node path the way rules write it: `spec.servers[].port`. */
export function formatPath(nodePath: string[]): string {
  return nodePath.reduce((text, segment) => (segment === '[]' || segment === '{}' ? text + segment : text ? `${text}.${segment}` : segment), '');
}

/** Calls `visit` on every node below `node` with its path (properties, array items, map values). */
export function walkSchema(node: SchemaNode, visit: (node: SchemaNode, nodePath: string[]) => void, nodePath: string[] = []): void {
  visit(node, nodePath);
  for (const [name, child] of Object.entries(node.properties ?? {})) walkSchema(child, visit, [...nodePath, name]);
  if (node.items) walkSchema(node.items, visit, [...nodePath, '[]']);
  if (typeof node.additionalProperties === 'object') walkSchema(node.additionalProperties, visit, [...nodePath, '{}']);
}

/**
 * Applies `rules` to every resource schema in place. Throws when a rule path matches nothing,
 * or when a plain `number` is left that neither a rule nor REAL_NUMBER_PATHS decided on.
 */
export function applyOverlay(resources: Array<{ kind: string; source: { id: string }; schema: SchemaNode }>, rules: OverlayRule[] = OVERLAY_RULES): void {
  const used = new Set<string>();
  for (const { kind, source, schema } of resources) {
    walkSchema(schema, (node, nodePath) => {
      for (const [index, rule] of rules.entries()) {
        if (rule.source !== source.id || (rule.kinds && !rule.kinds.includes(kind))) continue;
        const pattern = rule.paths.find((p) => pathMatches(p, nodePath));
        if (pattern === undefined || (rule.when && !rule.when(node))) continue;
        rule.apply(node, `${kind} ${formatPath(nodePath)}`);
        used.add(`${index} ${pattern}`);
      }
    });
  }
  for (const [index, rule] of rules.entries()) {
    for (const pattern of rule.paths) {
      if (!used.has(`${index} ${pattern}`)) throw new Error(`overlay: rule path ${pattern} matched nothing; was the field renamed?`);
    }
  }
  for (const { kind, schema } of resources) {
    walkSchema(schema, (node, nodePath) => {
      if (node.type === 'number' && !REAL_NUMBER_PATHS.some((p) => pathMatches(p, nodePath))) {
        throw new Error(`overlay: ${kind} ${formatPath(nodePath)} is a plain number; add it to an integer rule or to REAL_NUMBER_PATHS`);
      }
    });
  }
}
