// Issue 13, item 1, through the app: the hostile files go in as the window sends them (the router,
// the import's child process). Each is refused with 这个文件无法读取（…）; the app process answers
// the next call; the database is as it was. A child that dies anyway (its heap exhausted) takes
// nothing with it, and the next file is read by a new one. editCell's row and column are bounded
// by the contract and by the session's sheet.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RpcError } from '../src-main/shared/errors';
import type { ImportPreview } from '../src-main/contract/imports';
import { dispatch } from '../src-main/router';
import { fileWorker, nodeLauncher, type AppContext } from '../src-main/app/context';
import { ImportService } from '../src-main/importer/service';
import { createPerson } from '../src-main/retirees/persons';
import { bombXlsx, commasCsv, endlessLineCsv, hugeMergeXlsx, rowIndexXlsx } from './hostileFiles';
import { freshContext, person } from './helpers';

let ctx: AppContext;

/** Every row of the tables an import could touch, hashed: equal means unchanged. */
function databaseHash(): string {
  const hash = createHash('sha256');
  for (const table of ['persons', 'imports', 'import_rows', 'import_mappings', 'audit_log']) {
    hash.update(JSON.stringify(ctx.store.raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
  }
  return hash.digest('hex');
}

async function refused(method: string, input: unknown): Promise<RpcError> {
  const r = await dispatch(ctx, method, input, () => {});
  if (r.ok) throw new Error(`${method} was not refused`);
  return r.error;
}

async function roster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('花名册').addRows([
    ['姓名', '身份证号', '性别'],
    ['王芳', '', '女'],
    ['刘强', '', '男'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// One app for the whole file, as one office would meet these files one after another.
beforeAll(async () => {
  ctx = await freshContext();
  createPerson(ctx.store, person({ name: '张桂兰' }), { acceptWarnings: true });
});
afterAll(() => ctx.close());

describe('hostile files sent to the app', () => {
  const files: [string, () => Promise<Buffer>, string][] = [
    ['row.xlsx', () => rowIndexXlsx(), 'A100000000 单元格有内容，超过了 200,000 行的上限'],
    ['merge.xlsx', () => hugeMergeXlsx(), '合并单元格 A2:XFD1048576 超出了 200,000 行 × 500 列的上限'],
    ['bomb.xlsx', () => bombXlsx(210 * 1024 * 1024), '解压后超过 200 MB 的上限'],
    ['liar.xlsx', () => bombXlsx(210 * 1024 * 1024, 4096), '比文件自己声明的大'],
    ['commas.csv', async () => commasCsv(20 * 1024 * 1024), '第 1 行超过了 500 列的上限'],
    ['endless.csv', async () => endlessLineCsv(5 * 1024 * 1024), '第 2 行有一项超过 32,767 个字符'],
  ];

  test.each(files)(
    '%s is refused in Chinese, the app answers, the database is unchanged',
    async (fileName, make, reason) => {
      const bytes = await make();
      const before = databaseHash();
      const error = await refused('imports.open', { fileName, dataBase64: bytes.toString('base64') });
      expect(error.message.startsWith('这个文件无法读取（')).toBe(true);
      expect(error.message).toContain(reason);
      // The app process is alive and answers; nothing was written.
      expect(await dispatch(ctx, 'retirees.list', {})).toMatchObject({ ok: true, value: { total: 1 } });
      expect(databaseHash()).toBe(before);
    },
  );

  test('editCell with a huge column or row is refused by the contract; past the sheet, by the session', async () => {
    const p = (await dispatch(ctx, 'imports.open', {
      fileName: 'r.xlsx',
      dataBase64: (await roster()).toString('base64'),
    })) as { ok: true; value: ImportPreview };
    const before = databaseHash();
    const cell = (row: number, col: number) => ({ session: p.value.session, sheet: '花名册', row, col, value: 'x' });
    // col 4294967294 once made the worker build an array of that length and abort the process.
    expect(await refused('imports.editCell', cell(2, 4294967294))).toMatchObject({ code: 'invalid_input' });
    expect(await refused('imports.editCell', cell(4294967294, 0))).toMatchObject({ code: 'invalid_input' });
    expect(await refused('imports.editCell', cell(2, 499))).toMatchObject({
      code: 'invalid_input',
      message: '工作表“花名册”没有第 500 列',
    });
    expect(await refused('imports.editCell', cell(99, 0))).toMatchObject({
      code: 'invalid_input',
      message: '工作表“花名册”没有第 99 行',
    });
    expect(
      await refused('imports.setHeader', {
        session: p.value.session,
        sheet: '花名册',
        firstRow: 4294967294,
        lastRow: 4294967294,
      }),
    ).toMatchObject({ code: 'invalid_input' });
    // The wizard is still there and takes a correction within the sheet.
    const fixed = await dispatch(ctx, 'imports.editCell', cell(2, 2));
    expect(fixed.ok).toBe(true);
    expect(databaseHash()).toBe(before);
  });
});

describe('a child process that dies anyway', () => {
  test('of its heap: the app says 这个文件无法读取, keeps working, and the next file is read by a new child', async () => {
    // A file within every limit, far too big for a 48 MB heap: the child reaches it and dies.
    const strict = new ImportService(
      fileWorker({ launcher: nodeLauncher(), dbPath: ctx.store.file }, { timeoutMs: 60_000, maxMemoryMb: 48 }),
      ctx.jobs,
      () => ctx.store,
    );
    const csv = Buffer.from(
      `姓名,身份证号,住址\n${Array.from({ length: 100_000 }, (_, i) => `张${i},11010119500101${String(i).padStart(4, '0')},北京市某区某街道${i}号`).join('\n')}`,
    );
    const before = databaseHash();
    const firstPid = await strict.open('ok.csv', Buffer.from('姓名,性别\n王芳,女\n')).then(() => strict.childPid);
    expect(firstPid).not.toBeNull();
    await expect(strict.open('big.csv', csv)).rejects.toThrow(
      '这个文件无法读取（读取所需内存超过 48 MB 的上限，已停止）',
    );
    expect(strict.childPid).toBeNull();
    expect(() => process.kill(firstPid!, 0)).toThrow();
    // This process carries on, and so does the service, with a new child.
    expect(await dispatch(ctx, 'retirees.list', {})).toMatchObject({ ok: true, value: { total: 1 } });
    const next = await strict.open('ok.csv', Buffer.from('姓名,性别\n王芳,女\n'));
    expect(next.counts.dataRows).toBe(1);
    expect(strict.childPid).not.toBe(firstPid);
    strict.close();
    expect(databaseHash()).toBe(before);
  }, 60_000);

  test('killed from outside while it reads: the app says 这个文件无法读取 and the wizard starts again', async () => {
    const service = ctx.imports;
    await service.open('ok.csv', Buffer.from('姓名,性别\n王芳,女\n'));
    const pid = service.childPid!;
    // The child is killed while the next file is on its way (as a crash would end it).
    const reading = service.open('r.xlsx', await roster());
    process.kill(pid, 'SIGKILL');
    await expect(reading).rejects.toThrow(/^这个文件无法读取（读取它的后台进程意外退出，信号 SIGKILL）/);
    const p = await service.open('r.xlsx', await roster());
    expect(p.counts.dataRows).toBe(2);
  });
});
