// Issue 13, item 1, the readers: every hostile shape is refused with a sentence naming the limit,
// before the reader builds anything for it (each of these once took the reading process to its
// heap limit). The files are made here, small; the limits are lowered where a file at the real
// limit would be large, and the real limits are shown to hold by what a file declares.
import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import { checkCsvBytes } from '../src-main/spreadsheet/csv';
import { readSource } from '../src-main/spreadsheet/sources';
import { ZipArchive } from '../src-main/spreadsheet/zip';
import { IMPORT_LIMITS, type ImportLimits } from '../src-main/shared/importLimits';
import {
  bombXlsx,
  commasCsv,
  endlessLineCsv,
  hugeMergeXlsx,
  rowIndexXlsx,
  wideCellXlsx,
  workbookParts,
  zip,
} from './hostileFiles';

const limits = (over: Partial<ImportLimits>): ImportLimits => ({ ...IMPORT_LIMITS, ...over });
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheet = (rows: string, after = '') =>
  Buffer.from(`<worksheet ${NS}><sheetData>${rows}</sheetData>${after}</worksheet>`);
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * The refusal of a file. Each of these once ran for tens of seconds; how long a refusal takes is
 * the bench's to say (bench/hostile.ts), never a test's: the machines are shared.
 */
async function refusal(read: Promise<unknown>): Promise<{ message: string }> {
  const e = await read.then(
    () => null,
    (err: unknown) => err as Error,
  );
  expect(e, 'the file was read instead of refused').not.toBeNull();
  return { message: e!.message };
}

describe('an .xlsx beyond the limits', () => {
  test('the 1.7 kB file with a cell on row 100,000,000 is refused at once', async () => {
    const bytes = await rowIndexXlsx();
    expect(bytes.length).toBeLessThan(2000);
    const r = await refusal(readSource(bytes, 'row.xlsx'));
    expect(r.message).toBe(
      '这个文件无法读取（工作表“花名册”的 A100000000 单元格有内容，超过了 200,000 行的上限），数据未作改动',
    );
  });

  test('empty rows formatted down to the bottom of the sheet are not built', async () => {
    const bytes = await zip(
      workbookParts({
        data: sheet(
          `<row r="1">${cell('A1', '姓名')}</row><row r="2">${cell('A2', '张三')}</row><row r="1048576" ht="15" customHeight="1" hidden="1"/>`,
        ),
      }),
    );
    const book = await readSource(bytes, 'ok.xlsx');
    expect(book.sheets[0].rows).toEqual([['姓名'], ['张三']]);
    expect(book.sheets[0].hiddenRows.size).toBe(0);
  });

  test('a value in column XFD is refused; an empty formatted cell there is not built', async () => {
    expect((await refusal(readSource(await wideCellXlsx(), 'wide.xlsx'))).message).toContain(
      'XFD3 单元格有内容，超过了 500 列的上限',
    );
    const bytes = await zip(
      workbookParts({ data: sheet(`<row r="1">${cell('A1', '姓名')}<c r="XFD1" s="1"/></row>`) }),
    );
    expect((await readSource(bytes, 'ok.xlsx')).sheets[0].rows).toEqual([['姓名']]);
  });

  test('the merge A2:XFD1048576 is refused at once; a merge past the last value is cut to it', async () => {
    const r = await refusal(readSource(await hugeMergeXlsx(), 'merge.xlsx'));
    expect(r.message).toBe(
      '这个文件无法读取（工作表“花名册”的合并单元格 A2:XFD1048576 超出了 200,000 行 × 500 列的上限），数据未作改动',
    );
    // A title merged wider and deeper than the table fills only the table's extent.
    const title = await zip(
      workbookParts({
        data: sheet(
          `<row r="1">${cell('A1', '花名册')}</row><row r="2">${cell('A2', '姓名')}${cell('B2', '性别')}</row>`,
          '<mergeCells><mergeCell ref="A1:Z1"/><mergeCell ref="C5:D9"/></mergeCells>',
        ),
      }),
    );
    const book = await readSource(title, 'title.xlsx');
    expect(book.sheets[0].rows).toEqual([
      ['花名册', '花名册'],
      ['姓名', '性别'],
    ]);
    expect([...book.sheets[0].mergedRows]).toEqual([0]);
  });

  test('merged ranges that together fill more cells than the limit are refused', async () => {
    const rows = Array.from(
      { length: 50 },
      (_, r) => `<row r="${r + 1}">${cell(`A${r + 1}`, 'x')}${cell(`T${r + 1}`, 'y')}</row>`,
    ).join('');
    const bytes = await zip(workbookParts({ data: sheet(rows, '<mergeCells><mergeCell ref="A1:T50"/></mergeCells>') }));
    expect((await readSource(bytes, 'm.xlsx')).sheets[0].rows[49]).toHaveLength(20);
    expect((await refusal(readSource(bytes, 'm.xlsx', limits({ cells: 1500 })))).message).toContain(
      '合并单元格填满后，单元格总数超过 1,500 个的上限',
    );
  });

  test('cells, shared strings, sheets and cell text past their limits are refused', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, r) => `<row r="${r + 1}">${cell(`A${r + 1}`, '张三')}${cell(`B${r + 1}`, '男')}</row>`,
    ).join('');
    const bytes = await zip(workbookParts({ data: sheet(rows) }));
    expect((await refusal(readSource(bytes, 'c.xlsx', limits({ cells: 50 })))).message).toContain(
      '单元格总数超过 50 个的上限',
    );
    expect((await refusal(readSource(bytes, 'c.xlsx', limits({ rows: 20 })))).message).toContain(
      'A21 单元格有内容，超过了 20 行的上限',
    );
    const long = await zip(
      workbookParts({
        data: sheet(`<row r="1">${cell('A1', '姓名')}</row><row r="2">${cell('A2', '长'.repeat(40_000))}</row>`),
      }),
    );
    expect((await refusal(readSource(long, 'l.xlsx'))).message).toContain(
      'A2 单元格超过 32,767 个字符，超过了 Excel 单元格的上限',
    );
    const strings = await zip([
      ...workbookParts({ data: sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }),
      { name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst ${NS}>${'<si><t>a</t></si>'.repeat(100)}</sst>`) },
    ]);
    expect((await refusal(readSource(strings, 's.xlsx', limits({ cells: 99 })))).message).toContain(
      '文字超过 99 段的上限',
    );
  });
});

describe('a zip bomb', () => {
  test('is refused by the size its directory declares, before inflating: the real 200 MB budget', async () => {
    // 210 MB of rows, deflated to well under 1 MB; the directory tells the truth.
    const bytes = await bombXlsx(210 * 1024 * 1024);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const r = await refusal(readSource(bytes, 'bomb.xlsx'));
    expect(r.message).toBe('这个文件无法读取（解压后超过 200 MB 的上限），数据未作改动');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
  });

  test('that lies about its size is stopped as soon as it passes what it declared', async () => {
    // 210 MB again, declared as 1 kB: inflating stops after 1 kB, under the real limits.
    const r = await refusal(readSource(await bombXlsx(210 * 1024 * 1024, 1024), 'liar.xlsx'));
    expect(r.message).toContain('压缩的内容解压后比文件自己声明的大');
  });

  test('the budget counts every part read, declared sizes under a lowered limit', async () => {
    const mb = 1024 * 1024;
    const bomb = await bombXlsx(3 * mb);
    expect((await refusal(readSource(bomb, 'b.xlsx', limits({ inflatedBytes: 2 * mb })))).message).toContain(
      '解压后超过 2 MB 的上限',
    );
    // Two parts of 0.6 MB each under a 1 MB budget: the first is read, the second refused.
    const part = Buffer.alloc(600 * 1024, 'x');
    const archive = new ZipArchive(
      await zip([
        { name: 'a', data: part },
        { name: 'b', data: part },
      ]),
      mb,
    );
    expect(archive.read('a')?.length).toBe(part.length);
    expect(() => archive.read('b')).toThrow('解压后超过 1 MB 的上限');
  });
});

describe('a CSV beyond the limits', () => {
  test('50 MB of commas is refused at the 501st field, not read as one row of 50 million', async () => {
    const r = await refusal(readSource(commasCsv(50 * 1024 * 1024), 'commas.csv'));
    expect(r.message).toBe('这个文件无法读取（第 1 行超过了 500 列的上限），数据未作改动');
  });

  test('a line that never ends is refused at the length of a cell', async () => {
    const r = await refusal(readSource(endlessLineCsv(5 * 1024 * 1024), 'endless.csv'));
    expect(r.message).toBe(
      '这个文件无法读取（第 2 行有一项超过 32,767 个字符，超过了 Excel 单元格的上限），数据未作改动',
    );
  });

  test('a field is held to 32,767 characters, not bytes: 40,000 Chinese characters pass the check on bytes, not the one on text', async () => {
    const csv = Buffer.from(`姓名,备注\n张三,${'长'.repeat(40_000)}\n`);
    expect(() => checkCsvBytes(csv)).not.toThrow();
    expect((await refusal(readSource(csv, 'long.csv'))).message).toBe(
      '这个文件无法读取（第 2 行有一项超过 32,767 个字符，超过了 Excel 单元格的上限），数据未作改动',
    );
    // The same shape in GB18030 bytes: its commas and line ends are found as in UTF-8.
    const gbk = Buffer.from([
      0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xc4, 0xd0, 0x0a, 0xc0, 0xee, 0xcb, 0xc4, 0x2c, 0xc5, 0xae, 0x0a,
    ]);
    expect((await readSource(gbk, 'gbk.csv')).sheets[0].rows).toEqual([
      ['张三', '男'],
      ['李四', '女'],
    ]);
    expect(() => checkCsvBytes(gbk, limits({ columns: 1 }))).toThrow('第 1 行超过了 1 列的上限');
  });

  test('rows and cells past their limits are refused; a file past the size limit is not even decoded', async () => {
    const csv = Buffer.from(`姓名,性别\n${'张三,男\n'.repeat(30)}`);
    expect((await refusal(readSource(csv, 'r.csv', limits({ rows: 20 })))).message).toContain('超过了 20 行的上限');
    expect((await refusal(readSource(csv, 'r.csv', limits({ cells: 40 })))).message).toContain(
      '单元格总数超过 40 个的上限',
    );
    expect((await refusal(readSource(csv, 'r.csv', limits({ fileBytes: 100 })))).message).toContain(
      '文件超过 100 字节 的上限',
    );
  });
});

describe('an .xls beyond the limits', () => {
  /** A real BIFF8 workbook of 300 rows, written by SheetJS, to forge. */
  function xls(): Buffer {
    const rows = [['姓名', '编号'], ...Array.from({ length: 300 }, (_, i) => [`张${i}`, 1000 + i])];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '花名册');
    return XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
  }

  test('the workbook as written reads', async () => {
    const book = await readSource(xls(), 'ok.xls');
    expect(book.sheets[0].rows).toHaveLength(301);
  });

  test('a declared extent of 100,000,000 rows is refused before SheetJS reads the sheet', async () => {
    const bytes = xls();
    // DIMENSIONS (0x0200, 14 bytes): first row, last row + 1 (32 bits each), first and last column + 1.
    const at = bytes.indexOf(Buffer.from([0x00, 0x02, 0x0e, 0x00]));
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt32LE(100_000_000, at + 8);
    expect((await refusal(readSource(bytes, 'rows.xls'))).message).toBe(
      '这个文件无法读取（文件声明有 100,000,000 行，超过了 200,000 行的上限），数据未作改动',
    );
  });

  test('a value in column 1,001 is refused; more values than the cells limit are refused', async () => {
    const bytes = xls();
    // NUMBER (0x0203, 14 bytes): row, column, format, value.
    const at = bytes.indexOf(Buffer.from([0x03, 0x02, 0x0e, 0x00]));
    expect(at).toBeGreaterThan(0);
    const wide = Buffer.from(bytes);
    wide.writeUInt16LE(1000, at + 6);
    expect((await refusal(readSource(wide, 'wide.xls'))).message).toContain('有内容在第 1,001 列，超过了 500 列的上限');
    expect((await refusal(readSource(bytes, 'many.xls', limits({ cells: 500 })))).message).toContain(
      '单元格总数超过 500 个的上限',
    );
  });
});
