// Hospital stays (住院登记) and visits that say what happened (issue 20 items 1 and 6), on a real
// database with fixed dates: a stay registered, visited, discharged and followed up; bad input
// refused with nothing saved; an unanswered call that is not contact; the visit report and its .xlsx.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { Stay, StayBoard, VisitReport } from '../src-main/contract/stays';
import type { ReminderGroup, Visit } from '../src-main/contract/visits';
import { reminderGroupPage, reminderGroups } from '../src-main/home/reminderGroups';
import { createUnit } from '../src-main/org/units';
import { createPerson } from '../src-main/retirees/persons';
import { DEFAULT_REMINDER_RULES } from '../src-main/shared/care';
import { registerDeath } from '../src-main/visits/deaths';
import { reminders } from '../src-main/visits/reminders';
import { createStay, dischargeStay, getStay, stayBoard, updateStay } from '../src-main/visits/stays';
import { freshContext, person, router, tempDir } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const TODAY = '2026-11-28';
const born = (name: string, extra = {}) =>
  createPerson(ctx.store, person({ name, birthDate: '1940-03-01', ...extra }), { acceptWarnings: false });
const stay = (personId: number, fields: Record<string, unknown> = {}) =>
  createStay(
    ctx.store,
    {
      personId,
      hospital: '市中心医院',
      department: '心内科',
      bed: '12床',
      admittedOn: '2026-11-20',
      dischargedOn: null,
      condition: '冠心病，胸闷入院',
      outcome: null,
      newsSource: '家属来电',
      newsDetail: '其女王丽',
      note: null,
      ...fields,
    },
    TODAY,
  );
const group = (kind: string, today = TODAY): ReminderGroup =>
  reminderGroups(ctx.store, today).find((g) => g.kind === kind)!;
const count = (table: string) => (ctx.store.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

describe('住院登记', () => {
  test('registered, on the home page until visited, visited against the stay, discharged, followed up 7 days later until contact', async () => {
    const p = born('王秀英');
    const s = stay(p.id);
    expect(s).toMatchObject({
      personName: '王秀英',
      hospital: '市中心医院',
      department: '心内科',
      bed: '12床',
      admittedOn: '2026-11-20',
      dischargedOn: null,
      newsSource: '家属来电',
      followUp: null,
      visits: [],
    });
    // In hospital now: one group on the home page, urgent while nobody has been to see her.
    let inHospital = group('inHospital');
    expect(inHospital).toMatchObject({ title: '正在住院', count: 1, urgent: 1, page: { href: '#/visits?tab=stays' } });
    expect(inHospital.items.map((i) => [i.name, i.detail])).toEqual([
      ['王秀英', '市中心医院，2026-11-20 入院，已住院 8 天，尚未看望'],
    ]);

    // 住院看望, recorded against the stay, with who led it, who went along and what the family said.
    const visit = await call<Visit>('visits.create', {
      personId: p.id,
      stayId: s.id,
      kind: '生病住院慰问',
      date: '2026-11-22',
      leader: '刘书记',
      companions: '张干事、李组长',
      feedback: '家属反映陪护困难',
      money: '500',
    });
    expect(visit).toMatchObject({ stayId: s.id, leader: '刘书记', companions: '张干事、李组长', contact: true });
    expect(getStay(ctx.store, s.id).visits.map((v) => [v.date, v.leader, v.feedback])).toEqual([
      ['2026-11-22', '刘书记', '家属反映陪护困难'],
    ]);
    inHospital = group('inHospital');
    expect([inHospital.count, inHospital.urgent, inHospital.items[0].detail]).toEqual([
      1,
      0,
      '市中心医院，2026-11-20 入院，已住院 8 天',
    ]);
    expect((await call<StayBoard>('stays.board', {})).inHospital.map((x) => x.personName)).toEqual(['王秀英']);

    // Discharged: off the in-hospital list; the follow-up falls due 7 days later (the rules' default).
    const out = dischargeStay(
      ctx.store,
      { id: s.id, version: s.version, dischargedOn: '2026-11-25', outcome: '好转出院' },
      TODAY,
    );
    expect(out).toMatchObject({
      dischargedOn: '2026-11-25',
      outcome: '好转出院',
      followUp: { dueOn: '2026-12-02', doneOn: null },
    });
    expect(group('inHospital').count).toBe(0);
    expect(stayBoard(ctx.store, 30, TODAY).discharged.map((x) => x.id)).toEqual([s.id]);
    expect(group('followUps', '2026-12-01').count).toBe(0);
    const due = group('followUps', '2026-12-02');
    expect(due.items.map((i) => [i.name, i.detail, i.urgent])).toEqual([
      ['王秀英', '出院回访，2026-11-25 出院，应于 2026-12-02 回访（今天）', true],
    ]);
    expect(reminderGroupPage(ctx.store, 'followUps', 1, '2026-12-05').items[0].detail).toBe(
      '出院回访，2026-11-25 出院，应于 2026-12-02 回访（已过期）',
    );

    // The stay's own 住院看望 on the discharge day was made in hospital: not the follow-up.
    await call('visits.create', { personId: p.id, stayId: s.id, kind: '生病住院慰问', date: '2026-11-25' });
    expect(getStay(ctx.store, s.id).followUp).toEqual({ dueOn: '2026-12-02', doneOn: null });
    // An unanswered call is recorded but is not the follow-up; an answered one is.
    await call('visits.create', { personId: p.id, kind: '电话问候', date: '2026-11-30', callOutcome: '未接通' });
    expect(group('followUps', '2026-12-05').count).toBe(1);
    expect(getStay(ctx.store, s.id).followUp).toEqual({ dueOn: '2026-12-02', doneOn: null });
    await call('visits.create', { personId: p.id, kind: '电话问候', date: '2026-12-01', callOutcome: '接通' });
    expect(group('followUps', '2026-12-05').count).toBe(0);
    expect(getStay(ctx.store, s.id).followUp).toEqual({ dueOn: '2026-12-02', doneOn: '2026-12-01' });

    // The office's own number of days.
    await call('reminders.saveRules', { ...DEFAULT_REMINDER_RULES, dischargeFollowUpDays: 3 });
    expect(getStay(ctx.store, s.id).followUp?.dueOn).toBe('2026-11-28');

    // On the person's timeline with its visit, and audited.
    const listed = await call<Stay[]>('stays.list', { personId: p.id });
    expect(listed.map((x) => [x.hospital, x.dischargedOn, x.visits.length])).toEqual([['市中心医院', '2026-11-25', 2]]);
    expect(
      ctx.store.raw
        .prepare("select action from audit_log where entity = 'stay' and entity_id = ? order by id")
        .all(s.id),
    ).toEqual([{ action: 'create' }, { action: 'update' }]);
  });

  test('bad input refused in Chinese, nothing saved', async () => {
    const p = born('李建国');
    const died = born('赵淑珍');
    registerDeath(ctx.store, { personId: died.id, diedOn: '2026-10-01', reportedBy: null, note: null }, TODAY);
    const stays = count('stays');
    const audits = count('audit_log');
    const refused = (fields: Record<string, unknown>, personId = p.id) => {
      try {
        stay(personId, fields);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused({ admittedOn: '2026-11-20', dischargedOn: '2026-11-10' })).toBe(
      '出院日期（2026-11-10）不能早于入院日期（2026-11-20）',
    );
    expect(refused({ admittedOn: '2026-10-05' }, died.id)).toBe('赵淑珍已于 2026-10-01 去世，不能登记此后入院的住院');
    expect(refused({ admittedOn: '2026-11-29' })).toBe('入院日期（2026-11-29）不能晚于今天');
    expect(refused({ dischargedOn: '2026-12-01' })).toBe('出院日期（2026-12-01）不能晚于今天');
    // Through the router: the contract's own words.
    expect(
      (await refusal('stays.create', { personId: p.id, hospital: ' ', admittedOn: '2026-11-20' })).message,
    ).toContain('请填写医院');
    expect(
      (await refusal('stays.create', { personId: p.id, hospital: '市医院', admittedOn: '2026-13-01' })).message,
    ).toContain('入院日期应为有效日期');
    expect(
      (await refusal('stays.create', { personId: p.id, hospital: '市医院', admittedOn: '2999-01-01' })).message,
    ).toBe('入院日期（2999-01-01）不能晚于今天');
    expect(count('stays')).toBe(stays);
    expect(count('audit_log')).toBe(audits);

    // One open stay at a time; a visit against a stay is the stay's person's, not before admission.
    const s = stay(p.id);
    expect(refused({ hospital: '第二医院' })).toBe(
      '李建国已有一条未出院的住院登记（市中心医院，2026-11-20 入院），请先为其办理出院',
    );
    const other = born('孙桂芝');
    expect(
      (await refusal('visits.create', { personId: other.id, stayId: s.id, kind: '生病住院慰问', date: '2026-11-22' }))
        .message,
    ).toBe(`第 ${s.id} 号住院登记不是这位人员的`);
    expect(
      (await refusal('visits.create', { personId: p.id, stayId: s.id, kind: '生病住院慰问', date: '2026-11-19' }))
        .message,
    ).toBe('看望日期早于入院日期（2026-11-20）');
    expect(
      (await refusal('visits.create', { personId: p.id, kind: '日常走访', date: '2026-11-22', callOutcome: '接通' }))
        .message,
    ).toBe('只有电话问候才记录通话情况');
    expect(
      (
        await refusal('visits.create', {
          personId: p.id,
          kind: '电话问候',
          date: '2026-11-22',
          callOutcome: '号码错误',
          certify: true,
        })
      ).message,
    ).toBe('电话号码错误，不能作为资格认证');
    // A discharge before the admission, or twice.
    expect(() =>
      dischargeStay(ctx.store, { id: s.id, version: s.version, dischargedOn: '2026-11-01', outcome: null }, TODAY),
    ).toThrow('出院日期（2026-11-01）不能早于入院日期（2026-11-20）');
    dischargeStay(ctx.store, { id: s.id, version: s.version, dischargedOn: '2026-11-26', outcome: null }, TODAY);
    expect(() =>
      dischargeStay(ctx.store, { id: s.id, version: s.version + 1, dischargedOn: '2026-11-27', outcome: null }, TODAY),
    ).toThrow('李建国已于 2026-11-26 出院');
    expect(count('visits')).toBe(0);
    expect(getStay(ctx.store, s.id).dischargedOn).toBe('2026-11-26');
  });

  test('an edit saves what the clerk changed, and is refused where someone else changed it since', () => {
    const p = born('周玉兰');
    const s = stay(p.id);
    const saved = updateStay(
      ctx.store,
      s.id,
      { version: s.version, changes: { bed: '15床' }, base: { bed: '12床' } },
      TODAY,
    );
    expect([saved.bed, saved.department, saved.version]).toEqual(['15床', '心内科', 2]);
    expect(() =>
      updateStay(ctx.store, s.id, { version: s.version, changes: { bed: '20床' }, base: { bed: '12床' } }, TODAY),
    ).toThrow(/未保存：.*床号/);
    expect(getStay(ctx.store, s.id).bed).toBe('15床');
    // The same dates rule holds for an edit.
    expect(() =>
      updateStay(
        ctx.store,
        s.id,
        { version: 2, changes: { dischargedOn: '2026-11-01' }, base: { dischargedOn: null } },
        TODAY,
      ),
    ).toThrow('不能早于入院日期');
  });
});

describe('an unanswered call is not contact', () => {
  test('久未联系 and the invoice-based hospital reminder count only visits and answered calls', async () => {
    const p = born('钱桂英', { careAloneChildless: true });
    await call('visits.create', { personId: p.id, kind: '日常走访', date: '2026-09-01' });
    for (const callOutcome of ['未接通', '号码错误', '本人不便'])
      await call('visits.create', { personId: p.id, kind: '电话问候', date: '2026-11-20', callOutcome });
    const before = reminders(ctx.store, TODAY).notContacted;
    expect(before.map((n) => [n.name, n.lastContact])).toEqual([['钱桂英', '2026-09-01']]);
    await call('visits.create', { personId: p.id, kind: '电话问候', date: '2026-11-21', callOutcome: '接通' });
    expect(reminders(ctx.store, TODAY).notContacted).toEqual([]);
    const visits = await call<Visit[]>('visits.list', { personId: p.id });
    expect(visits.map((v) => [v.callOutcome, v.contact])).toEqual([
      ['接通', true],
      ['本人不便', false],
      ['号码错误', false],
      ['未接通', false],
      [null, true],
    ]);

    // An inpatient invoice on 11-10, a call on 11-12 that nobody answered: still not visited.
    const q = born('吴德明');
    await call('claims.create', {
      personId: q.id,
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
    await call('visits.create', { personId: q.id, kind: '电话问候', date: '2026-11-12', callOutcome: '未接通' });
    expect(reminders(ctx.store, TODAY).hospital.map((h) => h.name)).toEqual(['吴德明']);
    await call('visits.create', { personId: q.id, kind: '电话问候', date: '2026-11-13', callOutcome: '接通' });
    expect(reminders(ctx.store, TODAY).hospital).toEqual([]);

    // A stay is not "visited" by an unanswered call either.
    const r = born('郑秀兰');
    stay(r.id);
    await call('visits.create', { personId: r.id, kind: '电话问候', date: '2026-11-21', callOutcome: '本人不便' });
    expect(reminders(ctx.store, TODAY).inHospital.map((i) => [i.name, i.visited])).toEqual([['郑秀兰', false]]);
  });
});

describe('visit photos', () => {
  test("a photo is the person's attachment that names the visit", async () => {
    const p = born('冯志强');
    const v = await call<Visit>('visits.create', { personId: p.id, kind: '日常走访', date: '2026-11-20' });
    // A 1×1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await call('attachments.add', {
      personId: p.id,
      visitId: v.id,
      fileName: '走访.png',
      dataBase64: png.toString('base64'),
    });
    const [listed] = await call<Visit[]>('visits.list', { personId: p.id });
    expect(listed.photos.map((a) => [a.fileName, a.visitId])).toEqual([['走访.png', v.id]]);
    const other = born('陈玉珍');
    expect(
      (
        await refusal('attachments.add', {
          personId: other.id,
          visitId: v.id,
          fileName: 'x.png',
          dataBase64: png.toString('base64'),
        })
      ).message,
    ).toBe('这条走访记录不是这位人员的');
  });
});

describe('the visit report', () => {
  test('by kind, by leader, by unit for a date range, on screen and as .xlsx', async () => {
    const east = createUnit(ctx.store, { kind: '行政大组', name: '东区大组', parentId: null });
    const a = born('甲', { adminGroupId: east.id });
    const b = born('乙', { adminGroupId: east.id });
    const c = born('丙');
    const visit = (personId: number, fields: Record<string, unknown>) =>
      call('visits.create', { personId, date: '2026-11-10', ...fields });
    await visit(a.id, { kind: '生病住院慰问', leader: '刘书记', money: '500' });
    await visit(a.id, { kind: '电话问候', callOutcome: '接通' });
    await visit(b.id, { kind: '生病住院慰问', leader: '刘书记', money: '300' });
    await visit(b.id, { kind: '电话问候', callOutcome: '未接通' });
    await visit(c.id, { kind: '日常走访', leader: '陈主任' });
    await visit(c.id, { kind: '日常走访', date: '2026-12-01' }); // outside the range
    const report = await call<VisitReport>('visits.report', { from: '2026-11-01', to: '2026-11-30' });
    const rows = (r: VisitReport['byKind']) => r.map((x) => [x.key, x.visits, x.notReached, x.people, x.moneyFen]);
    expect(rows(report.byKind)).toEqual([
      ['生病住院慰问', 2, 0, 2, 80000],
      ['日常走访', 1, 0, 1, 0],
      ['电话问候', 2, 1, 1, 0],
    ]);
    expect(rows(report.byLeader)).toEqual([
      ['刘书记', 2, 0, 2, 80000],
      ['陈主任', 1, 0, 1, 0],
      ['（未填带队领导）', 2, 1, 1, 0],
    ]);
    expect(rows(report.byUnit)).toEqual([
      ['东区大组', 4, 1, 2, 80000],
      ['（未分组）', 1, 0, 1, 0],
    ]);
    expect(rows([report.total])).toEqual([['合计', 5, 1, 3, 80000]]);
    expect((await refusal('visits.report', { from: '2026-12-01', to: '2026-11-01' })).message).toBe(
      '起始日期（2026-12-01）不能晚于截止日期（2026-11-01）',
    );

    // The workbook, written to a file and read back.
    const file = await call<{ fileName: string; dataBase64: string }>('visits.exportReport', {
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(file.fileName).toBe('走访慰问统计_2026-11-01_2026-11-30.xlsx');
    const out = path.join(tempDir(), file.fileName);
    fs.writeFileSync(out, Buffer.from(file.dataBase64, 'base64'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按类别', '按带队领导', '按单位']);
    const values = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .filter(Boolean)
        .map((r) => (r as unknown[]).slice(1));
    // The title and the range are merged across the table; then the header, the rows, the total.
    expect(values('按类别').map((r) => r[0])).toContain('2026-11-01 至 2026-11-30');
    expect(values('按类别').slice(2)).toEqual([
      ['类别', '走访慰问（次）', '其中未联系上（次）', '联系到（人）', '慰问金（元）'],
      ['生病住院慰问', 2, 0, 2, 800],
      ['日常走访', 1, 0, 1, 0],
      ['电话问候', 2, 1, 1, 0],
      ['合计', 5, 1, 3, 800],
    ]);
    expect(values('按单位').at(-1)).toEqual(['合计', 5, 1, 3, 800]);
  });
});
