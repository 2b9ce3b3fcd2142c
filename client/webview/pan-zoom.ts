/** Pan (drag the background) and zoom (wheel, buttons, keys) of the graph, as one transform on its viewport group. */

export interface ViewTransform {
  k: number;
  tx: number;
  ty: number;
}

const minZoom = 0.1;
const maxZoom = 4;

export class PanZoom {
  private transform: ViewTransform = { k: 1, tx: 0, ty: 0 };
  private viewport: SVGGElement | undefined;
  private drag: { pointer: number; x: number; y: number } | undefined;

  /** Listens on the container, which outlives the SVGs drawn into it; `changed` hears every new transform. */
  constructor(
    private readonly container: HTMLElement,
    private readonly changed: (transform: ViewTransform) => void,
  ) {
    container.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    container.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    container.addEventListener('pointermove', (event) => this.onPointerMove(event));
    container.addEventListener('pointerup', (event) => this.onPointerUp(event));
    container.addEventListener('pointercancel', (event) => this.onPointerUp(event));
  }

  /** Moves the transform onto a freshly drawn viewport group. */
  attach(viewport: SVGGElement): void {
    this.viewport = viewport;
    this.apply();
  }

  get current(): ViewTransform {
    return { ...this.transform };
  }

  set(transform: ViewTransform): void {
    this.transform = { k: clamp(transform.k), tx: transform.tx, ty: transform.ty };
    this.apply();
  }

  /**
   * Scales a canvas of this size to fit the container (never above 100%, nor below `minScale`) and centres it; when
   * `minScale` keeps it larger than the container, its top-left corner shows instead of its middle.
   */
  fit(width: number, height: number, minScale = minZoom): void {
    const { clientWidth, clientHeight } = this.container;
    if (width <= 0 || height <= 0 || clientWidth <= 0 || clientHeight <= 0) return this.set({ k: 1, tx: 0, ty: 0 });
    const k = clamp(Math.max(minScale, Math.min(1, clientWidth / width, clientHeight / height)));
    const offset = (room: number, size: number) => (size * k <= room ? (room - size * k) / 2 : 0);
    this.set({ k, tx: offset(clientWidth, width), ty: offset(clientHeight, height) });
  }

  /** Zooms by a factor around a point of the container (its centre by default). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const point = at ?? { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 };
    const k = clamp(this.transform.k * factor);
    const ratio = k / this.transform.k;
    this.set({ k, tx: point.x - (point.x - this.transform.tx) * ratio, ty: point.y - (point.y - this.transform.ty) * ratio });
  }

  /** Pans the least needed to bring this canvas rectangle into view (with a margin). */
  reveal(box: { x: number; y: number; width: number; height: number }): void {
    const margin = 24;
    const { k, tx, ty } = this.transform;
    const { clientWidth, clientHeight } = this.container;
    const left = box.x * k + tx;
    const top = box.y * k + ty;
    const right = left + box.width * k;
    const bottom = top + box.height * k;
    let dx = 0;
    let dy = 0;
    if (left < margin) dx = margin - left;
    else if (right > clientWidth - margin) dx = Math.max(margin - left, clientWidth - margin - right);
    if (top < margin) dy = margin - top;
    else if (bottom > clientHeight - margin) dy = Math.max(margin - top, clientHeight - margin - bottom);
    if (dx !== 0 || dy !== 0) this.set({ k, tx: tx + dx, ty: ty + dy });
  }

  private apply(): void {
    const { k, tx, ty } = this.transform;
    this.viewport?.setAttribute('transform', `translate(${tx},${ty}) scale(${k})`);
    this.changed(this.current);
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.container.getBoundingClientRect();
    // Pixel deltas from touchpads are small and many; line deltas from wheels come in steps of 1–3.
    const delta = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
    this.zoomBy(Math.exp(-delta * 0.0015), { x: event.clientX - rect.left, y: event.clientY - rect.top });
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || (event.target instanceof Element && event.target.closest('.item, button'))) return;
    this.drag = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
    this.container.setPointerCapture(event.pointerId);
    this.container.classList.add('dragging');
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    const dx = event.clientX - this.drag.x;
    const dy = event.clientY - this.drag.y;
    this.drag = { ...this.drag, x: event.clientX, y: event.clientY };
    this.set({ ...this.transform, tx: this.transform.tx + dx, ty: this.transform.ty + dy });
  }

  private onPointerUp(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    this.drag = undefined;
    this.container.classList.remove('dragging');
    if (this.container.hasPointerCapture(event.pointerId)) this.container.releasePointerCapture(event.pointerId);
  }
}

function clamp(k: number): number {
  return Math.min(maxZoom, Math.max(minZoom, Number.isFinite(k) ? k : 1));
}
