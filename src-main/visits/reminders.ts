// The home page's reminders, each a list of people: milestone birthdays ahead, follow-ups due,
// people not contacted for longer than their rule allows, hospital stays without a visit since,
// deaths whose benefits are not yet filed as the three-month window closes.
// Only people on the roll (在册) are reminded of; a death registered yesterday removes the person.
import type { BirthdayList, Reminders } from '../contract/visits';
import type { Store } from '../db/store';
import { readSetting, writeSetting } from '../settings/settings';
import { type AgeReckoning, DEFAULT_REMINDER_RULES, type ReminderRules, type VisitKind } from '../shared/care';
import { lunarBirthdaysIn, lunarBirthdaysOn, lunarOf, nextLunarBirthday } from '../shared/lunar';
import { type LunarDay, lunarDayWords, parseLunarDay, storedLunarDay } from '../shared/lunarWords';
import { todayIso } from '../shared/dates';
import { filingDeadline } from '../shared/deathBenefits';
import { sql } from 'kysely';
import { contactSql } from '../shared/contact';

const DAY = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => iso(utc(date) + days * DAY);
/** Days from `from` to `to` (ISO dates). */
export const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / DAY);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Where the birthday of `birthDate` falls in `year`: 29 February is kept on 28 February in common years. */
export function birthdayIn(birthDate: string, year: number): string {
  const md = birthDate.slice(5);
  return md === '02-29' && !isLeap(year) ? `${year}-02-28` : `${year}-${md}`;
}

/** The next birthday on or after `today`: its date, the age turned, and how many days away. */
export function nextBirthday(birthDate: string, today: string): { on: string; turning: number; inDays: number } {
  const year = Number(today.slice(0, 4));
  let on = birthdayIn(birthDate, year);
  if (on < today) on = birthdayIn(birthDate, year + 1);
  return {
    on,
    turning: Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4)),
    inDays: Math.round((utc(on) - utc(today)) / DAY),
  };
}

export function isMilestone(age: number, rules: ReminderRules): boolean {
  return rules.milestones.includes(age) || (rules.everyYearFrom !== null && age >= rules.everyYearFrom);
}

export function reminderRules(store: Store): ReminderRules {
  const saved = readSetting(store, 'reminder_rules');
  return saved
    ? { ...DEFAULT_REMINDER_RULES, ...(JSON.parse(saved) as Partial<ReminderRules>) }
    : DEFAULT_REMINDER_RULES;
}

export function saveReminderRules(store: Store, rules: ReminderRules): ReminderRules {
  writeSetting(
    store,
    'reminder_rules',
    JSON.stringify({ ...rules, milestones: [...new Set(rules.milestones)].sort((a, b) => a - b) }),
  );
  return reminderRules(store);
}

/** What a file says of a birthday: the birth date, and the lunar one for those who keep it. */
export interface BirthdayFile {
  birthDate: string | null;
  birthdayCalendar: string;
  lunarBirthday: string | null;
}

/** A birthday as a list shows it: the day, the age it brings by the office's reckoning, the lunar day in words. */
export interface BirthdayOn {
  on: string;
  turning: number;
  lunar: string | null;
}

const reckoned = (fullYears: number, reckoning: AgeReckoning) => fullYears + (reckoning === '虚岁' ? 1 : 0);

/**
 * The lunar year a person was born in: the birth date's, when it is the Gregorian day of their lunar
 * birthday; else its own year (on many old ID cards the lunar date itself is written).
 */
function bornLunarYear(birthDate: string, lunarDay: string): number {
  if (birthDate.length === 10) {
    const l = lunarOf(birthDate);
    if (storedLunarDay(l) === lunarDay) return l.year;
  }
  return Number(birthDate.slice(0, 4));
}

function lunarFile(p: BirthdayFile): { day: LunarDay; stored: string; birthDate: string } | null {
  if (p.birthdayCalendar !== '阴历' || p.lunarBirthday === null || p.birthDate === null) return null;
  const day = parseLunarDay(p.lunarBirthday);
  return day ? { day, stored: p.lunarBirthday, birthDate: p.birthDate } : null;
}

/** The next birthday on or after `today`, by the person's calendar; null when the file cannot say. */
export function nextBirthdayOf(
  p: BirthdayFile,
  today: string,
  reckoning: AgeReckoning,
): (BirthdayOn & { inDays: number }) | null {
  const lunar = lunarFile(p);
  if (lunar) {
    const next = nextLunarBirthday(lunar.day, today);
    return {
      on: next.on,
      turning: reckoned(next.lunarYear - bornLunarYear(lunar.birthDate, lunar.stored), reckoning),
      inDays: Math.round((utc(next.on) - utc(today)) / DAY),
      lunar: `农历${lunarDayWords(lunar.stored)}`,
    };
  }
  if (p.birthdayCalendar === '阴历' || p.birthDate?.length !== 10) return null;
  const next = nextBirthday(p.birthDate, today);
  return { ...next, turning: reckoned(next.turning, reckoning), lunar: null };
}

/** The birthdays a person has in a Gregorian year: one, or for a lunar birthday none, one or two. */
export function birthdaysInYear(p: BirthdayFile, year: number, reckoning: AgeReckoning): BirthdayOn[] {
  const lunar = lunarFile(p);
  if (lunar) {
    const born = bornLunarYear(lunar.birthDate, lunar.stored);
    return lunarBirthdaysIn(lunar.day, year).map((b) => ({
      on: b.on,
      turning: reckoned(b.lunarYear - born, reckoning),
      lunar: `农历${lunarDayWords(lunar.stored)}`,
    }));
  }
  if (p.birthdayCalendar === '阴历' || p.birthDate?.length !== 10) return [];
  return [
    {
      on: birthdayIn(p.birthDate, year),
      turning: reckoned(year - Number(p.birthDate.slice(0, 4)), reckoning),
      lunar: null,
    },
  ];
}

export function birthdays(store: Store, rules: ReminderRules, today: string): Reminders['birthdays'] {
  // The month-days of the coming days; a 29 February birthday counts on 28 February of a common year.
  // The lunar birthdays those days keep (lunarBirthdaysOn) find the people who keep theirs by the
  // lunar calendar, through their own index.
  const days = new Set<string>();
  const lunarDays = new Set<string>();
  for (let i = 0; i <= rules.birthdayDays; i++) {
    const d = addDays(today, i);
    days.add(d.slice(5));
    if (d.slice(5) === '02-28' && !isLeap(Number(d.slice(0, 4)))) days.add('02-29');
    for (const l of lunarBirthdaysOn(d)) lunarDays.add(l);
  }
  const columns = ['id', 'name', 'birth_date', 'birthday_calendar', 'lunar_birthday'] as const;
  const people = [
    ...store.all(
      store.kysely
        .selectFrom('persons')
        .select(columns)
        .where('status', '=', '在册')
        .where('birthday_calendar', '=', '阳历')
        .where((eb) => eb.fn<number>('length', ['birth_date']), '=', 10)
        .where((eb) => eb.fn<string>('substr', ['birth_date', eb.val(6), eb.val(5)]), 'in', [...days]),
    ),
    ...store.all(
      store.kysely
        .selectFrom('persons')
        .select(columns)
        .where('status', '=', '在册')
        .where('lunar_birthday', 'in', [...lunarDays])
        .where('birthday_calendar', '=', '阴历'),
    ),
  ];
  return people
    .flatMap((p) => {
      const next = nextBirthdayOf(
        { birthDate: p.birth_date, birthdayCalendar: p.birthday_calendar, lunarBirthday: p.lunar_birthday },
        today,
        rules.ageReckoning,
      );
      return next ? [{ personId: p.id, name: p.name, birthDate: p.birth_date!, ...next }] : [];
    })
    .filter((b) => b.inDays <= rules.birthdayDays && isMilestone(b.turning, rules))
    .sort((a, b) => a.inDays - b.inDays || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The year's birthdays (or a month's), in date order, by each person's calendar; 整寿 only unless asked. */
export function birthdayList(
  store: Store,
  input: { year: number; month: number | null; milestonesOnly: boolean },
): BirthdayList {
  const rules = reminderRules(store);
  const month = input.month === null ? null : String(input.month).padStart(2, '0');
  let query = store.kysely
    .selectFrom('persons')
    .select(['id', 'name', 'category', 'birth_date', 'birthday_calendar', 'lunar_birthday'])
    .where('status', '=', '在册')
    .where('birth_date', 'is not', null);
  // A Gregorian birthday's month is its birth date's; a lunar one's is known only once converted.
  if (month !== null)
    query = query.where((eb) =>
      eb.or([
        eb('birthday_calendar', '=', '阴历'),
        eb(eb.fn<string>('substr', ['birth_date', eb.val(6), eb.val(2)]), '=', month),
      ]),
    );
  const rows = store.all(query).flatMap((p) =>
    birthdaysInYear(
      { birthDate: p.birth_date, birthdayCalendar: p.birthday_calendar, lunarBirthday: p.lunar_birthday },
      input.year,
      rules.ageReckoning,
    )
      .filter((b) => month === null || b.on.slice(5, 7) === month)
      .map((b) => ({
        personId: p.id,
        name: p.name,
        category: p.category,
        birthDate: p.birth_date!,
        ...b,
        milestone: isMilestone(b.turning, rules),
      }))
      .filter((b) => b.milestone || !input.milestonesOnly),
  );
  rows.sort((a, b) => a.on.localeCompare(b.on) || a.name.localeCompare(b.name, 'zh-CN'));
  return { year: input.year, month: input.month, reckoning: rules.ageReckoning, rows };
}

export function followUps(store: Store, today: string): Reminders['followUps'] {
  // Due within the week, and every one overdue.
  const rows = store.all(
    store.kysely
      .selectFrom('visits as v')
      .innerJoin('persons as p', 'p.id', 'v.person_id')
      .select(['v.id', 'v.person_id', 'p.name', 'v.kind', 'v.follow_up_on'])
      .where('v.follow_up_done_at', 'is', null)
      .where('v.follow_up_on', '<=', addDays(today, 7))
      .where('p.status', '=', '在册')
      .orderBy('v.follow_up_on')
      .$narrowType<{ kind: VisitKind; follow_up_on: string }>(),
  );
  return rows.map((r) => ({
    visitId: r.id,
    personId: r.person_id,
    name: r.name,
    kind: r.kind,
    followUpOn: r.follow_up_on,
    overdue: r.follow_up_on < today,
  }));
}

/**
 * People on the roll not contacted for longer than their rule allows, the most pressing first (the
 * tightest rule, then the longest silence), a page of them with how many there are and how many
 * fall under a care rule (孤寡, 失能): counted in SQL, so that an office where nobody has been
 * visited yet (92,000 of 100,000) sends only the page it shows.
 */
export function notContactedPage(
  store: Store,
  rules: ReminderRules,
  today: string,
  page: { offset: number; limit: number } = { offset: 0, limit: -1 },
): { total: number; underCare: number; rows: Reminders['notContacted'] } {
  const rows = store
    .prepare(
      `SELECT id, name, last, allowed, why, count(*) OVER (), sum(why != '一般') OVER ()
       FROM (SELECT p.id, p.name,
                    (SELECT max(v.date) FROM visits v WHERE v.person_id = p.id AND ${contactSql('v')}) AS last,
                    CASE WHEN p.care_alone_childless = 1 THEN @alone WHEN p.care_disability = '失能' THEN @disabled
                         ELSE @others END AS allowed,
                    CASE WHEN p.care_alone_childless = 1 THEN '孤寡' WHEN p.care_disability = '失能' THEN '失能'
                         ELSE '一般' END AS why
             FROM persons p WHERE p.status = '在册')
       WHERE last IS NULL OR last < CASE why WHEN '孤寡' THEN @aloneSince WHEN '失能' THEN @disabledSince ELSE @othersSince END
       ORDER BY allowed, coalesce(last, ''), id
       LIMIT @limit OFFSET @offset`,
    )
    .raw()
    .all({
      alone: rules.contactDays.aloneChildless,
      disabled: rules.contactDays.disabled,
      others: rules.contactDays.others,
      aloneSince: addDays(today, -rules.contactDays.aloneChildless),
      disabledSince: addDays(today, -rules.contactDays.disabled),
      othersSince: addDays(today, -rules.contactDays.others),
      ...page,
    }) as [number, string, string | null, number, string, number, number][];
  // A page past the end still tells how many there are.
  if (rows.length === 0 && page.offset > 0)
    return { ...notContactedPage(store, rules, today, { offset: 0, limit: 1 }), rows: [] };
  return {
    total: rows[0]?.[5] ?? 0,
    underCare: rows[0]?.[6] ?? 0,
    rows: rows.map(([personId, name, lastContact, allowedDays, why]) => ({
      personId,
      name,
      lastContact,
      allowedDays,
      why,
    })),
  };
}

export function notContacted(store: Store, rules: ReminderRules, today: string): Reminders['notContacted'] {
  return notContactedPage(store, rules, today).rows;
}

export function hospital(store: Store, rules: ReminderRules, today: string): Reminders['hospital'] {
  // A hospital stay is an inpatient invoice (住院) of a claim; a visit on or after it answers it.
  // SQLite takes the bare `l.hospital` from the row whose visit_date is the max (https://sqlite.org/lang_select.html#bareagg).
  return store.all(
    store.kysely
      .selectFrom('claim_lines as l')
      .innerJoin('claims as c', 'c.id', 'l.claim_id')
      .innerJoin('persons as p', 'p.id', 'l.person_id')
      .select((eb) => ['p.id as personId', 'p.name', eb.fn.max('l.visit_date').as('visitDate'), 'l.hospital'])
      .where('l.kind', '=', '住院')
      .where('l.visit_date', '>=', addDays(today, -rules.hospitalDays))
      .where('l.total_fen', '>', 0)
      .where('c.source', '!=', '冲销')
      .where('p.status', '=', '在册')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('visits as v')
              .select('v.id')
              .whereRef('v.person_id', '=', 'l.person_id')
              .whereRef('v.date', '>=', 'l.visit_date')
              .where(sql.raw<boolean>(contactSql('v'))),
          ),
        ),
      )
      .groupBy('p.id')
      .orderBy('visitDate', 'desc'),
  );
}

/** The first contact (a visit, an answered call) with stay `s`'s person since admission: SQL. */
const firstContactInHospital = `(SELECT min(v.date) FROM visits v
  WHERE v.person_id = s.person_id AND v.date >= s.admitted_on AND ${contactSql('v')})`;

/**
 * The discharge follow-up (出院回访) made, SQL on stay `s`: the first contact on or after the
 * discharge day, but not the stay's own 住院看望 on that day (made in hospital, before the discharge).
 */
export const followedUpOn = `(SELECT min(v.date) FROM visits v
  WHERE v.person_id = s.person_id AND v.date >= s.discharged_on AND ${contactSql('v')}
    AND (v.date > s.discharged_on OR v.stay_id IS NOT s.id))`;

/** Those in hospital now (people on the roll), the longest stay first, and whether anyone has been since admission. */
export function inHospital(store: Store): Reminders['inHospital'] {
  const rows = store
    .prepare(
      `SELECT s.id, s.person_id, p.name, s.hospital, s.admitted_on, ${firstContactInHospital} AS seen
       FROM stays s JOIN persons p ON p.id = s.person_id
       WHERE s.discharged_on IS NULL AND p.status = '在册'
       ORDER BY s.admitted_on, s.id`,
    )
    .all() as {
    id: number;
    person_id: number;
    name: string;
    hospital: string;
    admitted_on: string;
    seen: string | null;
  }[];
  return rows.map((r) => ({
    stayId: r.id,
    personId: r.person_id,
    name: r.name,
    hospital: r.hospital,
    admittedOn: r.admitted_on,
    visited: r.seen !== null,
  }));
}

/**
 * Discharged stays whose follow-up (出院回访) is due (the rules' days after discharge) and not yet
 * made: no visit or answered call since the discharge day. People on the roll only.
 */
export function dischargeFollowUps(store: Store, rules: ReminderRules, today: string): Reminders['discharges'] {
  const rows = store
    .prepare(
      `SELECT s.id, s.person_id, p.name, s.discharged_on
       FROM stays s JOIN persons p ON p.id = s.person_id
       WHERE s.discharged_on IS NOT NULL AND s.discharged_on <= ? AND p.status = '在册'
         AND ${followedUpOn} IS NULL
       ORDER BY s.discharged_on, s.id`,
    )
    .all(addDays(today, -rules.dischargeFollowUpDays)) as {
    id: number;
    person_id: number;
    name: string;
    discharged_on: string;
  }[];
  return rows.map((r) => ({
    stayId: r.id,
    personId: r.person_id,
    name: r.name,
    dischargedOn: r.discharged_on,
    dueOn: addDays(r.discharged_on, rules.dischargeFollowUpDays),
  }));
}

/** How many days before the filing window closes a death's benefits are reminded of. */
const FILING_NOTICE_DAYS = 30;

export function deathBenefits(store: Store, today: string): Reminders['deathBenefits'] {
  // Not filed and no reason recorded why not (家属放弃 …): the window is three months from the death.
  const rows = store.all(
    store.kysely
      .selectFrom('deaths as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .leftJoin('death_benefits as b', 'b.person_id', 'd.person_id')
      .select(['d.person_id', 'p.name', 'd.died_on'])
      .where('b.filed_on', 'is', null)
      .where('b.unpaid_reason', 'is', null)
      .orderBy('d.died_on'),
  );
  return rows
    .map((r) => ({ personId: r.person_id, name: r.name, diedOn: r.died_on, closesOn: filingDeadline(r.died_on) }))
    .filter((r) => addDays(r.closesOn, -FILING_NOTICE_DAYS) <= today)
    .map((r) => ({ ...r, overdue: r.closesOn < today }));
}

export function reminders(store: Store, today = todayIso()): Reminders {
  const rules = reminderRules(store);
  return {
    today,
    birthdays: birthdays(store, rules, today),
    followUps: followUps(store, today),
    notContacted: notContacted(store, rules, today),
    hospital: hospital(store, rules, today),
    inHospital: inHospital(store),
    discharges: dischargeFollowUps(store, rules, today),
    deathBenefits: deathBenefits(store, today),
  };
}
