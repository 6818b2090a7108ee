// Starting a child process for work whose input is not trusted (reading a file from outside), so
// that if it blows up, it dies alone: a V8 fatal error or an abort inside a worker *thread* takes
// the whole process with it (issue 13), a child process does not. One interface, two launchers:
// `child_process.fork` here, for the browser harness, the CLI and the tests; Electron's
// `utilityProcess` in the app (src-main/shell/processes.ts: only the shell imports electron, and
// the fuses turn RunAsNode off, so the app cannot fork itself as Node). jobs/ knows nothing of
// what a child runs: the launcher is given a table of entry files by whoever creates it.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LaunchOptions {
  /** V8's old-generation heap limit for the child (`--max-old-space-size`): past it, it dies. */
  heapMb: number;
  /** Other V8 options for the child (how it collects garbage). */
  v8Flags?: string[];
  /** Handed to the entry as process.argv[2…]. */
  args: string[];
  /**
   * Added to the child's environment: what must not be on its command line, which every user of
   * the machine can read (the database key).
   */
  env?: Record<string, string>;
}

export interface ChildExit {
  code: number | null;
  signal: string | null;
  /** The child died because its heap reached the limit. */
  outOfMemory: boolean;
}

/** A running child: structured-clone messages both ways, its end, and a way to end it. */
export interface ChildProcessHandle {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, however the child ended. */
  onExit(listener: (exit: ChildExit) => void): void;
  kill(): void;
}

export interface ProcessLauncher {
  launch(entry: string, options: LaunchOptions): ChildProcessHandle;
}

/** What V8 prints when a heap reaches its limit (https://github.com/nodejs/node/blob/v20.x/src/node_errors.cc, OOMErrorHandler). */
export const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/i;

/**
 * `child_process.fork` of TypeScript entries (started through tsx by child-boot.mjs), with the
 * advanced serialisation so that file bytes go as bytes. The child's stderr is kept (its last
 * 8 kB) to tell a heap exhaustion from another death, not printed: V8's report is no message for
 * a user, and the parent says what happened.
 */
export function forkLauncher(entries: Record<string, string>, bootFile?: string): ProcessLauncher {
  // Found when a launcher is made, not when this module loads: the app's CommonJS bundle has no
  // import.meta.url, and never makes this launcher (the shell gives its own). Code transformed for
  // the browser (component tests) names the boot file itself: there import.meta.url is an address.
  const boot = bootFile ?? fileURLToPath(new URL('./child-boot.mjs', import.meta.url));
  return {
    launch(entry, { heapMb, v8Flags = [], args, env }) {
      const file = entries[entry];
      if (!file) throw new Error(`no child entry named ${entry}`);
      const child = fork(boot, [path.resolve(file), ...args], {
        execArgv: [`--max-old-space-size=${heapMb}`, ...v8Flags],
        env: { ...process.env, ...env },
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (s: string) => (stderr = (stderr + s).slice(-8192)));
      // A child that is gone cannot take a message; that is reported by its exit, not thrown.
      child.on('error', () => {});
      return {
        pid: child.pid,
        send: (message) => {
          if (child.connected) child.send(message as never);
        },
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) =>
          child.once('exit', (code, signal) => {
            // stderr may still hold the end of V8's report: read what is left first.
            const done = () => listener({ code, signal, outOfMemory: OUT_OF_MEMORY.test(stderr) });
            if (child.stderr && !child.stderr.readableEnded) child.stderr.once('end', done);
            else done();
          }),
        kill: () => {
          child.kill('SIGKILL');
        },
      };
    },
  };
}

/**
 * A launcher made when a child is first started: a context that never reads a file (most of the
 * tests, a component test whose code is transformed for the browser) never needs to find the
 * child's files.
 */
export function lazyLauncher(make: () => ProcessLauncher): ProcessLauncher {
  let made: ProcessLauncher | null = null;
  return { launch: (entry, options) => (made ??= make()).launch(entry, options) };
}
