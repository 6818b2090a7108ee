// Hospital stays (住院登记, issue 20 item 1): the office hears of a stay by phone long before any
// invoice. A stay is registered, edited under the save rule (audit/edits.ts), discharged; its
// visits (住院看望) are visits that name it; those in hospital now and the discharges still to be
// followed up (出院回访) are on the home page.
import { applyEdit, type Edit } from '../audit/edits';
import { nowIso, writeAudit } from '../audit/audit';
import type { Selectable } from 'kysely';
import { type Stay, type StayBoard, type StayFields, stayFieldsOf, type StayInput } from '../contract/stays';
import type { StaysTable } from '../db/schema';
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';
import type { NewsSource, ReminderRules } from '../shared/care';
import { todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { addDays, followedUpOn, reminderRules } from './reminders';
import { visitsOfStay } from './visits';

type StayRow = Selectable<StaysTable> & {
  person_name: string;
  /** The discharge follow-up made: the first contact since (reminders followedUpOn). */
  followed_up_on: string | null;
};

const STAYS_SQL = `SELECT s.*, p.name AS person_name,
    CASE WHEN s.discharged_on IS NULL THEN NULL ELSE ${followedUpOn} END AS followed_up_on
  FROM stays s JOIN persons p ON p.id = s.person_id`;

function fieldsOf(r: StayRow): StayFields {
  return {
    hospital: r.hospital,
    department: r.department,
    bed: r.bed,
    admittedOn: r.admitted_on,
    dischargedOn: r.discharged_on,
    condition: r.condition,
    outcome: r.outcome,
    newsSource: r.news_source as NewsSource | null,
    newsDetail: r.news_detail,
    note: r.note,
  };
}

function view(store: Store, r: StayRow, rules: ReminderRules): Stay {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    ...fieldsOf(r),
    newsSource: r.news_source as NewsSource | null,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    visits: visitsOfStay(store, r.id),
    followUp: r.discharged_on
      ? { dueOn: addDays(r.discharged_on, rules.dischargeFollowUpDays), doneOn: r.followed_up_on }
      : null,
  };
}

function stays(store: Store, where: string, params: unknown[], order = 's.admitted_on DESC, s.id DESC'): Stay[] {
  const rules = reminderRules(store);
  return (store.prepare(`${STAYS_SQL} WHERE ${where} ORDER BY ${order}`).all(...params) as StayRow[]).map((r) =>
    view(store, r, rules),
  );
}

export function getStay(store: Store, id: number): Stay {
  const [s] = stays(store, 's.id = ?', [id]);
  if (!s) throw new UserError('not_found', '没有找到这条住院登记');
  return s;
}

/** A person's stays, the latest admission first. */
export function listStays(store: Store, personId: number): Stay[] {
  return stays(store, 's.person_id = ?', [personId]);
}

/** Those in hospital now, and those discharged in the last `days` days: people on the roll only. */
export function stayBoard(store: Store, days: number, today = todayIso()): StayBoard {
  return {
    today,
    days,
    inHospital: stays(store, "s.discharged_on IS NULL AND p.status = '在册'", [], 's.admitted_on, s.id'),
    discharged: stays(
      store,
      "s.discharged_on IS NOT NULL AND s.discharged_on >= ? AND p.status = '在册'",
      [addDays(today, -days)],
      's.discharged_on DESC, s.id DESC',
    ),
  };
}

/** The rules a stay's dates keep; each refusal says what to correct, and nothing is saved. */
function checkStay(store: Store, personId: number, s: StayFields, today: string, id: number | null): void {
  const person = store.first(
    store.kysely
      .selectFrom('persons as p')
      .leftJoin('deaths as d', 'd.person_id', 'p.id')
      .select(['p.name', 'd.died_on'])
      .where('p.id', '=', personId),
  );
  if (!person) throw new UserError('not_found', '没有找到这份档案');
  const field = (path: string, message: string) => new UserError('invalid_input', message, [{ path: [path], message }]);
  if (s.admittedOn > today) throw field('admittedOn', `入院日期（${s.admittedOn}）不能晚于今天`);
  if (s.dischargedOn !== null && s.dischargedOn < s.admittedOn)
    throw field('dischargedOn', `出院日期（${s.dischargedOn}）不能早于入院日期（${s.admittedOn}）`);
  if (s.dischargedOn !== null && s.dischargedOn > today)
    throw field('dischargedOn', `出院日期（${s.dischargedOn}）不能晚于今天`);
  if (person.died_on !== null && person.died_on < s.admittedOn)
    throw field('admittedOn', `${person.name}已于 ${person.died_on} 去世，不能登记此后入院的住院`);
  if (person.died_on !== null && s.dischargedOn !== null && s.dischargedOn > person.died_on)
    throw field('dischargedOn', `${person.name}已于 ${person.died_on} 去世，出院日期不能晚于去世日期`);
  if (s.dischargedOn === null) {
    const open = store.prepare(
      'SELECT id, hospital, admitted_on FROM stays WHERE person_id = ? AND discharged_on IS NULL AND id IS NOT ?',
    );
    const other = open.get(personId, id) as { id: number; hospital: string; admitted_on: string } | undefined;
    if (other)
      throw new UserError(
        'invalid_input',
        `${person.name}已有一条未出院的住院登记（${other.hospital}，${other.admitted_on} 入院），请先为其办理出院`,
      );
  }
}

/** What the audit log keeps of a stay (typed, so that tests/audit-words.test.ts sees its keys). */
type StaySnapshot = StayFields;

function audit(store: Store, id: number, personId: number, before: StaySnapshot | null, after: StaySnapshot): void {
  writeAudit(store, { entity: 'stay', entityId: id, personId, action: before ? 'update' : 'create', before, after });
}

export function createStay(store: Store, input: StayInput, today = todayIso()): Stay {
  return store.tx(() => {
    const { personId, ...fields } = input;
    checkStay(store, personId, fields, today, null);
    const at = nowIso();
    const id = Number(
      store.run(
        store.kysely.insertInto('stays').values({
          person_id: personId,
          hospital: fields.hospital,
          department: fields.department,
          bed: fields.bed,
          admitted_on: fields.admittedOn,
          discharged_on: fields.dischargedOn,
          condition: fields.condition,
          outcome: fields.outcome,
          news_source: fields.newsSource,
          news_detail: fields.newsDetail,
          note: fields.note,
          created_at: at,
          created_by: currentOperator(store),
          updated_at: at,
        }),
      ).lastInsertRowid,
    );
    audit(store, id, personId, null, fields);
    return getStay(store, id);
  });
}

function save(store: Store, before: Stay, after: StayFields, today: string): Stay {
  checkStay(store, before.personId, after, today, before.id);
  store.run(
    store.kysely
      .updateTable('stays')
      .set((eb) => ({
        hospital: after.hospital,
        department: after.department,
        bed: after.bed,
        admitted_on: after.admittedOn,
        discharged_on: after.dischargedOn,
        condition: after.condition,
        outcome: after.outcome,
        news_source: after.newsSource,
        news_detail: after.newsDetail,
        note: after.note,
        updated_at: nowIso(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', before.id),
  );
  audit(store, before.id, before.personId, stayFieldsOf(before), after);
  return getStay(store, before.id);
}

/** A save from the form: only what the user changed, refused where someone else changed it since. */
export function updateStay(store: Store, id: number, edit: Edit<StayFields>, today = todayIso()): Stay {
  return store.tx(() => {
    const before = getStay(store, id);
    const after = applyEdit(edit, {
      store,
      entity: 'stay',
      entityId: id,
      what: `${before.personName}的住院登记`,
      current: stayFieldsOf(before),
    });
    return save(store, before, after, today);
  });
}

/** 出院登记: the day, and how the treatment ended (kept as it was when none is given). */
export function dischargeStay(
  store: Store,
  input: { id: number; version: number; dischargedOn: string; outcome: string | null },
  today = todayIso(),
): Stay {
  return store.tx(() => {
    const before = getStay(store, input.id);
    if (before.dischargedOn !== null)
      throw new UserError('invalid_input', `${before.personName}已于 ${before.dischargedOn} 出院`);
    if (before.version !== input.version)
      throw new UserError('conflict', '未保存：这条住院登记在您打开之后已被修改，请刷新后重新办理出院');
    return save(
      store,
      before,
      { ...stayFieldsOf(before), dischargedOn: input.dischargedOn, outcome: input.outcome ?? before.outcome },
      today,
    );
  });
}
