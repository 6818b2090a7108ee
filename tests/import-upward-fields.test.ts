// The fields the upward tables count by (issue 19 item 5) from a roster as offices write it: headers
// the grammar knows without a list of them, a column of ranks under a header that says nothing,
// the common spellings of a rank, and a word that reads as nothing kept and flagged, never dropped.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { commitImport, prepareImport } from '../src-main/importer/commit';
import { rankOf } from '../src-main/importer/values';
import { createPerson, getPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person } from './helpers';

const id = (first17: string) => first17 + checkCharacter(first17);

let ctx: AppContext;

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('退休干部').addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function imported(rows: unknown[][], options = {}) {
  const prepared = await prepareImport(await workbook(rows), 'roster.xlsx');
  const report = commitImport(ctx.store, prepared, options);
  const byName = (name: string) => getPerson(ctx.store, report.rows.find((r) => r.name === name)!.personId!);
  return { prepared, report, byName };
}

describe('the upward tables’ fields in a roster', () => {
  beforeEach(async () => {
    ctx = await freshContext();
  });
  afterEach(() => ctx.close());

  test('headers no list has, ranks as offices spell them, 是/否 and 不计入, one rank that reads as none kept and flagged', async () => {
    const { prepared, byName } = await imported([
      ['姓名', '身份证号', '单位类型', '原 职级', '享受待遇', '待遇批准日期', '文号', '是否统计', '隶属\n层级'],
      [
        '张桂兰',
        id('21010219520305002'),
        '国有企业',
        '正处',
        '正县处级待遇',
        '2009-07-15',
        '辽组干〔2009〕12号',
        '是',
        '集团本部',
      ],
      ['李建国', id('21010219450101123'), '行政机关', '处级正职', null, null, null, '√', '二级单位'],
      ['王淑珍', id('21010219480312004'), '事业单位', '副处级', '副县处级待遇', '2011.03', null, '不计入', null],
      ['赵德明', id('21010219500607011'), '企业', '正科', null, null, null, '否', null],
      ['刘玉兰', id('21010219510808022'), '企业', '一般干部', null, null, null, 1, null],
      ['陈志强', id('21010219490909033'), '企业', '处级', null, null, null, 0, null],
    ]);
    const header = prepared.sheets[0].header!;
    expect(header.fields).toEqual([
      'name',
      'idNumber',
      'unitNature',
      'rank',
      'treatment',
      'treatmentApprovedOn',
      'treatmentApprovalNo',
      'counted',
      'level',
    ]);
    expect(header.reasons[3]).toBe('按表头：原职级');

    expect(byName('张桂兰')).toMatchObject({
      unitNature: '企业',
      rank: '正县处级',
      treatment: '正县处级待遇',
      treatmentApprovedOn: '2009-07-15',
      treatmentApprovalNo: '辽组干〔2009〕12号',
      counted: true,
      level: '集团本部',
      reviewFlags: [],
    });
    expect(byName('李建国')).toMatchObject({ unitNature: '机关', rank: '正县处级', counted: true, level: '二级单位' });
    expect(byName('王淑珍')).toMatchObject({
      unitNature: '事业',
      rank: '副县处级',
      treatmentApprovedOn: '2011-03',
      counted: false,
    });
    expect(byName('赵德明')).toMatchObject({ rank: '正乡科级', counted: false });
    expect(byName('刘玉兰')).toMatchObject({ rank: '科员办事员及其他', counted: true });

    // 处级 gives no grade: the rank stays empty, the word is kept in the notes and named in the flag.
    const unread = byName('陈志强');
    expect(unread).toMatchObject({ rank: null, counted: false, note: '原职级：处级' });
    expect(unread.reviewFlags).toEqual(['原职级“处级”无法识别，已记入备注']);
  });

  test('a column of ranks under a header that says nothing is 职级 by its values, 是/否 under 统计 is 统计标志', async () => {
    const { prepared, byName } = await imported([
      ['姓名', '身份证号', '备用一', '统计'],
      ['张桂兰', id('21010219520305002'), '正县级', '是'],
      ['李建国', id('21010219450101123'), '正局级', '否'],
      ['王淑珍', id('21010219480312004'), '副科', '是'],
      ['赵德明', id('21010219500607011'), '科员', '是'],
      ['刘玉兰', id('21010219510808022'), '正厅', '是'],
    ]);
    const header = prepared.sheets[0].header!;
    expect(header.fields).toEqual(['name', 'idNumber', 'rank', 'counted']);
    expect(header.reasons[2]).toBe('按内容判断：100% 为职级');
    expect(byName('张桂兰').rank).toBe('正县处级');
    expect(byName('李建国')).toMatchObject({ rank: '正厅局级', counted: false });
    expect(byName('王淑珍').rank).toBe('副乡科级');
    expect(byName('刘玉兰').rank).toBe('正厅局级');
  });

  test('unreadable 单位性质, 统计标志 and 批准时间: fields empty (统计标志 as a new file has it), words kept, flagged 待核实', async () => {
    const { byName } = await imported([
      ['姓名', '身份证号', '单位性质', '统计标志', '批准时间'],
      ['张桂兰', id('21010219520305002'), '合资', '待定', '九十年代'],
    ]);
    const p = byName('张桂兰');
    expect(p).toMatchObject({ unitNature: null, counted: true, treatmentApprovedOn: null });
    expect(p.note).toBe('单位性质：合资；统计标志：待定；批准时间：九十年代');
    expect(p.reviewFlags).toEqual([
      '单位性质“合资”无法识别，已记入备注',
      '统计标志“待定”无法识别，暂按计入统计导入，已记入备注',
      '批准时间“九十年代”无法识别，已记入备注',
    ]);
  });

  test('a roster without a 统计标志 column leaves a file’s 不计入 alone; one that says 不计入 sets it', async () => {
    const ID = id('21010219520305002');
    const existing = createPerson(ctx.store, person({ idNumber: ID, counted: false }), { acceptWarnings: false });
    await imported([
      ['姓名', '身份证号', '职级'],
      ['张桂兰', ID, '正处级'],
    ]);
    expect(getPerson(ctx.store, existing.id)).toMatchObject({ rank: '正县处级', counted: false });

    const other = createPerson(ctx.store, person({ name: '李建国', idNumber: id('21010219450101123') }), {
      acceptWarnings: false,
    });
    await imported(
      [
        ['姓名', '身份证号', '统计标志'],
        ['李建国', id('21010219450101123'), '否'],
      ],
      { duplicateMode: 'overwrite' },
    );
    expect(getPerson(ctx.store, other.id).counted).toBe(false);
  });
});

describe('a rank in the words offices use', () => {
  test.each([
    ['正处级', '正县处级'],
    ['正县级', '正县处级'],
    ['县处级正职', '正县处级'],
    ['副处', '副县处级'],
    ['正科级', '正乡科级'],
    ['副乡级', '副乡科级'],
    ['正局级', '正厅局级'],
    ['副厅', '副厅局级'],
    ['正部级', '正省部级'],
    ['省部级副职', '副省部级'],
    ['办事员', '科员办事员及其他'],
    ['无', '科员办事员及其他'],
    ['正处级干部', '正县处级'],
    ['处级', null],
    ['处长', null],
  ])('%s → %s', (word, rank) => {
    expect(rankOf(word)).toBe(rank);
  });
});
