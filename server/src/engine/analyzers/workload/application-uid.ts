import { isScalar, type Node } from 'yaml';
import { ignoredNamespaces, isIstioControlPlane } from '../../model/istio-owned';
import type { Resource } from '../../model/resource';
import { asMap, asSeq, getValue, rangeOf, scalarText } from '../../parse/yaml-nodes';
import { finding, type Analyzer } from '../analyzer';

/** The UID the sidecar proxy runs as; its iptables rules let this UID's traffic bypass the proxy. */
const proxyUid = 1337;

/** Containers that are Istio's own and may run as the proxy UID. */
const istioContainers = new Set(['istio-proxy', 'istio-operator']);

/** Where each kind keeps its pod spec. */
const podSpecPaths: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function podSpecOf(resource: Resource) {
  let node: unknown = resource.root;
  for (const key of podSpecPaths[resource.kind] ?? []) node = getValue(asMap(node), key);
  return asMap(node);
}

/** The `runAsUser: 1337` nodes of the pod's securityContext and of its (non-Istio) containers', with where each is. */
function proxyUidSettings(resource: Resource): { node: Node; where: string }[] {
  const spec = podSpecOf(resource);
  const runAsUser = (owner: unknown) => getValue(asMap(getValue(asMap(owner), 'securityContext')), 'runAsUser');
  const isProxyUid = (node: Node | undefined): node is Node => isScalar(node) && node.value === proxyUid;
  const out: { node: Node; where: string }[] = [];
  const podLevel = runAsUser(spec);
  if (isProxyUid(podLevel)) out.push({ node: podLevel, where: 'the pod securityContext' });
  for (const container of asSeq(getValue(spec, 'containers'))?.items ?? []) {
    const name = scalarText(getValue(asMap(container), 'name'));
    if (name !== undefined && istioContainers.has(name)) continue;
    const node = runAsUser(container);
    if (isProxyUid(node)) out.push({ node, where: `container ${name ?? '(unnamed)'}` });
  }
  return out;
}

/**
 * IST0144: a workload whose pod or (non-Istio) container securityContext sets `runAsUser: 1337`, the sidecar's UID:
 * Istio's traffic capture lets that UID's traffic bypass the proxy. istioctl checks Pods and Deployments; the same
 * pod spec in another controller (StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) is checked too. Once per resource.
 */
function applicationUid(group: string, kind: string): Analyzer {
  return {
    id: 'application-uid',
    group,
    kind,
    analyze(resource) {
      if (ignoredNamespaces.has(resource.namespace) || isIstioControlPlane(resource)) return [];
      const settings = proxyUidSettings(resource);
      if (!settings.length) return [];
      const where = settings.map((s) => s.where).join(', ');
      const message =
        `runAsUser ${proxyUid} (in ${where}) is the UID reserved for the sidecar proxy: Istio's traffic capture lets traffic from this UID bypass the proxy, ` +
        `so the application's traffic escapes the mesh (no mTLS, no policies, no telemetry). Run the application as another user.`;
      return [finding('IST0144', resource, rangeOf(settings[0].node), message)];
    },
  };
}

/** IST0144 for every kind that carries a pod spec. */
export const applicationUidAnalyzers: readonly Analyzer[] = [
  applicationUid('', 'Pod'),
  applicationUid('apps', 'Deployment'),
  applicationUid('apps', 'StatefulSet'),
  applicationUid('apps', 'DaemonSet'),
  applicationUid('apps', 'ReplicaSet'),
  applicationUid('batch', 'Job'),
  applicationUid('batch', 'CronJob'),
];
