import type { YAMLMap } from 'yaml';
import type { Resource } from './resource';

/**
 * A view of a resource that only its own checks read, memoized for as long as the resource's tree lives: a closed
 * file's tree is released after its analysis, and so is the view (it is read again, with the tree, if the resource
 * is analyzed again). Keyed by resource as well, since an edit moves an open file's nodes in place and the view's
 * ranges must then be read anew.
 */
export class TreeView<T> {
  private readonly byRoot = new WeakMap<YAMLMap, WeakMap<Resource, T>>();

  constructor(private readonly read: (resource: Resource) => T) {}

  of(resource: Resource): T {
    const root = resource.root;
    let byResource = this.byRoot.get(root);
    if (!byResource) this.byRoot.set(root, (byResource = new WeakMap()));
    let view = byResource.get(resource);
    if (view === undefined) byResource.set(resource, (view = this.read(resource)));
    return view;
  }
}
