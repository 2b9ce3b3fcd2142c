// The processes of this machine as Linux's /proc shows them, to find the language server that
// code-server's extension host started (the crash-recovery check kills it and waits for a new one).
import * as fs from 'node:fs';

/** One process from /proc, or undefined when it is gone (or a zombie: dead, not yet reaped). */
export function processInfo(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': split after the last ')'.
    const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X') return undefined;
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), state, argv };
  } catch {
    return undefined;
  }
}

/** Every live process. */
export function listProcesses() {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(processInfo)
    .filter(Boolean);
}

/** Whether `pid` is `ancestor` or one of its descendants. */
export function descendsFrom(pid, ancestor) {
  for (let at = processInfo(pid), hops = 0; at && hops < 64; at = processInfo(at.ppid), hops++) {
    if (at.pid === ancestor) return true;
    if (at.ppid <= 1) return false;
  }
  return false;
}

/**
 * The Node processes below `ancestor` (code-server's pid) whose command line runs `script` (an
 * absolute path): the language servers of the installed extension. Nothing outside that tree
 * counts, so a check can only ever kill a process this run started.
 */
export function scriptProcesses(script, ancestor) {
  return listProcesses().filter(
    (p) => p.pid !== process.pid && p.argv.includes(script) && /(^|\/)node[^/]*$/.test(p.argv[0]) && descendsFrom(p.pid, ancestor),
  );
}
