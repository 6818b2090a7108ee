// The child's side of jobs/channel.ts: answers the parent's calls with the given handlers, one
// at a time in the order they come (each runs to its end before the next starts, as a worker's
// did). Under `child_process.fork` messages go through process.send; in an Electron utility
// process through process.parentPort (https://www.electronjs.org/docs/latest/api/parent-port).
import type { RpcError } from '../api/contract';
import type { ChildCall, ChildMessage } from './protocol';

export type Handler = (args: Record<string, unknown>, emit: (event: unknown) => void) => unknown;

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): { post(m: ChildMessage): void; onMessage(listener: (m: unknown) => void): void } {
  const electron = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electron) return { post: (m) => electron.postMessage(m), onMessage: (l) => electron.on('message', (e) => l(e.data)) };
  if (!process.send) throw new Error('this module runs as a child process');
  // The parent is gone (closed, or killed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  return { post: (m) => process.send!(m), onMessage: (l) => process.on('message', l) };
}

export function serveParent(handlers: Record<string, Handler>, toError: (e: unknown, method: string) => RpcError): void {
  const port = parentPort();
  let queue: Promise<void> = Promise.resolve();
  port.onMessage((m) => {
    const call = m as ChildCall;
    if (call?.type !== 'call') return;
    queue = queue.then(async () => {
      const handler = handlers[call.method];
      port.post({ type: 'started', id: call.id });
      try {
        if (!handler) throw new Error(`unknown method ${call.method}`);
        const value = await handler(call.args ?? {}, (event) => port.post({ type: 'event', id: call.id, event }));
        port.post({ type: 'reply', id: call.id, ok: true, value });
      } catch (e) {
        port.post({ type: 'reply', id: call.id, ok: false, error: toError(e, call.method) });
      }
    });
  });
}
