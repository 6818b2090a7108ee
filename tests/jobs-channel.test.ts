// The parent's side of a child process (jobs/channel.ts) against a child that does what the test
// says: answers, events, a death, a kill, and a time limit that runs from when the child takes
// the call up (calls wait their turn: a file opened during a long commit must not be timed out,
// and killed with the commit, while it waits).
import { describe, expect, test } from 'vitest';
import { ChildChannel, ChildGone } from '../src-main/jobs/channel';
import type { ChildExit, ChildProcessHandle, ProcessLauncher } from '../src-main/jobs/launcher';
import type { ChildCall, ChildMessage } from '../src-main/jobs/protocol';
import { UserError } from '../src-main/shared/errors';

class FakeChild implements ChildProcessHandle {
  readonly pid = 77;
  calls: ChildCall[] = [];
  killed = false;
  private message: (m: unknown) => void = () => {};
  private exit: (e: ChildExit) => void = () => {};
  send(m: unknown) {
    this.calls.push(m as ChildCall);
  }
  onMessage(l: (m: unknown) => void) {
    this.message = l;
  }
  onExit(l: (e: ChildExit) => void) {
    this.exit = l;
  }
  kill() {
    this.killed = true;
  }
  say(m: ChildMessage) {
    this.message(m);
  }
  die(e: ChildExit) {
    this.exit(e);
  }
}

function channel() {
  const children: FakeChild[] = [];
  const launcher: ProcessLauncher = {
    launch: (entry, options) => {
      expect(entry).toBe('thing');
      expect(options.heapMb).toBe(64);
      const c = new FakeChild();
      children.push(c);
      return c;
    },
  };
  return { ch: new ChildChannel(launcher, 'thing', { heapMb: 64, args: [] }), children };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a channel to a child process', () => {
  test('answers, events and refusals come back to their call', async () => {
    const { ch, children } = channel();
    const events: unknown[] = [];
    const a = ch.call('a', { x: 1 }, { onEvent: (e) => events.push(e) });
    const b = ch.call('b', {});
    const [child] = children;
    expect(child.calls.map((c) => [c.method, c.args])).toEqual([
      ['a', { x: 1 }],
      ['b', {}],
    ]);
    child.say({ type: 'event', id: 1, event: { done: 200 } });
    child.say({ type: 'reply', id: 1, ok: true, value: 'A' });
    child.say({ type: 'reply', id: 2, ok: false, error: { code: 'bad_file', message: '坏文件' } });
    expect(await a).toBe('A');
    expect(events).toEqual([{ done: 200 }]);
    await expect(b).rejects.toEqual(new UserError('bad_file', '坏文件'));
    expect(ch.pid).toBe(77);
  });

  test('the time limit runs from when the child takes the call up, not while it waits its turn', async () => {
    const { ch, children } = channel();
    const waiting = ch.call('open', {}, { timeoutMs: 40 });
    const [child] = children;
    // Behind a long commit: not started, so not timed out.
    await sleep(120);
    expect(child.killed).toBe(false);
    child.say({ type: 'started', id: 1 });
    await expect(waiting).rejects.toMatchObject({ why: 'timeout' });
    expect(child.killed).toBe(true);
    // The next call starts a new child.
    void ch.call('again', {});
    expect(children).toHaveLength(2);
  });

  test("a child's death rejects what waited for it, saying how; a kill says it was killed", async () => {
    const { ch, children } = channel();
    const a = ch.call('a', {});
    children[0].die({ code: null, signal: 'SIGABRT', outOfMemory: true });
    const gone = await a.catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ChildGone);
    expect(gone).toMatchObject({ why: 'exited', exit: { signal: 'SIGABRT', outOfMemory: true } });
    expect(ch.pid).toBeNull();
    const b = ch.call('b', {});
    ch.kill();
    await expect(b).rejects.toMatchObject({ why: 'killed', exit: null });
    expect(children[1].killed).toBe(true);
    // A killed child's own exit, later, changes nothing.
    children[1].die({ code: null, signal: 'SIGKILL', outOfMemory: false });
    expect(ch.pid).toBeNull();
  });
});
