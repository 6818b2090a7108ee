// The home page (issue 19 item 7) on a real database with fixed dates: the reminders grouped and
// ordered so that 509 people overdue for certification and 270 not contacted do not drown a
// petition due today or a birthday; this year's deaths and the roll by age band, as the 统计 page
// counts them.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { PetitionInput } from '../src-main/contract/petitions';
import type { ReminderGroup, ReminderPage } from '../src-main/contract/visits';
import { VisitInput } from '../src-main/contract/visits';
import { createPetition } from '../src-main/petitions/petitions';
import { createPerson, getPerson, inputOf, updatePerson } from '../src-main/retirees/persons';
import { officeFigures } from '../src-main/retirees/list';
import { homeFigures } from '../src-main/statistics/home';
import { statisticsFigures } from '../src-main/statistics/roll';
import { registerDeath } from '../src-main/visits/deaths';
import { FIRST_ITEMS, REMINDER_PAGE, reminderGroupPage, reminderGroups } from '../src-main/home/reminderGroups';
import { createVisit } from '../src-main/visits/visits';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call } = router(() => ctx);

const born = (name: string, birthDate: string, extra = {}) =>
  createPerson(ctx.store, person({ name, birthDate, ...extra }), { acceptWarnings: false });
const kinds = (groups: ReminderGroup[]) => groups.map((g) => g.kind);
const group = (groups: ReminderGroup[], kind: ReminderGroup['kind']) => groups.find((g) => g.kind === kind)!;

const TODAY = '2026-11-28';

/** An office of 509 people never certified, 270 of them never visited either. */
function crowdedOffice() {
  ctx.store.tx(() => {
    for (let i = 0; i < 509; i++) {
      const p = born(`成员${String(i).padStart(3, '0')}`, '1950-05-05');
      if (i >= 270) createVisit(ctx.store, VisitInput.parse({ personId: p.id, kind: '日常走访', date: '2026-11-20' }));
    }
  });
}

function petitionReceived(receivedOn: string, petitioner: string) {
  return createPetition(
    ctx.store,
    PetitionInput.parse({ receivedOn, channel: '来信', petitioner, subject: '医药费报销', content: '询问报销进度' }),
    TODAY,
  );
}

describe('the reminders grouped, the most urgent first', () => {
  test('a petition due today and a birthday stay on top of 509 certifications and 270 not contacted', async () => {
    crowdedOffice();
    // Received 15 days ago: whether it is accepted must be told today (信访工作条例 第三十二条).
    const due = petitionReceived('2026-11-13', '周淑芬');
    const eighty = born('寿星李', '1946-12-01'); // 80 in three days
    createVisit(ctx.store, VisitInput.parse({ personId: eighty.id, kind: '日常走访', date: '2026-11-20' }));

    const groups = reminderGroups(ctx.store, TODAY);
    expect(kinds(groups)).toEqual([
      'petitions',
      'birthdays',
      'certifications',
      'notContacted',
      'followUps',
      'hospital',
      'inHospital',
      'deathBenefits',
      'survivorChecks',
      'adjustments',
      'workPlan',
    ]);
    expect(group(groups, 'petitions')).toMatchObject({
      count: 1,
      urgent: 1,
      mass: false,
      items: [
        {
          name: `第 ${due.id} 号：周淑芬`,
          detail: '应于 2026-11-28 前告知是否受理（今天到期）',
          href: `#/petitions/${due.id}`,
          urgent: true,
        },
      ],
    });
    expect(group(groups, 'birthdays')).toMatchObject({
      count: 1,
      urgent: 0,
      items: [{ name: '寿星李', detail: '2026年12月1日 80 岁（3 天后）', href: `#/people/${eighty.id}` }],
      action: { label: '打印生日贺信（1 封）', href: `#/print/letters?kind=birthday&people=${eighty.id}` },
    });
    // The mass lists: their count, and only their first names until opened.
    const certs = group(groups, 'certifications');
    expect(certs).toMatchObject({ title: '2026 年度资格认证超期', count: 510, mass: true });
    expect(certs.items.map((i) => i.name)).toEqual(['成员000', '成员001', '成员002', '成员003', '成员004']);
    expect(certs.items).toHaveLength(FIRST_ITEMS);
    expect(group(groups, 'notContacted')).toMatchObject({ count: 270, mass: true });
    expect(group(groups, 'notContacted').items).toHaveLength(FIRST_ITEMS);
    // Nothing to do: last, with what they say.
    expect(group(groups, 'followUps')).toMatchObject({ count: 0, items: [], empty: '没有到期的回访。' });
    expect(group(groups, 'adjustments').empty).toBe('本年度尚未导入调资名单。');

    // Opened, a group is read a page at a time: 510 is ten full pages and 10 on the eleventh.
    const last = reminderGroupPage(ctx.store, 'certifications', 11, TODAY);
    expect(last).toMatchObject({ total: 510, page: 11, pageSize: REMINDER_PAGE });
    expect(last.items.map((i) => i.name)).toEqual([...Array.from({ length: 9 }, (_, i) => `成员${500 + i}`), '寿星李']);
    // Through the router, as the home page asks.
    const viaRouter = await call<ReminderGroup[]>('reminders.groups', {});
    expect(viaRouter.length).toBe(11);
    expect((await call<ReminderPage>('reminders.group', { kind: 'notContacted', page: 6 })).items).toHaveLength(20);
  });

  test('a birthday today comes before a petition due in three days; overdue follow-ups before both', () => {
    crowdedOffice();
    petitionReceived('2026-11-16', '赵明'); // to be answered by 2026-12-01
    const today = born('今日九十', '1936-11-28');
    let groups = reminderGroups(ctx.store, TODAY);
    expect(kinds(groups).slice(0, 4)).toEqual(['birthdays', 'petitions', 'certifications', 'notContacted']);
    expect(group(groups, 'birthdays').items[0]).toMatchObject({ name: '今日九十', urgent: true });
    expect(group(groups, 'petitions')).toMatchObject({ count: 1, urgent: 0 });
    expect(group(groups, 'petitions').items[0].detail).toBe('应于 2026-12-01 前告知是否受理');

    // A follow-up agreed for yesterday: overdue, it joins the urgent groups in its place.
    createVisit(
      ctx.store,
      VisitInput.parse({ personId: today.id, kind: '生病住院慰问', date: '2026-11-01', followUpOn: '2026-11-27' }),
    );
    groups = reminderGroups(ctx.store, TODAY);
    expect(kinds(groups).slice(0, 3)).toEqual(['birthdays', 'followUps', 'petitions']);
    expect(group(groups, 'followUps').items[0]).toMatchObject({
      name: '今日九十',
      detail: '生病住院慰问，约定 2026-11-27（已过期）',
      urgent: true,
    });
    // A petition more than three days from its limit is not a reminder yet.
    expect(reminderGroupPage(ctx.store, 'petitions', 1, '2026-11-27').total).toBe(0);
  });
});

describe("this year's deaths and the roll today", () => {
  const deathsOffice = () => {
    const die = (name: string, birthDate: string, diedOn: string, category = '退休') => {
      const p = born(name, birthDate, { category });
      registerDeath(ctx.store, { personId: p.id, diedOn, reportedBy: null, note: null }, '2027-01-05');
      return p;
    };
    const lastYear = die('去年除夕', '1930-03-01', '2025-12-31');
    const newYear = die('元旦', '1940-06-01', '2026-01-01', '离休');
    const july = die('七月', '1931-07-20', '2026-07-19');
    const yearEnd = die('岁末', '1925-12-31', '2026-12-31', '退职');
    const nextYear = die('次年元旦', '1944-01-01', '2027-01-01');
    born('在册九十', '1936-01-10');
    born('在册七十', '1955-01-10', { category: '离休' });
    born('只知年月', '1946-12', { category: '退职' }); // 80 from 1 December 2026, as its first day counts
    born('尚未退休', '1966-02-01', { retirementDate: '2027-03-01' });
    const moved = born('迁走', '1950-02-01');
    const file = getPerson(ctx.store, moved.id);
    updatePerson(
      ctx.store,
      moved.id,
      file.version,
      { ...inputOf(file), status: '迁出', statusDate: '2026-05-01' },
      {
        acceptWarnings: true,
      },
    );
    return { lastYear, newYear, july, yearEnd, nextYear };
  };

  test("a death on 1 January of next year is not in this year's list; the year's first day is", () => {
    const d = deathsOffice();
    const home = homeFigures(ctx.store, '2026-12-31');
    expect(home.deaths).toEqual([
      {
        personId: d.yearEnd.id,
        name: '岁末',
        category: '退职',
        diedOn: '2026-12-31',
        age: { years: 101, approximate: false, atDeath: true },
      },
      {
        personId: d.july.id,
        name: '七月',
        category: '退休',
        diedOn: '2026-07-19',
        age: { years: 94, approximate: false, atDeath: true },
      },
      {
        personId: d.newYear.id,
        name: '元旦',
        category: '离休',
        diedOn: '2026-01-01',
        age: { years: 85, approximate: false, atDeath: true },
      },
    ]);
    expect(home.deathsByMonth.map((m) => m.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    // The home page's figure of the year's deaths counts the same three (it read every date from 1 January on).
    expect(officeFigures(ctx.store, '2026-12-31').deathsThisYear).toBe(3);
    // On the first day of the next year, its list starts afresh.
    const next = homeFigures(ctx.store, '2027-01-01');
    expect(next.deaths.map((x) => x.name)).toEqual(['次年元旦']);
    expect(next.deathsByMonth).toEqual([{ month: 1, count: 1 }]);
    // Mid-year, only the months so far.
    expect(homeFigures(ctx.store, '2026-07-19').deathsByMonth.map((m) => m.count)).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  test('the roll by age band and category agrees with the 统计 page as of the same day', () => {
    deathsOffice();
    for (const day of ['2026-12-31', '2026-12-01', '2026-11-30', '2026-06-30', '2027-01-01', '2027-03-01']) {
      const home = homeFigures(ctx.store, day);
      const stats = statisticsFigures(ctx.store, day);
      expect(Object.fromEntries(home.ageBands.map((b) => [b.band, b.合计]))).toEqual(stats.ageBands);
      for (const c of ['离休', '退休', '退职'] as const)
        expect(home.ageBands.reduce((n, b) => n + b[c], 0)).toBe(stats.onRoll[c]);
      expect(home.deaths.length).toBe(stats.died.合计);
    }
    // Written out for 31 December 2026: the one who dies on 1 January is still on the roll, at 82;
    // the one retiring in March 2027 is not yet.
    const bands = homeFigures(ctx.store, '2026-12-31').ageBands.filter((b) => b.合计 > 0);
    expect(bands).toEqual([
      { band: '70–79岁', 离休: 1, 退休: 0, 退职: 0, 合计: 1 },
      { band: '80–89岁', 离休: 0, 退休: 1, 退职: 1, 合计: 2 },
      { band: '90–99岁', 离休: 0, 退休: 1, 退职: 0, 合计: 1 },
    ]);
  });
});

describe('survivors’ yearly check', () => {
  test('those receiving the allowance and not checked this year are listed; overdue for more than a year first and urgent', async () => {
    await call('survivors.saveStandard', { amount: '500', fromMonth: '2024-01', toMonth: null });
    const dead = born('刘建国', '1940-05-01');
    registerDeath(ctx.store, { personId: dead.id, diedOn: '2024-12-10', reportedBy: null, note: null });
    const id = (first17: string) => first17 + checkCharacter(first17);
    const make = (name: string, idNumber: string, startMonth: string) =>
      call<{ id: number }>('survivors.create', {
        deceasedId: dead.id,
        survivor: { name, relation: '子女', idNumber },
        startMonth,
      });
    const old = await make('刘大明', id('37010219800101013'), '2025-01');
    const recent = await make('刘小明', id('37010220120701011'), '2026-09');
    const checked = await make('刘二明', id('37010219820101015'), '2025-01');
    await call('survivors.check', { survivorId: checked.id, checkedOn: '2026-03-02', method: '上门' });

    const g = group(reminderGroups(ctx.store, TODAY), 'survivorChecks');
    expect(g).toMatchObject({ title: '2026 年度遗属资格认证', count: 2, urgent: 1, mass: false });
    expect(g.items).toEqual([
      {
        key: `v${old.id}`,
        name: '刘大明',
        detail: '刘建国的遗属，从未认证，超过 12 个月未认证',
        href: `#/visits?tab=survivors&survivor=${old.id}`,
        urgent: true,
      },
      {
        key: `v${recent.id}`,
        name: '刘小明',
        detail: '刘建国的遗属，从未认证',
        href: `#/visits?tab=survivors&survivor=${recent.id}`,
        urgent: false,
      },
    ]);
  });
});
