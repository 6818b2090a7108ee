// The home page's reminders, each a list of people: milestone birthdays ahead, follow-ups due,
// people not contacted for longer than their rule allows, hospital stays without a visit since.
// Only people on the roll (在册) are reminded of; a death registered yesterday removes the person.
import type { Reminders } from '../contract/visits';
import type { Store } from '../db/store';
import { readSetting, writeSetting } from '../settings/settings';
import { DEFAULT_REMINDER_RULES, type ReminderRules, type VisitKind } from '../shared/care';
import { todayIso } from '../shared/dates';

const DAY = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => iso(utc(date) + days * DAY);
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
  return { on, turning: Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4)), inDays: Math.round((utc(on) - utc(today)) / DAY) };
}

export function isMilestone(age: number, rules: ReminderRules): boolean {
  return rules.milestones.includes(age) || (rules.everyYearFrom !== null && age >= rules.everyYearFrom);
}

export function reminderRules(store: Store): ReminderRules {
  const saved = readSetting(store, 'reminder_rules');
  return saved ? { ...DEFAULT_REMINDER_RULES, ...(JSON.parse(saved) as Partial<ReminderRules>) } : DEFAULT_REMINDER_RULES;
}

export function saveReminderRules(store: Store, rules: ReminderRules): ReminderRules {
  writeSetting(store, 'reminder_rules', JSON.stringify({ ...rules, milestones: [...new Set(rules.milestones)].sort((a, b) => a - b) }));
  return reminderRules(store);
}

function birthdays(store: Store, rules: ReminderRules, today: string): Reminders['birthdays'] {
  // The month-days of the coming days; a 29 February birthday counts on 28 February of a common year.
  const days = new Set<string>();
  for (let i = 0; i <= rules.birthdayDays; i++) {
    const d = addDays(today, i);
    days.add(d.slice(5));
    if (d.slice(5) === '02-28' && !isLeap(Number(d.slice(0, 4)))) days.add('02-29');
  }
  const people = store
    .prepare(
      `SELECT id, name, birth_date FROM persons WHERE status = '在册' AND length(birth_date) = 10
       AND substr(birth_date, 6, 5) IN (${[...days].map(() => '?').join(',')})`,
    )
    .all(...days) as { id: number; name: string; birth_date: string }[];
  return people
    .map((p) => ({ personId: p.id, name: p.name, birthDate: p.birth_date, ...nextBirthday(p.birth_date, today) }))
    .filter((b) => b.inDays <= rules.birthdayDays && isMilestone(b.turning, rules))
    .sort((a, b) => a.inDays - b.inDays || a.name.localeCompare(b.name, 'zh-CN'));
}

function followUps(store: Store, today: string): Reminders['followUps'] {
  // Due within the week, and every one overdue.
  const rows = store
    .prepare(
      `SELECT v.id, v.person_id, p.name, v.kind, v.follow_up_on FROM visits v JOIN persons p ON p.id = v.person_id
       WHERE v.follow_up_done_at IS NULL AND v.follow_up_on <= ? AND p.status = '在册' ORDER BY v.follow_up_on`,
    )
    .all(addDays(today, 7)) as { id: number; person_id: number; name: string; kind: VisitKind; follow_up_on: string }[];
  return rows.map((r) => ({ visitId: r.id, personId: r.person_id, name: r.name, kind: r.kind, followUpOn: r.follow_up_on, overdue: r.follow_up_on < today }));
}

function notContacted(store: Store, rules: ReminderRules, today: string): Reminders['notContacted'] {
  const rows = store
    .prepare(
      `SELECT p.id, p.name, p.care_alone_childless AS alone, p.care_disability AS disability,
              (SELECT max(date) FROM visits v WHERE v.person_id = p.id) AS last
       FROM persons p WHERE p.status = '在册'`,
    )
    .all() as { id: number; name: string; alone: number; disability: string | null; last: string | null }[];
  const out: Reminders['notContacted'] = [];
  for (const r of rows) {
    const [allowedDays, why] =
      r.alone === 1 ? [rules.contactDays.aloneChildless, '孤寡'] : r.disability === '失能' ? [rules.contactDays.disabled, '失能'] : [rules.contactDays.others, '一般'];
    if (r.last === null || r.last < addDays(today, -allowedDays)) out.push({ personId: r.id, name: r.name, lastContact: r.last, allowedDays, why });
  }
  // The most pressing first: the tightest rule, then the longest silence.
  return out.sort((a, b) => a.allowedDays - b.allowedDays || (a.lastContact ?? '').localeCompare(b.lastContact ?? ''));
}

function hospital(store: Store, rules: ReminderRules, today: string): Reminders['hospital'] {
  // A hospital stay is an inpatient invoice (住院) of a claim; a visit on or after it answers it.
  return store
    .prepare(
      `SELECT p.id AS personId, p.name, max(l.visit_date) AS visitDate, l.hospital
       FROM claim_lines l JOIN claims c ON c.id = l.claim_id JOIN persons p ON p.id = l.person_id
       WHERE l.kind = '住院' AND l.visit_date >= ? AND l.total_fen > 0 AND c.source != '冲销' AND p.status = '在册'
         AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = l.person_id AND v.date >= l.visit_date)
       GROUP BY p.id ORDER BY visitDate DESC`,
    )
    .all(addDays(today, -rules.hospitalDays)) as Reminders['hospital'];
}

export function reminders(store: Store, today = todayIso()): Reminders {
  const rules = reminderRules(store);
  return { today, birthdays: birthdays(store, rules, today), followUps: followUps(store, today), notContacted: notContacted(store, rules, today), hospital: hospital(store, rules, today) };
}
