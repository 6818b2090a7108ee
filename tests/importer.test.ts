// Importing into a real database: duplicates, one transaction, the log, undo, and bad files that
// change nothing.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { checkUndo, commitImport, importHistory, prepareImport, undoImport } from '../src-main/importer/commit';
import { importErrorWorkbook } from '../src-main/exporter/importErrors';
import { listPersons } from '../src-main/retirees/list';
import { createPerson, getPerson, updatePerson, inputOf } from '../src-main/retirees/persons';
import { ListQuery } from '../src-main/contract/retirees';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person } from './helpers';

const FIXTURES = path.resolve(import.meta.dirname, '../../shared/fixtures/rosters');
const fixture = (f: string) => fs.readFileSync(path.join(FIXTURES, f));
const id = (first17: string) => first17 + checkCharacter(first17);

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

const count = (table: string) => (ctx.store.raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

async function workbook(rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importBytes(bytes: Buffer, name: string, options = {}) {
  return commitImport(ctx.store, await prepareImport(bytes, name), options);
}

describe('importing', () => {
  test('a dry run reports what would happen and writes nothing', async () => {
    const report = await importBytes(fixture('roster-basic.xlsx'), 'roster-basic.xlsx', { dryRun: true });
    expect(report).toMatchObject({ importId: null, dataRows: 120, inserted: 120 });
    expect(count('persons')).toBe(0);
    expect(count('imports')).toBe(0);
  });

  test('every source row is logged with its outcome and raw values', async () => {
    const report = await importBytes(fixture('roster-titled.xlsx'), 'roster-titled.xlsx');
    expect(count('import_rows')).toBe(311);
    const logged = ctx.store.raw.prepare("select outcome, raw from import_rows where outcome = 'total'").get() as {
      outcome: string;
      raw: string;
    };
    expect(JSON.parse(logged.raw)).toEqual({ 序号: '合计：300人' });
    const death = report.rows.find((r) => r.name === '白兰')!;
    expect(getPerson(ctx.store, death.personId!)).toMatchObject({
      status: '已故',
      statusDate: '2000-06',
      note: '2000年6月去世',
    });
    expect(importHistory(ctx.store)[0]).toMatchObject({
      fileName: 'roster-titled.xlsx',
      operator: '王干事',
      counts: { inserted: 300, dataRows: 300 },
    });
  });

  test('a sheet without a header next to a roster: its rows are logged with their values too', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('花名册').addRows([
      ['姓名', '身份证号'],
      ['张桂兰', id('11010519520305002')],
    ]);
    wb.addWorksheet('说明').addRows([['本表由各单位于每年一月报送'], [null, '联系人：李明']]);
    await importBytes(Buffer.from(await wb.xlsx.writeBuffer()), 'two-sheets.xlsx');
    const logged = ctx.store.raw
      .prepare("select row, outcome, raw from import_rows where sheet = '说明' order by row")
      .all() as { row: number; outcome: string; raw: string }[];
    expect(logged.map((r) => [r.row, r.outcome, JSON.parse(r.raw)])).toEqual([
      [1, 'note', { 第1列: '本表由各单位于每年一月报送' }],
      [2, 'note', { 第2列: '联系人：李明' }],
    ]);
  });

  test('the same roster again: people are matched by ID number and nothing is duplicated', async () => {
    await importBytes(fixture('roster-basic.xlsx'), 'roster-basic.xlsx');
    const again = await importBytes(fixture('roster-basic.xlsx'), 'roster-basic.xlsx');
    expect(again).toMatchObject({ inserted: 0, skipped: 120, updated: 0 });
    expect(count('persons')).toBe(120);
  });

  test('a person on file gets the empty fields filled; conflicts are shown, not overwritten', async () => {
    const ID = id('21010219521005122');
    const existing = createPerson(ctx.store, person({ idNumber: ID, formerUnit: '机修厂', phones: [] }), {
      acceptWarnings: false,
    });
    const bytes = await workbook([
      ['姓名', '身份证号', '原单位', '联系电话', '家庭住址'],
      ['张桂兰', ID, '焦化厂', '13840001234', '兴华街 12 号'],
    ]);
    const report = await importBytes(bytes, 'new.xlsx');
    expect(report).toMatchObject({ inserted: 0, updated: 1 });
    expect(report.rows.find((r) => r.outcome === 'updated')!.conflicts).toEqual([
      { field: 'formerUnit', existing: '机修厂', incoming: '焦化厂' },
    ]);
    const after = getPerson(ctx.store, existing.id);
    expect(after).toMatchObject({
      formerUnit: '机修厂',
      address: '兴华街 12 号',
      phones: [{ label: null, number: '13840001234' }],
    });

    const overwrite = await importBytes(bytes, 'new.xlsx', { duplicateMode: 'overwrite' });
    expect(overwrite.updated).toBe(1);
    expect(getPerson(ctx.store, existing.id).formerUnit).toBe('焦化厂');
  });

  test('two people with the same name are two people; name and birth date match one without an ID', async () => {
    createPerson(ctx.store, person({ name: '张桂兰', birthDate: '1950-01-01' }), { acceptWarnings: false });
    const bytes = await workbook([
      ['姓名', '出生日期', '联系电话'],
      ['张桂兰', '1950-01-01', '13900000000'],
      ['张桂兰', '1960-02-02', '13900000001'],
    ]);
    const report = await importBytes(bytes, 'same-name.xlsx');
    expect(report).toMatchObject({ inserted: 1, updated: 1 });
    expect(listPersons(ctx.store, ListQuery.parse({ q: '张桂兰' })).total).toBe(2);
  });

  test('the same person on two sheets is one person', async () => {
    const ID = id('21010219450101123');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('离休人员').addRows([
      ['姓名', '身份证号', '联系电话'],
      ['李建国', ID, '13800000001'],
    ]);
    wb.addWorksheet('党员名单').addRows([
      ['姓名', '身份证号', '住址'],
      ['李建国', ID, '保工街 3 号'],
    ]);
    const report = await importBytes(Buffer.from(await wb.xlsx.writeBuffer()), 'two-sheets.xlsx');
    expect(report).toMatchObject({ inserted: 1, merged: 1, dataRows: 2 });
    const p = getPerson(ctx.store, report.rows.find((r) => r.outcome === 'inserted')!.personId!);
    expect(p).toMatchObject({ address: '保工街 3 号', phones: [{ number: '13800000001' }] });
  });

  test('excluded sheets and rows are logged as excluded, columns without a field go to the notes', async () => {
    const bytes = await workbook([
      ['姓名', '性别', '爱好', '身份证号'],
      ['王芳', '女', '书法', ''],
      ['刘强', '男', '', ''],
    ]);
    const report = await importBytes(bytes, 'x.xlsx', { excludedRows: [{ sheet: '花名册', row: 3 }] });
    expect(report).toMatchObject({ inserted: 1, excluded: 1 });
    expect(getPerson(ctx.store, report.rows[1].personId!).note).toBe('爱好：书法');
  });

  test('缴费年限: whole years as given; with months, full years counted and the text kept; unreadable left to staff', async () => {
    const bytes = await workbook([
      ['姓名', '缴费年限（年）'],
      ['王芳', 35],
      ['刘强', '３２'],
      ['陈静', '35年6个月'],
      ['赵敏', 30.5],
      ['孙伟', '约三十年'],
      ['周平', 80],
    ]);
    const report = await importBytes(bytes, 'x.xlsx');
    const file = (i: number) => getPerson(ctx.store, report.rows[i].personId!);
    expect([1, 2, 3, 4, 5, 6].map((i) => file(i).contributionYears)).toEqual([35, 32, 35, 30, null, null]);
    expect(file(3).note).toBe('缴费年限：35年6个月');
    expect(file(3).reviewFlags).toEqual([]);
    expect(report.rows[3].issues.map((i) => i.message)).toEqual(['缴费年限“35年6个月”按满 35 年计，原文已记入备注']);
    expect(file(5)).toMatchObject({
      note: '缴费年限：约三十年',
      reviewFlags: ['缴费年限“约三十年”无法识别，已记入备注，请核实'],
    });
    expect(file(6).note).toBe('缴费年限：80');
  });

  test('a formula error is said, not imported as text', async () => {
    const bytes = await workbook(
      [
        ['姓名', '联系电话'],
        ['王芳', null],
      ],
      (ws) => {
        ws.getCell('B2').value = { formula: 'A1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      },
    );
    const report = await importBytes(bytes, 'f.xlsx');
    expect(report.rows[1].issues[0].message).toContain('出错的公式');
    expect(getPerson(ctx.store, report.rows[1].personId!).reviewFlags[0]).toContain('出错的公式');
  });
});

describe('the error workbook', () => {
  test('holds the problem rows as they were, problem cells coloured and commented', async () => {
    const report = await importBytes(fixture('roster-titled.xlsx'), 'roster-titled.xlsx');
    const w = await importErrorWorkbook(ctx.store, report.importId!);
    expect(w.fileName).toBe('roster-titled-导入问题清单.xlsx');
    expect(w.rows).toBe(9);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(w.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(10);
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['原行号', '处理结果', '问题']);
    const idCol = header.indexOf('公民身份号码') + 1;
    const cell = ws.getCell(2, idCol);
    expect(cell.value).toBe('370102194910104409');
    expect(cell.note).toContain('校验位不符');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFD8A8');
  });
});

describe('cells that are not what they seem', () => {
  test('a formula with no cached value is said, and imported as empty', async () => {
    const bytes = await workbook(
      [
        ['姓名', '原单位'],
        ['王芳', null],
      ],
      (ws) => {
        ws.getCell('B2').value = { formula: 'CONCATENATE("机","修厂")' } as ExcelJS.CellFormulaValue;
      },
    );
    const report = await importBytes(bytes, 'nocache.xlsx');
    expect(report.rows[1].issues[0].message).toContain('没有计算结果的公式');
    expect(getPerson(ctx.store, report.rows[1].personId!).formerUnit).toBeNull();
  });

  test('a name too long for a file is refused for its row with a message; the other rows import', async () => {
    const bytes = await workbook([
      ['姓名', '性别'],
      ['王'.repeat(1_000), '女'],
      ['刘强', '男'],
    ]);
    const report = await importBytes(bytes, 'long.xlsx');
    expect(report).toMatchObject({ inserted: 1, rejected: 1 });
    expect(report.rows[1]).toMatchObject({ outcome: 'rejected' });
    expect(report.rows[1].issues[0].message).toContain('「姓名」姓名过长');
    expect(count('persons')).toBe(1);
  });

  test('a cell beyond what Excel itself can hold (32,767 characters) refuses the file, saying so; nothing is imported', async () => {
    const bytes = await workbook([
      ['姓名', '性别'],
      ['王'.repeat(100_000), '女'],
      ['刘强', '男'],
    ]);
    await expect(importBytes(bytes, 'huge.xlsx')).rejects.toThrow('超过 32,767 个字符');
    expect(count('persons')).toBe(0);
  });
});

describe('undo', () => {
  test('removes the people inserted and restores the fields filled in', async () => {
    const ID = id('21010219521005122');
    const existing = createPerson(ctx.store, person({ idNumber: ID }), { acceptWarnings: false });
    const bytes = await workbook([
      ['姓名', '身份证号', '家庭住址'],
      ['张桂兰', ID, '兴华街 12 号'],
      ['李秀英', '', '卫工街 8 号'],
    ]);
    const report = await importBytes(bytes, 'u.xlsx');
    expect(count('persons')).toBe(2);
    expect(checkUndo(ctx.store, report.importId!).editedSince).toEqual([]);
    expect(undoImport(ctx.store, report.importId!)).toMatchObject({ removed: 1, restored: 1, keptEdits: [] });
    expect(count('persons')).toBe(1);
    expect(getPerson(ctx.store, existing.id).address).toBeNull();
    expect(() => undoImport(ctx.store, report.importId!)).toThrow('已于');
  });

  test('warns where a person was edited since the import', async () => {
    const report = await importBytes(
      await workbook([
        ['姓名', '出生日期'],
        ['李秀英', '1950-01-01'],
      ]),
      'e.xlsx',
    );
    const p = getPerson(ctx.store, report.rows[1].personId!);
    updatePerson(ctx.store, p.id, p.version, { ...inputOf(p), note: '后来补充' }, { acceptWarnings: false });
    expect(checkUndo(ctx.store, report.importId!).editedSince).toEqual([{ personId: p.id, name: '李秀英' }]);
  });
});

describe('bad files', () => {
  async function refused(bytes: Buffer, name: string): Promise<string> {
    const before = createHash('sha256').update(fs.readFileSync(ctx.store.file)).digest('hex');
    const error = await prepareImport(bytes, name).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(error).not.toBeNull();
    expect(count('persons')).toBe(0);
    expect(createHash('sha256').update(fs.readFileSync(ctx.store.file)).digest('hex')).toBe(before);
    return error!;
  }

  test('random bytes named .xlsx', async () => {
    expect(await refused(Buffer.from('this is not a spreadsheet at all'), 'a.xlsx')).toContain('无法识别的文件');
  });

  test('a truncated .xlsx', async () => {
    const whole = fixture('roster-basic.xlsx');
    expect(await refused(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.xlsx')).toContain('文件可能已损坏');
  });

  test('a password-protected workbook (an encrypted OOXML file is an OLE container holding EncryptionInfo)', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    expect(await refused(Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array), 'locked.xlsx')).toContain(
      '密码保护',
    );
  });

  test('an empty workbook and a sheet without a recognisable header', async () => {
    expect(await refused(await workbook([]), 'empty.xlsx')).toContain('没有找到表头');
    expect(
      await refused(
        await workbook([
          ['甲', '乙'],
          ['1', '2'],
        ]),
        'nohead.xlsx',
      ),
    ).toContain('没有找到表头');
  });

  test('an empty file', async () => {
    expect(await refused(Buffer.alloc(0), 'zero.csv')).toBe('文件是空的');
  });
});
