// Issue 14, columns: a roster is read by the grammar of its headers and by the values under them,
// not by a word list. Headers the code never listed, or none at all, still give every person,
// every ID number and every status; what no field takes is kept in the notes and flagged 待核实;
// a mapping chosen for one sheet holds for every sheet with the same header, and is remembered.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ImportPreview, JobStatus } from '../src-main/contract/imports';
import { dispatch } from '../src-main/router';
import type { AppContext } from '../src-main/app/context';
import { commitImport, prepareImport } from '../src-main/importer/commit';
import { getPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext } from './helpers';

const id = (first17: string) => first17 + checkCharacter(first17);

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

async function book(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importBytes(bytes: Buffer, name: string) {
  return commitImport(ctx.store, await prepareImport(bytes, name));
}

interface Stored {
  name: string;
  id_number: string | null;
  gender: string | null;
  status: string;
  status_date: string | null;
  retirement_date: string | null;
  former_unit: string | null;
  address: string | null;
  phones: string;
  note: string | null;
  review_flags: string;
}
const stored = () => ctx.store.raw.prepare('SELECT * FROM persons ORDER BY id').all() as Stored[];
const byName = (name: string) => stored().find((p) => p.name === name)!;

describe('headers the code never listed, or none', () => {
  // Every header here is a spelling no list in the code ever had, or empty.
  const HEADER = [
    '',
    '职工姓名',
    '',
    '身份号码',
    '离退休年月',
    '退休单位',
    '现居住地',
    '',
    '是否健在',
    '已故时间',
    '爱好',
  ];
  const PEOPLE = [
    [
      1,
      '张桂兰',
      '女',
      id('21010219521005122'),
      '2007.10',
      '机修厂',
      '兴华街 12 号',
      '13840001234',
      '是',
      null,
      '书法',
    ],
    [
      2,
      '李建国',
      '男',
      id('21010219450101123'),
      '2005年1月',
      '焦化厂',
      '保工街 3 号',
      '0411-82345678',
      '否',
      '2019.03',
      null,
    ],
    [3, '王淑珍', '女', id('21010219480312004'), '2003-04', '供销处', '胜利路 8 号', '13900001111', '否', null, null],
    [
      4,
      '赵德明',
      '男',
      id('21010219500620001'),
      '2010年7月',
      '运输部',
      '和平里 5 号',
      '13700002222',
      '是',
      null,
      '钓鱼',
    ],
  ];

  test('every person, every ID number, every status; the column without a field is kept and flagged', async () => {
    const report = await importBytes(
      await book({ 花名册: [['红星厂离退休人员名册'], HEADER, ...PEOPLE] }),
      'never-listed.xlsx',
    );
    expect(report).toMatchObject({ dataRows: 4, inserted: 4, rejected: 0 });
    expect(report.sheets[0].fields).toEqual([
      'seq',
      'name',
      'gender',
      'idNumber',
      'retirementDate',
      'formerUnit',
      'address',
      'phone',
      'alive',
      'deathDate',
      null,
    ]);

    expect(stored().map((p) => [p.name, p.id_number, p.gender, p.status, p.status_date])).toEqual([
      ['张桂兰', id('21010219521005122'), '女', '在册', null],
      ['李建国', id('21010219450101123'), '男', '已故', '2019-03'],
      ['王淑珍', id('21010219480312004'), '女', '已故', null],
      ['赵德明', id('21010219500620001'), '男', '在册', null],
    ]);
    expect(byName('张桂兰')).toMatchObject({
      retirement_date: '2007-10',
      former_unit: '机修厂',
      address: '兴华街 12 号',
      phones: JSON.stringify([{ label: null, number: '13840001234' }]),
    });
    expect(byName('李建国').phones).toContain('0411-82345678');
    // 爱好 is no field: kept in the notes, and the person is flagged 待核实; a row where it is empty is not.
    expect(byName('张桂兰').note).toBe('爱好：书法');
    expect(JSON.parse(byName('张桂兰').review_flags)).toEqual(['“爱好”一列没有对应的字段，内容已记入备注，请核实']);
    expect(JSON.parse(byName('李建国').review_flags)).toEqual([]);
    expect(report.needsReview).toBe(2);
  });

  test('a header row with no labels at all: the values place every column', async () => {
    const blank = HEADER.map(() => null);
    const report = await importBytes(
      await book({
        名单: [['2013年离退休人员名单'], blank, ...PEOPLE.map((p) => p.slice(0, 4).concat([null, null, null, p[7]]))],
      }),
      'blank.xlsx',
    );
    expect(report).toMatchObject({ dataRows: 4, inserted: 4, rejected: 0, needsReview: 0 });
    expect(report.sheets[0].fields).toEqual(['seq', 'name', 'gender', 'idNumber', null, null, null, 'phone']);
    expect(report.sheets[0].reasons?.[3]).toBe('按内容判断：100% 为身份证号');
    expect(stored().map((p) => [p.name, p.id_number, p.gender])).toEqual(PEOPLE.map((p) => [p[1], p[3], p[2]]));
  });

  test('no header row at all: the data starts on the first row', async () => {
    const report = await importBytes(await book({ Sheet1: PEOPLE.map((p) => [p[1], p[3], p[7]]) }), 'headless.xlsx');
    expect(report).toMatchObject({ dataRows: 4, inserted: 4 });
    expect(stored().map((p) => p.id_number)).toEqual(PEOPLE.map((p) => p[3]));
  });
});

describe('the ID column found by its values', () => {
  test('700 people whose ID column has no header: every ID number imported, and nobody without one goes unflagged', async () => {
    const rows: unknown[][] = [['序号', '姓名', '性别', '出生年月', null, '原单位']];
    const surnames = '王李张刘陈杨黄赵吴周';
    for (let i = 0; i < 700; i++) {
      const born = `19${40 + (i % 20)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
      const first17 = `210102${born}${String(100 + i).slice(-3)}`;
      const idText = i === 13 ? '2101021950' : i === 14 ? null : id(first17);
      rows.push([
        i + 1,
        `${surnames[i % 10]}${'德国建华淑桂'[i % 6]}${'兰明芳强英伟'[Math.floor(i / 6) % 6]}`,
        Number(first17[16]) % 2 ? '男' : '女',
        `${born.slice(0, 4)}.${born.slice(4, 6)}`,
        idText,
        '机修厂',
      ]);
    }
    const report = await importBytes(await book({ 花名册: rows }), '700.xlsx');
    expect(report).toMatchObject({ dataRows: 700, inserted: 700, rejected: 0 });
    expect(report.sheets[0].fields?.[4]).toBe('idNumber');
    expect(report.sheets[0].reasons?.[4]).toMatch(/^按内容判断：99% 为身份证号$/);
    const people = stored();
    expect(people.filter((p) => p.id_number !== null)).toHaveLength(698);
    // A half number and an empty cell: both flagged 待核实, nobody without an ID goes unflagged.
    expect(people.filter((p) => p.id_number === null && JSON.parse(p.review_flags).length === 0)).toEqual([]);
    expect(JSON.parse(people[13].review_flags)[0]).toContain('身份证号“2101021950”无效');
    expect(JSON.parse(people[14].review_flags)).toEqual(['身份证号为空，请补录']);
  });

  test('a column headed as the ID number that holds none loses to the column that holds them', async () => {
    const report = await importBytes(
      await book({
        名单: [
          ['姓名', '身份证号', '社保编号'],
          ['张桂兰', '见档案', id('21010219521005122')],
          ['李建国', '见档案', id('21010219450101123')],
        ],
      }),
      'misplaced.xlsx',
    );
    expect(report.sheets[0].fields).toEqual(['name', null, 'idNumber']);
    expect(report.sheets[0].reasons?.[1]).toContain('但内容只有 0% 是身份证号');
    expect(stored().map((p) => [p.id_number, p.note])).toEqual([
      [id('21010219521005122'), '身份证号：见档案'],
      [id('21010219450101123'), '身份证号：见档案'],
    ]);
  });
});

describe('map once', () => {
  async function call<T>(method: string, input: unknown): Promise<T> {
    const r = await dispatch(ctx, method, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  }
  const open = (name: string, bytes: Buffer) =>
    call<ImportPreview>('imports.open', { fileName: name, dataBase64: bytes.toString('base64') });

  test('离退休年月 on three sheets is recognised on each; a column chosen on one sheet holds for all three, and for the next file', async () => {
    const header = ['姓名', '身份证号', '离退休年月', '到龄时间'];
    const sheet = (n: number) => [header, [`王${'一二三'[n]}`, id(`2101021950010${n}12`), '2007.10', '2010-03']];
    const bytes = await book({ 离休: sheet(0), 退休: sheet(1), 退职: sheet(2) });
    const p = await open('three.xlsx', bytes);
    expect(p.sheets.map((s) => s.header?.fields)).toEqual(Array(3).fill(['name', 'idNumber', 'retirementDate', null]));
    expect(p.sheets[0].header?.reasons.slice(2)).toEqual([
      '按表头：离退休年月',
      '内容 100% 为日期，但无法判断是哪一项：请指定，否则记入备注并标为待核实',
    ]);

    // 到龄时间 is the retirement date here: said once, for the first sheet.
    const mapped = await call<ImportPreview>('imports.setFields', {
      session: p.session,
      sheet: '离休',
      fields: ['name', 'idNumber', 'note', 'retirementDate'],
    });
    expect(mapped.sheets.map((s) => s.header?.fields)).toEqual(
      Array(3).fill(['name', 'idNumber', 'note', 'retirementDate']),
    );
    expect(mapped.sheets[2].header?.reasons[3]).toBe('按所选（与“离休”表头相同）：离退休时间');
    const done = await ctx.jobs.settled((await call<JobStatus>('imports.commit', { session: p.session })).id);
    expect(done?.state).toBe('done');
    expect(stored().map((x) => x.retirement_date)).toEqual(['2010-03', '2010-03', '2010-03']);

    // Another file with that header: the mapping is remembered.
    const again = await open('next-year.xlsx', await book({ 名单: sheet(0) }));
    expect(again.sheets[0].header?.fields).toEqual(['name', 'idNumber', 'note', 'retirementDate']);
    expect(again.sheets[0].header?.reasons[3]).toBe('按上次导入时确认的对应：离退休时间');
  });
});

test('a person whose 已故时间 is given is 已故 with that date; 是否健在 否 without a date is 已故 with none', async () => {
  const report = await importBytes(
    await book({
      名单: [
        ['姓名', '身份证号', '去世时间', '是否健在'],
        ['张桂兰', id('21010219521005122'), '2019年3月12日', null],
        ['李建国', id('21010219450101123'), null, '否'],
        ['王淑珍', id('21010219480312004'), null, '是'],
      ],
    }),
    'status.xlsx',
  );
  expect(report.inserted).toBe(3);
  expect(stored().map((p) => [p.status, p.status_date])).toEqual([
    ['已故', '2019-03-12'],
    ['已故', null],
    ['在册', null],
  ]);
  expect(getPerson(ctx.store, report.rows[1].personId!).reviewFlags).toEqual([]);
});
