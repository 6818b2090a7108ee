// The .xlsx reader: what Excel, WPS and other writers put in a workbook comes out as the values a
// user sees, with hidden rows, hidden sheets and merged ranges.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { readSource } from '../src-main/spreadsheet/sources';
import { isDateFormat, readXlsxBook, serialToDate } from '../src-main/spreadsheet/xlsx';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A package written by hand, for what ExcelJS never writes. */
async function handWritten(parts: {
  workbook: string;
  sheet: string;
  styles?: string;
  strings?: string;
}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  zip.file(
    '_rels/.rels',
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
  );
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'styles', 'styles.xml')}${rel('rId3', 'sharedStrings', 'sharedStrings.xml')}</Relationships>`,
  );
  zip.file('xl/workbook.xml', parts.workbook);
  zip.file('xl/worksheets/sheet1.xml', parts.sheet);
  if (parts.styles) zip.file('xl/styles.xml', parts.styles);
  if (parts.strings) zip.file('xl/sharedStrings.xml', parts.strings);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('a workbook written by ExcelJS (as Excel writes it: shared strings, styles)', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['XX公司离退休人员花名册']);
  ws.mergeCells('A1:E1');
  ws.addRow(['姓名', '出生日期', '序号', '党员', '合计']);
  ws.addRow([
    { richText: [{ text: '张' }, { text: '桂兰', font: { bold: true } }] },
    utc(1952, 10, 5),
    1,
    true,
    { formula: 'C3*2', result: 2 },
  ]);
  ws.getCell('B4').value = 19144; // 1952-05-30 as a serial under a Chinese date format
  ws.getCell('B4').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('C4').value = 1234.5;
  ws.getCell('C4').numFmt = '#,##0.00';
  ws.getCell('A4').value = '李 & <四>';
  ws.getCell('D4').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
  ws.getCell('E4').value = { formula: 'SUM(C:C)' } as ExcelJS.CellFormulaValue;
  ws.getRow(4).hidden = true;
  const gone = wb.addWorksheet('已故人员', { state: 'hidden' });
  gone.addRow(['姓名']);
  const book = readXlsxBook(Buffer.from(await wb.xlsx.writeBuffer()));

  test('values: rich text joined, dates as dates, numbers, booleans, formula results', () => {
    const [sheet] = book.sheets;
    expect(sheet.rows[2]).toEqual(['张桂兰', utc(1952, 10, 5), 1, true, 2]);
    expect(sheet.rows[3]).toEqual(['李 & <四>', utc(1952, 5, 30), 1234.5, '#ERROR #DIV/0!', '#NOVALUE']);
  });

  test('hidden rows, hidden sheets and merged ranges are told', () => {
    expect([...book.sheets[0].hiddenRows]).toEqual([3]);
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['花名册', false],
      ['已故人员', true],
    ]);
    expect(book.sheets[0].merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 4 }]);
  });
});

describe('what other writers do', () => {
  test('namespace prefixes, cells and rows without references, inline strings, phonetic guides, escapes', async () => {
    const bytes = await handWritten({
      workbook:
        '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="人员&amp;名单" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
      strings:
        '<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:r><x:t>单</x:t></x:r><x:r><x:t xml:space="preserve">国强 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>shan</x:t></x:rPh></x:si><x:si/><x:si><x:t>第一行_x000D_&#10;第二行</x:t></x:si></x:sst>',
      sheet:
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>欧阳&#x5cf0;</x:t></x:is></x:c></x:row>' +
        '<x:row hidden="true"><x:c t="s"><x:v>2</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="d"><x:v>2019-03-01</x:v></x:c></x:row>' +
        '<x:row r="5"><x:c r="C5" t="str"><x:f>A1</x:f><x:v>公式 &lt;文本&gt;</x:v></x:c></x:row>' +
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>',
    });
    const { sheets } = readXlsxBook(bytes);
    expect(sheets[0].name).toBe('人员&名单');
    expect(sheets[0].rows).toEqual([
      ['单国强 ', '', '欧阳峰'],
      // `_x000D_&#10;` is Excel's Alt+Enter: one line break, as Excel shows it.
      ['第一行\n第二行', false, utc(2019, 3, 1)],
      [],
      [],
      [null, null, '公式 <文本>'],
    ]);
    expect([...sheets[0].hiddenRows]).toEqual([1]);
    expect(sheets[0].merges).toEqual([{ r0: 0, c0: 0, r1: 1, c1: 1 }]);
  });

  test('a sheet and its strings of several megabytes, read a piece at a time, come out whole: every row, every Han character, the merges after them', async () => {
    // Rows of varying length, Han text inline and shared, a namespace prefix on every element: the
    // pieces the reader decodes (about 1 MB each) end at every kind of place, inside a character too.
    const n = 20_000;
    const name = (i: number) => `${'张王李赵刘陈'[i % 6]}${'桂兰国强秀英'.slice(0, 1 + (i % 5))}${i}`;
    const strings = Array.from(
      { length: n },
      (_, i) => `<x:si><x:t>${name(i)}住址沈阳市和平区兴华街${i}号</x:t></x:si>`,
    ).join('');
    const rows = Array.from(
      { length: n },
      (_, i) =>
        `<x:row r="${i + 1}"${i % 1000 === 7 ? ' hidden="1"' : ''}><x:c r="A${i + 1}" t="s"><x:v>${i}</x:v></x:c>` +
        `<x:c r="B${i + 1}" t="inlineStr"><x:is><x:t>${name(i).repeat(1 + (i % 7))}&amp;</x:t></x:is></x:c>` +
        `<x:c r="C${i + 1}"><x:v>${i * 3}</x:v></x:c></x:row>`,
    ).join('');
    const bytes = await handWritten({
      workbook:
        '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="花名册" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
      strings: `<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</x:sst>`,
      sheet: `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${rows}</x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A1:C1"/><x:mergeCell ref="B${n}:C${n}"/></x:mergeCells></x:worksheet>`,
    });
    expect(Buffer.byteLength(rows)).toBeGreaterThan(4 << 20);
    expect(Buffer.byteLength(strings)).toBeGreaterThan(1 << 20);
    const [sheet] = readXlsxBook(bytes).sheets;
    expect(sheet.rows).toEqual(
      Array.from({ length: n }, (_, i) => [
        `${name(i)}住址沈阳市和平区兴华街${i}号`,
        `${name(i).repeat(1 + (i % 7))}&`,
        i * 3,
      ]),
    );
    expect([...sheet.hiddenRows]).toEqual(Array.from({ length: n / 1000 }, (_, k) => k * 1000 + 7));
    expect(sheet.merges).toEqual([
      { r0: 0, c0: 0, r1: 0, c1: 2 },
      { r0: n - 1, c0: 1, r1: n - 1, c1: 2 },
    ]);
  });

  test('date formats: built-in Chinese ones, custom codes, and the 1904 date system', async () => {
    const bytes = await handWritten({
      workbook:
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" state="veryHidden" r:id="rId1"/></sheets></workbook>',
      styles:
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="177" formatCode="[Red]0.00"/></numFmts>' +
        '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="49"/></cellXfs></styleSheet>',
      sheet:
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' +
        '<c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>18000</v></c><c r="C1" s="3"><v>18000</v></c><c r="D1" s="4"><v>19521005</v></c><c r="E1"><v>1952.1</v></c>' +
        '</row></sheetData></worksheet>',
    });
    const { sheets, date1904 } = readXlsxBook(bytes);
    expect(date1904).toBe(true);
    expect(sheets[0].hidden).toBe(true);
    expect(sheets[0].rows[0]).toEqual([utc(1904, 1, 1), serialToDate(18000, true), 18000, 19521005, 1952.1]);
  });

  test('format codes', () => {
    for (const code of ['yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]yyyy年m月', 'h:mm', '[h]:mm', 'm/d;@', 'e"年"m"月"'])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0_);[Red](#,##0)', '"合计"0', '@', '0"人"', '[Red]0'])
      expect(isDateFormat(code), code).toBe(false);
  });

  test('serial days: the 1900 system with its phantom 29 February, and the 1904 system', () => {
    expect(serialToDate(1, false)).toEqual(utc(1900, 1, 1));
    expect(serialToDate(61, false)).toEqual(utc(1900, 3, 1));
    expect(serialToDate(19272, false)).toEqual(utc(1952, 10, 5));
    expect(serialToDate(17810, true)).toEqual(utc(1952, 10, 5));
  });

  test('a zip that is not a workbook, and a workbook whose sheet is missing, are refused with a message', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const notBook = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(readSource(notBook, 'a.xlsx')).rejects.toThrow(
      '这个文件是一个压缩包（.zip），不是 Excel 表格：请先解压，再选择其中的 Excel 花名册',
    );
    const noSheet = await handWritten({
      workbook: '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
      sheet: '',
    });
    const broken = await JSZip.loadAsync(noSheet);
    broken.remove('xl/worksheets/sheet1.xml');
    await expect(readSource(await broken.generateAsync({ type: 'nodebuffer' }), 'b.xlsx')).rejects.toThrow(
      '无法读取这个 Excel 文件',
    );
  });
});
