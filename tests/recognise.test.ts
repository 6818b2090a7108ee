// The column recogniser (src-main/importer/recognise.ts, grammar.ts): labels by the grammar of
// their parts, then the values' votes, each choice with the reason the mapping step shows.
import { describe, expect, test } from 'vitest';
import { ADJUSTMENT, LEDGER, ROSTER } from '../src-main/importer/grammar';
import { conceptOf, fieldOfLabel, recogniseColumns, sampleColumns, teach } from '../src-main/importer/recognise';
import type { CellValue } from '../src-main/spreadsheet/cells';
import { checkCharacter } from '../src-main/shared/idNumber';
import { UserError } from '../src-main/shared/errors';

const id = (first17: string) => first17 + checkCharacter(first17);

/** The fields and reasons of a table given as its header row and data rows. */
function recognise(
  grammar: typeof ROSTER | typeof LEDGER | typeof ADJUSTMENT,
  rows: CellValue[][],
  map?: Record<string, string | null>,
) {
  const [labels, ...data] = rows;
  const width = Math.max(...rows.map((r) => r.length));
  const taught = map ? teach(grammar as typeof ROSTER, map, '按指定的对应') : undefined;
  return recogniseColumns(grammar as typeof ROSTER, labels, sampleColumns(data, 0, width), {
    taught,
    alignedRows: data,
  }).map((c) => [c.field, c.reason]);
}

describe('labels, normalised', () => {
  test.each([
    ['姓  名', '姓名'],
    ['出生\n日期', '出生日期'],
    ['身份证号码（18位）', '身份证号码'],
    ['调整前养老金（元）', '调整前养老金'],
    ['出生年月(YYYY.MM)', '出生年月'],
    ['１、姓名', '姓名'],
    ['联系电话：', '联系电话'],
    ['干部/工人', '干部工人'],
    ['原单位（部门）', '原单位部门'],
    ['No.', 'no'],
  ])('%j → %s', (label, concept) => {
    expect(conceptOf(label)).toBe(concept);
  });
});

describe('the roster grammar', () => {
  test.each([
    // Spellings no list in the code ever had.
    ['职工姓名', 'name'],
    ['离退休人员姓名', 'name'],
    ['证件号', 'idNumber'],
    ['身份号码', 'idNumber'],
    ['公民身份号码', 'idNumber'],
    ['身份证件号码', 'idNumber'],
    ['离退休年月', 'retirementDate'],
    ['离休时间', 'retirementDate'],
    ['退职日期', 'retirementDate'],
    ['出生年月（YYYY.MM）', 'birthDate'],
    ['出生', 'birthDate'],
    ['已故时间', 'deathDate'],
    ['病故日期', 'deathDate'],
    ['是否健在', 'alive'],
    ['是否已故', 'alive'],
    ['现居住地', 'address'],
    ['居住地址', 'address'],
    ['现住址', 'address'],
    ['退休单位', 'formerUnit'],
    ['原单位', 'formerUnit'],
    ['原工作单位', 'formerUnit'],
    ['离退休人员类别', 'category'],
    ['人员类别', 'category'],
    ['身份', 'staffType'],
    ['本人电话', 'phone'],
    ['手机号码', 'phone'],
    ['是否党员', 'party'],
    ['缴费年限（年）', 'contributionYears'],
    ['人员状态', 'status'],
    ['迁出日期', 'statusDate'],
    ['银行卡号', 'bankAccount'],
    ['No.', 'seq'],
    // What must not be taken for something it is not.
    ['配偶姓名', null],
    ['联系人电话', null],
    ['出生地', null],
    ['编号', null],
    ['爱好', null],
  ])('%s → %s', (label, field) => {
    expect(fieldOfLabel(ROSTER, label)).toBe(field);
  });

  test('原 is taken off only where the label does not mean it: 原养老金 is the old pension, 原职务 the position', () => {
    expect(fieldOfLabel(ADJUSTMENT, '原养老金')).toBe('old');
    expect(fieldOfLabel(ROSTER, '原职务')).toBe('formerPosition');
    expect(fieldOfLabel(LEDGER, '现金支付')).toBe('self');
  });

  test.each([
    ['就诊类型', 'kind'],
    ['报销类别', 'kind'],
    ['证件号码', 'idNumber'],
    ['发票号码', 'invoiceNo'],
    ['可报销金额', 'eligible'],
    ['实际报销金额', 'paid'],
    ['统筹基金支付', 'fund'],
    ['个人账户支付', 'account'],
    ['总金额（元）', 'total'],
  ])('ledger: %s → %s', (label, field) => {
    expect(fieldOfLabel(LEDGER, label)).toBe(field);
  });

  test.each([
    ['调整前（元）', 'old'],
    ['调整后月基本养老金', 'new'],
    ['本次调整金额', 'increase'],
    ['社会保障号码', 'idNumber'],
  ])('adjustment list: %s → %s', (label, field) => {
    expect(fieldOfLabel(ADJUSTMENT, label)).toBe(field);
  });
});

describe('the values vote', () => {
  const A = id('21010219521005122');
  const B = id('21010219450101123');
  const C = id('21010219480312004');

  test('every column of a roster without labels, each with its reason', () => {
    expect(
      recognise(ROSTER, [
        [null, null, null, null, null, null, null, null, null],
        [1, '张桂兰', '女', A, '1952-10-05', '退休', '13840001234', '中共党员', '是'],
        [2, '李建国', '男', B, '1945.01', '离休', '0411-82345678', '群众', '否'],
        [3, '王淑珍', '女', C, '19480312', '退职', '13900001111', '群众', '是'],
      ]),
    ).toEqual([
      ['seq', '按内容判断：100% 为从 1 起连续的序号'],
      ['name', '按内容判断：100% 为姓名'],
      ['gender', '按内容判断：100% 为性别（男/女）'],
      ['idNumber', '按内容判断：100% 为身份证号'],
      ['birthDate', '按内容判断：100% 与身份证号中的出生日期一致'],
      ['category', '按内容判断：100% 为离休/退休/退职'],
      ['phone', '按内容判断：100% 为电话号码'],
      ['party', '按内容判断：100% 为政治面貌'],
      [null, '未能识别：内容记入备注，标为待核实'],
    ]);
  });

  test('是/否 is party membership under 党员, whether alive under 健在, and nothing under a label that says neither', () => {
    const rows = (label: string) => [[label], ['是'], ['否']];
    expect(recognise(ROSTER, rows('党员否'))[0][0]).toBe('party');
    expect(recognise(ROSTER, rows('健在情况'))[0][0]).toBe('alive');
    expect(recognise(ROSTER, rows('享受补贴'))[0]).toEqual([null, '未能识别：内容记入备注，标为待核实']);
  });

  test('ID numbers take the ID column whatever its header says; a header that says so and holds them keeps it', () => {
    expect(
      recognise(ROSTER, [
        ['姓名', '出生日期'],
        ['张桂兰', A],
        ['李建国', B],
      ]),
    ).toEqual([
      ['name', '按表头：姓名'],
      ['idNumber', '按内容判断：100% 为身份证号'],
    ]);
    expect(
      recognise(ROSTER, [
        ['姓名', '身份证号', '备用证件'],
        ['张桂兰', A, B],
        ['李建国', B, A],
      ]).map((c) => c[0]),
    ).toEqual(['name', 'idNumber', null]);
  });

  test('a date column that is not the birth date is shown as a date no field was sure of', () => {
    expect(
      recognise(ROSTER, [
        ['姓名', '身份证号', '入党时间X'],
        ['张桂兰', A, '1975-07-01'],
        ['李建国', B, '1980-07-01'],
      ])[2],
    ).toEqual([null, '内容 100% 为日期，但无法判断是哪一项：请指定，否则记入备注并标为待核实']);
  });

  test('a second phone column is a phone too; a second name column is kept in the notes', () => {
    expect(
      recognise(ROSTER, [
        ['姓名', '电话', '手机', '名字'],
        ['张桂兰', '0411-82345678', '13840001234', '张桂兰'],
      ]),
    ).toEqual([
      ['name', '按表头：姓名'],
      ['phone', '按表头：电话'],
      ['phone', '按表头：手机'],
      [null, '按表头：名字，但“姓名”已对应姓名'],
    ]);
  });

  test('编号 is a 序号 only when it counts 1, 2, 3', () => {
    expect(
      recognise(ROSTER, [
        ['编号', '姓名'],
        [1, '张桂兰'],
        [2, '李建国'],
      ])[0],
    ).toEqual(['seq', '按表头：编号，且内容 100% 为从 1 起连续的序号']);
    expect(
      recognise(ROSTER, [
        ['编号', '姓名'],
        ['A0317', '张桂兰'],
        ['A0422', '李建国'],
      ])[0][0],
    ).toBeNull();
  });

  test('the ledger kind column by its values', () => {
    expect(
      recognise(LEDGER, [
        ['姓名', '险种'],
        ['张桂兰', '门诊'],
        ['李建国', '住院'],
      ])[1],
    ).toEqual(['kind', '按内容判断：100% 为门诊/住院/特殊病种/药店']);
  });
});

describe('taught', () => {
  test('--map: by label or by 第N列, by the field name or its Chinese name, null for none; it stands over the grammar and the values', () => {
    expect(
      recognise(
        ROSTER,
        [
          ['姓名', '到龄时间', null, '电话'],
          ['张桂兰', '2010-03', id('21010219521005122'), '13840001234'],
        ],
        { 到龄时间: 'retirementDate', 第3列: '身份证号', 电话: null },
      ),
    ).toEqual([
      ['name', '按表头：姓名'],
      ['retirementDate', '按指定的对应：离退休时间'],
      ['idNumber', '按指定的对应：身份证号'],
      [null, '按指定的对应：不对应字段'],
    ]);
  });

  test('a name that is no field is refused, naming the fields there are', () => {
    expect(() => teach(ROSTER, { 到龄时间: '退休日子' }, 'x', '--map')).toThrow(UserError);
    expect(() => teach(ROSTER, { 到龄时间: '退休日子' }, 'x', '--map')).toThrow(
      /--map中“到龄时间”对应的“退休日子”不是可导入的字段；可用的字段：seq（序号（不导入））、name（姓名）/,
    );
  });
});
