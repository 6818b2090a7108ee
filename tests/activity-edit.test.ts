// An activity or meeting corrected after it was entered (年度工作 › 活动 / 会议): its date, place and
// other heading facts corrected by the form's changes against what it loaded (audit/edits.ts), a
// field another clerk changed meanwhile refused and one they did not touch kept, a kind kept within
// its family, a staff attendee added by mistake removed, and the minutes' save refused where
// another clerk saved the same field meanwhile. Bad input changes nothing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  activityFieldsOf,
  meetingRecordOf,
  type ActivityFields,
  type ActivityView,
} from '../src-main/contract/activities';
import type { PrintableView } from '../src-main/contract/common';
import type { PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { historyEntry } from '../src-main/audit/audit';
import { auditNames, describeAudit } from '../src-main/audit/describe';
import { freshContext, person, router, signInAs } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

/** A clerk's save from the edit form opened on `loaded`, with `changes` typed in. */
const correct = (loaded: ActivityView, changes: Partial<ActivityFields>) => ({
  id: loaded.id,
  activity: { ...activityFieldsOf(loaded), ...changes },
  loaded: activityFieldsOf(loaded),
});
/** The activity's audit rows as the history describes them, oldest first. */
const described = (id: number) => {
  const names = auditNames(ctx.store);
  return (
    ctx.store.raw
      .prepare("select * from audit_log where entity = 'activity' and entity_id = ? order by id")
      .all(id) as Parameters<typeof historyEntry>[0][]
  ).map((r) => describeAudit(historyEntry(r), names));
};
/** Their changes in words, `label：before → after`. */
const auditWords = (id: number) =>
  described(id).flatMap((d) => d.changes.map((c) => `${c.label}：${c.before} → ${c.after}`));
/** Their headings. */
const auditHeadings = (id: number) => described(id).map((d) => d.what);
const auditCount = () =>
  (ctx.store.raw.prepare("select count(*) as n from audit_log where entity = 'activity'").get() as { n: number }).n;

const meeting = (fields: object = {}) =>
  call<ActivityView>('activities.create', {
    kind: '离退休干部座谈会',
    title: '离退休干部情况通报座谈会',
    heldOn: '2026-11-20',
    startsAt: '09:30',
    place: '老干部活动中心二楼会议室',
    host: '刘主任',
    ...fields,
  });

describe('correcting an activity or meeting', () => {
  test("a meeting's date and place corrected: the list and the sign-in sheet show them, the audit names the fields", async () => {
    const zhang = (await call<PersonFile>('retirees.create', { person: person({ name: '张桂兰' }) })).id;
    const m = await meeting({ inviteIds: [zhang] });

    // The date typed the way the office writes it.
    const fixed = await call<ActivityView>(
      'activities.update',
      correct(m, { heldOn: '2026年11月27日', place: '公司三楼小会议室' }),
    );
    expect(fixed).toMatchObject({ heldOn: '2026-11-27', place: '公司三楼小会议室', startsAt: '09:30', host: '刘主任' });
    expect(fixed.people.map((p) => p.name)).toEqual(['张桂兰']);

    const [listed] = await call<ActivityView[]>('activities.list', { year: 2026 });
    expect(listed).toMatchObject({ id: m.id, heldOn: '2026-11-27', place: '公司三楼小会议室' });
    const sheet = await call<PrintableView>('activities.signInSheet', { id: m.id, blankRows: 0 });
    expect(sheet.body).toContain('时间：2026年11月27日 09:30');
    expect(sheet.body).toContain('地点：公司三楼小会议室');
    expect(sheet.body).not.toContain('11月20日');

    expect(auditWords(m.id).slice(-2)).toEqual([
      '举办日期：2026年11月20日 → 2026年11月27日',
      '地点：老干部活动中心二楼会议室 → 公司三楼小会议室',
    ]);
    // The history's heading says what was done: a correction, not attendance.
    await call('activities.attendance', { id: m.id, personIds: [zhang], attended: true });
    expect(auditHeadings(m.id).slice(-2)).toEqual(['修改活动', '登记活动到场']);

    // A save that changes nothing writes nothing.
    const rows = auditCount();
    await call('activities.update', correct(fixed, {}));
    expect(auditCount()).toBe(rows);
  });

  test('two clerks at once: a field both changed is refused, naming it; a field only one changed is kept', async () => {
    const m = await meeting();
    // Both open the form on the same meeting; 李干事 saves first.
    await signInAs(ctx, '李干事', 'clerk');
    await call('activities.update', correct(m, { place: '老干部活动中心一楼多功能厅' }));

    await signInAs(ctx, '王干事');
    const rows = auditCount();
    const refused = await refusal('activities.update', correct(m, { place: '公司三楼小会议室', startsAt: '14:30' }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(
      /^未保存：您打开会议“离退休干部情况通报座谈会”之后，「地点」已被李干事于 \d{4}-\d\d-\d\d \d\d:\d\d 改为“老干部活动中心一楼多功能厅”（您改为“公司三楼小会议室”）。/,
    );
    // Nothing of the refused save was written, not even the field nobody else touched.
    expect(auditCount()).toBe(rows);
    expect(await call<ActivityView>('activities.get', { id: m.id })).toMatchObject({
      place: '老干部活动中心一楼多功能厅',
      startsAt: '09:30',
    });

    // The same form, changing only the time: saved on top of 李干事's place.
    const saved = await call<ActivityView>('activities.update', correct(m, { startsAt: '14:30' }));
    expect(saved).toMatchObject({ place: '老干部活动中心一楼多功能厅', startsAt: '14:30', heldOn: '2026-11-20' });
  });

  test('a kind changes within its family only; bad input is refused in Chinese and nothing is saved', async () => {
    const m = await meeting();
    const outing = await call<ActivityView>('activities.create', {
      kind: '文体活动',
      title: '重阳登山',
      heldOn: '2026-10-29',
    });
    const rows = auditCount();

    expect((await refusal('activities.update', correct(m, { kind: '文体活动' }))).message).toBe(
      '“离退休干部座谈会”是会议，不能改为活动类别“文体活动”：会议纪要、参会工作人员和签到都属于会议。如登记错了，请另行新建活动',
    );
    expect((await refusal('activities.update', correct(outing, { kind: '学习会' }))).message).toBe(
      '“文体活动”是活动，不能改为会议类别“学习会”。如登记错了，请另行新建会议',
    );
    expect((await refusal('activities.update', { ...correct(m, {}), id: 4242 })).message).toBe('没有找到这次活动');
    expect((await refusal('activities.update', correct(m, { title: '  ' }))).message).toContain('请填写活动名称');
    expect((await refusal('activities.update', correct(m, { heldOn: '2026-02-30' }))).message).toContain(
      '活动日期应为有效日期',
    );
    expect((await refusal('activities.update', correct(m, { startsAt: '9点半' }))).message).toContain(
      '时间请按“09:30”的格式填写',
    );
    expect(auditCount()).toBe(rows);
    expect(await call<ActivityView>('activities.get', { id: m.id })).toMatchObject(activityFieldsOf(m));

    // Within the family: one meeting kind for another, one activity kind for another.
    expect((await call<ActivityView>('activities.update', correct(m, { kind: '情况通报会' }))).kind).toBe('情况通报会');
    expect((await call<ActivityView>('activities.update', correct(outing, { kind: '其他' }))).kind).toBe('其他');
  });

  test('a meeting with minutes cannot be moved to a day not yet come', async () => {
    const m = await meeting();
    const held = await call<ActivityView>('activities.meeting', {
      id: m.id,
      ...meetingRecordOf(m),
      minutes: '会议通报了年度工作。',
      loaded: meetingRecordOf(m),
    });
    expect((await refusal('activities.update', correct(held, { heldOn: '2099-01-05' }))).message).toBe(
      '这次会议已记录会议纪要，日期不能改到今天以后（2099年1月5日）',
    );
    expect((await call<ActivityView>('activities.get', { id: m.id })).heldOn).toBe('2026-11-20');
  });
});

describe("a meeting's staff and minutes", () => {
  test('a staff attendee added by mistake is removed: the list, the sign-in sheet and the audit', async () => {
    const m = await meeting({ staff: [{ name: '王干事' }, { name: '赵会计', unit: '公司工会' }] });
    const other = await meeting({ title: '十二月办公室例会', kind: '办公室例会', staff: [{ name: '赵会计' }] });
    const zhao = m.staff.find((s) => s.name === '赵会计')!;

    const rows = auditCount();
    // Another meeting's attendee is not this meeting's to remove.
    expect((await refusal('activities.removeStaff', { id: m.id, staffId: other.staff[0].id })).message).toBe(
      '这位工作人员不在本次会议的名单中',
    );
    expect(auditCount()).toBe(rows);

    const after = await call<ActivityView>('activities.removeStaff', { id: m.id, staffId: zhao.id });
    expect(after.staff.map((s) => s.name)).toEqual(['王干事']);
    const sheet = await call<PrintableView>('activities.signInSheet', { id: m.id, blankRows: 0 });
    expect(sheet.body).not.toContain('赵会计');
    expect(sheet.count).toBe(1);
    expect(auditWords(m.id).at(-1)).toBe('参会工作人员：王干事、赵会计 → 王干事');
    // Removed already (another clerk's click meanwhile): refused, nothing written.
    expect((await refusal('activities.removeStaff', { id: m.id, staffId: zhao.id })).message).toBe(
      '这位工作人员不在本次会议的名单中',
    );
    expect((await call<ActivityView>('activities.get', { id: other.id })).staff.map((s) => s.name)).toEqual(['赵会计']);
    // The name may be added again, as a new row.
    const again = await call<ActivityView>('activities.addStaff', { id: m.id, staff: [{ name: '赵会计' }] });
    expect(again.staff.find((s) => s.name === '赵会计')!.id).toBeGreaterThan(other.staff[0].id);
  });

  test("the minutes saved by two clerks at once: the second is refused, not written over the first's", async () => {
    const m = await meeting();
    const loaded = meetingRecordOf(m);
    await signInAs(ctx, '李干事', 'clerk');
    await call('activities.meeting', { id: m.id, ...loaded, minutes: '会议通报了年度工作。', loaded });

    await signInAs(ctx, '王干事');
    const refused = await refusal('activities.meeting', {
      id: m.id,
      ...loaded,
      recorder: '王干事',
      minutes: '会议听取了意见建议。',
      loaded,
    });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('「会议纪要」已被李干事于');
    expect(refused.message).toContain('改为“会议通报了年度工作。”（您改为“会议听取了意见建议。”）');
    expect(await call<ActivityView>('activities.get', { id: m.id })).toMatchObject({
      minutes: '会议通报了年度工作。',
      recorder: null,
    });

    // Saving only the recorder, from the same form: kept beside the other clerk's minutes.
    const both = await call<ActivityView>('activities.meeting', { id: m.id, ...loaded, recorder: '王干事', loaded });
    expect(both).toMatchObject({ minutes: '会议通报了年度工作。', recorder: '王干事', host: '刘主任' });
    // Clearing a field the form showed: written (the form saw what it clears).
    const cleared = await call<ActivityView>('activities.meeting', {
      id: m.id,
      ...meetingRecordOf(both),
      host: null,
      loaded: meetingRecordOf(both),
    });
    expect(cleared).toMatchObject({ host: null, minutes: '会议通报了年度工作。' });
  });
});
