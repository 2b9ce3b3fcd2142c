import { hostCovers } from '../hosts';
import type { Resource } from '../model/resource';
import { declaredHosts, keys, providedKeys } from './resource-keys';

export const networkingGroup = 'networking.istio.io';

/** What analyzers may ask of the index. Every answer is recorded as a dependency of the asking analysis. */
export interface IndexLookups {
  /** Resources of that group/kind/namespace/name (more than one means a duplicate). */
  find(group: string, kind: string, namespace: string, name: string): readonly Resource[];
  /** Resources of that group/kind and name in any namespace. */
  findInAnyNamespace(group: string, kind: string, name: string): readonly Resource[];
  /** Every resource of a group/kind (the analysis then depends on all of them). */
  ofKind(group: string, kind: string): readonly Resource[];
  /** How many resources of a group/kind there are, without listing them. */
  countOfKind(group: string, kind: string): number;
  /** Resources of a group/kind declaring `fqdn` as host, exactly or by a wildcard that covers it. */
  forHost(group: string, kind: string, fqdn: string): readonly Resource[];
  /** Pods, Deployments and other workloads of a namespace. */
  workloadsIn(namespace: string): readonly Resource[];
  /**
   * Gateways whose selector has this canonical key (see `selectorKey`) and that may serve `dns` on `port`: those
   * listing it, those with a wildcard on the port, and (for a wildcard `dns`) every Gateway on the port. Callers
   * check the overlap exactly; the narrow keys mean an edit of one Gateway re-checks only those that share a host with it.
   */
  gatewaysServing(selector: string, port: number, dns: string): readonly Resource[];
  /** Gateways whose selector has this canonical key and that use this certificate (credential or file pair). */
  gatewaysWithCertificate(selector: string, certificate: string): readonly Resource[];
  /** VirtualServices that name the Gateway ns/name, in any namespace. */
  virtualServicesBoundTo(namespace: string, name: string): readonly Resource[];
  /** Gateway API routes whose parentRefs name the parent `kind` (Gateway, ListenerSet, Service) ns/name. */
  routesWithParent(kind: string, namespace: string, name: string): readonly Resource[];
}

/** The keys `gatewaysServing` reads. */
function gatewayServingKeys(selector: string, port: number, dns: string): string[] {
  return dns.startsWith('*') ? [keys.gatewayPort(selector, port)] : [keys.gatewayHost(selector, port, dns), keys.gatewayWildcards(selector, port)];
}

/**
 * An index that can add and remove resources one by one, so an edit costs what it touches. It files resource
 * identities (`Resource.id`), each standing for its current resource: when an edit takes a document over
 * unchanged, its identity stays, so only the resource they stand for is swapped, not its place under every key.
 */
export class ResourceIndex implements IndexLookups {
  private readonly byKey = new Map<string, Set<object>>();
  private readonly current = new Map<object, Resource>();
  /** Each key's documents in file order, built on first lookup after a change. */
  private readonly ordered = new Map<string, object[]>();
  /** The resources those documents stand for now: shared by every lookup until one of them is replaced. */
  private readonly resolved = new Map<string, readonly Resource[]>();

  add(resource: Resource): void {
    const doc = resource.id;
    this.current.set(doc, resource);
    for (const key of providedKeys(resource)) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(doc);
      this.forget(key);
    }
  }

  /** Drops the lists built for a key whose set of documents changed. */
  private forget(key: string): void {
    this.ordered.delete(key);
    this.resolved.delete(key);
  }

  remove(resource: Resource): void {
    const doc = resource.id;
    if (this.current.get(doc) !== resource) return;
    this.current.delete(doc);
    for (const key of providedKeys(resource)) {
      const set = this.byKey.get(key);
      if (!set) continue;
      set.delete(doc);
      this.forget(key);
      if (!set.size) this.byKey.delete(key);
    }
  }

  /**
   * Replaces one file's resources by its new ones. A resource of a document taken over, filed under the same
   * keys, replaces its predecessor in place; the others are removed and added.
   */
  replace(before: readonly Resource[], after: readonly Resource[]): void {
    const previous = new Map<object, { resource: Resource; position: number }>();
    before.forEach((resource, position) => previous.set(resource.id, { resource, position }));
    const kept = new Set<Resource>();
    let lastPosition = -1;
    for (const resource of after) {
      const old = previous.get(resource.id);
      if (old && providedKeys(old.resource) === providedKeys(resource) && this.current.get(resource.id) === old.resource) {
        this.current.set(resource.id, resource);
        kept.add(old.resource);
        // The resource lists of its keys hold the resource it replaces; their document order still holds, unless
        // documents changed order (text cut and pasted).
        for (const key of providedKeys(resource)) {
          if (old.position < lastPosition) this.ordered.delete(key);
          this.resolved.delete(key);
        }
        lastPosition = Math.max(lastPosition, old.position);
      } else {
        // The same document under other keys (its default namespace changed): filed anew.
        if (old) {
          this.remove(old.resource);
          kept.add(old.resource);
        }
        this.add(resource);
      }
    }
    for (const resource of before) if (!kept.has(resource)) this.remove(resource);
  }

  /**
   * In file order (URI, then position), not in the order files were set: where duplicates exist (two Gateways
   * ns/name), the one an analysis picks must not depend on which file was edited last (found by the fuzzer).
   */
  private get(key: string): readonly Resource[] {
    const known = this.resolved.get(key);
    if (known) return known;
    let docs = this.ordered.get(key);
    if (!docs) {
      const set = this.byKey.get(key);
      if (!set) return [];
      docs = [...set];
      if (docs.length > 1) {
        const order = new Map(docs.map((d) => [d, this.current.get(d) as Resource]));
        docs.sort((a, b) => byFileOrder(order.get(a) as Resource, order.get(b) as Resource));
      }
      this.ordered.set(key, docs);
    }
    const resources = docs.map((d) => this.current.get(d) as Resource);
    this.resolved.set(key, resources);
    return resources;
  }

  find(group: string, kind: string, namespace: string, name: string): readonly Resource[] {
    return this.get(keys.id(group, kind, namespace, name));
  }

  findInAnyNamespace(group: string, kind: string, name: string): readonly Resource[] {
    return this.get(keys.name(group, kind, name));
  }

  ofKind(group: string, kind: string): readonly Resource[] {
    return this.get(keys.kind(group, kind));
  }

  countOfKind(group: string, kind: string): number {
    return this.byKey.get(keys.kind(group, kind))?.size ?? 0;
  }

  forHost(group: string, kind: string, fqdn: string): readonly Resource[] {
    const exact = this.get(keys.host(group, kind, fqdn));
    const wild = this.get(keys.wildcardHost(group, kind)).filter((r) => declaredHosts(r).some((h) => h.startsWith('*') && hostCovers(h, fqdn)));
    return wild.length ? [...exact, ...wild] : exact;
  }

  workloadsIn(namespace: string): readonly Resource[] {
    return this.get(keys.workloads(namespace));
  }

  gatewaysServing(selector: string, port: number, dns: string): readonly Resource[] {
    const lists = gatewayServingKeys(selector, port, dns).map((key) => this.get(key));
    return lists.length === 1 || !lists[1].length ? lists[0] : [...new Set(lists.flat())].sort(byFileOrder);
  }

  gatewaysWithCertificate(selector: string, certificate: string): readonly Resource[] {
    return this.get(keys.gatewayCertificate(selector, certificate));
  }

  virtualServicesBoundTo(namespace: string, name: string): readonly Resource[] {
    return this.get(keys.boundTo(namespace, name));
  }

  routesWithParent(kind: string, namespace: string, name: string): readonly Resource[] {
    return this.get(keys.routeParent(kind, namespace, name));
  }
}

/**
 * Wraps the index for one analysis, writing down every key it reads. With `visible` (an environment's view of a
 * repository that holds several), answers leave out the resources it rejects; the keys read are the same.
 */
export class RecordingLookups implements IndexLookups {
  constructor(
    private readonly index: ResourceIndex,
    readonly dependencies: Set<string>,
    private readonly visible?: (resource: Resource) => boolean,
  ) {}

  private seen(resources: readonly Resource[]): readonly Resource[] {
    const visible = this.visible;
    if (!visible || !resources.length) return resources;
    // Most answers are wholly visible: keep the shared list then.
    return resources.every(visible) ? resources : resources.filter(visible);
  }

  find(group: string, kind: string, namespace: string, name: string): readonly Resource[] {
    this.dependencies.add(keys.id(group, kind, namespace, name));
    return this.seen(this.index.find(group, kind, namespace, name));
  }

  findInAnyNamespace(group: string, kind: string, name: string): readonly Resource[] {
    this.dependencies.add(keys.name(group, kind, name));
    return this.seen(this.index.findInAnyNamespace(group, kind, name));
  }

  ofKind(group: string, kind: string): readonly Resource[] {
    this.dependencies.add(keys.kind(group, kind));
    return this.seen(this.index.ofKind(group, kind));
  }

  countOfKind(group: string, kind: string): number {
    this.dependencies.add(keys.kind(group, kind));
    return this.visible ? this.seen(this.index.ofKind(group, kind)).length : this.index.countOfKind(group, kind);
  }

  forHost(group: string, kind: string, fqdn: string): readonly Resource[] {
    this.dependencies.add(keys.host(group, kind, fqdn));
    this.dependencies.add(keys.wildcardHost(group, kind));
    return this.seen(this.index.forHost(group, kind, fqdn));
  }

  workloadsIn(namespace: string): readonly Resource[] {
    this.dependencies.add(keys.workloads(namespace));
    return this.seen(this.index.workloadsIn(namespace));
  }

  gatewaysServing(selector: string, port: number, dns: string): readonly Resource[] {
    for (const key of gatewayServingKeys(selector, port, dns)) this.dependencies.add(key);
    return this.seen(this.index.gatewaysServing(selector, port, dns));
  }

  gatewaysWithCertificate(selector: string, certificate: string): readonly Resource[] {
    this.dependencies.add(keys.gatewayCertificate(selector, certificate));
    return this.seen(this.index.gatewaysWithCertificate(selector, certificate));
  }

  virtualServicesBoundTo(namespace: string, name: string): readonly Resource[] {
    this.dependencies.add(keys.boundTo(namespace, name));
    return this.seen(this.index.virtualServicesBoundTo(namespace, name));
  }

  routesWithParent(kind: string, namespace: string, name: string): readonly Resource[] {
    this.dependencies.add(keys.routeParent(kind, namespace, name));
    return this.seen(this.index.routesWithParent(kind, namespace, name));
  }
}

/** URI, then position: the order lookups answer in. */
export function byFileOrder(a: Resource, b: Resource): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start - b.range.start;
}
