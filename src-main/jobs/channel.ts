// The parent's side of a child process (jobs/launcher.ts): calls by name that come back as
// promises, events on the way, a time limit per call, and the child's end. The child is started
// on the first call and again after it died or was killed; whatever was waiting when it ended is
// rejected with ChildGone, saying how, and the caller says what that means for the user.
import { UserError } from '../shared/errors';
import type { ChildExit, ChildProcessHandle, LaunchOptions, ProcessLauncher } from './launcher';
import type { ChildCall, ChildMessage } from './protocol';

export class ChildGone extends Error {
  constructor(
    /** killed: by kill() (a cancel, closing); timeout: a call ran past its limit; exited: on its own (a crash). */
    readonly why: 'killed' | 'timeout' | 'exited',
    readonly exit: ChildExit | null,
  ) {
    super(
      `child process ${why}${exit ? ` (code ${exit.code}, signal ${exit.signal}${exit.outOfMemory ? ', out of memory' : ''})` : ''}`,
    );
  }
}

export interface CallOptions {
  /** From when the child takes the call up, not from when it is sent: calls wait their turn. */
  timeoutMs?: number;
  onEvent?: (event: unknown) => void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timeoutMs?: number;
  timer: NodeJS.Timeout | null;
  onEvent?: (event: unknown) => void;
}

export class ChildChannel {
  private child: ChildProcessHandle | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly launcher: ProcessLauncher,
    private readonly entry: string,
    private readonly options: LaunchOptions,
  ) {}

  /** The running child's process id (the bench reads its memory), or null. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private ensure(): ChildProcessHandle {
    if (this.child) return this.child;
    const child = this.launcher.launch(this.entry, this.options);
    child.onMessage((m) => {
      if (this.child !== child) return;
      const message = m as ChildMessage;
      const p = this.pending.get(message.id);
      if (!p) return;
      if (message.type === 'started') {
        if (p.timeoutMs) p.timer = setTimeout(() => this.end('timeout', null), p.timeoutMs);
        return;
      }
      if (message.type === 'event') return p.onEvent?.(message.event);
      this.pending.delete(message.id);
      if (p.timer) clearTimeout(p.timer);
      if (message.ok) p.resolve(message.value);
      else p.reject(new UserError(message.error.code, message.error.message));
    });
    child.onExit((exit) => {
      if (this.child === child) this.end('exited', exit);
    });
    this.child = child;
    return child;
  }

  /** Forgets the child (killing it, unless it is gone already) and rejects what waited for it. */
  private end(why: ChildGone['why'], exit: ChildExit | null): void {
    const child = this.child;
    this.child = null;
    if (why !== 'exited') child?.kill();
    const gone = new ChildGone(why, exit);
    for (const [id, p] of this.pending) {
      if (p.timer) clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(gone);
    }
  }

  call<T>(method: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<T> {
    const child = this.ensure();
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        timeoutMs: options.timeoutMs,
        timer: null,
        onEvent: options.onEvent,
      });
      child.send({ type: 'call', id, method, args } satisfies ChildCall);
    });
  }

  /** Ends the child now (a cancel, closing the app): what it had not committed is not kept. */
  kill(): void {
    if (this.child) this.end('killed', null);
  }
}
