import { hostCovers } from '../../hosts';
import { hasPlaceholder } from '../../text/templating';
import { authorityOf, checkGateways, checkPort, checkSource, field, headerValue, mapField, Verdicts } from './match-fields';
import type { MatchContext, MatchVerdict, TraceRequest } from './request';
import { describeStringMatch, isPresenceMatch, matchSpec, readStringMatch, type StringMatchOptions, type StringMatchSpec } from './string-match';

export { authorityOf };

/**
 * A VirtualService's HTTPMatchRequest, TLSMatchAttributes and L4MatchAttributes judged against a request,
 * as Envoy would after Istio translates them (pilot/pkg/networking/core/route/route.go, core/tls.go).
 */

/**
 * Judges an Istio HTTPMatchRequest: every condition must hold. The reason names the first that fails,
 * request conditions (uri, scheme, method, authority, headers, query) before port, gateways and source.
 */
export function evaluateHttpMatch(match: Record<string, unknown>, request: TraceRequest, context: MatchContext): MatchVerdict {
  const out = new Verdicts();
  const ignoreUriCase = field(match, 'ignoreUriCase') === true;
  checkOne(out, 'uri', field(match, 'uri'), request.path, `path "${request.path}"`, { ignoreCase: ignoreUriCase });
  const scheme = headerValue(request, ':scheme') ?? 'http';
  checkOne(out, 'scheme', field(match, 'scheme'), scheme, `scheme "${scheme}"`);
  checkOne(out, 'method', field(match, 'method'), request.method, `method ${request.method}`);
  const authority = authorityOf(request);
  checkOne(out, 'authority', field(match, 'authority'), authority, `authority "${authority}"`);

  checkHeaders(match, request, out);
  checkQuery(match, request, out);
  checkPort(match, request.port, out);
  // Istio's sourceMatchHTTP: when a match lists gateways they alone decide; sourceLabels and
  // sourceNamespace are then not looked at (unlike tls and tcp matches, where all are required).
  const gateways = field(match, 'gateways');
  if (gateways !== undefined && !(Array.isArray(gateways) && gateways.length === 0)) checkGateways(gateways, context, out);
  else checkSource(match, context, out);
  return out.result();
}

/** Judges an Istio TLSMatchAttributes (sniHosts, port, gateways, sourceLabels, sourceNamespace); the host is the SNI. */
export function evaluateTlsMatch(match: Record<string, unknown>, request: TraceRequest, context: MatchContext): MatchVerdict {
  const out = new Verdicts();
  const sni = field(match, 'sniHosts');
  if (sni !== undefined) {
    if (!Array.isArray(sni) || sni.some((h) => typeof h !== 'string')) out.unknownBecause('sniHosts is not a list of host names');
    else if (sni.some((h: string) => hasPlaceholder(h))) out.unknownBecause(`sniHosts [${sni.join(', ')}] hold a placeholder`);
    else if (sni.length && !sni.some((h: string) => hostCovers(h, request.host))) out.fail(`sniHosts [${sni.join(', ')}] do not match SNI "${request.host}"`);
  }
  checkL4(match, request, context, out);
  return out.result();
}

/** Judges an Istio L4MatchAttributes of a tcp rule (port, gateways, sourceLabels, sourceNamespace). */
export function evaluateTcpMatch(match: Record<string, unknown>, request: TraceRequest, context: MatchContext): MatchVerdict {
  const out = new Verdicts();
  checkL4(match, request, context, out);
  const subnet = field(match, 'sourceSubnet');
  if (typeof subnet === 'string' && subnet) out.unknownBecause(`sourceSubnet ${subnet} depends on the client's address, which is not known`);
  return out.result();
}

function checkL4(match: Record<string, unknown>, request: TraceRequest, context: MatchContext, out: Verdicts): void {
  checkPort(match, request.port, out);
  const gateways = field(match, 'gateways');
  if (gateways !== undefined && !(Array.isArray(gateways) && gateways.length === 0)) checkGateways(gateways, context, out);
  checkSource(match, context, out);
  const subnets = field(match, 'destinationSubnets');
  if (Array.isArray(subnets) && subnets.length) out.unknownBecause(`destinationSubnets [${subnets.join(', ')}] depend on the destination address, which is not known`);
}

/** A StringMatch Istio's validation would accept (no empty regex; no empty prefix outside uri), else why not. */
function readIstioStringMatch(written: unknown, where: string): StringMatchSpec | string {
  const spec = readStringMatch(written);
  if (typeof spec === 'string' || spec.pattern !== '') return spec;
  if (spec.kind === 'regex') return 'an empty regex is rejected by Istio';
  if (spec.kind === 'prefix' && where !== 'uri') return 'an empty prefix is rejected by Istio (use {} to ask for presence)';
  return spec;
}

/** One StringMatch condition; `what` describes the request's value in the reason. */
function checkOne(out: Verdicts, name: string, written: unknown, value: string, what: string, options: StringMatchOptions = {}): void {
  if (written === undefined) return;
  const spec = readIstioStringMatch(written, name);
  if (typeof spec === 'string') return out.unknownBecause(`${name}: ${spec}`);
  const verdict = matchSpec(spec, value, options);
  if (verdict.matches === 'unknown') out.unknownBecause(`${name}: ${verdict.reason}`);
  else if (!verdict.matches) out.fail(`${name} ${describeStringMatch(spec)}${options.ignoreCase ? ' (ignoring case)' : ''} does not match ${what}`);
}

function checkHeaders(match: Record<string, unknown>, request: TraceRequest, out: Verdicts): void {
  for (const key of ['headers', 'withoutHeaders'] as const) {
    const entries = mapField(match, key);
    if (typeof entries === 'string') out.unknownBecause(entries);
    for (const [rawName, written] of typeof entries === 'object' ? entries : []) {
      const name = rawName.toLowerCase();
      if (hasPlaceholder(rawName)) {
        out.unknownBecause(`${key} "${rawName}" holds a placeholder`);
        continue;
      }
      if (name.startsWith('@request.auth.claims')) {
        out.unknownBecause(`${key} "${rawName}" matches a JWT claim, which depends on the request's token`);
        continue;
      }
      const spec = readIstioStringMatch(written, key);
      if (typeof spec === 'string') {
        out.unknownBecause(`${key} "${rawName}": ${spec}`);
        continue;
      }
      const presence = isPresenceMatch(spec, { starIsPresence: true });
      const actual = headerValue(request, name);
      const shown = actual === undefined ? 'is absent' : `is "${actual}"`;
      if (key === 'headers') {
        const verdict = matchSpec(spec, actual, { starIsPresence: true });
        if (verdict.matches === 'unknown') out.unknownBecause(`header "${name}": ${verdict.reason}`);
        else if (!verdict.matches) out.fail(presence ? `header "${name}" is required but absent` : `header "${name}" ${describeStringMatch(spec)} does not match: the header ${shown}`);
      } else {
        // Istio inverts the matcher and, unless it is a presence check, treats a missing header as empty.
        const verdict = matchSpec(spec, presence ? actual : actual ?? '', { starIsPresence: true });
        if (verdict.matches === 'unknown') out.unknownBecause(`withoutHeaders "${name}": ${verdict.reason}`);
        else if (verdict.matches) out.fail(presence ? `withoutHeaders "${name}": the header must be absent but is present` : `withoutHeaders "${name}" ${describeStringMatch(spec)} matches: the header ${actual === undefined ? 'is absent, read as ""' : shown}`);
      }
    }
  }
}

function checkQuery(match: Record<string, unknown>, request: TraceRequest, out: Verdicts): void {
  const entries = mapField(match, 'queryParams');
  if (typeof entries === 'string') return out.unknownBecause(entries);
  for (const [name, written] of entries ?? []) {
    const spec = readIstioStringMatch(written, 'queryParams');
    if (typeof spec === 'string') {
      out.unknownBecause(`queryParams "${name}": ${spec}`);
      continue;
    }
    // Envoy judges the first occurrence of a repeated parameter.
    const actual = request.query.find(([k]) => k === name)?.[1];
    const verdict = matchSpec(spec, actual, { starIsPresence: true });
    if (verdict.matches === 'unknown') out.unknownBecause(`queryParams "${name}": ${verdict.reason}`);
    else if (!verdict.matches) {
      out.fail(actual === undefined ? `query parameter "${name}" (${describeStringMatch(spec)}) is absent` : `query parameter "${name}" ${describeStringMatch(spec)} does not match "${actual}"`);
    }
  }
}
