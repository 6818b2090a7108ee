// Invalid calls through the router (the path every IPC and HTTP call takes) change nothing and
// say why in Chinese.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../src-main/router';
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
    expect(await call('retirees.drop', {})).toEqual({ ok: false, error: { code: 'unknown_method', message: '不支持的操作：retirees.drop' } });
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
    expect(await call('retirees.get', 'DROP TABLE persons')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(persons()).toBe(0);
  });

  test('a domain refusal comes back as it was said', async () => {
    const r = await call('retirees.get', { id: 42 });
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: '没有找到这份档案，它可能已被删除', details: undefined } });
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
    expect(await call('backups.restore', { name: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  test('a valid call returns its value', async () => {
    const r = await call('retirees.create', { person: { name: '张桂兰', category: '退休', phones: [{ number: '１３８００００００００' }] } });
    expect(r).toMatchObject({ ok: true, value: { name: '张桂兰' } });
    expect(persons()).toBe(1);
  });
});
