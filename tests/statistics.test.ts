// The roll as of a date and the year's balance (issue 19 items 2, 4, 8), on a small office built by
// hand through the router: people retiring, dying, moving away, changing category and corrected,
// across 2025 and 2026. Every figure is counted out in the comments beside it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { openRaw } from '../src-main/db/open';
import type { PersonFile } from '../src-main/contract/retirees';
import type { ChangeView, FigurePeople, RollFigures, YearBalance } from '../src-main/contract/statistics';
import { CLI_ENV, cliArgs, fileHistory, freshContext, router } from './helpers';
import { entryCommand } from './bundles';

let ctx: AppContext;
const { call, refusal } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

const { update, died, settle, ...files } = fileHistory(call);

const add = (name: string, category: string, retirementDate: string | null) =>
  files.add(name, { category: category as PersonFile['category'], retirementDate });

/** The office: ten people, their histories over 2025–2026. */
async function office() {
  const ids = {
    jia: await add('甲', '离休', '1985-06'), // on the roll throughout
    yi: await add('乙', '退休', '2010-03'), // dies 2026-05-10
    bing: await add('丙', '退休', '2026-04'), // retires in 2026
    ding: await add('丁', '退休', '2000-01-01'), // died 2025-11-20
    wu: await add('戊', '退休', '2005'), // dies 2026-07-05
    ji: await add('己', '退休', '2015-09-30'), // moves away 2026-08-01
    geng: await add('庚', '退职', '1998'), // 退职 → 退休 on 2026-03-01 (变动)
    xin: await add('辛', '退休', '2012'), // a death entered by mistake, taken back
    ren: await add('壬', '退休', '2026-02'), // retires and dies in 2026
    gui: await add('癸', '退休', '1982'), // was 离休 all along: corrected
  };
  await died(ids.yi, '2026-05-10');
  await died(ids.ding, '2025-11-20');
  await died(ids.wu, '2026-07-05');
  await update(ids.ji, { status: '迁出', statusDate: '2026-08-01' });
  await update(ids.geng, { category: '退休' });
  await settle(ids.geng, 'category', '变动', '2026-03-01');
  await died(ids.xin, '2026-09-09');
  await update(ids.xin, { status: '在册', statusDate: null });
  await died(ids.ren, '2026-10-15');
  await update(ids.gui, { category: '离休' });
  await settle(ids.gui, 'category', '更正', '2026-11-30');
  return ids;
}

describe('the roll as of a date', () => {
  test('on 31 December 2025, the people then on the roll, by the category they had then', async () => {
    await office();
    const f = await call<RollFigures>('statistics.figures', { asOf: '2025-12-31' });
    // 离休: 甲, 癸 (corrected: 离休 all along). 退休: 乙, 戊, 己, 辛. 退职: 庚 (退休 only from 2026-03-01).
    // Not yet: 丙, 壬 (retired 2026). No longer: 丁 (died 2025-11-20).
    expect(f.onRoll).toEqual({ 离休: 2, 退休: 4, 退职: 1, 合计: 7 });
    expect(f.died).toEqual({ 离休: 0, 退休: 1, 退职: 0, 合计: 1 }); // 丁
    expect(f.movedOut.合计).toBe(0);
    // 辛's death was taken back: never off the roll, never counted as died.
    const deaths = Object.fromEntries(f.deathsByYear.map((d) => [d.year, d.count]));
    expect(deaths).toMatchObject({ 2016: 0, 2024: 0, 2025: 1 });
    expect(f.deathsByYear).toHaveLength(10);
  });

  test('a person who died after the date counts as living on it', async () => {
    const ids = await office();
    const before = await call<RollFigures>('statistics.figures', { asOf: '2026-07-04' });
    const after = await call<RollFigures>('statistics.figures', { asOf: '2026-07-05' });
    // 戊 died on 2026-07-05: on the roll the day before, not on the day.
    expect(before.onRoll.退休 - after.onRoll.退休).toBe(1);
    expect(after.died.退休 - before.died.退休).toBe(1);
    // On 2026-12-31: 甲, 癸 (离休); 丙, 庚, 辛 (退休); nobody 退职.
    const end = await call<RollFigures>('statistics.figures', { asOf: '2026-12-31' });
    expect(end.onRoll).toEqual({ 离休: 2, 退休: 3, 退职: 0, 合计: 5 });
    // 乙, 戊, 壬 died in 2026 as 退休; 己 moved away.
    expect(end.died).toEqual({ 离休: 0, 退休: 3, 退职: 0, 合计: 3 });
    expect(end.movedOut).toEqual({ 离休: 0, 退休: 1, 退职: 0, 合计: 1 });
    expect(ids.ji).toBeGreaterThan(0);
  });

  test('ages on the date, not today', async () => {
    const id = await add('老甲', '离休', '1980');
    await update(id, { birthDate: '1926-12-31' });
    // 99 on 2026-12-30, 100 on 2026-12-31.
    expect((await call<RollFigures>('statistics.figures', { asOf: '2026-12-30' })).ageBands['90–99岁']).toBe(1);
    expect((await call<RollFigures>('statistics.figures', { asOf: '2026-12-31' })).ageBands['100岁及以上']).toBe(1);
  });

  test('a date that is not one is refused in Chinese', async () => {
    expect((await refusal('statistics.figures', { asOf: '2025-02-30' })).message).toContain('不是有效的日期');
    expect((await refusal('statistics.figures', { asOf: '31/12/2025' })).message).toContain('日期格式应为');
  });
});

describe('the roll kept between views', () => {
  test('the figures follow an edit made between two views, here and through another connection', async () => {
    const ids = await office();
    const asOf = '2026-12-31';
    const first = await call<RollFigures>('statistics.figures', { asOf });
    expect(first.onRoll.离休).toBe(2);
    // 甲 (离休) dies on 2026-06-01, entered through the app: the next view counts it.
    await died(ids.jia, '2026-06-01');
    const second = await call<RollFigures>('statistics.figures', { asOf });
    expect([second.onRoll.离休, second.died.离休]).toEqual([1, 1]);
    expect((await call<FigurePeople>('statistics.people', { asOf, figure: 'died', key: '离休' })).people).toMatchObject(
      [{ name: '甲' }],
    );
    // 癸 (离休) moved away, written by another program on the same file (a restore, the CLI).
    const other = openRaw(ctx.store.file, { key: ctx.store.key ?? undefined });
    other.prepare("UPDATE persons SET status = '迁出', status_date = '2026-11-01' WHERE id = ?").run(ids.gui);
    other.close();
    const third = await call<RollFigures>('statistics.figures', { asOf });
    expect([third.onRoll.离休, third.movedOut.离休]).toEqual([0, 1]);
  });
});

describe('the people behind a bar', () => {
  test('each bar opens exactly the people it counts', async () => {
    await office();
    const asOf = '2026-12-31';
    const f = await call<RollFigures>('statistics.figures', { asOf });
    const names = async (figure: string, key: string) =>
      (await call<FigurePeople>('statistics.people', { asOf, figure, key })).people.map((p) => p.name);
    const total = async (figure: string, key: string) =>
      (await call<FigurePeople>('statistics.people', { asOf, figure, key })).total;
    expect(await names('died', '退休')).toEqual(['壬', '戊', '乙'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(await names('movedOut', '合计')).toEqual(['己']);
    expect(await names('deathsByYear', '2025')).toEqual(['丁']);
    const bars: [string, Record<string, number>][] = [
      ['onRoll', f.onRoll],
      ['died', f.died],
      ['ageBands', f.ageBands],
      ['gender', f.gender],
      ['party', f.party],
      ['care', f.care],
      ['remote', f.remote],
      ['units', Object.fromEntries(f.units.map((u) => [u.unit, u.count]))],
      ['deathsByYear', Object.fromEntries(f.deathsByYear.map((d) => [String(d.year), d.count]))],
    ];
    for (const [figure, counts] of bars)
      for (const [key, count] of Object.entries(counts))
        expect(await total(figure, key), `${figure} ${key}`).toBe(count);
    // 庚 counts as 退休 on 2026-12-31 and as 退职 a year before.
    const geng = async (on: string, key: string) =>
      (await call<FigurePeople>('statistics.people', { asOf: on, figure: 'onRoll', key })).people.some(
        (p) => p.name === '庚',
      );
    expect([await geng('2026-12-31', '退休'), await geng('2025-12-31', '退职')]).toEqual([true, true]);
  });
});

describe('a large bar', () => {
  test('opens a page of people at a time, in name order, with the total', async () => {
    for (let i = 0; i < 105; i++) await add(`退休${String(i).padStart(3, '0')}`, '退休', '2000');
    const page = (n: number) =>
      call<FigurePeople>('statistics.people', { asOf: '2025-12-31', figure: 'onRoll', key: '退休', page: n });
    const [first, second] = [await page(1), await page(2)];
    expect([first.total, first.people.length, second.people.length]).toEqual([105, 100, 5]);
    expect(second.people.map((p) => p.name)).toEqual(['退休100', '退休101', '退休102', '退休103', '退休104']);
  });
});

describe('the year’s balance', () => {
  test('应有 = 上年末 + 本年新办 − 本年去世; a 差 names the people behind it and what happened', async () => {
    const ids = await office();
    const b = await call<YearBalance>('statistics.balance', { year: 2026 });
    const row = (c: string) => b.rows.find((r) => r.category === c)!;
    // 离休: 2 at the start (甲, 癸), none new, none died, 2 at the end.
    expect(row('离休')).toEqual({
      category: '离休',
      lastYearEnd: 2,
      newThisYear: 0,
      diedThisYear: 0,
      expected: 2,
      actual: 2,
      difference: 0,
    });
    // 退休: 4 (乙, 戊, 己, 辛) + 2 new (丙, 壬) − 3 died (乙, 戊, 壬) = 3; actual 3 (丙, 庚, 辛):
    // 己 moved away (−1) and 庚 came from 退职 (+1).
    expect(row('退休')).toMatchObject({ lastYearEnd: 4, newThisYear: 2, diedThisYear: 3, expected: 3, actual: 3 });
    expect(row('退休').difference).toBe(0);
    // 退职: 庚 at the start, nobody at the end.
    expect(row('退职')).toMatchObject({ lastYearEnd: 1, expected: 1, actual: 0, difference: -1 });
    expect(row('合计')).toMatchObject({ lastYearEnd: 7, newThisYear: 2, diedThisYear: 3, expected: 6, actual: 5 });
    expect(row('合计').difference).toBe(-1);

    const behind = Object.fromEntries(b.people.map((p) => [p.name, p]));
    expect(Object.keys(behind).sort()).toEqual(['庚', '己'].sort());
    expect(behind['己'].effect).toEqual({ 退休: -1 });
    expect(behind['己'].changes).toEqual(['状态由“在册”改为“迁出”（变动，2026-08-01）']);
    expect(behind['庚'].effect).toEqual({ 退职: -1, 退休: 1 });
    expect(behind['庚'].changes).toEqual(['人员类别由“退职”改为“退休”（变动，2026-03-01）']);
    // The corrections recorded this year: 辛's death and its taking back, 癸's category.
    expect(b.corrections.map((c) => c.name).sort()).toEqual(['癸', '辛', '辛']);
    expect(ids.gui).toBeGreaterThan(0);
  });
});

describe('the history of a file', () => {
  test('each change of status or category is recorded, whoever makes it', async () => {
    const id = await add('张', '退休', '2000');
    await update(id, { status: '迁出', statusDate: '2026-03' });
    // The date corrected on the file: the change takes it.
    await update(id, { statusDate: '2026-04' });
    const [change] = await call<ChangeView[]>('statistics.changes', { personId: id });
    expect(change).toMatchObject({
      field: 'status',
      from: '在册',
      to: '迁出',
      effectiveDate: '2026-04',
      nature: '变动',
    });
    expect(change.dateKnown).toBe(true);
  });

  test('a change without a date is listed to check, and settling it is audited', async () => {
    const id = await add('李', '退休', '2000');
    await update(id, { status: '迁出' });
    const toCheck = await call<ChangeView[]>('statistics.changes', { toCheck: true });
    expect(toCheck.map((c) => c.personId)).toEqual([id]);
    expect(toCheck[0].dateKnown).toBe(false);
    const settled = await call<ChangeView>('statistics.confirmChange', {
      id: toCheck[0].id,
      nature: '变动',
      effectiveDate: '2019-05',
    });
    expect(settled).toMatchObject({ effectiveDate: '2019-05', dateKnown: true, confirmed: true });
    expect(await call<ChangeView[]>('statistics.changes', { toCheck: true })).toEqual([]);
    const history = await call<{ summary: string }[]>('retirees.history', { id });
    expect(JSON.stringify(history)).toContain('状态和类别变化记录');
    // Moved away in 2019: off the roll at the end of 2019, on it at the end of 2018.
    expect((await call<RollFigures>('statistics.figures', { asOf: '2018-12-31' })).onRoll.合计).toBe(1);
    expect((await call<RollFigures>('statistics.figures', { asOf: '2019-12-31' })).onRoll.合计).toBe(0);
  });

  test('a date in the future or none at all is refused, and nothing changes', async () => {
    const id = await add('王', '退休', '2000');
    await update(id, { status: '迁出' });
    const [c] = await call<ChangeView[]>('statistics.changes', { personId: id });
    expect(
      (await refusal('statistics.confirmChange', { id: c.id, nature: '变动', effectiveDate: '2999-01-01' })).message,
    ).toBe('变化日期不能晚于今天');
    expect(
      (await refusal('statistics.confirmChange', { id: c.id, nature: '变动', effectiveDate: '' })).message,
    ).toContain('请填写变化发生的日期');
    expect((await call<ChangeView[]>('statistics.changes', { personId: id }))[0]).toEqual(c);
  });
});

describe('the CLI', () => {
  test('cli stats --as-of --json prints the figures; without --json, in words', async () => {
    await office();
    const db = ctx.paths.dbPath;
    ctx.close();
    const root = path.resolve(import.meta.dirname, '..');
    const run = (args: string[]) =>
      execFileSync(...entryCommand('cli', cliArgs(args)), {
        cwd: root,
        encoding: 'utf8',
        env: CLI_ENV,
      });
    const json = JSON.parse(run(['stats', '--db', db, '--as-of', '2025-12-31', '--json'])) as RollFigures;
    expect(json.asOf).toBe('2025-12-31');
    expect(json.onRoll).toEqual({ 离休: 2, 退休: 4, 退职: 1, 合计: 7 });
    expect(json.died.合计).toBe(1);
    expect(Object.keys(json.ageBands)).toContain('80–89岁');
    const text = run(['stats', '--db', db, '--as-of', '2026-12-31']);
    expect(text).toContain('截至 2026年12月31日');
    expect(text).toContain('在册：离休 2，退休 3，退职 0，合计 5');
    ctx = await freshContext();
  });
});
