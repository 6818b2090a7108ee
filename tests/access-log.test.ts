// The access log (issue 18, part 4; PIPL Art. 51) on real SQLite files, through the router as the
// app and the CLI reach it: a file opened, a list exported or printed, a call refused, each writes
// one row naming the operator signed in; the administrators' page filters it and exports it (and
// that export is logged too); a row waits, never the call, while another connection holds the
// write lock; renaming the office's operator in 设置 is audited.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, test } from 'vitest';
import type { AccessPage } from '../src-main/contract/accessLog';
import type { PersonFile } from '../src-main/contract/retirees';
import { AppContext } from '../src-main/app/context';
import { openRaw } from '../src-main/db/open';
import { createOperator, signedInOperator } from '../src-main/operators/operators';
import { Session } from '../src-main/operators/session';
import { dispatch } from '../src-main/router';
import { checkCharacter } from '../src-main/shared/idNumber';
import type { Role } from '../src-main/shared/permissions';
import { CLI_ENV, freshContext, person, tempDir, TEST_PASSWORD } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');

let ctx: AppContext;
afterEach(() => ctx?.close());

interface LogRow {
  id: number;
  at: string;
  operator: string;
  action: string;
  what: string;
  person_id: number | null;
  rows: number | null;
  filter: string | null;
}
const logRows = () => ctx.store.raw.prepare('SELECT * FROM access_log ORDER BY id').all() as LogRow[];

/** A call from `session` (the administrator's own when none): its value, or throws its refusal. */
async function as<T>(session: Session, method: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, method, input, () => {}, session);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const call = <T>(method: string, input: unknown) => as<T>(ctx.session, method, input);

/** A session signed in as a new operator of `role`. */
async function operator(name: string, role: Role): Promise<Session> {
  const made = await createOperator(ctx.store, { name, role, password: TEST_PASSWORD });
  const s = new Session();
  s.signIn(signedInOperator(ctx.store, made.id)!);
  return s;
}

const first17 = (birth: string, seq: string) => `210102${birth}${seq}`;
const idNumber = (birth: string, seq: string) => first17(birth, seq) + checkCharacter(first17(birth, seq));

async function twoPeople(): Promise<{ zhang: PersonFile; li: PersonFile }> {
  const zhang = await call<PersonFile>('retirees.create', {
    person: person({ name: '张桂兰', idNumber: idNumber('19461203', '002'), category: '离休' }),
  });
  const li = await call<PersonFile>('retirees.create', {
    person: person({ name: '李国强', idNumber: idNumber('19400115', '001') }),
  });
  return { zhang, li };
}

describe('what the router writes', () => {
  test('a file opened: one row naming the operator signed in and the person', async () => {
    ctx = await freshContext();
    const { zhang } = await twoPeople();
    expect(logRows()).toEqual([]);
    const clerk = await operator('李经办', 'clerk');
    await as(clerk, 'retirees.get', { id: zhang.id });
    expect(logRows()).toMatchObject([
      { operator: '李经办', action: 'open', what: '查看档案', person_id: zhang.id, rows: null, filter: null },
    ]);
    // Searching the list is not opening a file.
    await as(clerk, 'retirees.list', { q: '张' });
    expect(logRows()).toHaveLength(1);
  });

  test('an export: a row with its count and its filter; a letter previewed is not printed, printed it is', async () => {
    ctx = await freshContext();
    const { zhang, li } = await twoPeople();
    const r = await call<{ count: number }>('retirees.export', { query: { categories: ['离休'] } });
    expect(r.count).toBe(1);
    await call('retirees.export', { query: {} });
    const [some, all] = logRows();
    expect(some).toMatchObject({
      operator: '王干事',
      action: 'export',
      what: '导出人员名单',
      person_id: null,
      rows: 1,
    });
    // The list's filter, not its paging nor its defaults.
    expect(JSON.parse(some.filter!)).toEqual({ categories: ['离休'] });
    expect(all).toMatchObject({ rows: 2, filter: null });

    await call('letters.render', { kind: 'festival', personIds: [zhang.id, li.id] });
    expect(logRows()).toHaveLength(2);
    await call('letters.render', { kind: 'festival', personIds: [zhang.id, li.id], print: true });
    await call('letters.render', { kind: 'festival', personIds: [li.id], print: true });
    expect(logRows().slice(2)).toMatchObject([
      { action: 'print', what: '打印信函', rows: 2, person_id: null },
      // One person alone: the row names them.
      { action: 'print', what: '打印信函', rows: 1, person_id: li.id },
    ]);
    expect(JSON.parse(logRows()[2].filter!)).toMatchObject({ kind: 'festival', personIds: [zhang.id, li.id] });
  });

  test('a sheet for paper (PrintPage) is logged as printed; the same data on screen is not', async () => {
    ctx = await freshContext();
    const { zhang } = await twoPeople();
    await call('claims.statement', { personId: zhang.id, year: 2026 });
    expect(logRows()).toEqual([]);
    await call('claims.printStatement', { personId: zhang.id, year: 2026 });
    expect(logRows()).toMatchObject([
      { operator: '王干事', action: 'print', what: '打印年度报销结算单', person_id: zhang.id, filter: '{"year":2026}' },
    ]);
  });

  test('a reader exporting is refused, and the attempt is logged as refused; a signed-out call is not', async () => {
    ctx = await freshContext();
    await twoPeople();
    const reader = await operator('赵只读', 'reader');
    await expect(as(reader, 'retirees.export', { query: { q: '张' } })).rejects.toThrow('无权限');
    expect(logRows()).toMatchObject([
      {
        operator: '赵只读',
        action: 'export',
        what: '导出人员名单（无权限，已拒绝）',
        rows: null,
        filter: '{"q":"张"}',
      },
    ]);
    await expect(as(new Session(), 'retirees.export', { query: {} })).rejects.toThrow('请先登录');
    // Refused for bad input or failed: nothing was accessed.
    await expect(call('retirees.get', { id: 99_999 })).rejects.toThrow();
    await expect(call('retirees.export', { query: { pageSize: 'x' } })).rejects.toThrow('invalid_input');
    expect(logRows()).toHaveLength(1);
  });

  test('while another connection holds the write lock, a file opens at once and its row is written after', async () => {
    ctx = await freshContext();
    const { zhang } = await twoPeople();
    // A second connection, as another program would hold the file (with its key: the office is encrypted).
    const other = openRaw(ctx.store.file, { key: ctx.store.key ?? undefined });
    other.exec('BEGIN IMMEDIATE');
    try {
      // The file opens while the lock is held (a call that waited for it would fail at busy_timeout),
      // and its row waits.
      expect((await call<PersonFile>('retirees.get', { id: zhang.id })).name).toBe('张桂兰');
      expect(logRows()).toEqual([]);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await call('retirees.get', { id: zhang.id });
    expect(logRows().map((r) => [r.action, r.person_id])).toEqual([
      ['open', zhang.id],
      ['open', zhang.id],
    ]);
  });

  test('a row that waited is written when the app closes', async () => {
    ctx = await freshContext();
    const { zhang } = await twoPeople();
    const file = ctx.store.file;
    const key = ctx.store.key ?? undefined;
    const other = openRaw(file, { key });
    other.exec('BEGIN IMMEDIATE');
    await call('retirees.get', { id: zhang.id });
    other.exec('COMMIT');
    other.close();
    ctx.close();
    const db = openRaw(file, { key, readonly: true });
    expect(db.prepare('SELECT action, person_id FROM access_log').all()).toEqual([
      { action: 'open', person_id: zhang.id },
    ]);
    db.close();
  });
});

describe('the CLI', () => {
  test('export and letters render are logged as the CLI’s operator', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'office.sqlite');
    ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    await ctx.setup({ orgName: '红星机械厂离退休管理办公室', operatorName: '王干事', password: TEST_PASSWORD });
    await createOperator(ctx.store, { name: '孙经办', role: 'clerk', password: TEST_PASSWORD });
    ctx.session.signIn(signedInOperator(ctx.store, 1)!);
    const { zhang } = await twoPeople();
    // The file answers with the number masked: the CLI is given the number as it was entered.
    const zhangId = (
      ctx.store.raw.prepare('SELECT id_number FROM persons WHERE id = ?').get(zhang.id) as { id_number: string }
    ).id_number;
    ctx.close();

    const cli = (...args: string[]) =>
      execFileSync(...entryCommand('cli', [...args, '--db', dbPath, '--operator', '孙经办']), {
        cwd: root,
        env: CLI_ENV,
        encoding: 'utf8',
      });
    cli('export', 'retirees', '--out', path.join(dir, 'all.xlsx'));
    cli('letters', 'render', '--template', 'festival', '--people', zhangId, '--out', path.join(dir, 'l.html'));

    ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    expect(logRows()).toMatchObject([
      { operator: '孙经办', action: 'export', what: '导出人员名单', rows: 2, person_id: null },
      { operator: '孙经办', action: 'print', what: '打印信函', rows: 1, person_id: zhang.id },
    ]);
  });
});

describe('the administrators’ page', () => {
  /** Rows of every kind, by three operators, over three days. */
  async function history() {
    const { zhang, li } = await twoPeople();
    const clerk = await operator('李经办', 'clerk');
    await as(clerk, 'retirees.get', { id: zhang.id });
    await as(clerk, 'retirees.get', { id: li.id });
    await call('retirees.get', { id: zhang.id });
    await call('retirees.export', { query: {} });
    const set = ctx.store.raw.prepare('UPDATE access_log SET at = ? WHERE id = ?');
    set.run('2026-11-01T09:00:00', 1);
    set.run('2026-11-02T10:00:00', 2);
    set.run('2026-11-02T23:59:59', 3);
    set.run('2026-11-03T08:00:00', 4);
    return { zhang, li };
  }

  test('filters by operator, person (part of the name), date range and kind; newest first; paged', async () => {
    ctx = await freshContext();
    const { zhang } = await history();
    const list = (q: object) => call<AccessPage>('accessLog.list', q);
    const all = await list({});
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.at)).toEqual([
      '2026-11-03T08:00:00',
      '2026-11-02T23:59:59',
      '2026-11-02T10:00:00',
      '2026-11-01T09:00:00',
    ]);
    expect(all.rows[0]).toMatchObject({ operator: '王干事', kind: 'export', kindLabel: '导出', rows: 2 });
    expect(all.rows[1]).toMatchObject({ operator: '王干事', personId: zhang.id, personName: '张桂兰' });

    expect((await list({ operator: '李经办' })).rows.map((r) => r.personName)).toEqual(['李国强', '张桂兰']);
    expect((await list({ person: '桂' })).rows.map((r) => r.operator)).toEqual(['王干事', '李经办']);
    // A % typed in a name is a %, not "anyone".
    expect((await list({ person: '%' })).total).toBe(0);
    // Both days whole.
    expect((await list({ from: '2026-11-02', to: '2026-11-02' })).total).toBe(2);
    expect((await list({ from: '2026.11.02' })).total).toBe(3);
    expect((await list({ kind: 'export' })).total).toBe(1);
    expect((await list({ kind: 'open', person: '张', operator: '王干事' })).total).toBe(1);

    const page2 = await list({ page: 2, pageSize: 3 });
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.rows.map((r) => r.at)).toEqual(['2026-11-01T09:00:00']);
  });

  test('only an administrator reads it; a bad date is refused in Chinese', async () => {
    ctx = await freshContext();
    const clerk = await operator('李经办', 'clerk');
    await expect(as(clerk, 'accessLog.list', {})).rejects.toThrow('无权限');
    await expect(as(clerk, 'accessLog.export', {})).rejects.toThrow('无权限');
    await expect(call('accessLog.list', { from: '2026-13-01' })).rejects.toThrow('起始日期应为有效日期');
  });

  test('exports what the filter selects as .xlsx, and that export is logged in turn', async () => {
    ctx = await freshContext();
    await history();
    const r = await call<{ fileName: string; count: number; dataBase64: string }>('accessLog.export', {
      operator: '李经办',
    });
    expect(r.count).toBe(2);
    expect(r.fileName).toMatch(/^访问记录-\d{4}-\d\d-\d\d\.xlsx$/);
    const file = path.join(tempDir(), r.fileName);
    fs.writeFileSync(file, Buffer.from(r.dataBase64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('访问记录')!;
    const values: string[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = values.findIndex((v) => v[0] === '时间');
    expect(values[header]).toEqual(['时间', '操作员', '类别', '内容', '人员', '条数', '范围']);
    expect(values.slice(header + 1).map((v) => [v[0], v[1], v[2], v[3], v[4]])).toEqual([
      ['2026-11-02 10:00:00', '李经办', '查看档案', '查看档案', '李国强'],
      ['2026-11-01 09:00:00', '李经办', '查看档案', '查看档案', '张桂兰'],
    ]);
    expect(logRows().at(-1)).toMatchObject({
      operator: '王干事',
      action: 'export',
      what: '导出访问记录',
      rows: 2,
      filter: '{"operator":"李经办"}',
    });
  });

  test('nothing deletes it: no method of the contract removes access rows', async () => {
    const { contract } = await import('../src-main/contract');
    const names = Object.keys(contract).filter((m) => m.startsWith('accessLog.'));
    expect(names.sort()).toEqual(['accessLog.export', 'accessLog.list']);
    const routerSource = fs.readFileSync(path.join(root, 'src-main/router.ts'), 'utf8');
    const sources = fs
      .readdirSync(path.join(root, 'src-main'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(root, 'src-main', f), 'utf8'));
    expect(routerSource).toContain('accessLog.list');
    expect(sources.filter((s) => /DELETE\s+FROM\s+access_log|deleteFrom\(\s*'access_log'/i.test(s))).toEqual([]);
  });
});

describe('设置', () => {
  test('renaming the office or its operator is audited, before and after', async () => {
    ctx = await freshContext();
    await call('app.setup', { orgName: '测试集团离退休管理办公室', operatorName: '刘干事' });
    const rows = ctx.store.raw.prepare("SELECT * FROM audit_log WHERE entity = 'office'").all() as {
      operator: string;
      before: string;
      after: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].operator).toBe('王干事');
    expect(JSON.parse(rows[0].before)).toEqual({ orgName: '测试集团离退休管理办公室', operatorName: '王干事' });
    expect(JSON.parse(rows[0].after)).toEqual({ orgName: '测试集团离退休管理办公室', operatorName: '刘干事' });
    // The same names again change nothing, and write nothing.
    await call('app.setup', { orgName: '测试集团离退休管理办公室', operatorName: '刘干事' });
    expect(ctx.store.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'office'").get()).toEqual({
      n: 1,
    });
  });
});
