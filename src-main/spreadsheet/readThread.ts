// The reading thread (./stream.ts, readInThread): reads the file it is given as the book's events
// and posts each as soon as it has it; a file it cannot read, as the error readSource would throw.
// Bundled on its own for the app (scripts/build-shell.mjs: out/read-thread.cjs).
import { parentPort } from 'node:worker_threads';
import { UserError } from '../shared/errors';
import { unreadableFile } from '../shared/importLimits';
import { bookEvents, type ReadRequest, type ThreadMessage } from './stream';

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);

port.once('message', ({ bytes, fileName, limits }: ReadRequest) => {
  try {
    for (const event of bookEvents(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, limits))
      post(event);
  } catch (e) {
    post(
      e instanceof UserError
        ? { type: 'error', code: e.code, message: e.message }
        : {
            type: 'error',
            code: 'bad_file',
            message: unreadableFile(String((e as Error)?.message ?? e).slice(0, 200)),
          },
    );
  }
});
