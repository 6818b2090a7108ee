// Storage in trouble (issue 13, items 4 and 5): a read-only folder or file is not damage, a full
// disk neither stops the app from starting nor turns a save into "internal".
import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { storageProblem } from '../src-main/db/open';
import { freshContext, router } from './helpers';

const open: AppContext[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const count = (ctx: AppContext) => (ctx.store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;

describe('errors are classified in one place', () => {
  test.each([
    ['SQLITE_CORRUPT', 'damaged'],
    ['SQLITE_NOTADB', 'damaged'],
    ['SQLITE_CANTOPEN', 'read_only'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DIRECTORY', 'read_only'],
    ['EACCES', 'read_only'],
    ['EROFS', 'read_only'],
    ['SQLITE_FULL', 'disk_full'],
    ['ENOSPC', 'disk_full'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_LOCKED', 'busy'],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', null],
    ['ENOENT', null],
  ])('%s → %s', (code, kind) => {
    expect(storageProblem(Object.assign(new Error('x'), { code }))).toBe(kind);
  });
});

describe('a full disk (item 5)', () => {
  test('a save on a full disk says the disk is full, through the router, and changes nothing', async () => {
    const ctx = await freshContext();
    open.push(ctx);
    const rpc = router(() => ctx);
    // The database may not grow any more: SQLite answers as it does on a full disk (SQLITE_FULL).
    const pages = ctx.store.raw.pragma('page_count', { simple: true }) as number;
    ctx.store.raw.pragma(`max_page_count = ${pages}`);
    let refusal = null;
    for (let i = 0; i < 2000 && !refusal; i++) {
      const before = count(ctx);
      refusal = await rpc.refusal('retirees.create', { person: { name: `测试${i}`, category: '退休' }, acceptWarnings: true }).catch(() => null);
      if (refusal) expect(count(ctx)).toBe(before);
    }
    expect(refusal).not.toBeNull();
    expect(refusal!.code).toBe('disk_full');
    expect(refusal!.message).toMatch(/^磁盘已满，未能保存/);
    expect(ctx.store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    ctx.store.raw.pragma('max_page_count = 1073741823');
    await rpc.call('retirees.create', { person: { name: '赵淑珍', category: '退休' }, acceptWarnings: true });
  });
});
