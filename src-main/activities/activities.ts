// Activities and study (文体活动与学习). An activity or meeting (文体活动, 学习会, 组织生活会, 体检) has
// a date, place and organiser, the people invited (by hand, or a whole unit of the organisation
// network) and who came. A study material (学习资料) is handed out, often at a meeting; who received
// it is recorded with how: those invited to its meeting who did not come are listed for 送学上门,
// and a delivery at home is also a visit on their file (it counts as contact).
import type {
  ActivityInput,
  ActivityView,
  MaterialInput,
  MaterialView,
  PersonActivities,
} from '../contract/activities';
import type { UnitRef } from '../contract/org';
import { nowIso, writeAudit } from '../audit/audit';
import type { ExpressionBuilder, InferResult } from 'kysely';
import type { Database } from '../db/schema';
import type { Store } from '../db/store';
import { unitMembers } from '../org/network';
import { currentOperator } from '../settings/settings';
import { formatChineseDate } from '../shared/dates';
import { UserError } from '../shared/errors';
import { createVisit } from '../visits/visits';
import { branchDeliveries, insertBranchTargets } from './circulars';
import { insertStaff, staffOf } from './meetings';

/** How many of an activity's people were invited, or came. */
const peopleCount = (
  eb: ExpressionBuilder<Database & { a: Database['activities'] }, 'a'>,
  column: 'invited' | 'attended',
) =>
  eb
    .selectFrom('activity_people as p')
    .select((c) => c.fn.countAll<number>().as('n'))
    .whereRef('p.activity_id', '=', 'a.id')
    .where(`p.${column}`, '=', 1)
    .as(column);

/** Activities with their counts; the kind is one of ACTIVITY_KINDS (the table's CHECK). */
const activities = (store: Store) =>
  store.kysely
    .selectFrom('activities as a')
    .selectAll('a')
    .select((eb) => [peopleCount(eb, 'invited'), peopleCount(eb, 'attended')])
    .$narrowType<{ kind: ActivityView['kind']; invited: number; attended: number }>();

type ActivityRow = InferResult<ReturnType<typeof activities>>[number];

function activityView(r: ActivityRow): ActivityView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    heldOn: r.held_on,
    place: r.place,
    organiser: r.organiser,
    note: r.note,
    startsAt: r.starts_at,
    host: r.host,
    recorder: r.recorder,
    agenda: r.agenda,
    minutes: r.minutes,
    createdBy: r.created_by,
    invited: r.invited,
    attended: r.attended,
    people: [],
    staff: [],
  };
}

/** The people a unit holds on the roll, for inviting them all. */
function unitPeople(store: Store, ref: UnitRef | null): number[] {
  return ref ? unitMembers(store, ref).map((m) => m.personId) : [];
}

function checkPeople(store: Store, ids: number[]): void {
  for (const id of ids) {
    const p = store.first(store.kysely.selectFrom('persons').select(['name', 'status']).where('id', '=', id));
    if (!p) throw new UserError('not_found', `没有找到第 ${id} 号档案`);
    if (p.status !== '在册') throw new UserError('invalid_input', `${p.name}的状态为“${p.status}”，不能邀请`);
  }
}

export function createActivity(store: Store, input: ActivityInput): ActivityView {
  return store.tx(() => {
    const invite = [...new Set([...input.inviteIds, ...unitPeople(store, input.inviteUnit)])];
    checkPeople(store, input.inviteIds);
    const id = Number(
      store
        .prepare(
          'INSERT INTO activities (kind, title, held_on, place, organiser, note, starts_at, host, recorder, agenda, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          input.kind,
          input.title,
          input.heldOn,
          input.place,
          input.organiser,
          input.note,
          input.startsAt,
          input.host,
          input.recorder,
          input.agenda,
          nowIso(),
          currentOperator(store),
        ).lastInsertRowid,
    );
    insertStaff(store, id, input.staff);
    const add = store.prepare(
      'INSERT INTO activity_people (activity_id, person_id, invited, attended) VALUES (?, ?, 1, 0)',
    );
    for (const p of invite) add.run(id, p);
    writeAudit(store, {
      entity: 'activity',
      entityId: id,
      personId: null,
      action: 'create',
      before: null,
      after: {
        kind: input.kind,
        title: input.title,
        heldOn: input.heldOn,
        invited: invite.length,
        staff: input.staff.map((p) => p.name),
      },
    });
    return getActivity(store, id);
  });
}

export function listActivities(store: Store, year: number): ActivityView[] {
  return store
    .all(
      activities(store)
        .where('a.held_on', '>=', `${year}-01-01`)
        .where('a.held_on', '<', `${year + 1}-01-01`)
        .orderBy('a.held_on', 'desc')
        .orderBy('a.id', 'desc'),
    )
    .map(activityView);
}

export function getActivity(store: Store, id: number): ActivityView {
  const r = store.first(activities(store).where('a.id', '=', id));
  if (!r) throw new UserError('not_found', `没有找到这次活动`);
  const people = store.all(
    store.kysely
      .selectFrom('activity_people as p')
      .innerJoin('persons as s', 's.id', 'p.person_id')
      .select(['p.person_id', 's.name', 'p.invited', 'p.attended'])
      .where('p.activity_id', '=', id)
      .orderBy('s.name_sort')
      .orderBy('s.id'),
  );
  return {
    ...activityView(r),
    people: people.map((p) => ({
      personId: p.person_id,
      name: p.name,
      invited: p.invited === 1,
      attended: p.attended === 1,
    })),
    staff: staffOf(store, id),
  };
}

/** Who came: set for the people named; people not invited who came are added as such. */
export function setAttendance(store: Store, id: number, personIds: number[], attended: boolean): ActivityView {
  return store.tx(() => {
    const a = getActivity(store, id);
    checkPeople(
      store,
      personIds.filter((p) => !a.people.some((x) => x.personId === p)),
    );
    const upsert = store.prepare(
      'INSERT INTO activity_people (activity_id, person_id, invited, attended) VALUES (?, ?, 0, ?) ON CONFLICT (activity_id, person_id) DO UPDATE SET attended = excluded.attended',
    );
    for (const p of personIds) upsert.run(id, p, attended ? 1 : 0);
    writeAudit(store, {
      entity: 'activity',
      entityId: id,
      personId: null,
      action: 'update',
      before: null,
      after: { attended, personIds },
    });
    return getActivity(store, id);
  });
}

// --- study materials ----------------------------------------------------------------------------

export function createMaterial(store: Store, input: MaterialInput): MaterialView {
  return store.tx(() => {
    if (input.activityId !== null) getActivity(store, input.activityId);
    if (input.kind !== '学习通报' && (input.allBranches || input.branchIds.length > 0))
      throw new UserError('invalid_input', '下发党支部的资料请选择“学习通报”类别');
    const id = Number(
      store
        .prepare(
          'INSERT INTO study_materials (kind, doc_no, title, issued_on, activity_id, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          input.kind,
          input.docNo,
          input.title,
          input.issuedOn,
          input.activityId,
          input.note,
          nowIso(),
          currentOperator(store),
        ).lastInsertRowid,
    );
    const branches = input.kind === '学习通报' ? insertBranchTargets(store, id, input.allBranches, input.branchIds) : 0;
    // Handed out at a meeting: those who came received it there.
    if (input.activityId !== null) {
      store
        .prepare(
          `INSERT INTO study_deliveries (material_id, person_id, received_on, how, recorded_by)
           SELECT ?, person_id, ?, '会上领取', ? FROM activity_people WHERE activity_id = ? AND attended = 1`,
        )
        .run(id, input.issuedOn, currentOperator(store), input.activityId);
    }
    writeAudit(store, {
      entity: 'study_material',
      entityId: id,
      personId: null,
      action: 'create',
      before: null,
      after: {
        kind: input.kind,
        title: input.title,
        issuedOn: input.issuedOn,
        ...(branches && { branchCount: branches }),
      },
    });
    return getMaterial(store, id);
  });
}

/** Study materials with the activity they were handed out at and how many received them. */
const materials = (store: Store) =>
  store.kysely
    .selectFrom('study_materials as m')
    .leftJoin('activities as a', 'a.id', 'm.activity_id')
    .selectAll('m')
    .$narrowType<{ kind: MaterialView['kind'] }>()
    .select((eb) => [
      'a.title as activity_title',
      eb
        .selectFrom('study_deliveries as d')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('d.material_id', '=', 'm.id')
        .as('received'),
    ])
    .$narrowType<{ received: number }>();

type MaterialRow = InferResult<ReturnType<typeof materials>>[number];

export function listMaterials(
  store: Store,
): Omit<MaterialView, 'deliveries' | 'toDeliver' | 'branches' | 'unreached'>[] {
  return store.all(materials(store).orderBy('m.issued_on', 'desc').orderBy('m.id', 'desc')).map(materialHead);
}

const materialHead = (m: MaterialRow) => ({
  id: m.id,
  kind: m.kind,
  docNo: m.doc_no,
  title: m.title,
  issuedOn: m.issued_on,
  activityId: m.activity_id,
  activityTitle: m.activity_title,
  note: m.note,
  received: m.received,
});

export function getMaterial(store: Store, id: number): MaterialView {
  const m = store.first(materials(store).where('m.id', '=', id));
  if (!m) throw new UserError('not_found', '没有找到这份学习资料');
  const deliveries = store.all(
    store.kysely
      .selectFrom('study_deliveries as d')
      .innerJoin('persons as s', 's.id', 'd.person_id')
      .select(['d.person_id', 's.name', 'd.received_on', 'd.how', 'd.recorded_by'])
      .where('d.material_id', '=', id)
      .orderBy('d.received_on')
      .orderBy('s.name_sort')
      .$narrowType<{ how: MaterialView['deliveries'][number]['how'] }>(),
  );
  // Invited to its meeting, did not come, on the roll, not yet given it: to be taken to them.
  const toDeliver =
    m.activity_id === null
      ? []
      : store.all(
          store.kysely
            .selectFrom('activity_people as p')
            .innerJoin('persons as s', 's.id', 'p.person_id')
            .select(['s.id', 's.name', 's.care_disability', 's.living'])
            .where('p.activity_id', '=', m.activity_id)
            .where('p.invited', '=', 1)
            .where('p.attended', '=', 0)
            .where('s.status', '=', '在册')
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('study_deliveries as d')
                    .select('d.person_id')
                    .where('d.material_id', '=', id)
                    .whereRef('d.person_id', '=', 's.id'),
                ),
              ),
            )
            .orderBy('s.name_sort')
            .orderBy('s.id'),
        );
  const branches = branchDeliveries(store, id);
  return {
    ...materialHead(m),
    branches,
    unreached: branches.filter((b) => !b.sentOn).map((b) => ({ branchId: b.branchId, branch: b.branch })),
    deliveries: deliveries.map((d) => ({
      personId: d.person_id,
      name: d.name,
      receivedOn: d.received_on,
      how: d.how,
      recordedBy: d.recorded_by,
    })),
    toDeliver: toDeliver.map((p) => ({
      personId: p.id,
      name: p.name,
      why: [p.care_disability, p.living === '独居' ? '独居' : null].filter(Boolean).join('、') || '未到会',
    })),
  };
}

/** Records who received it and how; a delivery at home (送学上门) is also a visit on the file. */
export function deliverMaterial(
  store: Store,
  id: number,
  personIds: number[],
  how: MaterialView['deliveries'][number]['how'],
  on: string,
): MaterialView {
  return store.tx(() => {
    const m = getMaterial(store, id);
    if (on < m.issuedOn)
      throw new UserError(
        'invalid_input',
        `领取日期（${formatChineseDate(on)}）不能早于资料发放日期（${formatChineseDate(m.issuedOn)}）`,
      );
    checkPeople(store, personIds);
    const done = personIds.map((p) => m.deliveries.find((d) => d.personId === p)).find(Boolean);
    if (done) throw new UserError('invalid_input', `${done.name}已于 ${done.receivedOn} ${done.how}`);
    const add = store.prepare(
      'INSERT INTO study_deliveries (material_id, person_id, received_on, how, visit_id, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const p of personIds) {
      const visit =
        how === '送学上门'
          ? createVisit(store, {
              personId: p,
              kind: '送学上门',
              date: on,
              visitors: currentOperator(store),
              money: 0,
              items: m.title,
              note: `送学上门：《${m.title}》`,
              followUpOn: null,
              certify: false,
            })
          : null;
      add.run(id, p, on, how, visit?.id ?? null, currentOperator(store));
      writeAudit(store, {
        entity: 'study_material',
        entityId: id,
        personId: p,
        action: 'update',
        before: null,
        after: { received: m.title, how, on },
      });
    }
    return getMaterial(store, id);
  });
}

/** A person's activities and study materials, for the file. */
export function activitiesOf(store: Store, personId: number): PersonActivities {
  const attended = store.all(
    store.kysely
      .selectFrom('activity_people as p')
      .innerJoin('activities as a', 'a.id', 'p.activity_id')
      .select(['a.id', 'a.kind', 'a.title', 'a.held_on', 'p.invited', 'p.attended'])
      .where('p.person_id', '=', personId)
      .orderBy('a.held_on', 'desc'),
  );
  const received = store.all(
    store.kysely
      .selectFrom('study_deliveries as d')
      .innerJoin('study_materials as m', 'm.id', 'd.material_id')
      .select(['m.id', 'm.title', 'd.received_on', 'd.how'])
      .where('d.person_id', '=', personId)
      .orderBy('d.received_on', 'desc'),
  );
  return {
    activities: attended.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      heldOn: a.held_on,
      invited: a.invited === 1,
      attended: a.attended === 1,
    })),
    materials: received.map((m) => ({ id: m.id, title: m.title, receivedOn: m.received_on, how: m.how })),
  };
}
