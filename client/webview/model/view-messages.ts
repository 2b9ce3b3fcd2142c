import type { SourceLocation, TrafficGraph } from '../../../server/src/engine/model/routing/graph-types';

/** The messages between the traffic panel (extension host) and its webview: one definition both sides import. */

/** Panel → webview. */
export type ToTrafficView =
  | { type: 'loading' }
  | {
      type: 'graph';
      graph: TrafficGraph;
      /** Set when the picture was asked for around a place: `gateway.yaml line 12`. */
      focusDescription?: string;
    }
  | { type: 'error'; message: string; focusDescription?: string };

/** Webview → panel. */
export type FromTrafficView =
  /** The script has started (again, after the panel was hidden): send the picture. */
  | { type: 'ready' }
  | { type: 'open'; location: SourceLocation }
  | { type: 'wholeWorkspace' }
  | { type: 'refresh' };

/** Whether a value received from the webview is one of its messages (it crosses a process boundary untyped). */
export function isFromTrafficView(value: unknown): value is FromTrafficView {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; location?: unknown };
  switch (message.type) {
    case 'ready':
    case 'wholeWorkspace':
    case 'refresh':
      return true;
    case 'open': {
      const location = message.location as Partial<SourceLocation> | undefined;
      return (
        typeof location === 'object' &&
        location !== null &&
        typeof location.uri === 'string' &&
        Number.isInteger(location.line) &&
        Number.isInteger(location.character)
      );
    }
    default:
      return false;
  }
}
