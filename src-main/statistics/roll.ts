// The roll as it stood on a date (issue 19 item 2), and the year's balance (item 4).
//
// A file keeps only its current status and category; their history is `person_changes` (migration
// 0019, written by triggers on every change). The value a file had on a date is the `to` of its last
// 变动 on or before that date, else the `from` of its first 变动 after it, else its value now: a
// person who died on 2027-01-05 was 在册 on 2026-12-31. A 更正 (the record was wrong) does not split
// time: the corrected value holds for every date. A person is on the roll from their retirement date
// (离休/退休/退职的时间; a file without one has always been on it) while their status is 在册.
//
// Dates may be partial (1995, 1995-07): compared as text, `2026-12` sorts before `2026-12-31`, so a
// death in December 2026 counts by the end of that year.
//
// Care, party membership, gender and the unit are taken as the file has them now: they keep no history.
import { formatChineseDate, isValidIsoDate, lastYearEnd } from '../shared/dates';
import { UserError } from '../shared/errors';
import {
  AGE_BANDS,
  CHANGE_FIELDS,
  type AgeBand,
  type BalancePerson,
  type BalanceRow,
  type ByCategory,
  type FigureKey,
  type FigurePeople,
  type RollFigures,
  type YearBalance,
} from '../contract/statistics';
import { CATEGORIES, RANKS, type Category } from '../shared/person';
import type { Store } from '../db/store';

/**
 * A file as the figures need it, read compactly (100,000 of them in one page's time): dates as day
 * numbers, the yes/no and few-valued fields as bits. Names and the rest are read only for the
 * people a page shows (peopleBehind, the balance's explanations).
 */
export interface RollPerson {
  id: number;
  category: string;
  status: string;
  /** The first day the retirement date can stand for, as yyyymmdd; null without one. */
  retireDay: number | null;
  /** The first day the birth date can stand for, as yyyymmdd (1939-06 → 19390601); null without one. */
  bornFirst: number | null;
  /** FLAG bits. */
  flags: number;
  unit: string | null;
  /** 职级 as its place in RANKS counted from 1 (正省部级 = 1); 0 without one. */
  rank: number;
  /**
   * 参加工作时间 as yyyymmdd keeping its precision: an unknown month or day is 00 (1937-07 →
   * 19370700, 1945 → 19450000); null without one. The upward tables sort it into their periods.
   */
  workStart: number | null;
}

export const FLAG = {
  男: 1,
  女: 2,
  党员: 4,
  独居: 8,
  失能: 16,
  半失能: 32,
  空巢: 64,
  异地: 128,
  /** 统计标志: counted in the tables sent upward. */
  统计: 256,
  干部: 512,
  工人: 1024,
} as const;

/** SQL for a stored date's first day as yyyymmdd (`1995-07` → 19950701), as dayNumber does in JS. */
const dayNumberSql = (col: string) =>
  `CASE WHEN ${col} IS NULL THEN NULL ELSE CAST(substr(${col}, 1, 4) AS INTEGER) * 10000
     + max(CAST(substr(${col}, 6, 2) AS INTEGER), 1) * 100 + max(CAST(substr(${col}, 9, 2) AS INTEGER), 1) END`;

/** SQL for a stored date as yyyymmdd with 00 for what it does not say (`1937-07` → 19370700). */
const partialDayNumberSql = (col: string) =>
  `CASE WHEN ${col} IS NULL THEN NULL ELSE CAST(substr(${col}, 1, 4) AS INTEGER) * 10000
     + coalesce(CAST(nullif(substr(${col}, 6, 2), '') AS INTEGER), 0) * 100 + coalesce(CAST(nullif(substr(${col}, 9, 2), '') AS INTEGER), 0) END`;

/** `1939-06-15` → 19390615; a partial date counts from its first day (`1939` → 19390101). */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10000 + (Number(date.slice(5, 7)) || 1) * 100 + (Number(date.slice(8, 10)) || 1);
}

export interface Change {
  personId: number;
  field: 'status' | 'category';
  from: string;
  to: string;
  date: string;
  dateKnown: boolean;
  nature: '变动' | '更正';
  recordedAt: string;
}

/** The files and their 变动, read once: every figure of one page is counted from them. */
export interface Roll {
  /** Every file, in no particular order: inNameOrder sorts the few a page lists. */
  people: RollPerson[];
  /** Sorts a list in the people list's order (by name as it sorts, name_sort, then id); in place. */
  inNameOrder: <T>(list: T[], idOf: (t: T) => number) => T[];
  /** The names of some people, read when a page shows them. */
  names: (ids: readonly number[]) => Map<number, string>;
  byId: Map<number, RollPerson>;
  /** Each person's 变动 by field, oldest first. */
  changes: Map<number, { status: Change[]; category: Change[] }>;
  /** Every change, 更正 included, for the balance's explanations. */
  all: Change[];
}

/**
 * The roll read from the files: all of them, or (`changedOnly`) only those with a recorded 变动,
 * the only ones whose state on a date can differ from their state now (the home page counts the
 * others in SQL, statistics/home.ts).
 */
export function readRoll(store: Store, changedOnly = false): Roll {
  const units = new Map(
    (store.prepare('SELECT id, name FROM org_units').raw().all() as [number, string][]).map(([id, name]) => [id, name]),
  );
  // One JSON text of every file's compact row, parsed at once: at 100,000 files this takes about half
  // the time of stepping through 100,000 result rows (bench/statistics.ts). Read in the table's order;
  // the name order is read only when a list of people needs it (inNameOrder).
  const rows = JSON.parse(
    store
      .prepare(
        `SELECT json_group_array(json_array(
                id, category, status, ${dayNumberSql('retirement_date')}, ${dayNumberSql('birth_date')},
                (CASE gender WHEN '男' THEN ${FLAG.男} WHEN '女' THEN ${FLAG.女} ELSE 0 END)
                | (CASE WHEN political_status IN ('中共党员', '中共预备党员') THEN ${FLAG.党员} ELSE 0 END)
                | (CASE WHEN living = '独居' THEN ${FLAG.独居} ELSE 0 END)
                | (CASE care_disability WHEN '失能' THEN ${FLAG.失能} WHEN '半失能' THEN ${FLAG.半失能} ELSE 0 END)
                | (CASE WHEN care_empty_nest = 1 THEN ${FLAG.空巢} ELSE 0 END)
                | (CASE WHEN remote = 1 THEN ${FLAG.异地} ELSE 0 END)
                | (CASE WHEN counted = 1 THEN ${FLAG.统计} ELSE 0 END)
                | (CASE staff_type WHEN '干部' THEN ${FLAG.干部} WHEN '工人' THEN ${FLAG.工人} ELSE 0 END),
                admin_group_id,
                CASE rank ${RANKS.map((r, i) => `WHEN '${r}' THEN ${i + 1}`).join(' ')} ELSE 0 END,
                ${partialDayNumberSql('work_start_date')}))
         FROM persons
         ${changedOnly ? `WHERE id IN (SELECT person_id FROM person_changes WHERE nature = '变动')` : ''}`,
      )
      .pluck()
      .get() as string,
  ) as [number, string, string, number | null, number | null, number, number | null, number, number | null][];
  const people = rows.map(
    ([id, category, status, retireDay, bornFirst, flags, unitId, rank, workStart]): RollPerson => ({
      id,
      category,
      status,
      retireDay,
      bornFirst,
      flags,
      unit: unitId === null ? null : (units.get(unitId) ?? null),
      rank,
      workStart,
    }),
  );
  const all = (
    store
      .prepare(
        `SELECT person_id, field, from_value, to_value, effective_date, date_known, nature, recorded_at
         FROM person_changes ORDER BY person_id, effective_date, id`,
      )
      .raw()
      .all() as unknown[][]
  ).map((r): Change => ({
    personId: r[0] as number,
    field: r[1] as Change['field'],
    from: r[2] as string,
    to: r[3] as string,
    date: r[4] as string,
    dateKnown: r[5] === 1,
    nature: r[6] as Change['nature'],
    recordedAt: r[7] as string,
  }));
  const changes = new Map<number, { status: Change[]; category: Change[] }>();
  for (const c of all) {
    if (c.nature !== '变动') continue;
    let mine = changes.get(c.personId);
    if (!mine) changes.set(c.personId, (mine = { status: [], category: [] }));
    mine[c.field].push(c);
  }
  const names = (ids: readonly number[]) =>
    new Map(
      store
        .prepare('SELECT id, name FROM persons WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(ids)) as [number, string][],
    );
  let position: Map<number, number> | undefined;
  const inNameOrder = <T>(list: T[], idOf: (t: T) => number): T[] => {
    position ??= new Map(
      (store.prepare('SELECT id FROM persons ORDER BY name_sort, id').pluck().all() as number[]).map((id, i) => [
        id,
        i,
      ]),
    );
    const at = position;
    return list.sort((a, b) => at.get(idOf(a))! - at.get(idOf(b))!);
  };
  return { people, names, inNameOrder, byId: new Map(people.map((p) => [p.id, p])), changes, all };
}

const rolls = new WeakMap<Store, { stamp: string; roll: Roll }>();

/**
 * The roll, read again only when the file has changed since it was last read (Store.dataStamp): a
 * clerk moving the date, opening a bar's people or the balance after the figures waits for the
 * counting alone.
 */
export function rollOf(store: Store): Roll {
  const stamp = store.dataStamp();
  const kept = rolls.get(store);
  if (kept?.stamp === stamp) return kept.roll;
  const roll = readRoll(store);
  rolls.set(store, { stamp, roll });
  return roll;
}

/**
 * The roll narrowed to some of its people (the counted files, the cadres of one rank), their
 * changes with them: the figures and the balance count from it as from the whole roll.
 */
export function narrowRoll(roll: Roll, keep: (p: RollPerson) => boolean): Roll {
  const people = roll.people.filter(keep);
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    people,
    names: roll.names,
    inNameOrder: roll.inNameOrder,
    byId,
    changes: new Map([...roll.changes].filter(([id]) => byId.has(id))),
    all: roll.all.filter((c) => byId.has(c.personId)),
  };
}

/** The value a field had on `date`, from the value now and the field's 变动 (oldest first). */
export function valueOn(now: string, changes: readonly Change[] | undefined, date: string): string {
  if (!changes || changes.length === 0) return now;
  let value: string | undefined;
  for (const c of changes) {
    if (c.date <= date) value = c.to;
    else return value ?? c.from;
  }
  return value ?? now;
}

export interface StateOn {
  onRoll: boolean;
  category: string;
  status: string;
}

export function stateOn(roll: Roll, p: RollPerson, date: string): StateOn {
  const mine = roll.changes.get(p.id);
  const status = valueOn(p.status, mine?.status, date);
  const category = valueOn(p.category, mine?.category, date);
  const joined = p.retireDay === null || p.retireDay <= dayNumber(date);
  return { onRoll: joined && status === '在册', category, status };
}

const byCategory = (): ByCategory => ({ 离休: 0, 退休: 0, 退职: 0, 合计: 0 });

/**
 * The band of the oldest age the person can have had on `on` (a partial birth date counts from its
 * first day, as ageRange's max): whole years between two yyyymmdd numbers.
 */
export function ageBand(bornFirst: number | null, on: number): AgeBand {
  return bandOfAge(bornFirst === null || bornFirst > on ? null : Math.floor((on - bornFirst) / 10000));
}

/** The band of an age in whole years (null: not known). */
export function bandOfAge(age: number | null): AgeBand {
  if (age === null) return '年龄不详';
  if (age < 60) return '60岁以下';
  if (age >= 100) return '100岁及以上';
  return AGE_BANDS[Math.floor(age / 10) - 5];
}

/** A status 变动 to `status` within [from, to], with the category the person had on that day. */
export function changesTo(
  roll: Roll,
  status: string,
  from: string,
  to: string,
): { person: RollPerson; category: string; date: string }[] {
  const out: { person: RollPerson; category: string; date: string }[] = [];
  for (const [id, mine] of roll.changes) {
    for (const c of mine.status) {
      if (c.to !== status || c.date < from || c.date > to) continue;
      const person = roll.byId.get(id)!;
      out.push({ person, category: valueOn(person.category, mine.category, c.date), date: c.date });
    }
  }
  return out;
}

/**
 * Every figure a person counts in on `asOf`, as (figure, key) pairs: the one place that decides
 * what each bar of the statistics page counts, so that a bar's count and the list of people it
 * opens (peopleBehind) cannot disagree.
 */
function memberships(roll: Roll, asOf: string, visit: (figure: FigureKey, key: string, p: RollPerson) => void): void {
  const year = Number(asOf.slice(0, 4));
  const on = dayNumber(asOf);
  for (const p of roll.people) {
    const s = stateOn(roll, p, asOf);
    if (!s.onRoll) continue;
    visit('onRoll', s.category, p);
    visit('onRoll', '合计', p);
    visit('ageBands', ageBand(p.bornFirst, on), p);
    const f = p.flags;
    visit('gender', f & FLAG.男 ? '男' : f & FLAG.女 ? '女' : '不详', p);
    visit('party', f & FLAG.党员 ? '中共党员' : '其他', p);
    if (f & FLAG.独居) visit('care', '独居', p);
    if (f & FLAG.失能) visit('care', '失能', p);
    if (f & FLAG.半失能) visit('care', '半失能', p);
    if (f & FLAG.空巢) visit('care', '空巢', p);
    visit('remote', f & FLAG.异地 ? '异地居住' : '本地居住', p);
    visit('units', p.unit ?? '未分组', p);
  }
  for (const [figure, status] of [
    ['died', '已故'],
    ['movedOut', '迁出'],
  ] as const)
    for (const d of changesTo(roll, status, `${year}-01-01`, asOf)) {
      visit(figure, d.category, d.person);
      visit(figure, '合计', d.person);
    }
  for (const d of changesTo(roll, '已故', `${year - 9}-01-01`, asOf))
    visit('deathsByYear', d.date.slice(0, 4), d.person);
}

export function figuresOn(roll: Roll, asOf: string): RollFigures {
  const year = Number(asOf.slice(0, 4));
  const zeros = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const counts: Record<Exclude<FigureKey, 'units' | 'deathsByYear'>, Record<string, number>> = {
    onRoll: byCategory(),
    died: byCategory(),
    movedOut: byCategory(),
    ageBands: zeros(AGE_BANDS),
    gender: zeros(['男', '女', '不详']),
    party: zeros(['中共党员', '其他']),
    care: zeros(['独居', '失能', '半失能', '空巢']),
    remote: zeros(['异地居住', '本地居住']),
  };
  const units = new Map<string, number>();
  const deaths = new Map<string, number>();
  memberships(roll, asOf, (figure, key) => {
    if (figure === 'units') units.set(key, (units.get(key) ?? 0) + 1);
    else if (figure === 'deathsByYear') deaths.set(key, (deaths.get(key) ?? 0) + 1);
    else counts[figure][key]++;
  });
  return {
    asOf,
    ...(counts as Pick<
      RollFigures,
      'onRoll' | 'died' | 'movedOut' | 'ageBands' | 'gender' | 'party' | 'care' | 'remote'
    >),
    units: [...units].map(([unit, count]) => ({ unit, count })).sort((a, b) => b.count - a.count),
    deathsByYear: Array.from({ length: 10 }, (_, i) => ({
      year: year - 9 + i,
      count: deaths.get(String(year - 9 + i)) ?? 0,
    })),
    undated: roll.all.filter((c) => c.nature === '变动' && !c.dateKnown && c.date <= asOf).length,
  };
}

/** The people one bar counts (a figure and its key on `asOf`), by name. */
/** A bar's people a page at a time: 80,000 retirees are not one table. */
export const PEOPLE_PAGE = 100;

/** The people one bar counts (a figure and its key on `asOf`), by name, a page of them with the total. */
export function peopleBehind(
  roll: Roll,
  store: Store,
  asOf: string,
  figure: FigureKey,
  key: string,
  page = 1,
): FigurePeople {
  const behind: RollPerson[] = [];
  memberships(roll, asOf, (f, k, p) => {
    if (f === figure && k === key) behind.push(p);
  });
  roll.inNameOrder(behind, (p) => p.id);
  const shown = behind.slice((page - 1) * PEOPLE_PAGE, page * PEOPLE_PAGE);
  const files = new Map(
    (
      store
        .prepare(
          'SELECT id, name, gender, birth_date, retirement_date FROM persons WHERE id IN (SELECT value FROM json_each(?))',
        )
        .raw()
        .all(JSON.stringify(shown.map((p) => p.id))) as [number, string, string | null, string | null, string | null][]
    ).map((r) => [r[0], r]),
  );
  return {
    total: behind.length,
    page,
    pageSize: PEOPLE_PAGE,
    people: shown.map((p) => {
      const [, name, gender, birthDate, retirementDate] = files.get(p.id)!;
      return {
        id: p.id,
        name,
        gender,
        birthDate,
        category: stateOn(roll, p, asOf).category,
        status: p.status,
        retirementDate,
        unit: p.unit,
      };
    }),
  };
}

// --- the year's balance (两年数字变化情况): 应有 = 上年末 + 本年新办 − 本年去世, 差 = 实有 − 应有 ------------

export function describeChange(c: Change): string {
  const when = c.dateKnown ? c.date : `${c.date}录入，档案未写日期`;
  return `${CHANGE_FIELDS[c.field]}由“${c.from}”改为“${c.to}”（${c.nature}，${when}）`;
}

const inYear = (date: string | null, year: number) => date !== null && date.slice(0, 4) === String(year);

export function yearBalance(roll: Roll, year: number): YearBalance {
  const start = `${year - 1}-12-31`;
  const end = `${year}-12-31`;
  const rows = new Map<Category | '合计', BalanceRow>(
    [...CATEGORIES, '合计' as const].map((category) => [
      category,
      { category, lastYearEnd: 0, newThisYear: 0, diedThisYear: 0, expected: 0, actual: 0, difference: 0 },
    ]),
  );
  const add = (category: string, key: 'lastYearEnd' | 'newThisYear' | 'diedThisYear' | 'actual') => {
    const row = rows.get(category as Category);
    if (row) row[key]++;
    rows.get('合计')![key]++;
  };
  const died = new Map<number, string>();
  for (const d of changesTo(roll, '已故', `${year}-01-01`, end)) died.set(d.person.id, d.category);
  const byPerson = new Map<number, Change[]>();
  for (const c of roll.all) {
    if (!inYear(c.date, year) && !inYear(c.recordedAt, year)) continue;
    const list = byPerson.get(c.personId) ?? [];
    list.push(c);
    byPerson.set(c.personId, list);
  }
  const people: BalancePerson[] = [];
  for (const p of roll.people) {
    const s = stateOn(roll, p, start);
    const e = stateOn(roll, p, end);
    const joined = p.retireDay !== null && Math.floor(p.retireDay / 10000) === year;
    const diedAs = died.get(p.id);
    if (s.onRoll) add(s.category, 'lastYearEnd');
    if (joined) add(e.category, 'newThisYear');
    if (diedAs !== undefined) add(diedAs, 'diedThisYear');
    if (e.onRoll) add(e.category, 'actual');
    const effect: Partial<Record<Category, number>> = {};
    for (const c of CATEGORIES) {
      const n =
        (e.onRoll && e.category === c ? 1 : 0) -
        ((s.onRoll && s.category === c ? 1 : 0) + (joined && e.category === c ? 1 : 0) - (diedAs === c ? 1 : 0));
      if (n !== 0) effect[c] = n;
    }
    if (Object.keys(effect).length > 0) {
      const changes = (byPerson.get(p.id) ?? []).map(describeChange);
      if (changes.length === 0) changes.push('本年没有记录状态或类别的变化，请核对退休时间、状态和类别');
      people.push({ personId: p.id, name: '', effect, changes });
    }
  }
  for (const row of rows.values()) {
    row.expected = row.lastYearEnd + row.newThisYear - row.diedThisYear;
    row.difference = row.actual - row.expected;
  }
  const correctionRows = roll.all.filter((c) => c.nature === '更正' && inYear(c.recordedAt, year));
  const names = roll.names([...people.map((p) => p.personId), ...correctionRows.map((c) => c.personId)]);
  for (const p of people) p.name = names.get(p.personId) ?? '';
  roll.inNameOrder(people, (p) => p.personId);
  const corrections = correctionRows.map((c) => ({
    personId: c.personId,
    name: names.get(c.personId) ?? '',
    change: describeChange(c),
  }));
  return { year, rows: [...rows.values()], people, corrections };
}

export function statisticsFigures(store: Store, asOf: string = lastYearEnd()): RollFigures {
  if (!isValidIsoDate(asOf)) throw new UserError('invalid_input', `统计日期“${asOf}”不是有效的日期`);
  return figuresOn(rollOf(store), asOf);
}

export function statisticsBalance(store: Store, year: number): YearBalance {
  return yearBalance(rollOf(store), year);
}

/** The figures as lines of text (the CLI without --json). */
export function describeFigures(f: RollFigures): string {
  const cats = (c: ByCategory) => `${CATEGORIES.map((k) => `${k} ${c[k]}`).join('，')}，合计 ${c.合计}`;
  const parts = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, n]) => `${k} ${n}`)
      .join('，');
  const year = f.asOf.slice(0, 4);
  return [
    `截至 ${formatChineseDate(f.asOf)}`,
    `在册：${cats(f.onRoll)}`,
    `${year}年去世：${cats(f.died)}`,
    `${year}年迁出：${cats(f.movedOut)}`,
    `年龄：${parts(f.ageBands)}`,
    `性别：${parts(f.gender)}`,
    `中共党员 ${f.party.中共党员}；独居 ${f.care.独居}，失能 ${f.care.失能}，半失能 ${f.care.半失能}，空巢 ${f.care.空巢}；异地居住 ${f.remote.异地居住}`,
    ...(f.undated > 0 ? [`有 ${f.undated} 条状态变化档案中没有日期，按录入日计算，请核实`] : []),
  ].join('\n');
}

export function statisticsPeople(
  store: Store,
  input: { asOf: string; figure: FigureKey; key: string; page: number },
): FigurePeople {
  if (!isValidIsoDate(input.asOf)) throw new UserError('invalid_input', `统计日期“${input.asOf}”不是有效的日期`);
  return peopleBehind(rollOf(store), store, input.asOf, input.figure, input.key, input.page);
}
