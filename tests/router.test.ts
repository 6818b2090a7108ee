// Invalid calls through the router (the path every IPC and HTTP call takes) change nothing and
// say why in Chinese.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dispatch, errorOf, FAULTS } from '../src-main/router';
import { ERROR_CODES, UserError } from '../src-main/shared/errors';
import type { AppContext } from '../src-main/app/context';
import { freshContext } from './helpers';

let ctx: AppContext;
const logged: string[] = [];
const call = (method: string, input: unknown) => dispatch(ctx, method, input, (m) => logged.push(m));
const persons = () => (ctx.store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;

beforeEach(async () => {
  ctx = await freshContext();
  logged.length = 0;
});
afterEach(() => ctx.close());

describe('the router', () => {
  test('an unknown method is refused', async () => {
    expect(await call('retirees.drop', {})).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: '不支持的操作：retirees.drop' },
    });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  test('input that fails its schema names the field in Chinese and writes nothing', async () => {
    const r = await call('retirees.create', { person: { name: '', category: '退休' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error.message).toContain('「姓名」请填写姓名');
    const r2 = await call('retirees.create', { person: { name: '张桂兰', category: '退伍' } });
    if (r2.ok) throw new Error('expected a refusal');
    expect(r2.error.message).toContain('「人员类别」');
    const r3 = await call('retirees.create', { person: { name: '张桂兰', category: '退休', birthDate: '1952-02-30' } });
    if (r3.ok) throw new Error('expected a refusal');
    expect(r3.error.message).toContain('「出生日期」');
    expect(await call('retirees.list', { page: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('retirees.get', 'DROP TABLE persons')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(persons()).toBe(0);
  });

  test('a domain refusal comes back as it was said', async () => {
    const r = await call('retirees.get', { id: 42 });
    expect(r).toEqual({
      ok: false,
      error: { code: 'not_found', message: '没有找到这份档案，它可能已被删除', details: undefined },
    });
  });

  test('an internal error is logged and the user told nothing was changed', async () => {
    ctx.store.raw.exec('DROP TABLE audit_log');
    const r = await call('retirees.create', { person: { name: '张桂兰', category: '退休' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error.message).toContain('数据未作改动');
    expect(logged).toEqual(['retirees.create failed']);
    // The transaction was rolled back with the failed audit insert.
    expect(persons()).toBe(0);
  });

  test('a save while an import holds the database is refused with a message, not an internal error', async () => {
    const { openRaw } = await import('../src-main/db/open');
    const other = openRaw(ctx.store.file);
    other.exec('BEGIN IMMEDIATE');
    ctx.store.raw.pragma('busy_timeout = 50');
    const r = await call('retirees.create', { person: { name: '张桂兰', category: '退休' } });
    other.exec('ROLLBACK');
    other.close();
    expect(r).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringContaining('正在导入花名册') } });
    expect(persons()).toBe(0);
  });

  test('a backup name outside the backups folder is refused by its schema', async () => {
    expect(await call('backups.restore', { name: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  test('a valid call returns its value', async () => {
    const r = await call('retirees.create', {
      person: { name: '张桂兰', category: '退休', phones: [{ number: '１３８００００００００' }] },
    });
    expect(r).toMatchObject({ ok: true, value: { name: '张桂兰' } });
    expect(persons()).toBe(1);
  });

  test('every code a domain refuses with reaches the caller as it was said, and is not logged', () => {
    const logs: string[] = [];
    for (const code of ERROR_CODES) {
      expect(
        errorOf(new UserError(code, '说明', { field: 'x' }), 'some.method', '/data/office.sqlite', (m) => logs.push(m)),
      ).toEqual({
        code,
        message: '说明',
        details: { field: 'x' },
      });
    }
    expect(logs).toEqual([]);
  });

  test("each storage fault, a foreign key and a bug: the router's own code, in Chinese, saying nothing was changed", () => {
    // better-sqlite3's SqliteError carries SQLite's extended result code; Node's fs errors their errno name.
    const fault = (code: string) => Object.assign(new Error(code), { code });
    const cases: [unknown, string, string | null][] = [
      [fault('SQLITE_BUSY'), 'busy', null],
      [fault('SQLITE_LOCKED_SHAREDCACHE'), 'busy', null],
      [fault('SQLITE_FULL'), 'disk_full', 'm failed: disk full'],
      [fault('ENOSPC'), 'disk_full', 'm failed: disk full'],
      [fault('SQLITE_READONLY_DIRECTORY'), 'read_only', 'm failed: read-only'],
      [fault('EACCES'), 'read_only', 'm failed: read-only'],
      [fault('SQLITE_CORRUPT'), 'damaged', 'm failed: damaged'],
      [fault('SQLITE_NOTADB'), 'damaged', 'm failed: damaged'],
      [fault('SQLITE_CONSTRAINT_FOREIGNKEY'), 'not_found', 'm refused by a foreign key'],
      [fault('SQLITE_CONSTRAINT_UNIQUE'), 'internal', 'm failed'],
      [new TypeError('x is undefined'), 'internal', 'm failed'],
      [null, 'internal', 'm failed'],
    ];
    for (const [e, code, logged] of cases) {
      const logs: string[] = [];
      const r = errorOf(e, 'm', '/data/office.sqlite', (m) => logs.push(m));
      expect(r.code, String(e)).toBe(code);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message).toMatch(/未作任何改动|数据未作改动|未保存|操作未完成/);
      expect(logs).toEqual(logged ? [logged] : []);
    }
    expect(errorOf(fault('EROFS'), 'm', '/data/office.sqlite', () => {}).message).toContain('/data/office.sqlite');
    // Every fault the router names is one of the codes the renderer knows.
    for (const code of Object.keys(FAULTS)) expect(ERROR_CODES).toContain(code);
  });

  test('an unknown background job is refused as not found', async () => {
    expect(await call('jobs.status', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: '没有找到这个后台任务' },
    });
    expect(await call('jobs.cancel', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
