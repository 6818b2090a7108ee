// The home page's charts (issue 19 item 7): the roll today by age band and category, and this
// year's deaths, as the 统计 page counts them as of today (roll.ts), so that a bar opened there
// shows the same number. The home page loads on every start: the files without a recorded 变动
// stand today as they stand now and are counted in SQL; only those with one (a few thousand of
// 100,000) go through the roll's rule.
import { AGE_BANDS, type AgeBand, type ByCategory, type HomeFigures, type YearDeath } from '../contract/statistics';
import type { Store } from '../db/store';
import { personAge, todayIso } from '../shared/dates';
import { ageBand, bandOfAge, changesTo, dayNumber, readRoll, stateOn } from './roll';

export function homeFigures(store: Store, today = todayIso()): HomeFigures {
  const on = dayNumber(today);
  const year = Number(today.slice(0, 4));
  const bands = new Map<AgeBand, ByCategory>(AGE_BANDS.map((band) => [band, { 离休: 0, 退休: 0, 退职: 0, 合计: 0 }]));
  const add = (band: AgeBand, category: string, n: number) => {
    const row = bands.get(band)!;
    if (category in row && category !== '合计') row[category as keyof ByCategory] += n;
    row.合计 += n;
  };
  // On the roll today, as roll.ts's stateOn has it for a file without changes: 在册 now, and
  // retired by today (a file without a retirement date always was). A stored date, full or partial,
  // compares as text as its first day does as a number (`1946-12` ≤ `1946-12-03`, `1946` ≤
  // `1946-01-01`), so the bands are plain comparisons of birth_date with the day each age begins.
  const bornBy = (years: number) => isoOfDayNumber(on - years * 10000);
  const unchanged = store
    .prepare(
      `SELECT category,
              CASE WHEN birth_date IS NULL OR birth_date > @today THEN NULL
                   WHEN birth_date > @b60 THEN 59 WHEN birth_date > @b70 THEN 60 WHEN birth_date > @b80 THEN 70
                   WHEN birth_date > @b90 THEN 80 WHEN birth_date > @b100 THEN 90 ELSE 100 END,
              count(*)
       FROM persons
       WHERE status = '在册' AND (retirement_date IS NULL OR retirement_date <= @today)
         AND id NOT IN (SELECT person_id FROM person_changes WHERE nature = '变动')
       GROUP BY 1, 2`,
    )
    .raw()
    .all({ today, b60: bornBy(60), b70: bornBy(70), b80: bornBy(80), b90: bornBy(90), b100: bornBy(100) }) as [
    string,
    number | null,
    number,
  ][];
  for (const [category, age, n] of unchanged) add(bandOfAge(age), category, n);
  const changed = readRoll(store, true);
  for (const p of changed.people) {
    const s = stateOn(changed, p, today);
    if (s.onRoll) add(ageBand(p.bornFirst, on), s.category, 1);
  }
  const died = changesTo(changed, '已故', `${year}-01-01`, today).sort(
    (a, b) => b.date.localeCompare(a.date) || a.person.id - b.person.id,
  );
  const files = new Map(
    (
      store
        .prepare('SELECT id, name, birth_date FROM persons WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(died.map((d) => d.person.id))) as [number, string, string | null][]
    ).map(([id, name, birthDate]) => [id, { name, birthDate }]),
  );
  const deaths = died.map(({ person, category, date }): YearDeath => {
    const file = files.get(person.id)!;
    return {
      personId: person.id,
      name: file.name,
      category,
      diedOn: date,
      age: personAge({ birthDate: file.birthDate, status: '已故', statusDate: date }, today),
    };
  });
  const month = Number(today.slice(5, 7));
  return {
    today,
    ageBands: AGE_BANDS.map((band) => ({ band, ...bands.get(band)! })),
    deathsByMonth: Array.from({ length: month }, (_, i) => ({
      month: i + 1,
      // A death known to the year only ('2026') sorts before 1 January and is not counted (as on the 统计 page).
      count: deaths.filter((d) => Number(d.diedOn.slice(5, 7)) === i + 1).length,
    })),
    deaths,
  };
}

/** 19460303 → `1946-03-03` (a day number's date as text, for comparing with stored dates). */
function isoOfDayNumber(n: number): string {
  const s = String(n).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
