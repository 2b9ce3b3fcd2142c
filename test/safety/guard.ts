import childProcess = require('node:child_process');
import dgram = require('node:dgram');
import dns = require('node:dns');
import fs = require('node:fs');
import http = require('node:http');
import http2 = require('node:http2');
import https = require('node:https');
import net = require('node:net');
import path = require('node:path');
import tls = require('node:tls');

// `import x = require()`: the module objects themselves, which can be patched (an `import * as` namespace cannot).

/**
 * Trip wires for code that must only read: every way Node offers to write a file, open a connection,
 * resolve a name or start a process is replaced by a function that reports the call and throws.
 * Reads can be confined to a list of folders too. Used in-process by the safety test and, as a
 * `--require` preload, in the language server's own process.
 */

export interface GuardOptions {
  /** Called with a description of every forbidden call (before it throws). */
  onViolation(what: string): void;
  /** When set, reading a path outside these folders is a violation too. */
  readRoots?: readonly string[];
}

type AnyFunction = (...args: unknown[]) => unknown;
type Patchable = Record<string, unknown>;

const writeFlags = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND | fs.constants.O_TRUNC;

function opensForWriting(flags: unknown): boolean {
  if (typeof flags === 'number') return (flags & writeFlags) !== 0;
  return typeof flags === 'string' && /[wa+]/.test(flags);
}

function describeArg(arg: unknown): string {
  if (typeof arg === 'string') return JSON.stringify(arg.length > 80 ? arg.slice(0, 80) + '…' : arg);
  if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
  if (arg instanceof URL) return arg.href;
  if (Buffer.isBuffer(arg)) return `<${arg.length} bytes>`;
  if (typeof arg === 'function') return 'fn';
  if (arg && typeof arg === 'object') {
    const { host, hostname, port, path: p } = arg as Record<string, unknown>;
    const parts = Object.entries({ host, hostname, port, path: p }).filter(([, v]) => v !== undefined);
    return parts.length ? `{${parts.map(([k, v]) => `${k}: ${String(v)}`).join(', ')}}` : '{…}';
  }
  return String(arg);
}

/** Installs the guards; returns a function that puts every original back. */
export function installGuards(options: GuardOptions): () => void {
  const restores: Array<() => void> = [];
  const roots = options.readRoots?.map((r) => path.resolve(r));

  function patch(target: object, name: string, label: string, forbidden: (args: unknown[]) => boolean = () => true): void {
    const holder = target as Patchable;
    const original = holder[name];
    if (typeof original !== 'function') return;
    const guarded = function (this: unknown, ...args: unknown[]): unknown {
      if (forbidden(args)) {
        const what = `${label}(${args.map(describeArg).join(', ')})`;
        options.onViolation(what);
        throw new Error(`safety guard: ${what} is forbidden`);
      }
      return (original as AnyFunction).apply(this, args);
    };
    Object.defineProperty(guarded, 'name', { value: name });
    holder[name] = guarded;
    restores.push(() => {
      holder[name] = original;
    });
  }

  const outsideRoots = (file: unknown): boolean => {
    if (!roots) return false;
    if (typeof file === 'number') return false; // an already-open descriptor: its opening was checked
    const p = file instanceof URL ? file.pathname : Buffer.isBuffer(file) ? file.toString() : String(file);
    const resolved = path.resolve(p);
    return !roots.some((root) => resolved === root || resolved.startsWith(root + path.sep));
  };

  // Files: everything that creates, changes or removes.
  const fsWrites = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'rename', 'unlink', 'copyFile', 'cp', 'symlink', 'link', 'truncate', 'ftruncate', 'chmod', 'fchmod', 'lchmod', 'chown', 'fchown', 'lchown', 'utimes', 'futimes', 'lutimes'];
  for (const name of fsWrites) {
    patch(fs, name, `fs.${name}`);
    patch(fs, `${name}Sync`, `fs.${name}Sync`);
    patch(fs.promises, name, `fs.promises.${name}`);
  }
  patch(fs, 'createWriteStream', 'fs.createWriteStream');
  // Writing to an fd is fine for stdout/stderr (the stdio transport); any other fd could only come from an open for writing, also guarded.
  for (const name of ['write', 'writeSync', 'writev', 'writevSync']) patch(fs, name, `fs.${name}`, (args) => args[0] !== 1 && args[0] !== 2);
  for (const [target, prefix] of [[fs, 'fs'], [fs.promises, 'fs.promises']] as const) {
    for (const name of ['open', 'openSync']) patch(target, name, `${prefix}.${name}`, (args) => opensForWriting(args[1]) || outsideRoots(args[0]));
  }
  patch(fs, 'openAsBlob', 'fs.openAsBlob', (args) => outsideRoots(args[0]));

  // Reads, when confined.
  if (roots) {
    const fsReads = ['readFile', 'readdir', 'opendir', 'stat', 'lstat', 'access', 'realpath', 'readlink', 'exists', 'createReadStream', 'watch', 'watchFile'];
    for (const name of fsReads) {
      patch(fs, name, `fs.${name}`, (args) => outsideRoots(args[0]));
      patch(fs, `${name}Sync`, `fs.${name}Sync`, (args) => outsideRoots(args[0]));
      patch(fs.promises, name, `fs.promises.${name}`, (args) => outsideRoots(args[0]));
    }
  }

  // Network: connections, servers, name resolution, HTTP, sockets of every kind.
  for (const name of ['connect', 'createConnection', 'createServer']) patch(net, name, `net.${name}`);
  patch(net.Socket.prototype, 'connect', 'net.Socket#connect');
  patch(net.Server.prototype, 'listen', 'net.Server#listen');
  for (const [mod, label] of [[http, 'http'], [https, 'https']] as const) for (const name of ['request', 'get', 'createServer']) patch(mod, name, `${label}.${name}`);
  for (const name of ['connect', 'createServer', 'createSecureServer']) patch(http2, name, `http2.${name}`);
  for (const name of ['connect', 'createServer', 'createSecureContext']) patch(tls, name, `tls.${name}`);
  for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
    patch(dns, name, `dns.${name}`);
    patch(dns.promises, name, `dns.promises.${name}`);
  }
  patch(dgram, 'createSocket', 'dgram.createSocket');
  patch(globalThis, 'fetch', 'fetch');

  // Processes.
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) patch(childProcess, name, `child_process.${name}`);

  return () => {
    for (const restore of restores.reverse()) restore();
  };
}
