import type { Finding } from '../../finding';
import { asMap, asSeq, getValue, locatedString } from '../../parse/yaml-nodes';
import { finding, type Analyzer } from '../analyzer';
import { telemetryGroup } from './group';

/**
 * IST0002 (Deprecated): a tracing provider that the mesh config defines as a `lightstep` extension provider; Istio
 * deprecated it in favour of OpenTelemetry. Reported once per provider name a Telemetry's tracing uses (repeats
 * collapse, as istioctl's identical messages do). Without mesh config there are no Lightstep providers.
 */
export const telemetryLightstepProvider: Analyzer = {
  id: 'lightstep-provider',
  group: telemetryGroup,
  kind: 'Telemetry',
  analyze(resource, { mesh }) {
    const tracing = asSeq(getValue(asMap(getValue(resource.root, 'spec')), 'tracing'))?.items ?? [];
    const refs = tracing.flatMap((t) => (asSeq(getValue(asMap(t), 'providers'))?.items ?? []).flatMap((p) => locatedString(getValue(asMap(p), 'name')) ?? []));
    if (!refs.length) return [];
    const lightstep = new Set(mesh().lightstepProviders ?? []);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      if (!lightstep.has(ref.value) || seen.has(ref.value)) continue;
      seen.add(ref.value);
      const message =
        `Deprecated: The Lightstep provider ${ref.value} is deprecated, please migrate to OpenTelemetry provider. ` +
        `The mesh config defines "${ref.value}" as a lightstep extension provider; define an opentelemetry provider (Lightstep accepts OTLP) and name it here instead.`;
      findings.push(finding('IST0002', resource, ref.range, message, undefined, { provider: ref.value }));
    }
    return findings;
  },
};
