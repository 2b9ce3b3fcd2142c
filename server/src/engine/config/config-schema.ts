/**
 * The JSON Schema of `.istio-yaml.yaml`. The same object is written to `schemas/istio-yaml-config.schema.json`
 * for the YAML extension's completion (a unit test keeps the two equal), and validates the file here.
 */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://istio-yaml.dev/schemas/istio-yaml-config.schema.json',
  title: 'Istio YAML repository configuration (.istio-yaml.yaml)',
  description: 'Read by the istio-yaml CLI and the Istio YAML language server from the root of a workspace folder (the CLI also looks in the parents of the folder it checks).',
  type: 'object',
  additionalProperties: false,
  properties: {
    environments: {
      description:
        'Environments (clusters) kept in this repository: a name to a list of globs (relative to this file\'s folder). Each environment is analyzed as its own cluster; files that match no environment are shared by all of them, like a Kustomize base. Absent: Kustomize overlays are detected as environments. `{}`: no environments, everything is one cluster.',
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' },
      additionalProperties: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
      },
    },
    defaultNamespace: {
      description: 'Namespace of resources without metadata.namespace (default: default). The CLI\'s --namespace overrides it; it overrides the istio.defaultNamespace setting.',
      type: 'string',
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      maxLength: 63,
    },
    exclude: {
      description: 'Globs (relative to this file\'s folder) of files not to check, added to the istio.exclude setting.',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    severity: {
      description: 'Per-code severity: error, warning, info, hint, or off to drop the code. Entries of the istio.severity setting and of this file are merged; this file wins for a code both name.',
      type: 'object',
      propertyNames: { pattern: '^(IST|IY)[0-9]{4}$' },
      additionalProperties: { enum: ['error', 'warning', 'info', 'hint', 'off'] },
    },
    meshConfig: {
      description: 'A MeshConfig YAML file (or an istio ConfigMap), relative to this file\'s folder, with mesh-wide settings that change results. The CLI\'s --mesh-config overrides it.',
      type: 'string',
      minLength: 1,
    },
    suppress: {
      description: 'Findings not to report, in istioctl\'s form "CODE=Kind name.namespace" (* is a wildcard), e.g. "IST0132=VirtualService bookinfo.*". Added to the CLI\'s --suppress.',
      type: 'array',
      items: { type: 'string', pattern: '^\\s*[A-Za-z]+[0-9]+\\s*=\\s*\\S+\\s+\\S+\\s*$' },
    },
  },
} as const;
