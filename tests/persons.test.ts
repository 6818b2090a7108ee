// A retiree's file on a real database: validation, the audit log, contacts, attachments, the list.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ListQuery } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { personHistory } from '../src-main/audit/audit';
import { addAttachment, readAttachment, removeAttachment } from '../src-main/retirees/attachments';
import { historyFor } from '../src-main/retirees/history';
import { listFilterOptions, listPersons, officeFigures } from '../src-main/retirees/list';
import { createPerson, getPerson, updatePerson } from '../src-main/retirees/persons';
import { UserError } from '../src-main/shared/errors';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person } from './helpers';

let ctx: AppContext;
const id = (first17: string) => first17 + checkCharacter(first17);
const ID = id('21010219521005122');
const ID_1936 = id('21010219360601123');
const count = (table: string) => (ctx.store.raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

describe('creating a file', () => {
  test('the ID number fills birth date and gender; a 15-digit one is upgraded', () => {
    const p = createPerson(ctx.store, person({ idNumber: '210102521005122' }), { acceptWarnings: false });
    expect(p).toMatchObject({ idNumber: ID, idFrom15: true, birthDate: '1952-10-05', gender: '女', reviewFlags: [] });
  });

  test('names lose the spaces used to align them, minority names keep their dot', () => {
    expect(createPerson(ctx.store, person({ name: ' 王　芳 ' }), { acceptWarnings: false }).name).toBe('王芳');
    expect(createPerson(ctx.store, person({ name: '阿依古丽·买买提' }), { acceptWarnings: false }).name).toBe(
      '阿依古丽·买买提',
    );
  });

  test('a malformed ID number is refused and nothing is written', () => {
    const e = refusal(() =>
      createPerson(ctx.store, person({ idNumber: '21010219500230123X' }), { acceptWarnings: false }),
    );
    expect(e.code).toBe('invalid_id');
    expect(e.message).toContain('不是有效日期');
    expect(count('persons')).toBe(0);
    expect(count('audit_log')).toBe(0);
  });

  test('a wrong check digit needs confirmation, then is kept as typed and flagged', () => {
    const wrong = `${ID.slice(0, 17)}0`;
    const e = refusal(() => createPerson(ctx.store, person({ idNumber: wrong }), { acceptWarnings: false }));
    expect(e.code).toBe('needs_confirmation');
    expect(count('persons')).toBe(0);
    const p = createPerson(ctx.store, person({ idNumber: wrong }), { acceptWarnings: true });
    expect(p.idNumber).toBe(wrong);
    expect(p.reviewFlags[0]).toContain('校验位不符');
    expect(listPersons(ctx.store, ListQuery.parse({ needsReview: true })).total).toBe(1);
    // Saving again with the same, already flagged number needs no second confirmation.
    expect(() =>
      updatePerson(ctx.store, p.id, p.version, person({ idNumber: wrong, note: '已电话核实' }), {
        acceptWarnings: false,
      }),
    ).not.toThrow();
  });

  test('review flags stay until cleared; a corrected ID number drops its own warning', () => {
    const wrong = `${ID.slice(0, 17)}0`;
    const lost = '身份证号被 Excel 存成了数字，末几位已丢失，须按原件补录';
    const p = createPerson(ctx.store, person({ idNumber: wrong, reviewFlags: [lost] }), { acceptWarnings: true });
    expect(p.reviewFlags).toEqual([lost, expect.stringContaining('校验位不符')]);
    const fixed = updatePerson(ctx.store, p.id, p.version, person({ idNumber: ID, reviewFlags: p.reviewFlags }), {
      acceptWarnings: false,
    });
    expect(fixed.reviewFlags).toEqual([lost]);
    const cleared = updatePerson(ctx.store, p.id, fixed.version, person({ idNumber: ID, reviewFlags: [] }), {
      acceptWarnings: false,
    });
    expect(cleared.reviewFlags).toEqual([]);
    expect(historyFor(ctx.store, p.id)[0].changes.map((c) => c.label)).toEqual(['待核实事项']);
  });

  test('a typed birth date that disagrees with the ID number needs confirmation', () => {
    const e = refusal(() =>
      createPerson(ctx.store, person({ idNumber: ID, birthDate: '1953-10-05' }), { acceptWarnings: false }),
    );
    expect(e.message).toContain('出生日期 1953-10-05 与身份证号中的 1952-10-05 不一致');
  });

  test('the same ID number cannot be registered twice', () => {
    createPerson(ctx.store, person({ idNumber: ID }), { acceptWarnings: false });
    const e = refusal(() =>
      createPerson(ctx.store, person({ name: '张贵兰', idNumber: ID.toLowerCase() }), { acceptWarnings: false }),
    );
    expect(e.message).toContain('已登记在“张桂兰”的档案中');
    expect(count('persons')).toBe(1);
  });

  test('a unit of the wrong kind is refused', () => {
    const e = refusal(() => createPerson(ctx.store, person({ partyBranchId: 999 }), { acceptWarnings: false }));
    expect(e.message).toContain('所选党支部不存在');
  });
});

describe('the audit log', () => {
  test('every change writes who, when, before and after', () => {
    const p = createPerson(ctx.store, person({ idNumber: ID, address: '兴华街 12 号' }), { acceptWarnings: false });
    const q = updatePerson(
      ctx.store,
      p.id,
      p.version,
      person({
        idNumber: ID,
        address: '卫工街 8 号',
        contacts: [{ name: '李建国', relation: '配偶', phones: [{ label: null, number: '13900001111' }] }],
      }),
      { acceptWarnings: false },
    );
    const rows = personHistory(ctx.store, p.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ operator: '王干事', entity: 'person', action: 'update' });
    expect(rows[0].changes.map((c) => c.field).sort()).toEqual(['address', 'contacts']);
    expect(rows[0].changes.find((c) => c.field === 'address')).toMatchObject({
      before: '兴华街 12 号',
      after: '卫工街 8 号',
    });
    const history = historyFor(ctx.store, p.id);
    // The history shows numbers masked (issue 18); the audit row keeps what was written.
    expect(history[0].changes.find((c) => c.label === '家属及联系人')?.after).toContain('李建国 （配偶） 139****1111');
    expect(JSON.stringify(rows[0].changes.find((c) => c.field === 'contacts')?.after)).toContain('13900001111');
    expect(history[1].what).toBe('建立档案');
    expect(q.contacts[0]).toMatchObject({ name: '李建国', relation: '配偶' });
    expect(q.version).toBe(2);
  });

  test('a stale version is refused: two people editing the same file', () => {
    const p = createPerson(ctx.store, person(), { acceptWarnings: false });
    updatePerson(ctx.store, p.id, p.version, person({ note: '一' }), { acceptWarnings: false });
    const e = refusal(() =>
      updatePerson(ctx.store, p.id, p.version, person({ note: '二' }), { acceptWarnings: false }),
    );
    expect(e.code).toBe('conflict');
    expect(getPerson(ctx.store, p.id).note).toBe('一');
  });

  test('attachments are stored, read back and removed with audit rows', () => {
    const p = createPerson(ctx.store, person(), { acceptWarnings: false });
    const data = Buffer.from('%PDF-1.4 scan of 离休证');
    const a = addAttachment(ctx.store, {
      personId: p.id,
      fileName: '离休证.pdf',
      mime: 'application/pdf',
      data,
      note: null,
    });
    expect(readAttachment(ctx.store, a.id).data.equals(data)).toBe(true);
    expect(getPerson(ctx.store, p.id).attachments).toHaveLength(1);
    removeAttachment(ctx.store, a.id, '重复上传');
    expect(count('attachment_data')).toBe(0);
    expect(historyFor(ctx.store, p.id).map((h) => h.what)).toEqual(['删除附件', '添加附件', '建立档案']);
    expect(historyFor(ctx.store, p.id)[0].reason).toBe('重复上传');
  });

  test('nothing is written before the operator is known', async () => {
    const blank = await freshContext({ configured: false });
    const e = refusal(() => createPerson(blank.store, person(), { acceptWarnings: false }));
    expect(e.code).toBe('not_configured');
    expect((blank.store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n).toBe(0);
    blank.close();
  });
});

describe('the list', () => {
  beforeEach(() => {
    const add = (fields: Parameters<typeof person>[0]) =>
      createPerson(ctx.store, person(fields), { acceptWarnings: false });
    add({
      name: '甲',
      birthDate: '1925-01-01',
      category: '离休',
      politicalStatus: '中共党员',
      careAloneChildless: true,
    });
    add({ name: '乙', birthDate: '1936-06-01', idNumber: ID_1936, area: '东区' });
    add({ name: '丙', birthDate: '1946-11', careDisability: '半失能' });
    add({ name: '丁', birthDate: '1950-01-01', status: '已故', statusDate: '2026-03-01' });
    add({ name: '戊', birthDate: '1960-01-01', category: '退职' });
  });
  const q = (fields: object) => listPersons(ctx.store, ListQuery.parse(fields), '2026-11-28');

  test('age bands, categories, status, care flags and party membership filter', () => {
    expect(q({ minAge: 100 }).rows.map((r) => r.name)).toEqual(['甲']);
    expect(q({ minAge: 80 }).total).toBe(3);
    expect(q({ minAge: 90 }).total).toBe(2);
    expect(q({ categories: ['离休', '退职'] }).total).toBe(2);
    expect(q({ statuses: ['已故'], statusDateFrom: '2026-01-01' }).rows.map((r) => r.name)).toEqual(['丁']);
    expect(q({ care: ['disabled'] }).rows.map((r) => r.name)).toEqual(['丙']);
    expect(q({ care: ['aloneChildless'] }).rows[0].careFlags).toEqual(['孤寡']);
    expect(q({ partyMember: true }).total).toBe(1);
    expect(q({ partyMember: false }).total).toBe(4);
    expect(q({ area: '东区' }).rows.map((r) => r.name)).toEqual(['乙']);
  });

  test('sorting by birth date pages through everyone once; ID numbers are masked', () => {
    const first = q({ sort: 'birthDate', pageSize: 2, page: 1 });
    const second = q({ sort: 'birthDate', pageSize: 2, page: 2 });
    const third = q({ sort: 'birthDate', pageSize: 2, page: 3 });
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.name)).toEqual(['甲', '乙', '丙', '丁', '戊']);
    expect(first.total).toBe(5);
    expect(first.rows[1].idNumberMasked).toBe(`210102********${ID_1936.slice(-4)}`);
    expect(q({ sort: 'birthDate', desc: true }).rows[0].name).toBe('戊');
  });

  test('the home page figures', () => {
    const f = officeFigures(ctx.store, '2026-11-28');
    expect(f.activeByCategory).toEqual({ 离休: 1, 退休: 2, 退职: 1 });
    expect(f.activeTotal).toBe(4);
    expect([f.over80, f.over90, f.over100]).toEqual([3, 2, 1]);
    expect(f.deathsThisYear).toBe(1);
    expect(listFilterOptions(ctx.store).areas).toEqual(['东区']);
  });

  test('the age of the deceased is their age at death', () => {
    expect(q({ q: '丁' }).rows[0].age).toEqual({ years: 76, approximate: false, atDeath: true });
  });
});
