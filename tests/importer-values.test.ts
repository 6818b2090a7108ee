// Each normalisation rule of the importer, on the values rosters really hold.
import { describe, expect, test } from 'vitest';
import { findHeader } from '../src-main/importer/columns';
import { decodeText, parseCsv } from '../src-main/spreadsheet/csv';
import { normalizeLabel, rawCells, rawTextsJson, type SourceSheet } from '../src-main/spreadsheet/tables';
import { cellText, excelSerialToIso, idCell, parseDateCell, type CellValue } from '../src-main/spreadsheet/cells';
import { careOf, careText, categoryOf, deathIn, partyOf } from '../src-main/importer/values';
import { normalizeName } from '../src-main/retirees/persons';

const sheet = (rows: (string | null)[][], mergedRows: number[] = []): SourceSheet => ({
  name: 'Sheet1',
  hidden: false,
  rows,
  hiddenRows: new Set(),
  mergedRows: new Set(mergedRows),
});

describe('names', () => {
  test('Han names lose inner spaces, half- and full-width; minority names keep their dot', () => {
    expect(normalizeName('王　芳')).toBe('王芳');
    expect(normalizeName('王  芳')).toBe('王芳');
    expect(normalizeName(' 韩淑珍 ')).toBe('韩淑珍');
    expect(normalizeName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
  });

  test('full-width digits and letters become half-width', () => {
    expect(cellText('１３８００００１１１１')).toBe('13800001111');
    expect(cellText('ＡＢＣ')).toBe('ABC');
  });
});

describe('dates', () => {
  test('real date cells, Excel serials in both systems, and 8-digit numbers', () => {
    expect(parseDateCell(new Date(Date.UTC(1952, 9, 5)), false).value).toBe('1952-10-05');
    expect(excelSerialToIso(19272, false)).toBe('1952-10-05');
    expect(parseDateCell(19272, false).value).toBe('1952-10-05');
    expect(excelSerialToIso(17810, true)).toBe('1952-10-05');
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(parseDateCell(19521005, false).value).toBe('1952-10-05');
  });

  test('text spellings keep the precision the source gave', () => {
    expect(parseDateCell('1952.10', false).value).toBe('1952-10');
    expect(parseDateCell('1952年10月', false).value).toBe('1952-10');
    expect(parseDateCell('1952年10月5日', false).value).toBe('1952-10-05');
    expect(parseDateCell('19521005', false).value).toBe('1952-10-05');
    expect(parseDateCell('1952-10-5', false).value).toBe('1952-10-05');
    expect(parseDateCell('1952/10/05', false).value).toBe('1952-10-05');
    expect(parseDateCell('1952', false).value).toBe('1952');
  });

  test('1952.1 as a number is January or October: ambiguous, not guessed', () => {
    expect(parseDateCell(1952.1, false)).toEqual({ value: null, ambiguousMonths: ['1952-01', '1952-10'] });
    expect(parseDateCell(1952.05, false).value).toBe('1952-05');
    expect(parseDateCell(1952.11, false).value).toBe('1952-11');
  });

  test('impossible dates are reported', () => {
    expect(parseDateCell('1950-02-30', false)).toMatchObject({
      value: null,
      problem: expect.stringContaining('无法识别'),
    });
    expect(parseDateCell('不详', false).value).toBeNull();
  });
});

describe('ID numbers', () => {
  test('text, a 15-digit number, and an 18-digit number Excel destroyed', () => {
    expect(idCell('21010219521005123X')).toEqual({ kind: 'text', text: '21010219521005123X' });
    expect(idCell(210102521005123)).toEqual({ kind: 'text', text: '210102521005123' });
    expect(idCell(210102195210050000)).toEqual({ kind: 'lost', shown: '2.10102195210050E+17' });
    expect(idCell('2.10102195210050E+17')).toMatchObject({ kind: 'lost' });
    expect(idCell(null)).toEqual({ kind: 'empty' });
  });
});

describe('choices', () => {
  test('categories, with the staff type where the word says it', () => {
    expect(categoryOf('离休干部')).toEqual({ category: '离休', staffType: '干部' });
    expect(categoryOf('退休工人')).toEqual({ category: '退休', staffType: '工人' });
    expect(categoryOf('退 休')).toEqual({ category: '退休' });
    expect(categoryOf('病退')).toBeNull();
  });

  test('party membership from 是/否 and 政治面貌', () => {
    expect(partyOf('是')).toEqual({ member: true, political: '中共党员' });
    expect(partyOf('否')).toEqual({ member: false, political: null });
    expect(partyOf('中共预备党员')).toEqual({ member: true, political: '中共预备党员' });
    expect(partyOf('群众')).toEqual({ member: false, political: '群众' });
    expect(partyOf('九三学社')).toEqual({ member: false, political: '民主党派' });
    expect(partyOf(null)).toEqual({ member: false, political: null });
  });

  test('a remark like 2019年3月去世 makes the person deceased with that month', () => {
    expect(deathIn('2019年3月去世')).toEqual({ date: '2019-03' });
    expect(deathIn('2019年3月12日病故')).toEqual({ date: '2019-03-12' });
    expect(deathIn('已故')).toEqual({ date: null });
    expect(deathIn('身体健康')).toBeNull();
  });
});

describe('headers', () => {
  test('labels with spaces and colons', () => {
    expect(normalizeLabel('姓  名')).toBe('姓名');
    expect(normalizeLabel('性　别')).toBe('性别');
    expect(normalizeLabel('身份证号码：')).toBe('身份证号码');
  });

  test('found under title rows', () => {
    const h = findHeader(
      sheet(
        [
          ['XX公司离退休人员花名册', 'XX公司离退休人员花名册'],
          ['填报单位：离退休办'],
          ['序号', '姓  名', '公民身份号码', '出生年月'],
          ['1', '张桂兰', '', '1952.10'],
        ],
        [0],
      ),
    );
    expect(h).toMatchObject({ firstRow: 2, lastRow: 2, fields: ['seq', 'name', 'idNumber', 'birthDate'] });
  });

  test('across two rows with merged group cells', () => {
    const h = findHeader(
      sheet([
        ['序号', '基本情况', '基本情况', '基本情况', '身份证号码', '联系方式', '联系方式'],
        ['序号', '姓名', '性别', '出生日期', '身份证号码', '电话', '住址'],
        ['1', '张桂兰', '女', '19521005', '', '', ''],
      ]),
    );
    // Labels merged down over both rows are filled into the lower one, which then holds them all.
    expect(h).toMatchObject({
      firstRow: 1,
      lastRow: 1,
      fields: ['seq', 'name', 'gender', 'birthDate', 'idNumber', 'phone', 'address'],
    });
    const unfilled = findHeader(
      sheet([
        ['序号', '基本情况', '基本情况', '身份证号码', '联系方式'],
        [null, '姓名', '性别', null, '电话'],
        ['1', '张桂兰', '女', '', ''],
      ]),
    );
    expect(unfilled).toMatchObject({ firstRow: 0, lastRow: 1, fields: ['seq', 'name', 'gender', 'idNumber', 'phone'] });
  });

  test('no header without 姓名', () => {
    expect(
      findHeader(
        sheet([
          ['a', 'b'],
          ['1', '2'],
        ]),
      ),
    ).toBeNull();
  });
});

describe('raw values', () => {
  test('every non-empty cell kept by its label: a column without one by its place, a label written twice in its first place with the later value', () => {
    const row = [1, '王芳', null, 3286.35, '', true, new Date(Date.UTC(1950, 0, 1)), '说"明"\n第二行'];
    expect(
      JSON.stringify(rawCells(row, ['序号', '备注', '身份证号码', '', '调整额', '是否', '出生日期', '备注'])),
    ).toBe('{"序号":"1","备注":"说\\"明\\"\\n第二行","第4列":"3286.35","是否":"true","出生日期":"1950-01-01"}');
    const sparse: (string | null)[] = ['甲'];
    sparse[4] = '戊';
    expect(rawCells(sparse, ['序号'])).toEqual({ 序号: '甲', 第5列: '戊' });
    expect(Object.keys(rawCells(['王芳', 3000], ['姓名', '__proto__']))).toEqual(['姓名', '__proto__']);
  });

  test("a row's texts kept without its labels give its cells back by label as they were, whatever the labels", () => {
    const sparse: CellValue[] = ['甲'];
    sparse[4] = '戊';
    const rows: CellValue[][] = [
      [1, '王芳', null, 3286.35, '', true, new Date(Date.UTC(1950, 0, 1)), '说"明"\n第二行', '\u2028', 'x'],
      sparse,
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'],
      ['😀', '\ud800孤', 'a\\b', '\t', '\u0000', -0.5, 1e21, NaN, 'é', '"'],
      [],
      [null, ''],
    ];
    const labelSets = [
      ['序号', '备注', '身份证号码', '', '调整额', '是否', '出生日期', '备注'],
      ['序号', '姓名', '身份证号码', '调整前养老金', '调整后养老金', '调整额'],
      ['序号', '__proto__', '2026', '', '备注'],
      ['序号', '', '第2列'],
      ['序号', '姓名', '第9列'],
      ['序号', '4294967295', 'toString'],
    ];
    for (const row of rows) {
      const kept = JSON.parse(rawTextsJson(row)) as (string | null)[];
      expect(kept).toHaveLength(row.length);
      for (const labels of labelSets) expect(rawCells(kept, labels)).toEqual(rawCells(row, labels));
    }
    expect(rawTextsJson(rows[0])).toBe(
      '["1","王芳",null,"3286.35",null,"true","1950-01-01","说\\"明\\"\\n第二行","\u2028","x"]',
    );
  });
});

describe('CSV', () => {
  test('UTF-8 with and without BOM, GBK and GB18030 are detected', () => {
    const text = '姓名,性别\r\n张桂兰,女\r\n';
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
    // 张桂兰 in GBK.
    expect(decodeText(Buffer.from([0xd5, 0xc5, 0xb9, 0xf0, 0xc0, 0xbc]))).toBe('张桂兰');
  });

  test('quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","d ""e""",\r\n"x\ny",z')).toEqual([
      ['a', 'b,c', 'd "e"', ''],
      ['x\ny', 'z'],
    ]);
  });
});

describe('重点关爱 in one cell', () => {
  test('every flag read back as the export writes it, 艰苦边远地区 included; an unknown word is kept aside', () => {
    const all = {
      careAloneChildless: true,
      careDisability: '半失能' as const,
      careHardship: true,
      careEmptyNest: true,
      remote: true,
      remoteCity: '北京市',
      remoteArea: true,
    };
    expect(careText(all)).toBe('孤寡、半失能、生活困难、空巢、异地居住（北京市）、艰苦边远地区');
    expect(careOf(careText(all))).toEqual({ fields: all, unknown: [] });
    expect(careOf('艰苦边远地区，低保户')).toEqual({
      fields: {
        careAloneChildless: false,
        careDisability: null,
        careHardship: false,
        careEmptyNest: false,
        remote: false,
        remoteCity: null,
        remoteArea: true,
      },
      unknown: ['低保户'],
    });
  });
});
