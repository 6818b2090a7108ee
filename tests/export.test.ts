// Export to .xlsx, the import template, and the round trip: everything exported, imported into
// an empty database, gives the same people, every exported field equal, with no warnings.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { ListQuery, type PersonFile } from '../src-main/contract/retirees';
import { seedDemo } from '../src-main/demo/generate';
import { exportRoster, importTemplate } from '../src-main/exporter/roster';
import { commitImport, prepareImport } from '../src-main/importer/commit';
import { findHeader } from '../src-main/importer/columns';
import { readSource } from '../src-main/spreadsheet/sources';
import { getPerson } from '../src-main/retirees/persons';
import { RANKS, UNIT_NATURES } from '../src-main/shared/person';
import { freshContext, tempDir, cliArgs, CLI_ENV } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');

function exported(p: PersonFile) {
  const {
    id: _i,
    version: _v,
    age: _a,
    contacts: _c,
    attachments: _at,
    unitNames: _u,
    createdAt: _cr,
    updatedAt: _up,
    reviewFlags: _r,
    idFrom15: _f,
    partyBranchId: _pb,
    partyGroupId: _pg,
    adminGroupId: _ag,
    adminSubgroupId: _as,
    phones,
    ...rest
  } = p;
  return { ...rest, phones: phones.map((x) => x.number) };
}

/**
 * What the upward tables count by (issue 19 item 5), on every other file the demo office made:
 * each rank and unit nature, a treatment approved on a full date or a month, 不计入 on some.
 */
function upwardFields(ctx: Awaited<ReturnType<typeof freshContext>>) {
  const ids = ctx.store.raw.prepare('select id from persons order by id').pluck().all() as number[];
  const set = ctx.store.raw.prepare(
    `update persons set unit_nature = ?, rank = ?, treatment = ?, treatment_approved_on = ?,
       treatment_approval_no = ?, counted = ?, level = ? where id = ?`,
  );
  ids.forEach((id, i) => {
    if (i % 2) return;
    set.run(
      UNIT_NATURES[i % 3],
      RANKS[i % RANKS.length],
      i % 4 ? '正县处级待遇' : null,
      i % 4 ? (i % 8 === 2 ? '2009-07' : '2009-07-15') : null,
      i % 4 ? `某组干〔2009〕${i}号` : null,
      i % 10 === 0 ? 0 : 1,
      i % 6 ? '二级单位' : '集团本部',
      id,
    );
  });
}

describe('export', () => {
  test('round trip: export everything, import it into an empty database: the same people, no warnings', async () => {
    const source = await freshContext();
    seedDemo(source.store, 300);
    upwardFields(source);
    const file = path.join(tempDir(), 'all.xlsx');
    // The full export: the one that imports back (a masked one carries no whole ID number).
    expect(await exportRoster(source.store, file, ListQuery.parse({}), { full: true })).toBe(300);

    const target = await freshContext();
    const report = commitImport(target.store, await prepareImport(fs.readFileSync(file), 'all.xlsx'));
    expect(report).toMatchObject({ dataRows: 300, inserted: 300, rejected: 0, needsReview: 0 });
    expect(report.rows.filter((r) => r.issues.length > 0)).toEqual([]);

    const ids = (ctx: typeof source) =>
      ctx.store.raw.prepare('select id, id_number from persons').all() as { id: number; id_number: string }[];
    const targetByIdNumber = new Map(ids(target).map((r) => [r.id_number, r.id]));
    for (const { id, id_number } of ids(source)) {
      const before = exported(getPerson(source.store, id));
      const after = exported(getPerson(target.store, targetByIdNumber.get(id_number)!));
      expect(after, before.name).toEqual(before);
    }
    source.close();
    target.close();
  });

  test('the workbook: a title, a frozen styled header, ID numbers as text, dates as dates, in the list order', async () => {
    const ctx = await freshContext();
    seedDemo(ctx.store, 120);
    const file = path.join(tempDir(), 'lixiu.xlsx');
    const n = await exportRoster(ctx.store, file, ListQuery.parse({ categories: ['离休'], sort: 'birthDate' }), {
      columns: ['name', 'idNumber', 'birthDate', 'phone'],
      full: true,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toMatch(
      /^测试集团离退休管理办公室离退休人员花名册（\d{4}年\d{1,2}月\d{1,2}日导出）$/,
    );
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(2).values).toEqual([undefined, '姓名', '身份证号', '出生日期', '联系电话']);
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.rowCount).toBe(n + 2);
    expect(typeof ws.getCell('B3').value).toBe('string');
    expect(ws.getCell('C3').value).toBeInstanceOf(Date);
    const births = Array.from({ length: n }, (_, i) => (ws.getCell(`C${i + 3}`).value as Date).toISOString());
    expect(births).toEqual([...births].sort());
    ctx.close();
  });

  test('the import template has the importer’s headers and drop-down lists', async () => {
    const bytes = await importTemplate();
    const book = await readSource(bytes, 'template.xlsx');
    const header = findHeader(book.sheets[0]);
    expect(header?.fields.every((f) => f !== null)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const genderCol = header!.fields.indexOf('gender') + 1;
    expect(wb.worksheets[0].getCell(3, genderCol).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"男,女"'],
    });
  });

  test('the CLI exports every person', async () => {
    const ctx = await freshContext();
    seedDemo(ctx.store, 50);
    const dbPath = ctx.store.file;
    ctx.close();
    const out = path.join(tempDir(), 'cli.xlsx');
    const printed = execFileSync(
      ...entryCommand('cli', cliArgs(['export', 'retirees', '--db', dbPath, '--out', out])),
      { cwd: root, encoding: 'utf8', env: CLI_ENV },
    );
    expect(printed).toContain('已导出 50 人');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].rowCount).toBe(52);
  });
});
