// The child's side of jobs/channel.ts: answers the parent's calls with the given handlers, one
// at a time in the order they come (each runs to its end before the next starts, as a worker's
// did). Under `child_process.fork` messages go through process.send; in an Electron utility
// process through process.parentPort (https://www.electronjs.org/docs/latest/api/parent-port).
import { UserError, type RpcError } from '../shared/errors';
import { sizeText, unreadableFile } from '../shared/importLimits';
import type { ChildCall, ChildMessage } from './protocol';

export type Handler = (args: Record<string, unknown>, emit: (event: unknown) => void) => unknown;

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): { post(m: ChildMessage): void; onMessage(listener: (m: unknown) => void): void } {
  const electron = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electron)
    return { post: (m) => electron.postMessage(m), onMessage: (l) => electron.on('message', (e) => l(e.data)) };
  if (!process.send) throw new Error('this module runs as a child process');
  // The parent is gone (closed, or killed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  return { post: (m) => process.send!(m), onMessage: (l) => process.on('message', l) };
}

export function serveParent(
  handlers: Record<string, Handler>,
  toError: (e: unknown, method: string) => RpcError,
): void {
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

/**
 * The child's side of a file handed over in pieces (jobs/worker.ts): `upload` is the method that
 * takes them, into one buffer of the announced size (at most: base64 text may decode to a little
 * less); `take` gives the file to the call that reads it, which says how much was sent.
 */
export function receiveFiles(maxBytes: number): { upload: Handler; take: (args: Record<string, unknown>) => Buffer } {
  let upload: Buffer | null = null;
  let received = 0;
  const incomplete = () => new UserError('bad_file', '文件没有完整传到读取进程，请重新选择文件');
  return {
    upload: ({ at, total, chunk }) => {
      const size = total as number;
      if (size > maxBytes) throw new UserError('too_large', unreadableFile(`文件超过 ${sizeText(maxBytes)} 的上限`));
      if (at === 0) {
        upload = Buffer.allocUnsafe(size);
        received = 0;
      }
      const piece = chunk as Uint8Array;
      if (!upload || (at as number) !== received || received + piece.length > upload.length) throw incomplete();
      upload.set(piece, received);
      received += piece.length;
      return received;
    },
    take: (args) => {
      if (!upload || received !== args.size) throw incomplete();
      const bytes = upload.subarray(0, received);
      upload = null;
      return bytes;
    },
  };
}
