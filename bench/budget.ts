import { performance } from 'node:perf_hooks';

/**
 * Time left for the bench. The hard end bounds every wait (so nothing can hang the run); the soft end
 * is a phase's share, at which loops stop taking more samples (they finish the one in flight).
 */
export class Budget {
  private constructor(
    private readonly hardEnd: number,
    private readonly softEnd: number,
  ) {}

  static start(totalMs: number): Budget {
    const now = performance.now();
    return new Budget(now + totalMs, now + totalMs);
  }

  /** A share ending `ms` from now (never after this budget's own soft end). */
  slice(ms: number): Budget {
    return new Budget(this.hardEnd, Math.min(this.softEnd, performance.now() + ms));
  }

  /** A share ending at an absolute performance.now() time (never after this budget's own soft end). */
  until(end: number): Budget {
    return new Budget(this.hardEnd, Math.min(this.softEnd, end));
  }

  /** This budget with `ms` more of soft time (for quick probes after a slow part). */
  extend(ms: number): Budget {
    return new Budget(this.hardEnd, Math.min(this.hardEnd, Math.max(this.softEnd, performance.now()) + ms));
  }

  /** Milliseconds until the hard end: the cap for any single wait. */
  remaining(): number {
    return this.hardEnd - performance.now();
  }

  softRemaining(): number {
    return this.softEnd - performance.now();
  }

  /** The share is used up: take no more samples. */
  expired(): boolean {
    return this.softRemaining() <= 0;
  }

  /** Throws when the whole bench is out of time. */
  check(what: string): void {
    if (this.remaining() <= 0) throw new Error(`time budget spent before ${what}`);
  }
}
