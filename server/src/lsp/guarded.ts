import type { CancellationToken } from 'vscode-languageserver';

/**
 * Runs a request's work after reading pending edits (unless `sync` is false): a cancelled request gets `fallback`
 * without running, and an exception is logged and answered with `fallback`, never thrown at the client.
 */
export type Guarded = <T>(run: () => T, fallback: T, what: string, token?: CancellationToken, sync?: boolean) => T;

/** The `Guarded` runner over the given edit sync and error log. */
export function createGuarded(syncEdits: () => void, logError: (message: string) => void): Guarded {
  return <T>(run: () => T, fallback: T, what: string, token?: CancellationToken, sync = true): T => {
    if (token?.isCancellationRequested) return fallback;
    try {
      if (sync) syncEdits();
      return run();
    } catch (error) {
      logError(`${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  };
}
