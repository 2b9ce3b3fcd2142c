import { itemCentre, type Drawing } from './traffic-drawing';

/** Arrow-key moves between the focusable items of a drawing (nodes and broken edges). No DOM. */

export type Direction = 'left' | 'right' | 'up' | 'down';

/** The arrow key's direction, or undefined for any other key. */
export function arrowDirection(key: string): Direction | undefined {
  switch (key) {
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    default:
      return undefined;
  }
}

/**
 * The item to move to from `key` in `direction`: among the items whose centre lies that way (within 45° of it),
 * one linked to the current item if any, else any; nearest first, sideways distance counting double. Outside that
 * cone, the nearest item on that side. Undefined when nothing lies that way.
 */
export function neighbourInDirection(drawing: Drawing, key: string, direction: Direction): string | undefined {
  const origin = itemCentre(drawing, key);
  if (!origin) return undefined;
  const linked = linkedItems(drawing, key);
  const ahead: Array<{ key: string; along: number; across: number; linked: boolean }> = [];
  for (const other of drawing.tabOrder) {
    if (other === key) continue;
    const centre = itemCentre(drawing, other);
    if (!centre) continue;
    const dx = centre.x - origin.x;
    const dy = centre.y - origin.y;
    const along = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
    const across = Math.abs(direction === 'left' || direction === 'right' ? dy : dx);
    if (along > 1) ahead.push({ key: other, along, across, linked: linked.has(other) });
  }
  const score = (c: { along: number; across: number }) => c.along + 2 * c.across;
  const best = (list: typeof ahead) => list.sort((a, b) => score(a) - score(b))[0]?.key;
  const inCone = ahead.filter((c) => c.across <= c.along);
  return best(inCone.filter((c) => c.linked)) ?? best(inCone) ?? best(ahead);
}

/** Items joined to this one: a node's neighbours and its broken edges; a broken edge's two ends. */
function linkedItems(drawing: Drawing, key: string): Set<string> {
  const linked = new Set<string>();
  for (const edge of drawing.edges) {
    if (edge.key === key) {
      linked.add(edge.from);
      linked.add(edge.to);
    } else if (edge.from === key || edge.to === key) {
      linked.add(edge.from === key ? edge.to : edge.from);
      if (edge.broken) linked.add(edge.key);
    }
  }
  linked.delete(key);
  return linked;
}
