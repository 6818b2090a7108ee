// The app's launcher of child processes (jobs/launcher.ts): Electron's utilityProcess, a Node
// process of Chromium's own that a crash or a heap exhaustion ends alone (the fuses turn
// RunAsNode off, so the app cannot fork itself as Node; https://www.electronjs.org/docs/latest/api/utility-process).
// The entries are the bundled .cjs files next to main.cjs (scripts/build-shell.mjs).
import { utilityProcess } from 'electron';
import type { ChildExit, ProcessLauncher } from '../jobs/launcher';

export function utilityProcessLauncher(entries: Record<string, string>): ProcessLauncher {
  return {
    launch(entry, { heapMb, v8Flags = [], args, env }) {
      const file = entries[entry];
      if (!file) throw new Error(`no child entry named ${entry}`);
      const child = utilityProcess.fork(file, args, {
        execArgv: [`--max-old-space-size=${heapMb}`, ...v8Flags],
        env: { ...process.env, ...env },
        serviceName: `retiree-office ${entry}`,
        stdio: 'ignore',
      });
      let outOfMemory = false;
      // Emitted before 'exit' when V8 ends the process (its heap limit among the reasons).
      child.on('error', (_type, location, report) => {
        if (/heap|memory/i.test(`${location}\n${report}`)) outOfMemory = true;
      });
      return {
        get pid() {
          return child.pid;
        },
        send: (message) => child.postMessage(message),
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) =>
          child.once('exit', (code) => listener({ code, signal: null, outOfMemory } satisfies ChildExit)),
        kill: () => {
          child.kill();
        },
      };
    },
  };
}
