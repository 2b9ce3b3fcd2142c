import type { Resource } from '../resource';
import type { TraceStep } from './trace-types';

/** The steps and warnings of one trace, each step placed at a line of a resource's file. */
export class TraceLog {
  readonly steps: TraceStep[] = [];
  readonly warnings: string[] = [];

  /** A decision made at `offset` of the resource's file (its anchor when no offset is given). */
  step(message: string, resource?: Resource, offset?: number): void {
    if (!resource) {
      this.steps.push({ message, file: null, line: null });
      return;
    }
    const at = offset ?? resource.anchor.start;
    this.steps.push({ message, file: resource.uri, line: resource.file.lines.positionAt(at).line + 1 });
  }

  /** Something that makes the answer uncertain; said once however often it is found. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}
