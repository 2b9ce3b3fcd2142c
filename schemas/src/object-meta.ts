import type { SchemaNode } from '../../server/src/engine/schema/catalog';

// The package only references IObjectMeta from @kubernetes-models/apimachinery, so metadata is written by hand.

const stringMap = (description: string): SchemaNode => ({
  description,
  type: 'object',
  additionalProperties: { type: 'string' },
});

/** Kubernetes ObjectMeta as it may appear in a hand-written manifest. */
export function objectMetaSchema(): SchemaNode {
  return {
    description: 'Standard Kubernetes object metadata: name, namespace, labels and annotations.',
    type: 'object',
    properties: {
      name: { description: 'Name of the resource, unique within its namespace for this kind.', type: 'string' },
      generateName: { description: 'Prefix the API server uses to generate a unique name when `name` is not set.', type: 'string' },
      namespace: { description: 'Namespace of the resource; the namespace of the kubectl context when omitted.', type: 'string' },
      labels: stringMap('Key/value labels used to select and organize resources.'),
      annotations: stringMap('Key/value annotations holding arbitrary non-identifying metadata.'),
      finalizers: {
        description: 'Names of finalizers that must run before the resource is deleted.',
        type: 'array',
        items: { type: 'string' },
      },
      ownerReferences: {
        description: 'Objects this resource depends on; it is garbage-collected when they are all gone.',
        type: 'array',
        items: {
          type: 'object',
          properties: {
            apiVersion: { description: 'API version of the owner.', type: 'string' },
            kind: { description: 'Kind of the owner.', type: 'string' },
            name: { description: 'Name of the owner.', type: 'string' },
            uid: { description: 'UID of the owner.', type: 'string' },
            controller: { description: 'True if the owner is the managing controller.', type: 'boolean' },
            blockOwnerDeletion: { description: 'If true, the owner cannot be deleted until this reference is removed.', type: 'boolean' },
          },
          required: ['apiVersion', 'kind', 'name', 'uid'],
          additionalProperties: false,
        },
      },
      uid: { description: 'Unique id set by the API server (read-only).', type: 'string' },
      resourceVersion: { description: 'Version of the object set by the API server, used for optimistic concurrency (read-only).', type: 'string' },
      generation: { description: 'Sequence number of the desired state, set by the API server (read-only).', type: 'integer' },
      creationTimestamp: { description: 'When the object was created, set by the API server (read-only).', type: 'string' },
      deletionTimestamp: { description: 'When the object will be deleted, set by the API server (read-only).', type: 'string' },
      deletionGracePeriodSeconds: { description: 'Seconds allowed for graceful termination before deletion (read-only).', type: 'integer' },
      managedFields: {
        description: 'Which field manager owns which fields, maintained by the API server.',
        type: 'array',
        items: { type: 'object' },
      },
      selfLink: { description: 'Deprecated URL of the object, no longer set by the API server (read-only).', type: 'string' },
    },
    // The API server also accepts generateName alone; hand-written manifests name their resources.
    required: ['name'],
    additionalProperties: false,
  };
}
