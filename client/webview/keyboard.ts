import { arrowDirection, neighbourInDirection } from './model/drawing-navigation';
import type { Drawing } from './model/traffic-drawing';

/** What the keys act on. */
export interface KeyTargets {
  drawing(): Drawing | undefined;
  /** The key of the focused item, if an item has the focus. */
  focusedItem(): string | undefined;
  focusItem(key: string): void;
  open(key: string): void;
  zoomBy(factor: number): void;
  fit(): void;
}

/** Arrow keys move between items, Enter/Space open one; `+`/`-` zoom and `f` fits anywhere but in a text field or on a button. */
export function installKeyboard(root: HTMLElement, targets: KeyTargets): void {
  root.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const item = targets.focusedItem();
    const drawing = targets.drawing();
    if (item && drawing) {
      const direction = arrowDirection(event.key);
      if (direction) {
        event.preventDefault();
        const next = neighbourInDirection(drawing, item, direction);
        if (next) targets.focusItem(next);
        return;
      }
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        targets.open(item);
        return;
      }
    }
    if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLInputElement) return;
    if (event.key === '+' || event.key === '=') targets.zoomBy(1.2);
    else if (event.key === '-' || event.key === '_') targets.zoomBy(1 / 1.2);
    else if (event.key === 'f' || event.key === 'F') targets.fit();
    else return;
    event.preventDefault();
  });
}
