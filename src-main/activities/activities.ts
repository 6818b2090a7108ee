// Activities and study (文体活动与学习). An activity or meeting (文体活动, 学习会, 组织生活会, 体检) has
// a date, place and organiser, the people invited (by hand, or a whole unit of the organisation
// network) and who came. A study material (学习资料) is handed out, often at a meeting; who received
// it is recorded with how: those invited to its meeting who did not come are listed for 送学上门,
// and a delivery at home is also a visit on their file (it counts as contact).
import type { ActivityInput, ActivityView, MaterialInput, MaterialView, PersonActivities } from '../contract/activities';
import type { UnitRef } from '../contract/org';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { unitMembers } from '../org/network';
import { currentOperator } from '../settings/settings';
import { UserError } from '../shared/errors';
import { createVisit } from '../visits/visits';

interface ActivityRow {
  id: number;
  kind: ActivityView['kind'];
  title: string;
  held_on: string;
  place: string | null;
  organiser: string | null;
  note: string | null;
  created_by: string;
  invited: number;
  attended: number;
}

const ACTIVITY_SELECT = `SELECT a.*, (SELECT count(*) FROM activity_people p WHERE p.activity_id = a.id AND p.invited = 1) AS invited,
  (SELECT count(*) FROM activity_people p WHERE p.activity_id = a.id AND p.attended = 1) AS attended FROM activities a`;

function activityView(r: ActivityRow): ActivityView {
  return { id: r.id, kind: r.kind, title: r.title, heldOn: r.held_on, place: r.place, organiser: r.organiser, note: r.note, createdBy: r.created_by, invited: r.invited, attended: r.attended, people: [] };
}

/** The people a unit holds on the roll, for inviting them all. */
function unitPeople(store: Store, ref: UnitRef | null): number[] {
  return ref ? unitMembers(store, ref).map((m) => m.personId) : [];
}

function checkPeople(store: Store, ids: number[]): void {
  const get = store.prepare('SELECT name, status FROM persons WHERE id = ?');
  for (const id of ids) {
    const p = get.get(id) as { name: string; status: string } | undefined;
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
        .prepare('INSERT INTO activities (kind, title, held_on, place, organiser, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.kind, input.title, input.heldOn, input.place, input.organiser, input.note, nowIso(), currentOperator(store)).lastInsertRowid,
    );
    const add = store.prepare('INSERT INTO activity_people (activity_id, person_id, invited, attended) VALUES (?, ?, 1, 0)');
    for (const p of invite) add.run(id, p);
    writeAudit(store, { entity: 'activity', entityId: id, personId: null, action: 'create', before: null, after: { kind: input.kind, title: input.title, heldOn: input.heldOn, invited: invite.length } });
    return getActivity(store, id);
  });
}

export function listActivities(store: Store, year: number): ActivityView[] {
  return (store.prepare(`${ACTIVITY_SELECT} WHERE a.held_on >= ? AND a.held_on < ? ORDER BY a.held_on DESC, a.id DESC`).all(`${year}-01-01`, `${year + 1}-01-01`) as ActivityRow[]).map(activityView);
}

export function getActivity(store: Store, id: number): ActivityView {
  const r = store.prepare(`${ACTIVITY_SELECT} WHERE a.id = ?`).get(id) as ActivityRow | undefined;
  if (!r) throw new UserError('not_found', `没有找到这次活动`);
  const people = store
    .prepare('SELECT p.person_id, s.name, p.invited, p.attended FROM activity_people p JOIN persons s ON s.id = p.person_id WHERE p.activity_id = ? ORDER BY s.name_sort, s.id')
    .all(id) as { person_id: number; name: string; invited: number; attended: number }[];
  return { ...activityView(r), people: people.map((p) => ({ personId: p.person_id, name: p.name, invited: p.invited === 1, attended: p.attended === 1 })) };
}

/** Who came: set for the people named; people not invited who came are added as such. */
export function setAttendance(store: Store, id: number, personIds: number[], attended: boolean): ActivityView {
  return store.tx(() => {
    const a = getActivity(store, id);
    checkPeople(store, personIds.filter((p) => !a.people.some((x) => x.personId === p)));
    const upsert = store.prepare(
      'INSERT INTO activity_people (activity_id, person_id, invited, attended) VALUES (?, ?, 0, ?) ON CONFLICT (activity_id, person_id) DO UPDATE SET attended = excluded.attended',
    );
    for (const p of personIds) upsert.run(id, p, attended ? 1 : 0);
    writeAudit(store, { entity: 'activity', entityId: id, personId: null, action: 'update', before: null, after: { attended, personIds } });
    return getActivity(store, id);
  });
}

// --- study materials ----------------------------------------------------------------------------

export function createMaterial(store: Store, input: MaterialInput): MaterialView {
  return store.tx(() => {
    if (input.activityId !== null) getActivity(store, input.activityId);
    const id = Number(
      store
        .prepare('INSERT INTO study_materials (title, issued_on, activity_id, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.title, input.issuedOn, input.activityId, input.note, nowIso(), currentOperator(store)).lastInsertRowid,
    );
    // Handed out at a meeting: those who came received it there.
    if (input.activityId !== null) {
      store
        .prepare(
          `INSERT INTO study_deliveries (material_id, person_id, received_on, how, recorded_by)
           SELECT ?, person_id, ?, '会上领取', ? FROM activity_people WHERE activity_id = ? AND attended = 1`,
        )
        .run(id, input.issuedOn, currentOperator(store), input.activityId);
    }
    writeAudit(store, { entity: 'study_material', entityId: id, personId: null, action: 'create', before: null, after: { title: input.title, issuedOn: input.issuedOn } });
    return getMaterial(store, id);
  });
}

export function listMaterials(store: Store): Omit<MaterialView, 'deliveries' | 'toDeliver'>[] {
  return (
    store
      .prepare(
        `SELECT m.*, a.title AS activity_title, (SELECT count(*) FROM study_deliveries d WHERE d.material_id = m.id) AS received
         FROM study_materials m LEFT JOIN activities a ON a.id = m.activity_id ORDER BY m.issued_on DESC, m.id DESC`,
      )
      .all() as MaterialRow[]
  ).map(materialHead);
}

interface MaterialRow {
  id: number;
  title: string;
  issued_on: string;
  activity_id: number | null;
  activity_title: string | null;
  note: string | null;
  received: number;
}

const materialHead = (m: MaterialRow) => ({ id: m.id, title: m.title, issuedOn: m.issued_on, activityId: m.activity_id, activityTitle: m.activity_title, note: m.note, received: m.received });

export function getMaterial(store: Store, id: number): MaterialView {
  const m = store
    .prepare(
      `SELECT m.*, a.title AS activity_title, (SELECT count(*) FROM study_deliveries d WHERE d.material_id = m.id) AS received
       FROM study_materials m LEFT JOIN activities a ON a.id = m.activity_id WHERE m.id = ?`,
    )
    .get(id) as MaterialRow | undefined;
  if (!m) throw new UserError('not_found', '没有找到这份学习资料');
  const deliveries = store
    .prepare('SELECT d.person_id, s.name, d.received_on, d.how, d.recorded_by FROM study_deliveries d JOIN persons s ON s.id = d.person_id WHERE d.material_id = ? ORDER BY d.received_on, s.name_sort')
    .all(id) as { person_id: number; name: string; received_on: string; how: MaterialView['deliveries'][number]['how']; recorded_by: string }[];
  // Invited to its meeting, did not come, on the roll, not yet given it: to be taken to them.
  const toDeliver =
    m.activity_id === null
      ? []
      : (store
          .prepare(
            `SELECT s.id, s.name, s.care_disability, s.living FROM activity_people p JOIN persons s ON s.id = p.person_id
             WHERE p.activity_id = ? AND p.invited = 1 AND p.attended = 0 AND s.status = '在册'
               AND NOT EXISTS (SELECT 1 FROM study_deliveries d WHERE d.material_id = ? AND d.person_id = s.id)
             ORDER BY s.name_sort, s.id`,
          )
          .all(m.activity_id, id) as { id: number; name: string; care_disability: string | null; living: string | null }[]);
  return {
    ...materialHead(m),
    deliveries: deliveries.map((d) => ({ personId: d.person_id, name: d.name, receivedOn: d.received_on, how: d.how, recordedBy: d.recorded_by })),
    toDeliver: toDeliver.map((p) => ({ personId: p.id, name: p.name, why: [p.care_disability, p.living === '独居' ? '独居' : null].filter(Boolean).join('、') || '未到会' })),
  };
}

/** Records who received it and how; a delivery at home (送学上门) is also a visit on the file. */
export function deliverMaterial(store: Store, id: number, personIds: number[], how: MaterialView['deliveries'][number]['how'], on: string): MaterialView {
  return store.tx(() => {
    const m = getMaterial(store, id);
    checkPeople(store, personIds);
    const done = personIds.map((p) => m.deliveries.find((d) => d.personId === p)).find(Boolean);
    if (done) throw new UserError('invalid_input', `${done.name}已于 ${done.receivedOn} ${done.how}`);
    const add = store.prepare('INSERT INTO study_deliveries (material_id, person_id, received_on, how, visit_id, recorded_by) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of personIds) {
      const visit =
        how === '送学上门'
          ? createVisit(store, { personId: p, kind: '送学上门', date: on, visitors: currentOperator(store), money: 0, items: m.title, note: `送学上门：《${m.title}》`, followUpOn: null, certify: false })
          : null;
      add.run(id, p, on, how, visit?.id ?? null, currentOperator(store));
      writeAudit(store, { entity: 'study_material', entityId: id, personId: p, action: 'update', before: null, after: { received: m.title, how, on } });
    }
    return getMaterial(store, id);
  });
}

/** A person's activities and study materials, for the file. */
export function activitiesOf(store: Store, personId: number): PersonActivities {
  const activities = store
    .prepare('SELECT a.id, a.kind, a.title, a.held_on, p.invited, p.attended FROM activity_people p JOIN activities a ON a.id = p.activity_id WHERE p.person_id = ? ORDER BY a.held_on DESC')
    .all(personId) as { id: number; kind: string; title: string; held_on: string; invited: number; attended: number }[];
  const materials = store
    .prepare('SELECT m.id, m.title, d.received_on, d.how FROM study_deliveries d JOIN study_materials m ON m.id = d.material_id WHERE d.person_id = ? ORDER BY d.received_on DESC')
    .all(personId) as { id: number; title: string; received_on: string; how: string }[];
  return {
    activities: activities.map((a) => ({ id: a.id, kind: a.kind, title: a.title, heldOn: a.held_on, invited: a.invited === 1, attended: a.attended === 1 })),
    materials: materials.map((m) => ({ id: m.id, title: m.title, receivedOn: m.received_on, how: m.how })),
  };
}
