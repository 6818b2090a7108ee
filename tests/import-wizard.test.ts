// The wizard's calls through the router: open a file, correct it, commit it off the main thread
// with progress, cancel, undo.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ImportPreview, ImportReport, JobStatus, PreviewRow } from '../src-main/contract/imports';
import { dispatch } from '../src-main/router';
import type { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { freshContext } from './helpers';

const FIXTURES = path.resolve(import.meta.dirname, '../../shared/fixtures/rosters');
let ctx: AppContext;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const persons = () => (ctx.store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;
const open = (file: string, bytes = fs.readFileSync(path.join(FIXTURES, file))) =>
  call<ImportPreview>('imports.open', { fileName: file, dataBase64: bytes.toString('base64') });

beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

describe('the import wizard', () => {
  test('opening a file previews it and writes nothing', async () => {
    const p = await open('roster-legacy.xls');
    expect(p.sheets.map((s) => [s.name, s.dataRows])).toEqual([
      ['离休人员', 11],
      ['退休人员', 389],
    ]);
    expect(p.sheets[1].header).toMatchObject({
      firstRow: 2,
      lastRow: 2,
      labels: expect.arrayContaining(['姓名', '身份证号码']),
    });
    expect(p.counts).toMatchObject({ dataRows: 400, nonDataRows: 6, inserted: 400, needsReview: 5 });
    const problems = await call<{ total: number; rows: PreviewRow[] }>('imports.rows', {
      session: p.session,
      filter: 'problems',
    });
    expect(problems.total).toBe(5);
    expect(problems.rows[0].issues[0].message).toContain('末几位已丢失');
    expect(persons()).toBe(0);
  });

  test('a cell fixed in the preview is imported as fixed', async () => {
    const p = await open('roster-titled.xlsx');
    const { rows } = await call<{ rows: PreviewRow[] }>('imports.rows', { session: p.session, filter: 'problems' });
    const bad = rows[0];
    const idCol = p.sheets[0].header!.fields.indexOf('idNumber');
    const idText = bad.cells[idCol];
    const { checkCharacter } = await import('../src-main/shared/idNumber');
    const fixed = idText.slice(0, 17) + checkCharacter(idText.slice(0, 17));
    const after = await call<ImportPreview>('imports.editCell', {
      session: p.session,
      sheet: bad.sheet,
      row: bad.row,
      col: idCol,
      value: fixed,
    });
    expect(after.counts.needsReview).toBe(p.counts.needsReview - 1);
    const job = await call<JobStatus>('imports.commit', { session: p.session });
    const done = await ctx.jobs.settled(job.id);
    expect(done).toMatchObject({ state: 'done' });
    expect((done!.result as ImportReport).inserted).toBe(300);
    const row = ctx.store.raw.prepare('select review_flags from persons where id_number = ?').get(fixed) as {
      review_flags: string;
    };
    expect(JSON.parse(row.review_flags)).toEqual([]);
  });

  test('the header and the columns can be corrected, and the mapping is remembered', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['离退休人员名单'], ['名字', '证件', '离退休类型'], ['王芳', '', '离休干部']]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await open('x.xlsx', bytes);
    // 名字 is a synonym; 证件 is not: the user maps it.
    expect(p.sheets[0].header?.fields).toEqual(['name', null, 'category']);
    const mapped = await call<ImportPreview>('imports.setFields', {
      session: p.session,
      sheet: '名单',
      fields: ['name', 'idNumber', 'category'],
    });
    expect(mapped.sheets[0].header?.fields).toEqual(['name', 'idNumber', 'category']);
    expect(mapped.unknownValues).toEqual([]);
    await ctx.jobs.settled((await call<JobStatus>('imports.commit', { session: p.session })).id);
    const again = await open('x.xlsx', bytes);
    expect(again.sheets[0].header?.fields).toEqual(['name', 'idNumber', 'category']);
  });

  test('a category word the app does not know is shown once, mapped, and remembered', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([
      ['姓名', '类别'],
      ['王芳', '病退'],
      ['刘强', '病退'],
      ['赵敏', '退休'],
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await open('c.xlsx', bytes);
    expect(p.unknownValues).toEqual([{ field: 'category', value: '病退', count: 2 }]);
    const mapped = await call<ImportPreview>('imports.mapValue', {
      session: p.session,
      field: 'category',
      value: '病退',
      target: '退职',
    });
    expect(mapped.unknownValues).toEqual([]);
    expect((await open('c.xlsx', bytes)).unknownValues).toEqual([]);
  });

  test('a large import runs off the main process, reports progress, and can be cancelled with nothing kept', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '身份证号', '出生日期', '联系电话']);
    for (const p of makeDemoPeople(3000, 5)) ws.addRow([p.name, p.idNumber, p.birthDate, p.phones[0]?.number]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await open('big.xlsx', bytes);
    const job = await call<JobStatus>('imports.commit', { session: p.session });
    // The main process still answers while the child imports.
    const list = await call<{ total: number }>('retirees.list', {});
    expect(list.total).toBe(0);
    await call('jobs.cancel', { id: job.id });
    const end = await ctx.jobs.settled(job.id);
    expect(end?.state).toBe('cancelled');
    expect(persons()).toBe(0);
    expect((ctx.store.raw.prepare('select count(*) as n from imports').get() as { n: number }).n).toBe(0);

    // Cancelling ended the child process and the wizard with it: the file is chosen again.
    expect((await dispatch(ctx, 'imports.rows', { session: p.session })).ok).toBe(false);
    const again = await open('big.xlsx', bytes);
    const second = await call<JobStatus>('imports.commit', { session: again.session });
    const done = await ctx.jobs.settled(second.id);
    expect(done).toMatchObject({ state: 'done', done: 3000, total: 3000 });
    expect(persons()).toBe(3000);
  });

  test('history and undo through the router', async () => {
    const p = await open('roster-basic.xlsx');
    await ctx.jobs.settled((await call<JobStatus>('imports.commit', { session: p.session })).id);
    const [entry] = await call<{ id: number; counts: { inserted: number } }[]>('imports.history', {});
    expect(entry.counts.inserted).toBe(120);
    expect(await call('imports.undoCheck', { id: entry.id })).toEqual({ editedSince: [], keptEdits: [] });
    expect(await call('imports.undo', { id: entry.id })).toMatchObject({ removed: 120, restored: 0, keptEdits: [] });
    expect(persons()).toBe(0);
  });

  test('a file that makes the reader run away is stopped by the time limit, with a message', async () => {
    const { ImportService } = await import('../src-main/importer/service');
    const { fileWorker, nodeLauncher } = await import('../src-main/app/context');
    const bytes = fs.readFileSync(path.join(FIXTURES, 'roster-basic.xlsx'));
    const strict = new ImportService(
      fileWorker({ launcher: nodeLauncher(), dbPath: ctx.store.file }, { timeoutMs: 1, maxMemoryMb: 512 }),
      ctx.jobs,
      () => ctx.store,
    );
    await expect(strict.open('slow.xlsx', bytes)).rejects.toThrow('超过 1 秒仍未完成');
    strict.close();
    // Within the limits the same file reads, and the service works again after a reset.
    const p = await open('roster-basic.xlsx', bytes);
    expect(p.counts.dataRows).toBe(120);
  });

  test('a broken file is refused with a message, and an unknown session is refused', async () => {
    const r = await dispatch(ctx, 'imports.open', {
      fileName: 'x.xlsx',
      dataBase64: Buffer.from('garbage').toString('base64'),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_file' } });
    const s = await dispatch(ctx, 'imports.rows', { session: '00000000-0000-4000-8000-000000000000' });
    expect(s).toMatchObject({ ok: false, error: { code: 'expired' } });
  });
});
