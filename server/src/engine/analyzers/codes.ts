import type { Severity } from '../finding';

export interface CodeInfo {
  code: string;
  /** istioctl's message name for IST codes; ours otherwise. */
  name: string;
  severity: Severity;
  summary: string;
}

/** Every code the engine can report. IST codes mean exactly what istioctl analyze means by them. */
export const codeTable: Record<string, CodeInfo> = {
  IST0101: {
    code: 'IST0101',
    name: 'ReferencedResourceNotFound',
    severity: 'error',
    summary: 'A reference names a resource that does not exist: a Gateway in `gateways`, or a subset no DestinationRule defines.',
  },
  IST0106: {
    code: 'IST0106',
    name: 'SchemaValidationError',
    severity: 'error',
    summary: 'The resource does not match the schema of its kind: unknown field, wrong type, invalid value, missing required field.',
  },
  IST0132: {
    code: 'IST0132',
    name: 'VirtualServiceHostNotFoundInGateway',
    severity: 'warning',
    summary: 'A VirtualService is bound to a Gateway whose servers do not serve (some of) its hosts.',
  },
  IY0001: {
    code: 'IY0001',
    name: 'YamlSyntaxError',
    severity: 'error',
    summary: 'The document is not valid YAML; the other documents of the file are still checked.',
  },
  IY0002: {
    code: 'IY0002',
    name: 'UnknownIstioKind',
    severity: 'error',
    summary: 'An Istio API group with a kind or version that group does not have.',
  },
};

/** The istio.io page of an IST code; undefined for our own codes. */
export function docsUrlFor(code: string): string | undefined {
  return /^IST\d{4}$/.test(code) ? `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/` : undefined;
}
