// Visits, festival batches, death registration and the home page's reminders, on a real database
// with fixed dates.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ClaimFile } from '../src-main/contract/claims';
import { ListQuery } from '../src-main/contract/retirees';
import type { DeathFile, Reminders, Visit, VisitBatchView } from '../src-main/contract/visits';
import type { AppContext } from '../src-main/app/context';
import { createPerson } from '../src-main/retirees/persons';
import { DEFAULT_REMINDER_RULES } from '../src-main/shared/care';
import { addDays, birthdayIn, isMilestone, nextBirthday, reminders } from '../src-main/visits/reminders';
import { registerDeath } from '../src-main/visits/deaths';
import { createVisitBatch } from '../src-main/visits/visits';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const born = (name: string, birthDate: string, extra = {}) =>
  createPerson(ctx.store, person({ name, birthDate, ...extra }), { acceptWarnings: false });
const names = <T extends { name: string }>(xs: T[]) => xs.map((x) => x.name);

describe('birthdays', () => {
  test('the next birthday, the age turned, the days to wait; 29 February on 28 February in common years', () => {
    expect(nextBirthday('1946-11-28', '2026-11-28')).toEqual({ on: '2026-11-28', turning: 80, inDays: 0 });
    expect(nextBirthday('1946-11-27', '2026-11-28')).toEqual({ on: '2027-11-27', turning: 81, inDays: 364 });
    expect(birthdayIn('1944-02-29', 2025)).toBe('2025-02-28');
    expect(birthdayIn('1944-02-29', 2028)).toBe('2028-02-29');
    expect(nextBirthday('1946-02-29', '2026-02-01')).toEqual({ on: '2026-02-28', turning: 80, inDays: 27 });
    expect([80, 85, 100, 101, 117].map((a) => isMilestone(a, DEFAULT_REMINDER_RULES))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([79, 81, 99].map((a) => isMilestone(a, DEFAULT_REMINDER_RULES))).toEqual([false, false, false]);
  });

  test('milestone birthdays in the next 30 days: the boundary days, 29 February, over 100; not the deceased', () => {
    // 2029 is a common year: a 29 February birthday falls on 28 February.
    const today = '2029-02-01';
    born('今天八十', '1949-02-01');
    born('第三十天九十', '1939-03-03'); // 2029-03-03 is 30 days after 2029-02-01
    born('第三十一天八十五', '1944-03-04');
    born('闰日八十五', '1944-02-29');
    born('一百零一', '1928-02-10');
    born('八十一', '1948-02-10');
    const died = born('昨日病故', '1939-02-05');
    registerDeath(ctx.store, { personId: died.id, diedOn: '2029-01-31', reportedBy: '其女', note: null }, today);
    const list = reminders(ctx.store, today).birthdays;
    expect(list.map((b) => [b.name, b.on, b.turning, b.inDays])).toEqual([
      ['今天八十', '2029-02-01', 80, 0],
      ['一百零一', '2029-02-10', 101, 9],
      ['闰日八十五', '2029-02-28', 85, 27],
      ['第三十天九十', '2029-03-03', 90, 30],
    ]);
  });
});

describe('visits and reminders of contact', () => {
  test("a person's visits in time order; follow-ups due and overdue; done is done", async () => {
    const p = born('张桂兰', '1940-05-01');
    await call<Visit>('visits.create', {
      personId: p.id,
      kind: '日常走访',
      date: '2026-10-01',
      visitors: '李明',
      money: '0',
      followUpOn: '2026-11-20',
    });
    const later = await call<Visit>('visits.create', {
      personId: p.id,
      kind: '生病住院慰问',
      date: '2026-11-25',
      visitors: '李明、王组长',
      money: '500.00',
      items: '牛奶一箱',
      followUpOn: '2026-12-01',
    });
    expect(later).toMatchObject({ moneyFen: 50000, items: '牛奶一箱', personName: '张桂兰' });
    expect((await call<Visit[]>('visits.list', { personId: p.id })).map((v) => v.date)).toEqual([
      '2026-11-25',
      '2026-10-01',
    ]);
    const due = reminders(ctx.store, '2026-11-28').followUps;
    expect(due.map((f) => [f.followUpOn, f.overdue])).toEqual([
      ['2026-11-20', true],
      ['2026-12-01', false],
    ]);
    await call('visits.followUpDone', { id: due[0].visitId });
    expect(reminders(ctx.store, '2026-11-28').followUps).toHaveLength(1);
    expect((await refusal('visits.followUpDone', { id: due[0].visitId })).message).toContain('已于');
    expect((await refusal('visits.create', { personId: p.id, kind: '串门', date: '2026-11-25' })).code).toBe(
      'invalid_input',
    );
    expect(
      (
        await refusal('visits.create', {
          personId: p.id,
          kind: '日常走访',
          date: '2026-11-25',
          followUpOn: '2026-11-01',
        })
      ).message,
    ).toBe('回访日期不能早于走访日期');
  });

  test('not contacted for longer than the rule: 孤寡 and 失能 monthly, others quarterly, never contacted first', async () => {
    const alone = born('孤寡老人', '1935-01-01', { careAloneChildless: true });
    const disabled = born('失能老人', '1935-01-02', { careDisability: '失能' });
    const other = born('一般老人', '1935-01-03');
    born('从未联系', '1935-01-04');
    for (const p of [alone, disabled, other])
      await call('visits.create', { personId: p.id, kind: '电话问候', date: '2026-10-15' });
    // 44 days since the calls on 2026-11-28: past 30, not past 90.
    const list = reminders(ctx.store, '2026-11-28').notContacted;
    expect(list.map((x) => [x.name, x.lastContact, x.allowedDays])).toEqual([
      ['孤寡老人', '2026-10-15', 30],
      ['失能老人', '2026-10-15', 30],
      ['从未联系', null, 90],
    ]);
    await call('reminders.saveRules', {
      ...DEFAULT_REMINDER_RULES,
      contactDays: { aloneChildless: 60, disabled: 60, others: 30 },
    });
    expect(names(reminders(ctx.store, '2026-11-28').notContacted)).toEqual(['从未联系', '一般老人']);
  });

  test('a hospital stay (an inpatient invoice) without a visit since', async () => {
    const p = born('住院老人', '1940-03-01');
    const claim = await call<ClaimFile>('claims.create', {
      personId: p.id,
      receivedDate: '2026-11-20',
      lines: [
        {
          invoiceNo: 'Z1',
          hospital: '市中心医院',
          visitDate: '2026-11-10',
          kind: '住院',
          total: '3000',
          fund: '2000',
          account: '0',
          self: '1000',
        },
      ],
    });
    expect(claim.id).toBeGreaterThan(0);
    expect(reminders(ctx.store, '2026-11-28').hospital).toEqual([
      { personId: p.id, name: '住院老人', visitDate: '2026-11-10', hospital: '市中心医院' },
    ]);
    await call('visits.create', { personId: p.id, kind: '生病住院慰问', date: '2026-11-12' });
    expect(reminders(ctx.store, '2026-11-28').hospital).toEqual([]);
    // Long ago is not a reminder.
    expect(reminders(ctx.store, addDays('2026-11-10', 61)).hospital).toEqual([]);
  });
});

describe('festival batches', () => {
  test('one visit each for the people a list filter selects, on the roll only, with the sign-off sheet', async () => {
    born('八十二', '1944-01-01', { address: '和平区一号' });
    born('九十', '1936-01-01', { address: '铁西区二号' });
    born('七十', '1956-01-01');
    const died = born('已故九十五', '1931-01-01');
    registerDeath(ctx.store, { personId: died.id, diedOn: '2026-01-05', reportedBy: null, note: null }, '2026-11-28');
    const batch = await call<VisitBatchView>('visits.createBatch', {
      name: '2027年春节慰问',
      kind: '节日慰问',
      date: '2027-01-20',
      money: '300.00',
      items: '大米一袋',
      query: { minAge: 80, statuses: ['在册', '已故'] },
    });
    expect(batch).toMatchObject({ moneyFen: 30000, items: '大米一袋', kind: '节日慰问' });
    expect(batch.rows.map((r) => [r.name, r.address])).toEqual([
      ['八十二', '和平区一号'],
      ['九十', '铁西区二号'],
    ]);
    expect(ctx.store.raw.prepare("select count(*) n from visits where kind = '节日慰问'").get()).toEqual({ n: 2 });
    expect(() =>
      createVisitBatch(ctx.store, {
        name: '空',
        kind: '节日慰问',
        date: '2027-01-20',
        money: 0,
        items: null,
        visitors: null,
        query: ListQuery.parse({ minAge: 120 }),
      }),
    ).toThrow('按所选条件没有在册人员');
  });
});

describe('undoing the import of a file that has since gathered work', () => {
  test('is refused, and the visits stay', async () => {
    const { commitImport, prepareImport, undoImport } = await import('../src-main/importer/commit');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('花名册').addRows([
      ['姓名', '出生日期'],
      ['孙德华', new Date(Date.UTC(1940, 2, 1))],
    ]);
    const report = commitImport(ctx.store, await prepareImport(Buffer.from(await wb.xlsx.writeBuffer()), 'r.xlsx'));
    const personId = report.rows.find((r) => r.outcome === 'inserted')!.personId!;
    await call('visits.create', { personId, kind: '日常走访', date: '2026-11-01' });
    expect(() => undoImport(ctx.store, report.importId!)).toThrow('孙德华的档案已有走访记录，不能删除');
    expect(ctx.store.raw.prepare('select count(*) n from visits').get()).toEqual({ n: 1 });
  });
});

describe('death registration', () => {
  test('the person becomes 已故 with the date; the checklist is ticked off with dates, amounts and the operator', async () => {
    const p = born('刘建国', '1938-06-01');
    const d = await call<DeathFile>('deaths.register', {
      personId: p.id,
      diedOn: '2026-11-20',
      reportedBy: '其子刘强',
    });
    expect(d.tasks.map((t) => [t.task, t.doneOn])).toEqual([
      ['吊唁走访', null],
      ['唁函', null],
      ['丧葬补助金', null],
      ['一次性抚恤金', null],
      ['停发通知', null],
      ['党组织关系', null],
    ]);
    expect(await call('retirees.get', { id: p.id })).toMatchObject({ status: '已故', statusDate: '2026-11-20' });
    expect((await refusal('deaths.task', { personId: p.id, task: '丧葬补助金', doneOn: '2026-11-25' })).message).toBe(
      '请填写丧葬补助金的金额',
    );
    const paid = await call<DeathFile>('deaths.task', {
      personId: p.id,
      task: '丧葬补助金',
      doneOn: '2026-11-25',
      amount: '5,000.00',
    });
    expect(paid.tasks.find((t) => t.task === '丧葬补助金')).toEqual({
      task: '丧葬补助金',
      amountFen: 500000,
      doneOn: '2026-11-25',
      doneBy: '王干事',
      note: null,
    });
    expect(
      (await refusal('deaths.task', { personId: p.id, task: '丧葬补助金', doneOn: '2026-11-26', amount: '1' })).message,
    ).toContain('已于 2026-11-25 由 王干事 办理');
    expect((await refusal('deaths.register', { personId: p.id, diedOn: '2026-11-20' })).message).toBe(
      '刘建国的病故已登记',
    );
    const history = ctx.store.raw
      .prepare("select entity, reason from audit_log where person_id = ? and entity in ('person', 'death') order by id")
      .all(p.id);
    expect(history).toEqual([
      { entity: 'person', reason: null },
      { entity: 'person', reason: '病故登记' },
      { entity: 'death', reason: null },
      { entity: 'death', reason: null },
    ]);
    expect((await call<Reminders>('reminders.get', {})).notContacted.map((x) => x.personId)).not.toContain(p.id);
  });
});
