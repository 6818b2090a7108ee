// Spreadsheets as offices really have them (issue 14, part 3): each case that broke the reader or
// became people that are not people, made here as a small file of its own, read correctly or
// refused in Chinese with the database unchanged.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ImportPreview, ImportReport, JobStatus } from '../src-main/contract/imports';
import type { AppContext } from '../src-main/app/context';
import { commitImport, prepareImport } from '../src-main/importer/commit';
import { ImportSessions } from '../src-main/importer/sessions';
import { readSource } from '../src-main/spreadsheet/sources';
import { readXlsxBook } from '../src-main/spreadsheet/xlsx';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, router, tempDir, CLI_ENV, cliArgs } from './helpers';
import { workbookParts, zip } from './hostileFiles';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
const id = (first17: string) => first17 + checkCharacter(first17);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

const persons = () =>
  ctx.store.raw
    .prepare(
      'select name, id_number as idNumber, birth_date as birthDate, review_flags as flags, address from persons order by id',
    )
    .all() as {
    name: string;
    idNumber: string | null;
    birthDate: string | null;
    flags: string;
    address: string | null;
  }[];

async function importBytes(bytes: Buffer, name: string, options = {}): Promise<ImportReport> {
  return commitImport(ctx.store, await prepareImport(bytes, name), options);
}

/** The message a file is refused with; the database is left as it was. */
async function refusal(bytes: Buffer, name: string): Promise<string> {
  const error = await prepareImport(bytes, name).then(
    () => null,
    (e: Error) => e.message,
  );
  expect(error, `${name} was not refused`).not.toBeNull();
  expect(persons()).toEqual([]);
  return error!;
}

/** An Excel 97-2003 workbook (BIFF8), as SheetJS writes it. */
function xls(rows: unknown[][], build?: (ws: XLSX.WorkSheet) => void, bookType: XLSX.BookType = 'biff8'): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  build?.(ws);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '花名册');
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}

async function xlsx(sheets: Record<string, unknown[][]>, build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
    build?.(ws);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An OLE compound file holding the given streams (an .xls, a .doc, an encrypted .xlsx all are one). */
function ole(streams: Record<string, Buffer>): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, `/${name}`, data);
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

/** The workbook with its sheets' used range (the DIMENSIONS record, MS-XLS 2.4.90) made `rows` × `columns`. */
function declaring(bytes: Buffer, rows: number, columns: number): Buffer {
  const stream = Buffer.from(
    XLSX.CFB.find(XLSX.CFB.read(bytes, { type: 'buffer' }), '/Workbook').content as Uint8Array,
  );
  for (let at = 0; at + 4 <= stream.length; at += 4 + stream.readUInt16LE(at + 2)) {
    if (stream.readUInt16LE(at) !== 0x0200) continue;
    stream.writeUInt32LE(rows, at + 8);
    stream.writeUInt16LE(columns, at + 14);
  }
  return ole({ Workbook: stream });
}

describe('an .xls whose used range is the whole grid', () => {
  // A sheet formatted down to its last row declares 65,536 rows: a 41 kB file once walked 16.7 M cells.
  test.each([
    ['A1:IV65536', 256],
    ['A1:AH65536', 34],
  ])('declaring %s, only the cells there are are read', async (_range, columns) => {
    const roster = xls([
      ['姓名', '身份证号'],
      ['张桂兰', id('11010519521005002')],
      ['李建国', id('11010519480312001')],
    ]);
    const bytes = declaring(roster, 65_536, columns);
    expect(XLSX.read(bytes, { type: 'buffer', dense: true }).Sheets['花名册']['!ref']).toBe(_range);
    expect(bytes.length).toBeLessThan(10_000);
    const book = await readSource(bytes, 'grid.xls');
    expect(book.sheets[0].rows).toEqual([
      ['姓名', '身份证号'],
      ['张桂兰', id('11010519521005002')],
      ['李建国', id('11010519480312001')],
    ]);
    const report = await importBytes(bytes, 'grid.xls');
    expect(report).toMatchObject({ dataRows: 2, inserted: 2, nonDataRows: 1 });
  });
});

describe('a number outside Excel’s dates in a date-formatted cell', () => {
  const rows = [
    ['姓名', '出生日期', '身份证号'],
    ['张桂兰', 19272, id('11010519521005002')],
    // Negative, and an ID number typed into the date column: Excel shows ####.
    ['李秀英', -5, id('11010519520305022')],
    ['王建国', 110105195203050020, null],
    // A 15-digit ID number typed into a date-formatted ID column stays an ID number.
    ['赵敏', null, 110105520305002],
  ];

  async function check(bytes: Buffer, name: string) {
    const book = await readSource(bytes, name);
    expect(book.sheets[0].rows.slice(1)).toEqual([
      ['张桂兰', utc(1952, 10, 5), id('11010519521005002')],
      ['李秀英', -5, id('11010519520305022')],
      ['王建国', 110105195203050020],
      ['赵敏', null, 110105520305002],
    ]);
    const report = await importBytes(bytes, name);
    expect(report).toMatchObject({ inserted: 4, rejected: 0 });
    const people = persons();
    expect(people.map((p) => [p.name, p.idNumber, p.birthDate])).toEqual([
      ['张桂兰', id('11010519521005002'), '1952-10-05'],
      ['李秀英', id('11010519520305022'), '1952-03-05'],
      ['王建国', null, null],
      ['赵敏', id('11010519520305002'), '1952-03-05'],
    ]);
    // Flagged 待核实 with what the file says, never crashed on nor read as a day of 1899.
    expect(JSON.parse(people[1].flags)).toEqual([expect.stringContaining('无法识别的日期：-5')]);
    // (the ID column is empty on that row, so it is flagged for that too)
    expect(JSON.parse(people[2].flags)).toEqual([
      '身份证号为空，请补录',
      expect.stringContaining('无法识别的日期：1.10105195203050E+17'),
    ]);
  }

  test("in an .xls (it crashed with “Cannot read properties of null (reading 'y')”)", async () => {
    const bytes = xls(rows, (ws) => {
      for (const ref of ['B2', 'B3', 'B4', 'C5']) ws[ref].z = 'yyyy-mm-dd';
    });
    await check(bytes, 'dates.xls');
  });

  test('in an .xlsx', async () => {
    const bytes = await xlsx({ 花名册: rows }, (ws) => {
      for (const ref of ['B2', 'B3', 'B4', 'C5']) ws.getCell(ref).numFmt = 'yyyy-mm-dd';
    });
    await check(bytes, 'dates.xlsx');
  });
});

describe('a file is what its bytes say, not its name', () => {
  test('an unencrypted .xls named .xlsx is read as the .xls it is (it was called password-protected)', async () => {
    const bytes = xls([
      ['姓名', '身份证号'],
      ['张桂兰', id('11010519521005002')],
    ]);
    expect((await readSource(bytes, 'renamed.xlsx')).format).toBe('xls');
    expect(await importBytes(bytes, 'renamed.xlsx')).toMatchObject({ inserted: 1 });
  });

  test('an .xlsx named .xls, and a CSV named .xlsx, are read as what they are', async () => {
    const book = await xlsx({
      花名册: [
        ['姓名', '身份证号'],
        ['张桂兰', id('11010519521005002')],
      ],
    });
    expect((await readSource(book, 'renamed.xls')).format).toBe('xlsx');
    const csv = Buffer.from(`姓名,身份证号\r\n张桂兰,${id('11010519521005002')}\r\n`);
    expect((await readSource(csv, 'export.xlsx')).format).toBe('csv');
  });

  test('a workbook that is truly encrypted is refused saying so', async () => {
    // An encrypted .xlsx is an OLE file with the package inside, encrypted (MS-OFFCRYPTO 2.3.4.1).
    const encrypted = ole({
      EncryptionInfo: Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
      EncryptedPackage: Buffer.alloc(4096, 7),
    });
    expect(await refusal(encrypted, 'locked.xlsx')).toContain('文件设有密码保护');
    expect(await refusal(encrypted, 'locked.xls')).toContain('文件设有密码保护');
    // An encrypted .xls: its Workbook stream has a FILEPASS record after the first BOF.
    const plain = XLSX.CFB.read(xls([['姓名'], ['张桂兰']]), { type: 'buffer' });
    const stream = Buffer.from(XLSX.CFB.find(plain, '/Workbook').content as Uint8Array);
    const bofEnd = 4 + stream.readUInt16LE(2);
    const filepass = Buffer.alloc(4 + 54);
    filepass.writeUInt16LE(0x002f, 0);
    filepass.writeUInt16LE(54, 2);
    filepass.writeUInt16LE(1, 4);
    const lockedXls = ole({ Workbook: Buffer.concat([stream.subarray(0, bofEnd), filepass, stream.subarray(bofEnd)]) });
    expect(await refusal(lockedXls, 'locked.xls')).toContain('文件设有密码保护');
  });

  test('a damaged OLE file is said to be damaged, not locked', async () => {
    const damaged = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refusal(damaged, 'broken.xlsx')).toContain('文件可能已损坏');
  });
});

describe('files we do not read are refused saying what they are and what to do', () => {
  const roster = [
    ['姓名', '身份证号'],
    ['张桂兰', id('11010519521005002')],
  ];
  test.each([
    [
      '.xlsb (it said 没有找到表头)',
      () => xls(roster, undefined, 'xlsb'),
      'roster.xlsb',
      '不支持 .xlsb（Excel 二进制工作簿）格式：请在 Excel 中打开它，另存为 Excel 工作簿（.xlsx）后再导入',
    ],
    ['.xlsb named .xlsx', () => xls(roster, undefined, 'xlsb'), 'roster.xlsx', '不支持 .xlsb'],
    ['.ods', () => xls(roster, undefined, 'ods'), 'roster.ods', '不支持 .ods（OpenDocument 表格）格式'],
    [
      'Numbers',
      () =>
        zip([
          { name: 'Index/Document.iwa', data: Buffer.alloc(64, 1) },
          { name: 'Metadata/Properties.plist', data: Buffer.from('x') },
        ]),
      'roster.numbers',
      '不支持 Apple Numbers 文件',
    ],
    [
      'a Word .docx',
      () =>
        zip([
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
          { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
        ]),
      '名单.docx',
      'Word 文档',
    ],
    ['a Word .doc', () => ole({ WordDocument: Buffer.alloc(4096, 1) }), '名单.doc', 'Word 文档（.doc）'],
    [
      'a web page named .xls',
      () => Buffer.from('<html><body><table><tr><td>姓名</td></tr><tr><td>张桂兰</td></tr></table></body></html>'),
      'export.xls',
      '网页（HTML）',
    ],
    ['Excel 2003 XML', () => xls(roster, undefined, 'xlml'), 'export.xls', 'Excel 2003 XML'],
    ['a zip of files', () => zip([{ name: '花名册/名单.xlsx', data: Buffer.from('PK') }]), '花名册.zip', '压缩包'],
  ] as const)('%s', async (_what, make, name, message) => {
    expect(await refusal(await make(), name)).toContain(message);
  });
});

describe('totals, subtotals and footers', () => {
  async function rosterWithTotals(): Promise<Buffer> {
    return xlsx(
      {
        花名册: [
          ['XX集团离退休人员花名册'],
          ['序号', '姓名', '性别', '身份证号', '缴费年限'],
          [1, '张桂兰', '女', id('11010519521005002'), 30],
          [2, '计红', '男', id('11010519480312001'), 28],
          ['总裁办合计', null, null, null, 58],
          [3, '王芳', '女', id('11010519550101002'), 35],
          ['财务部', null, null, null, 35],
          ['总合计', null, null, null, 93],
          [null, '全公司总计：3人'],
          ['制表人：李华', null, null, '审核人：王强'],
          [null, '审核人：王强'],
          ['填报日期：2024年1月'],
          ['注：已故人员不在此表'],
        ],
      },
      (ws) => {
        for (const range of ['A1:E1', 'A5:C5', 'A7:C7', 'A8:C8']) ws.mergeCells(range);
      },
    );
  }

  test('are reported as such and not imported; the people around them are', async () => {
    const report = await importBytes(await rosterWithTotals(), 'totals.xlsx');
    expect(persons().map((p) => p.name)).toEqual(['张桂兰', '计红', '王芳']);
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([
      [1, 'title'],
      [2, 'header'],
      [3, 'inserted'],
      [4, 'inserted'],
      [5, 'total'],
      [6, 'inserted'],
      [7, 'total'],
      [8, 'total'],
      [9, 'total'],
      [10, 'note'],
      [11, 'note'],
      [12, 'note'],
      [13, 'note'],
    ]);
    // Not dropped: each is in the import's log with what it said.
    const logged = ctx.store.raw
      .prepare("select row, raw from import_rows where outcome = 'total' order by row")
      .all() as { row: number; raw: string }[];
    expect(logged.map((l) => [l.row, JSON.parse(l.raw)])).toEqual([
      [5, { 序号: '总裁办合计', 姓名: '总裁办合计', 性别: '总裁办合计', 缴费年限: '58' }],
      [7, { 序号: '财务部', 姓名: '财务部', 性别: '财务部', 缴费年限: '35' }],
      [8, { 序号: '总合计', 姓名: '总合计', 性别: '总合计', 缴费年限: '93' }],
      [9, { 姓名: '全公司总计：3人' }],
    ]);
  });

  test('the preview says how many there are, and shows them as not imported', async () => {
    const sessions = new ImportSessions((bytes, name) => readSource(bytes, name));
    const preview = await sessions.open(ctx.store, 'totals.xlsx', await rosterWithTotals());
    expect(preview).toMatchObject({ totalRows: 4, noteRows: 4, notARoster: [], counts: { dataRows: 3, inserted: 3 } });
    const skipped = sessions.rows(preview.session, null, 'skipped', 1);
    expect(skipped.rows.filter((r) => r.outcome === 'total').map((r) => r.cells[1])).toEqual([
      '总裁办合计',
      '财务部',
      '总合计',
      '全公司总计:3人',
    ]);
  });

  test('a name merged over two columns of its own, and a row with an ID number, stay people', async () => {
    const bytes = await xlsx(
      {
        花名册: [
          ['序号', '姓名', null, '缴费年限'],
          [1, '张桂兰', null, 30],
          [2, '合计', null, 12],
        ],
      },
      (ws) => {
        ws.mergeCells('B1:C1');
        ws.mergeCells('B2:C2');
      },
    );
    const report = await importBytes(bytes, 'merged-name.xlsx');
    expect(report.rows.map((r) => r.outcome)).toEqual(['header', 'inserted', 'total']);
    const withId = await xlsx({
      花名册: [
        ['姓名', '身份证号', '备注'],
        ['王合计', id('11010519550101002'), '合计缴费 30 年'],
      ],
    });
    expect(await importBytes(withId, 'with-id.xlsx')).toMatchObject({ inserted: 1 });
  });
});

describe('formula results and line breaks as Excel shows them', () => {
  /** A sheet written by hand: what Excel writes and ExcelJS never does. */
  function sheet(rows: string): Promise<Buffer> {
    return zip(
      workbookParts({
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
            '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>备注</t></is></c><c r="C1" t="inlineStr"><is><t>住址</t></is></c></row>' +
            rows +
            '</sheetData></worksheet>',
        ),
      }),
    );
  }

  test('<v/> is a formula’s empty text, <v xml:space="preserve"> its text, a literal CR LF a line break (they read as #NOVALUE and \\r\\n)', async () => {
    const bytes = await sheet(
      '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">张桂兰\r\n</t></is></c>' +
        '<c r="B2" t="str"><f>IF(1,"","x")</f><v/></c>' +
        '<c r="C2" t="str"><f>"幸福路 1 号"&amp;CHAR(10)&amp;"3 单元"</f><v xml:space="preserve">幸福路 1 号\r\n3 单元</v></c></row>',
    );
    expect(readXlsxBook(bytes).sheets[0].rows[1]).toEqual(['张桂兰\n', '', '幸福路 1 号\n3 单元']);
    const report = await importBytes(bytes, 'formulas.xlsx');
    expect(report.rows[1]).toMatchObject({ outcome: 'inserted', name: '张桂兰', issues: [] });
    expect(persons()[0]).toMatchObject({ name: '张桂兰', address: '幸福路 1 号\n3 单元', flags: '[]' });
  });

  test('in an .xls and a CSV too; names lose what cannot be seen', async () => {
    const fromXls = await readSource(
      xls([
        ['姓名', '住址'],
        ['张桂兰', '幸福路\r\n3 单元'],
      ]),
      'a.xls',
    );
    expect(fromXls.sheets[0].rows[1]).toEqual(['张桂兰', '幸福路\n3 单元']);
    const fromCsv = await readSource(Buffer.from('姓名,住址\r\n张桂兰,"幸福路\r\n3 单元"\r\n'), 'a.csv');
    expect(fromCsv.sheets[0].rows[1]).toEqual(['张桂兰', '幸福路\n3 单元']);
    // Pasted from a web page: zero-width spaces around and inside.
    await importBytes(
      await xlsx({
        花名册: [
          ['姓名', '身份证号'],
          ['\u200b张\u200b桂兰 \u3000', id('11010519521005002')],
        ],
      }),
      'pasted.xlsx',
    );
    expect(persons()[0].name).toBe('张桂兰');
  });
});

describe('a table that does not look like a roster', () => {
  const rpc = router(() => ctx);
  /** An attendance log: 序号 + 姓名, each of 20 people signed in on 15 days. */
  const attendance = () => {
    const names = Array.from({ length: 20 }, (_, i) => `职工${String.fromCharCode(0x7532 + i)}`);
    const rows: unknown[][] = [['序号', '姓名', '日期', '签到时间']];
    for (let day = 1; day <= 15; day++)
      for (const name of names)
        rows.push([rows.length, name, `2024-03-${String(day).padStart(2, '0')}`, '08:0' + (day % 10)]);
    return rows;
  };
  const open = async (bytes: Buffer, fileName = '考勤.xlsx') =>
    rpc.call<ImportPreview>('imports.open', { fileName, dataBase64: bytes.toString('base64') });
  const commit = async (input: Record<string, unknown>) =>
    (await ctx.jobs.settled((await rpc.call<JobStatus>('imports.commit', input)).id))!;

  test('is stopped with a question: the preview says so, and commit needs the user’s explicit yes', async () => {
    const preview = await open(await xlsx({ 考勤: attendance() }));
    expect(preview.counts.inserted).toBe(300);
    expect(preview.notARoster).toEqual([
      {
        sheet: '考勤',
        rows: 300,
        names: 20,
        message: expect.stringMatching(
          /^工作表“考勤”有 300 行，只有 20 个不同的姓名（平均每人 15 行），也没有身份证号、出生日期或人员类别列：不像花名册/,
        ),
      },
    ]);
    const refused = await commit({ session: preview.session });
    expect(refused).toMatchObject({
      state: 'failed',
      error: { code: 'not_a_roster', message: expect.stringContaining('未导入，数据未作改动') },
    });
    expect(persons()).toEqual([]);
    const confirmed = await commit({ session: preview.session, confirmNotRoster: true });
    expect(confirmed).toMatchObject({ state: 'done', result: { inserted: 300 } });
  });

  test('a roster is not asked about, nor a file whose odd sheet is left out', async () => {
    const roster = Array.from({ length: 30 }, (_, i) => [
      `人员${i}`,
      id(`1101051952100${String(i).padStart(2, '0')}02`),
    ]);
    const both = await xlsx({ 考勤: attendance(), 花名册: [['姓名', '身份证号'], ...roster] });
    const preview = await open(both, 'both.xlsx');
    expect(preview.notARoster.map((d) => d.sheet)).toEqual(['考勤']);
    expect(await commit({ session: preview.session, excludedSheets: ['考勤'] })).toMatchObject({
      state: 'done',
      result: { inserted: 30, excluded: 300 },
    });
  });
});

describe('the CLI', () => {
  const cli = (...args: string[]) =>
    spawnSync(...entryCommand('cli', cliArgs(args)), { cwd: root, encoding: 'utf8', env: CLI_ENV });
  function database(): string {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    expect(cli('init', '--db', dbPath, '--org', '测试集团', '--operator', '王干事').status).toBe(0);
    return dbPath;
  }

  test('does not import a table that is not a roster without --force', async () => {
    const rows: unknown[][] = [['序号', '姓名', '日期']];
    for (let i = 0; i < 60; i++) rows.push([i + 1, `职工${i % 6}`, `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`]);
    const file = path.join(tempDir(), '考勤.xlsx');
    fs.writeFileSync(file, await xlsx({ 考勤: rows }));
    const dbPath = database();
    const tried = cli('import', file, '--db', dbPath, '--dry-run');
    expect(tried.status).toBe(0);
    expect(tried.stdout).toContain('不像花名册');
    const refused = cli('import', file, '--db', dbPath);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('请加 --force 重新运行');
    const forced = cli('import', file, '--db', dbPath, '--force', '--json');
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ inserted: 60 });
  });

  test('import --json piped into another program arrives whole (it was cut at 64 kB)', async () => {
    const rows: unknown[][] = [['姓名', '身份证号']];
    for (let i = 0; i < 3000; i++)
      rows.push([
        `人员${i}`,
        id(
          `110105195${i % 10}0${1 + (i % 9)}${String(10 + (i % 18))}${String(i % 1000).padStart(3, '0')}`.slice(0, 17),
        ),
      ]);
    const file = path.join(tempDir(), 'big.xlsx');
    fs.writeFileSync(file, await xlsx({ 花名册: rows }));
    const dbPath = database();
    // The reader takes its time: the pipe fills, and the rest of the report waits in the CLI.
    const piped = spawnSync(
      'sh',
      [
        '-c',
        `npm run --silent cli -- import '${file}' --db '${dbPath}' --dry-run --json --operator 王干事 | (sleep 1; cat)`,
      ],
      {
        cwd: root,
        env: CLI_ENV,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(piped.stdout.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(piped.stdout) as ImportReport;
    expect(report.rows).toHaveLength(3001);
    expect(report.dataRows).toBe(3000);
  });
});
