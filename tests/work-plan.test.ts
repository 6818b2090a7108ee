// The yearly work plan (issue 21 item 4): items ticked off by linking the record that fulfilled
// them, overdue items, the refusals (a record of another year, a month outside the plan's year),
// a record gone turning its item 待核实, last year's plan copied, and the plan printed. On a real
// database through the router, as the renderer calls it.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PrintableView } from '../src-main/contract/common';
import type { PlanCandidate, PlanItemView, WorkPlanView } from '../src-main/contract/office';
import type { ActivityView, MaterialView } from '../src-main/contract/activities';
import type { VisitBatchView } from '../src-main/contract/visits';
import type { AppContext } from '../src-main/app/context';
import { reminderGroups } from '../src-main/home/reminderGroups';
import { planRows } from '../src-main/office/planPrint';
import { workPlan } from '../src-main/office/workPlan';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
  await call('retirees.create', { person: person({ name: '李秀英', idNumber: null }) });
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const addItem = (
  fields: Partial<{ year: number; content: string; owner: string; dueMonth: string; category: string }>,
) =>
  call<PlanItemView>('plan.addItem', {
    year: 2026,
    content: '春节走访慰问离退休人员',
    category: '走访慰问',
    owner: '王干事',
    dueMonth: '2026-02',
    ...fields,
  });
const batch = (name: string, date: string) =>
  call<VisitBatchView>('visits.createBatch', { name, kind: '节日慰问', date, money: '300.00', query: {} });
const plan = (year: number) => call<WorkPlanView>('plan.get', { year });
const auditRows = () => (ctx.store.raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('an item ticked off by the record that fulfilled it', () => {
  test('a visit batch of the year is offered, linked, and shows the item 已完成 with its name and date', async () => {
    const item = await addItem({});
    expect(item).toMatchObject({ seq: 1, owner: '王干事', dueMonth: '2026-02', links: [] });
    // 王干事 is the office's operator: the owner is recorded as that operator.
    expect(item.ownerOperatorId).not.toBeNull();
    const spring = await batch('2026年春节慰问', '2026-01-20');
    await batch('2025年重阳慰问', '2025-10-29');

    // Only this year's batches are offered.
    const offered = await call<PlanCandidate[]>('plan.candidates', { itemId: item.id, kind: 'visit_batch' });
    expect(offered.map((c) => c.name)).toEqual(['2026年春节慰问']);

    const done = await call<PlanItemView>('plan.link', { itemId: item.id, kind: 'visit_batch', recordId: spring.id });
    expect(done.state).toBe('已完成');
    expect(done.links).toEqual([
      expect.objectContaining({
        kindLabel: '慰问批次',
        name: '2026年春节慰问',
        date: '2026-01-20',
        href: `#/visits/${spring.id}`,
        problem: null,
        linkedBy: '王干事',
      }),
    ]);
    const p = await plan(2026);
    expect(p.counts).toMatchObject({ 已完成: 1, 待核实: 0, 已超期: 0 });
    // The link is in the change history in words.
    const history = ctx.store.raw
      .prepare("SELECT after FROM audit_log WHERE entity = 'work_plan_item' AND action = 'update'")
      .all() as { after: string }[];
    expect(JSON.parse(history[0].after)).toEqual({ linked: '慰问批次“2026年春节慰问”（2026年1月20日）' });

    // The same batch twice is refused; another kind of record may be linked too.
    expect((await refusal('plan.link', { itemId: item.id, kind: 'visit_batch', recordId: spring.id })).message).toBe(
      '慰问批次“2026年春节慰问”已关联在这项计划上',
    );
    const meeting = await call<ActivityView>('activities.create', {
      kind: '学习会',
      title: '春节前学习会',
      heldOn: '2026-01-15',
    });
    const both = await call<PlanItemView>('plan.link', { itemId: item.id, kind: 'activity', recordId: meeting.id });
    expect(both.links.map((l) => `${l.kindLabel}：${l.name}`)).toEqual([
      '慰问批次：2026年春节慰问',
      '活动会议：春节前学习会',
    ]);
    // A link taken off again leaves the other.
    const undone = await call<PlanItemView>('plan.unlink', { linkId: both.links[1].id });
    expect(undone.links).toHaveLength(1);
  });

  test('a study material counts once it has been handed to someone', async () => {
    const item = await addItem({ content: '下发学习资料', dueMonth: '2026-12' });
    const material = await call<MaterialView>('materials.create', {
      title: '二十届四中全会精神',
      issuedOn: '2026-11-02',
    });
    expect(
      (await refusal('plan.link', { itemId: item.id, kind: 'study_material', recordId: material.id })).message,
    ).toBe('学习资料“《二十届四中全会精神》”不能作为完成依据：这份学习资料还没有送达记录');
    const [li] = (await call<{ rows: { id: number }[] }>('retirees.list', {})).rows;
    await call('materials.deliver', { id: material.id, personIds: [li.id], how: '送学上门', on: '2026-11-05' });
    const done = await call<PlanItemView>('plan.link', {
      itemId: item.id,
      kind: 'study_material',
      recordId: material.id,
    });
    expect(done).toMatchObject({ state: '已完成', links: [{ name: '《二十届四中全会精神》', date: '2026-11-02' }] });
  });
});

describe('bad input is refused in Chinese, and nothing is saved', () => {
  test('a record of another year', async () => {
    const item = await addItem({ content: '重阳节慰问', dueMonth: '2026-10' });
    const last = await batch('2025年重阳慰问', '2025-10-29');
    const before = auditRows();
    const e = await refusal('plan.link', { itemId: item.id, kind: 'visit_batch', recordId: last.id });
    expect(e.message).toBe('慰问批次“2025年重阳慰问”是 2025 年的记录，不能用来完成 2026 年度的计划');
    expect((await plan(2026)).items[0].links).toEqual([]);
    expect(auditRows()).toBe(before);
  });

  test('a due month outside the plan’s year, and a record that is not there', async () => {
    const e = await refusal('plan.addItem', {
      year: 2026,
      content: '年终总结',
      owner: '张主任',
      dueMonth: '2027-01',
    });
    expect(e.message).toBe('完成时限 2027-01 不在 2026 年度内');
    expect((await plan(2026)).items).toEqual([]);
    expect(
      (await refusal('plan.addItem', { year: 2026, content: '年终总结', owner: '张主任', dueMonth: '2026-13' }))
        .message,
    ).toContain('完成时限应为年月');
    const item = await addItem({});
    expect((await refusal('plan.link', { itemId: item.id, kind: 'activity', recordId: 999 })).message).toBe(
      '没有找到第 999 号活动会议',
    );
  });
});

describe('overdue, and a record gone', () => {
  test('an item whose month has passed with nothing linked is overdue, on the plan and on the home page', async () => {
    await addItem({ content: '春节走访慰问离退休人员', dueMonth: '2026-02' });
    await addItem({ content: '年终总结', owner: '张主任', dueMonth: '2026-12', category: '综合' });
    const p = workPlan(ctx.store, 2026, '2026-06-15');
    expect(p.items.map((i) => [i.content, i.state])).toEqual([
      ['春节走访慰问离退休人员', '已超期'],
      ['年终总结', '待完成'],
    ]);
    // On 28 February the month has not passed yet.
    expect(workPlan(ctx.store, 2026, '2026-02-28').items[0].state).toBe('待完成');
    const group = reminderGroups(ctx.store, '2026-06-15').find((g) => g.kind === 'workPlan')!;
    expect(group).toMatchObject({ count: 1, urgent: 1, unit: '项', title: '2026 年度工作计划超期或待核实' });
    expect(group.items[0]).toMatchObject({
      name: '春节走访慰问离退休人员',
      detail: '王干事负责，应于 2026年2月完成',
      href: '#/annual/plan?year=2026',
    });
  });

  test('a batch removed after it was linked leaves its item 待核实, never quietly open or done', async () => {
    const item = await addItem({});
    const spring = await batch('2026年春节慰问', '2026-01-20');
    await call('plan.link', { itemId: item.id, kind: 'visit_batch', recordId: spring.id });
    // The batch undone (its visits and the batch removed, as an undo would).
    ctx.store.raw.prepare('DELETE FROM visits WHERE batch_id = ?').run(spring.id);
    expect((await plan(2026)).items[0]).toMatchObject({
      state: '待核实',
      links: [{ name: '2026年春节慰问', problem: '批次中已没有走访记录' }],
    });
    ctx.store.raw.prepare('DELETE FROM visit_batches WHERE id = ?').run(spring.id);
    const p = await plan(2026);
    expect(p.items[0]).toMatchObject({
      state: '待核实',
      links: [{ name: null, href: null, problem: '所关联的记录已删除或已撤销' }],
    });
    expect(p.counts.待核实).toBe(1);
    const group = reminderGroups(ctx.store, '2026-12-01').find((g) => g.kind === 'workPlan')!;
    expect(group.items[0].detail).toBe('待核实：所关联的记录已删除或已撤销');
  });
});

describe('copying last year’s plan, and the plan on paper', () => {
  test('last year’s items come into this year in the same months, without their links; a second copy is refused', async () => {
    const a = await addItem({ year: 2025, content: '春节走访慰问离退休人员', dueMonth: '2025-01' });
    await addItem({
      year: 2025,
      content: '重阳节登高活动',
      owner: '赵老师',
      dueMonth: '2025-10',
      category: '文体活动',
    });
    const last = await batch('2025年春节慰问', '2025-01-25');
    await call('plan.link', { itemId: a.id, kind: 'visit_batch', recordId: last.id });

    const copied = await call<WorkPlanView>('plan.copy', { fromYear: 2025, toYear: 2026 });
    expect(copied.items.map((i) => [i.seq, i.content, i.owner, i.dueMonth, i.category, i.links.length])).toEqual([
      [1, '春节走访慰问离退休人员', '王干事', '2026-01', '走访慰问', 0],
      [2, '重阳节登高活动', '赵老师', '2026-10', '文体活动', 0],
    ]);
    // Last year's plan is as it was.
    expect((await plan(2025)).items[0].state).toBe('已完成');
    const before = auditRows();
    expect((await refusal('plan.copy', { fromYear: 2025, toYear: 2026 })).message).toBe(
      '2026 年度已有 2 项计划，未复制；请逐项添加或先删除现有计划',
    );
    expect((await plan(2026)).items).toHaveLength(2);
    expect(auditRows()).toBe(before);
    expect((await refusal('plan.copy', { fromYear: 2024, toYear: 2027 })).message).toBe(
      '2024 年度没有工作计划，无可复制',
    );
  });

  test('the printed plan: the office over the title, 序号/工作内容/责任人/完成时限/完成情况, the 落款', async () => {
    const item = await addItem({});
    await addItem({ content: '年终总结', owner: '张主任', dueMonth: '2026-12', category: null as never });
    const spring = await batch('2026年春节慰问', '2026-01-20');
    await call('plan.link', { itemId: item.id, kind: 'visit_batch', recordId: spring.id });

    expect(planRows(workPlan(ctx.store, 2026, '2026-06-15').items)).toEqual([
      [
        '1',
        '【走访慰问】春节走访慰问离退休人员',
        '王干事',
        '2026年2月',
        '已完成：慰问批次2026年春节慰问（2026年1月20日）',
      ],
      ['2', '年终总结', '张主任', '2026年12月', ''],
    ]);
    const printed = await call<PrintableView>('plan.print', { year: 2026 });
    expect(printed.count).toBe(2);
    expect(printed.css).toContain('size: 210mm 297mm');
    const text = printed.body.replace(/<[^>]+>/g, '|');
    expect(text).toContain('|测试集团离退休管理办公室|');
    expect(text).toContain('|2026年度工作计划|');
    expect(text).toContain('|序号||工作内容||责任人||完成时限||完成情况|');
    expect(text).toContain(
      '|1||【走访慰问】春节走访慰问离退休人员||王干事||2026年2月||已完成：慰问批次2026年春节慰问（2026年1月20日）|',
    );
    // Printing is logged.
    const logged = ctx.store.raw.prepare("SELECT what FROM access_log WHERE action = 'print'").all() as {
      what: string;
    }[];
    expect(logged.map((l) => l.what)).toContain('打印年度工作计划');
  });
});
