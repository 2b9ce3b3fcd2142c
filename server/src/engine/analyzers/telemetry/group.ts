/** The API group of Telemetry. */
export const telemetryGroup = 'telemetry.istio.io';
