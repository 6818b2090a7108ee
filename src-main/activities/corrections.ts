// Correcting an activity or meeting once entered (a date typed wrong, the place, the minutes). The
// form sends the fields as it loaded them beside what it sends; only what the user changed is put
// on the record as it is now, and a field someone else changed since is refused, naming it
// (audit/edits.ts; DESIGN: a save sends what the user changed, never over someone else's change).
import type { Selectable } from 'kysely';
import { isMeeting, type ActivityFields, type MeetingRecord } from '../contract/activities';
import { writeAudit } from '../audit/audit';
import { applyEdit, editBetween } from '../audit/edits';
import type { ActivitiesTable } from '../db/schema';
import type { Store } from '../db/store';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';

/** Every field of an activity a form may change. */
export type ActivityRecord = ActivityFields & MeetingRecord;

const COLUMNS = {
  kind: 'kind',
  title: 'title',
  heldOn: 'held_on',
  startsAt: 'starts_at',
  place: 'place',
  organiser: 'organiser',
  note: 'note',
  host: 'host',
  recorder: 'recorder',
  agenda: 'agenda',
  minutes: 'minutes',
} as const satisfies Record<keyof ActivityRecord, keyof ActivitiesTable>;

function recordOf(row: Selectable<ActivitiesTable>): ActivityRecord {
  return Object.fromEntries(
    Object.entries(COLUMNS).map(([field, column]) => [field, row[column]]),
  ) as unknown as ActivityRecord;
}

/**
 * Puts what the form changed (`sent` against `loaded`) on the activity as it is now, then lets
 * `check` refuse the result; writes and audits the fields that changed, in one transaction.
 * `loaded` null or absent: the form showed every field empty, so it writes over nothing it did not see.
 */
export function editActivityRecord<K extends keyof ActivityRecord>(
  store: Store,
  id: number,
  sent: Pick<ActivityRecord, K>,
  loaded: Partial<Pick<ActivityRecord, K>> | null | undefined,
  check: (before: ActivityRecord, after: ActivityRecord, changed: (keyof ActivityRecord)[]) => void,
): void {
  store.tx(() => {
    const row = store.first(store.kysely.selectFrom('activities').selectAll().where('id', '=', id));
    if (!row) throw new UserError('not_found', '没有找到这次活动');
    const before = recordOf(row);
    const after = applyEdit(editBetween<ActivityRecord>(loaded ?? null, sent as ActivityRecord), {
      store,
      entity: 'activity',
      entityId: id,
      what: `${isMeeting(row.kind) ? '会议' : '活动'}“${row.title}”`,
      current: before,
    });
    const changed = (Object.keys(COLUMNS) as (keyof ActivityRecord)[]).filter((k) => before[k] !== after[k]);
    check(before, after, changed);
    if (changed.length === 0) return;
    store.run(
      store.kysely
        .updateTable('activities')
        .set(Object.fromEntries(changed.map((k) => [COLUMNS[k], after[k]])))
        .where('id', '=', id),
    );
    writeAudit(store, {
      entity: 'activity',
      entityId: id,
      personId: null,
      action: 'update',
      before: Object.fromEntries(changed.map((k) => [k, before[k]])) as Partial<ActivityRecord>,
      after: Object.fromEntries(changed.map((k) => [k, after[k]])) as Partial<ActivityRecord>,
    });
  });
}

/** Minutes are kept only for a meeting that has been held. */
export function refuseMinutesAhead(after: ActivityRecord, changed: (keyof ActivityRecord)[], today: string): void {
  if (after.minutes === null || after.heldOn <= today) return;
  const when = formatChineseDate(after.heldOn);
  if (changed.includes('minutes'))
    throw new UserError('invalid_input', `会议定于${when}召开，尚未召开，不能记录会议纪要`);
  if (changed.includes('heldOn'))
    throw new UserError('invalid_input', `这次会议已记录会议纪要，日期不能改到今天以后（${when}）`);
}

/**
 * A correction of an activity's or meeting's heading facts. The kind stays in its family: a
 * meeting's minutes, staff and sign-in sheet belong to a meeting, an activity has none of them.
 */
export function updateActivity(
  store: Store,
  id: number,
  sent: ActivityFields,
  loaded: Partial<ActivityFields> | null | undefined,
  today = todayIso(),
): void {
  editActivityRecord(store, id, sent, loaded, (before, after, changed) => {
    if (isMeeting(before.kind) !== isMeeting(after.kind))
      throw new UserError(
        'invalid_input',
        isMeeting(before.kind)
          ? `“${before.kind}”是会议，不能改为活动类别“${after.kind}”：会议纪要、参会工作人员和签到都属于会议。如登记错了，请另行新建活动`
          : `“${before.kind}”是活动，不能改为会议类别“${after.kind}”。如登记错了，请另行新建会议`,
      );
    refuseMinutesAhead(after, changed, today);
  });
}
