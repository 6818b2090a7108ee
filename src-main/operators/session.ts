// Who is signed in on one transport: the app's window, a token of the browser harness, a CLI
// run. The router asks it before every call (router.ts): it locks after the office's idle time,
// and on the system's lock (shell/main.ts, powerMonitor 'lock-screen'); a locked session is signed
// out and the log-in screen comes back.
import type { SignedInOperator } from '../contract/operators';

export class Session {
  private current: SignedInOperator | null = null;
  private lastUsed = 0;

  get operator(): SignedInOperator | null {
    return this.current;
  }

  signIn(operator: SignedInOperator, now = Date.now()): void {
    this.current = operator;
    this.lastUsed = now;
  }

  /** Signing out, the idle lock and the system's lock all come to this. */
  lock(): void {
    this.current = null;
  }

  /** A call made: the idle time starts again. */
  touch(now = Date.now()): void {
    this.lastUsed = now;
  }

  /** Locks when nothing was done for `idleMs`; whether it did. */
  lockIfIdle(idleMs: number, now = Date.now()): boolean {
    if (this.current && now - this.lastUsed >= idleMs) {
      this.lock();
      return true;
    }
    return false;
  }

  /** The operator as the database has them now (a role changed, deactivated since: null). */
  refresh(operator: SignedInOperator | null): void {
    this.current = operator;
  }
}
