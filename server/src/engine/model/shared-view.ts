import type { Resource } from './resource';

/**
 * A view of a resource that the cross-resource checks read from the resources they look up, read once per resource,
 * whose value is plain data. A scan worker reads it where the tree is and sends it with the file's facts, so the
 * engine that takes the file answers lookups without parsing it.
 */
export class SharedView<T> {
  private readonly byResource = new WeakMap<Resource, { value: T }>();

  constructor(
    /** The name it travels under in a file's facts. */
    readonly name: string,
    readonly appliesTo: (resource: Resource) => boolean,
    private readonly read: (resource: Resource) => T,
  ) {
    if (views.some((v) => v.name === name)) throw new Error(`two shared views named ${name}`);
    views.push(this as SharedView<unknown>);
  }

  of(resource: Resource): T {
    let hit = this.byResource.get(resource);
    if (!hit) this.byResource.set(resource, (hit = { value: this.read(resource) }));
    return hit.value;
  }

  /** Takes the value read elsewhere for this resource. */
  take(resource: Resource, value: T): void {
    this.byResource.set(resource, { value });
  }
}

/** Every shared view, in the order their modules were loaded (a static list of definitions, not state). */
const views: Array<SharedView<unknown>> = [];

/** The shared views that apply to the resource, read now: what a scan worker sends with the file's facts. */
export function sharedViewsOf(resource: Resource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const view of views) if (view.appliesTo(resource)) out[view.name] = view.of(resource);
  return out;
}

/** Takes the shared views a scan worker read for the resource. */
export function takeSharedViews(resource: Resource, read: Readonly<Record<string, unknown>>): void {
  for (const view of views) if (view.name in read) view.take(resource, read[view.name]);
}
