// The community handover (社会化移交, issue 21 item 2): the enterprise hands its retirees over to the
// 街道 and 社区 where they live and keeps them on file, 在册 ("经济不断，感情不断"): still visited, still in
// the festival batches. A project names the receiving 街道 and the agreement; its roster is chosen by
// the people list's filter or a unit of the network (the list's query), or one by one; each person's
// 档案 (the deceased's files too), 党组织关系, 社保 record, 社区, the 党费基数 passed on and what stays
// with the enterprise are kept per person; completing a person's handover flags the file 社会化管理 from
// that day (an audited, dated fact of its history); the signed roster is printed for both sides.
import type { Selectable } from 'kysely';
import type {
  HandoverCommunityProgress,
  HandoverPersonInput,
  HandoverPersonRow,
  HandoverProjectInput,
  HandoverProjectSummary,
  HandoverProjectView,
  PersonHandover,
} from '../contract/handover';
import type { PrintableView } from '../contract/common';
import type { ListQuery } from '../contract/retirees';
import { nowIso, writeAudit } from '../audit/audit';
import type { HandoverPeopleTable, HandoverProjectsTable } from '../db/schema';
import type { Store } from '../db/store';
import { SEQ_COLUMN, fieldColumn } from '../documents/columns';
import { html } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';
import { conditions } from '../retirees/list';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { MAX_HANDOVER_ADD, NO_COMMUNITY, rosterMonth } from '../shared/handover';
import { letterDate } from '../shared/letters';
import { maskIdNumber } from '../shared/mask';
import { formatYuan } from '../shared/money';
import { isPartyMember } from '../shared/person';

type ProjectRecord = Selectable<HandoverProjectsTable>;
type PeopleRecord = Selectable<HandoverPeopleTable>;

// --- reading ------------------------------------------------------------------------------------

function projectRecord(store: Store, id: number): ProjectRecord {
  const p = store.first(store.kysely.selectFrom('handover_projects').selectAll().where('id', '=', id));
  if (!p) throw new UserError('not_found', '没有这个移交项目');
  return p;
}

function summaryOf(store: Store, p: ProjectRecord): HandoverProjectSummary {
  const n = store
    .prepare(`SELECT count(*) AS people, count(handed_over_on) AS done FROM handover_people WHERE project_id = ?`)
    .get(p.id) as { people: number; done: number };
  return {
    id: p.id,
    name: p.name,
    street: p.street,
    agreementNo: p.agreement_no,
    agreementDate: p.agreement_date,
    plannedFrom: p.planned_from,
    plannedTo: p.planned_to,
    completedOn: p.completed_on,
    people: n.people,
    done: n.done,
  };
}

export function handoverProjects(store: Store): HandoverProjectSummary[] {
  return store
    .all(store.kysely.selectFrom('handover_projects').selectAll().orderBy('id', 'desc'))
    .map((p) => summaryOf(store, p));
}

const retainedOf = (json: string): string[] => JSON.parse(json) as string[];

/** A person's state in a project, as the screen shows it and the audit keeps it. */
const personSnapshot = (r: PeopleRecord) => ({
  archiveState: r.archive_state,
  archiveVolumes: r.archive_volumes,
  partyTransfer: r.party_transfer,
  partyTransferOn: r.party_transfer_on,
  partyTo: r.party_to,
  socialSecurity: r.social_security,
  street: r.street,
  community: r.community,
  duesBaseFen: r.dues_base_fen,
  retained: retainedOf(r.retained),
  retainedOther: r.retained_other,
  note: r.note,
  handedOverOn: r.handed_over_on,
});

/** The rows of a project (or the rows `where` picks), with each person's file fields, by community then name. */
function peopleRows(store: Store, projectId: number): HandoverPersonRow[] {
  const rows = store
    .prepare(
      `SELECT h.*, p.name, p.gender, p.birth_date, p.id_number, p.category, p.status, p.retirement_date,
              p.political_status,
              (SELECT b.year FROM party_dues_bases b WHERE b.person_id = p.id ORDER BY b.year DESC LIMIT 1) AS base_year,
              (SELECT b.base_fen FROM party_dues_bases b WHERE b.person_id = p.id ORDER BY b.year DESC LIMIT 1) AS base_fen
       FROM handover_people h JOIN persons p ON p.id = h.person_id
       WHERE h.project_id = ?
       ORDER BY h.community IS NULL, h.community, p.name_sort, p.id`,
    )
    .all(projectId) as (PeopleRecord & {
    name: string;
    gender: string | null;
    birth_date: string | null;
    id_number: string | null;
    category: string;
    status: string;
    retirement_date: string | null;
    political_status: string | null;
    base_year: number | null;
    base_fen: number | null;
  })[];
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    personId: r.person_id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumberMasked: maskIdNumber(r.id_number),
    category: r.category,
    status: r.status,
    retirementDate: r.retirement_date,
    partyMember: isPartyMember(r.political_status),
    ...personSnapshot(r),
    duesBaseOnFile: r.base_year === null ? null : { year: r.base_year, baseFen: r.base_fen },
  }));
}

function progressByCommunity(rows: HandoverPersonRow[]): HandoverCommunityProgress[] {
  const by = new Map<string, HandoverCommunityProgress>();
  for (const r of rows) {
    const key = r.community ?? NO_COMMUNITY;
    const c = by.get(key) ?? { community: key, street: r.street, people: 0, done: 0, state: '未开始' as const };
    c.people += 1;
    if (r.handedOverOn) c.done += 1;
    by.set(key, c);
  }
  return [...by.values()].map((c) => ({
    ...c,
    state: c.done === c.people ? '已完成' : c.done > 0 ? '进行中' : '未开始',
  }));
}

export function handoverProject(store: Store, id: number): HandoverProjectView {
  const p = projectRecord(store, id);
  const rows = peopleRows(store, id);
  const living = rows.filter((r) => r.status === '在册');
  return {
    ...summaryOf(store, p),
    version: p.version,
    note: p.note,
    createdAt: p.created_at,
    createdBy: p.created_by,
    counts: {
      people: rows.length,
      living: living.length,
      deceased: rows.filter((r) => r.status === '已故').length,
      partyMembers: living.filter((r) => r.partyMember).length,
      partyTransferred: living.filter((r) => r.partyMember && r.partyTransfer === '已转').length,
      archiveVolumes: rows.reduce((s, r) => s + r.archiveVolumes, 0),
      done: rows.filter((r) => r.handedOverOn).length,
    },
    communities: progressByCommunity(rows),
    rows,
  };
}

/** A file's handovers: the completed one (its 社会化管理 flag) first, then any still planned. */
export function personHandovers(store: Store, personId: number): PersonHandover[] {
  return store
    .all(
      store.kysely
        .selectFrom('handover_people as h')
        .innerJoin('handover_projects as p', 'p.id', 'h.project_id')
        .select(['h.id', 'h.project_id', 'p.name', 'h.street', 'h.community', 'h.handed_over_on', 'h.archive_state'])
        .where('h.person_id', '=', personId)
        .orderBy((eb) => eb('h.handed_over_on', 'is', null))
        .orderBy('h.id', 'desc'),
    )
    .map((r) => ({
      rowId: r.id,
      projectId: r.project_id,
      projectName: r.name,
      street: r.street,
      community: r.community,
      handedOverOn: r.handed_over_on,
      archiveState: r.archive_state,
    }));
}

// --- the project --------------------------------------------------------------------------------

/** Dates that must come in order: the plan's span; nothing completed before the agreement was signed. */
function checkProjectDates(input: HandoverProjectInput, completedOn: string | null): void {
  if (input.plannedFrom && input.plannedTo && input.plannedFrom > input.plannedTo)
    throw new UserError(
      'invalid_input',
      `计划开始日期（${formatChineseDate(input.plannedFrom)}）不能晚于计划完成日期（${formatChineseDate(input.plannedTo)}）`,
    );
  if (completedOn && input.agreementDate && input.agreementDate > completedOn)
    throw new UserError(
      'invalid_input',
      `协议签订日期（${formatChineseDate(input.agreementDate)}）不能晚于移交完成日期（${formatChineseDate(completedOn)}）`,
    );
}

const projectSnapshot = (p: HandoverProjectInput & { completedOn?: string | null }) => ({
  name: p.name,
  street: p.street,
  agreementNo: p.agreementNo,
  agreementDate: p.agreementDate,
  plannedFrom: p.plannedFrom,
  plannedTo: p.plannedTo,
  note: p.note,
  ...(p.completedOn === undefined ? {} : { completedOn: p.completedOn }),
});

const inputOfRecord = (p: ProjectRecord): HandoverProjectInput => ({
  name: p.name,
  street: p.street,
  agreementNo: p.agreement_no,
  agreementDate: p.agreement_date,
  plannedFrom: p.planned_from,
  plannedTo: p.planned_to,
  note: p.note,
});

/** A project's columns as its INSERT and UPDATE name them: name, street, agreement_no … note. */
const projectColumns = (i: HandoverProjectInput) =>
  [i.name, i.street, i.agreementNo, i.agreementDate, i.plannedFrom, i.plannedTo, i.note] as const;

export function createHandoverProject(store: Store, input: HandoverProjectInput): HandoverProjectView {
  checkProjectDates(input, null);
  const id = store.tx(() => {
    const id = Number(
      store
        .prepare(
          `INSERT INTO handover_projects (name, street, agreement_no, agreement_date, planned_from, planned_to, note, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...projectColumns(input), nowIso(), currentOperator(store)).lastInsertRowid,
    );
    writeAudit(store, {
      entity: 'handover_project',
      entityId: id,
      personId: null,
      action: 'create',
      before: null,
      after: projectSnapshot(input),
    });
    return id;
  });
  return handoverProject(store, id);
}

export function updateHandoverProject(
  store: Store,
  id: number,
  version: number,
  input: HandoverProjectInput,
): HandoverProjectView {
  store.tx(() => {
    const p = projectRecord(store, id);
    if (p.version !== version) throw new UserError('conflict', '该移交项目已被他人修改，请重新打开后再改');
    checkProjectDates(input, p.completed_on);
    const firstDone = store.first(
      store.kysely
        .selectFrom('handover_people')
        .select((eb) => eb.fn.min('handed_over_on').as('first'))
        .where('project_id', '=', id),
    )?.first;
    if (firstDone && input.agreementDate && input.agreementDate > firstDone)
      throw new UserError(
        'invalid_input',
        `协议签订日期（${formatChineseDate(input.agreementDate)}）不能晚于已办结的移交日期（${formatChineseDate(firstDone)}）`,
      );
    store
      .prepare(
        `UPDATE handover_projects SET name = ?, street = ?, agreement_no = ?, agreement_date = ?, planned_from = ?,
           planned_to = ?, note = ?, version = version + 1 WHERE id = ?`,
      )
      .run(...projectColumns(input), id);
    writeAudit(store, {
      entity: 'handover_project',
      entityId: id,
      personId: null,
      action: 'update',
      before: projectSnapshot(inputOfRecord(p)),
      after: projectSnapshot(input),
    });
  });
  return handoverProject(store, id);
}

/** A project closed on a day: it has people, and every one of them has been handed over. */
export function completeHandoverProject(
  store: Store,
  id: number,
  completedOn: string,
  today = todayIso(),
): HandoverProjectView {
  store.tx(() => {
    const p = projectRecord(store, id);
    if (p.completed_on)
      throw new UserError('invalid_input', `该移交项目已于 ${formatChineseDate(p.completed_on)} 完成`);
    if (completedOn > today)
      throw new UserError('invalid_input', `完成日期 ${formatChineseDate(completedOn)} 晚于今天`);
    const rows = peopleRows(store, id);
    if (rows.length === 0) throw new UserError('invalid_input', '移交名单中没有人员，不能完成移交');
    const pending = rows.filter((r) => !r.handedOverOn);
    if (pending.length)
      throw new UserError(
        'invalid_input',
        `尚有 ${pending.length} 人未办结移交（${pending
          .slice(0, 10)
          .map((r) => r.name)
          .join('、')}${pending.length > 10 ? '等' : ''}），不能完成移交`,
      );
    const last = rows.reduce((m, r) => (r.handedOverOn! > m ? r.handedOverOn! : m), '');
    if (completedOn < last)
      throw new UserError(
        'invalid_input',
        `完成日期（${formatChineseDate(completedOn)}）不能早于最后一人的移交日期（${formatChineseDate(last)}）`,
      );
    checkProjectDates(inputOfRecord(p), completedOn);
    store
      .prepare('UPDATE handover_projects SET completed_on = ?, version = version + 1 WHERE id = ?')
      .run(completedOn, id);
    writeAudit(store, {
      entity: 'handover_project',
      entityId: id,
      personId: null,
      action: 'update',
      before: { completedOn: null },
      after: { completedOn },
      reason: '完成移交',
    });
  });
  return handoverProject(store, id);
}

// --- the roster ---------------------------------------------------------------------------------

interface Candidate {
  id: number;
  name: string;
  status: string;
  political_status: string | null;
  community: string | null;
}

/** The people a list query selects (every page), on the roll or deceased: those moved away are not ours to hand over. */
function candidatesOf(store: Store, query: ListQuery, today: string): Candidate[] {
  return store.all(
    store.kysely
      .selectFrom('persons')
      .select(['id', 'name', 'status', 'political_status', 'community'])
      .where((eb) => conditions(eb, query, today))
      .where('status', 'in', ['在册', '已故'])
      .orderBy('name_sort')
      .orderBy('id')
      .limit(MAX_HANDOVER_ADD + 1),
  );
}

function candidatesById(store: Store, ids: readonly number[]): { found: Candidate[]; problems: string[] } {
  const found: Candidate[] = [];
  const problems: string[] = [];
  const one = store.prepare('SELECT id, name, status, political_status, community FROM persons WHERE id = ?');
  for (const id of new Set(ids)) {
    const c = one.get(id) as Candidate | undefined;
    if (!c) problems.push(`第 ${id} 号档案不存在（可能已被删除）`);
    else if (c.status === '迁出') problems.push(`${c.name}已迁出，不在本单位管理，不能列入移交名单`);
    else found.push(c);
  }
  return { found, problems };
}

/** The newest 党费基数 on file for a party member, passed on by default. */
function duesBaseOnFile(store: Store, personId: number): number | null {
  return (
    (
      store
        .prepare('SELECT base_fen FROM party_dues_bases WHERE person_id = ? ORDER BY year DESC LIMIT 1')
        .get(personId) as { base_fen: number | null } | undefined
    )?.base_fen ?? null
  );
}

/**
 * People added to a project, by the list's filter or one by one: each checked first (on file, not
 * moved away, not handed over already, not in another open project), then all written in one
 * transaction with an audit row each; one refusal and nothing is saved. Those already in this
 * project are left as they are.
 */
export function addHandoverPeople(
  store: Store,
  input: { projectId: number; query?: ListQuery; personIds?: number[] },
  today = todayIso(),
): { added: number; already: number } {
  return store.tx(() => {
    const p = projectRecord(store, input.projectId);
    if (p.completed_on)
      throw new UserError('invalid_input', `该移交项目已于 ${formatChineseDate(p.completed_on)} 完成，不能再加入人员`);
    const { found, problems } = input.query
      ? { found: candidatesOf(store, input.query, today), problems: [] as string[] }
      : candidatesById(store, input.personIds ?? []);
    if (found.length > MAX_HANDOVER_ADD)
      throw new UserError('invalid_input', `一次最多加入 ${MAX_HANDOVER_ADD} 人，请缩小筛选范围`);
    if (input.query && found.length === 0) throw new UserError('invalid_input', '筛选条件下没有可以移交的人员');
    const elsewhere = store.prepare(
      `SELECT h.project_id, h.handed_over_on, h.community, p.name FROM handover_people h
       JOIN handover_projects p ON p.id = h.project_id
       WHERE h.person_id = ? AND (h.handed_over_on IS NOT NULL OR (h.project_id != ? AND p.completed_on IS NULL))
       ORDER BY h.handed_over_on IS NULL LIMIT 1`,
    );
    const here = store.prepare('SELECT 1 FROM handover_people WHERE project_id = ? AND person_id = ?');
    const fresh: Candidate[] = [];
    let already = 0;
    for (const c of found) {
      const other = elsewhere.get(c.id, p.id) as
        { project_id: number; handed_over_on: string | null; community: string | null; name: string } | undefined;
      if (other?.handed_over_on)
        problems.push(
          `${c.name}已于 ${formatChineseDate(other.handed_over_on)} 移交${other.community ?? ''}（${other.name}），不能再次移交`,
        );
      else if (other) problems.push(`${c.name}已列入“${other.name}”的移交名单`);
      else if (here.get(p.id, c.id)) already += 1;
      else fresh.push(c);
    }
    if (problems.length)
      throw new UserError(
        'invalid_input',
        `未加入任何人员：${problems.slice(0, 20).join('；')}${problems.length > 20 ? `；等 ${problems.length} 项` : ''}`,
      );
    const insert = store.prepare(
      `INSERT INTO handover_people (project_id, person_id, archive_volumes, party_transfer, street, community, dues_base_fen, added_at, added_by)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`,
    );
    const at = nowIso();
    const by = currentOperator(store);
    for (const c of fresh) {
      const member = isPartyMember(c.political_status) && c.status === '在册';
      const base = member ? duesBaseOnFile(store, c.id) : null;
      const partyTransfer = member ? '待转' : '不涉及';
      const id = Number(insert.run(p.id, c.id, partyTransfer, p.street, c.community, base, at, by).lastInsertRowid);
      writeAudit(store, {
        entity: 'handover_person',
        entityId: id,
        personId: c.id,
        action: 'create',
        before: null,
        after: { project: p.name, street: p.street, community: c.community, partyTransfer, duesBaseFen: base },
      });
    }
    return { added: fresh.length, already };
  });
}

/** A row of a roster with the person's name. */
const findPeopleRecord = (store: Store, id: number) =>
  store.first(
    store.kysely
      .selectFrom('handover_people as h')
      .innerJoin('persons as p', 'p.id', 'h.person_id')
      .selectAll('h')
      .select('p.name')
      .where('h.id', '=', id),
  );

function peopleRecord(store: Store, id: number): PeopleRecord & { name: string } {
  const r = findPeopleRecord(store, id);
  if (!r) throw new UserError('not_found', '移交名单中没有这个人');
  return r;
}

export function removeHandoverPerson(store: Store, id: number): { removed: true } {
  return store.tx(() => {
    const r = peopleRecord(store, id);
    if (r.handed_over_on)
      throw new UserError(
        'invalid_input',
        `${r.name}已于 ${formatChineseDate(r.handed_over_on)} 办结移交，不能从名单中移除`,
      );
    store.prepare('DELETE FROM handover_people WHERE id = ?').run(id);
    writeAudit(store, {
      entity: 'handover_person',
      entityId: id,
      personId: r.person_id,
      action: 'delete',
      before: personSnapshot(r),
      after: null,
    });
    return { removed: true as const };
  });
}

/** One person's state edited: against the version the form loaded; the transfer's date not in the future. */
export function updateHandoverPerson(
  store: Store,
  id: number,
  version: number,
  input: HandoverPersonInput,
  today = todayIso(),
): HandoverPersonRow {
  const projectId = store.tx(() => {
    const r = peopleRecord(store, id);
    if (r.version !== version) throw new UserError('conflict', `${r.name}的移交情况已被他人修改，请重新打开后再改`);
    if (r.handed_over_on && !input.community)
      throw new UserError('invalid_input', `${r.name}已办结移交，接收社区不能为空`);
    if (input.partyTransferOn && input.partyTransferOn > today)
      throw new UserError('invalid_input', `党组织关系转出日期 ${formatChineseDate(input.partyTransferOn)} 晚于今天`);
    if (input.partyTransfer === '已转' && !input.partyTransferOn)
      throw new UserError('invalid_input', '党组织关系已转出，请填写转出日期');
    if (input.partyTransfer !== '已转' && input.partyTransferOn)
      throw new UserError('invalid_input', '党组织关系尚未转出，不能填写转出日期');
    store
      .prepare(
        `UPDATE handover_people SET archive_state = ?, archive_volumes = ?, party_transfer = ?, party_transfer_on = ?,
           party_to = ?, social_security = ?, street = ?, community = ?, dues_base_fen = ?, retained = ?,
           retained_other = ?, note = ?, version = version + 1 WHERE id = ?`,
      )
      .run(
        input.archiveState,
        input.archiveVolumes,
        input.partyTransfer,
        input.partyTransferOn,
        input.partyTo,
        input.socialSecurity,
        input.street,
        input.community,
        input.duesBase,
        JSON.stringify(input.retained),
        input.retainedOther,
        input.note,
        id,
      );
    const after = peopleRecord(store, id);
    writeAudit(store, {
      entity: 'handover_person',
      entityId: id,
      personId: r.person_id,
      action: 'update',
      before: personSnapshot(r),
      after: personSnapshot(after),
    });
    return r.project_id;
  });
  return peopleRows(store, projectId).find((r) => r.id === id)!;
}

/**
 * The people of these rows handed over on a day: each has a receiving 社区, is not handed over yet
 * (here or in another project), and the day is neither in the future nor before the agreement was
 * signed. The 档案 is then 已移交, and the file is under 社会化管理 from that day: audited on the
 * person's history. One refusal and nothing is saved.
 */
export function completeHandover(
  store: Store,
  input: { projectId: number; rowIds: number[]; handedOverOn: string },
  today = todayIso(),
): { count: number } {
  if (input.handedOverOn > today)
    throw new UserError('invalid_input', `移交日期 ${formatChineseDate(input.handedOverOn)} 晚于今天`);
  return store.tx(() => {
    const p = projectRecord(store, input.projectId);
    if (p.agreement_date && input.handedOverOn < p.agreement_date)
      throw new UserError(
        'invalid_input',
        `移交日期（${formatChineseDate(input.handedOverOn)}）不能早于协议签订日期（${formatChineseDate(p.agreement_date)}）`,
      );
    const problems: string[] = [];
    const rows: (PeopleRecord & { name: string })[] = [];
    const doneElsewhere = store.prepare(
      `SELECT h.handed_over_on, p.name FROM handover_people h JOIN handover_projects p ON p.id = h.project_id
       WHERE h.person_id = ? AND h.handed_over_on IS NOT NULL AND h.id != ?`,
    );
    for (const rowId of new Set(input.rowIds)) {
      const r = findPeopleRecord(store, rowId);
      if (!r || r.project_id !== p.id) {
        problems.push('所选人员不在本项目的移交名单中');
        continue;
      }
      const other = doneElsewhere.get(r.person_id, r.id) as { handed_over_on: string; name: string } | undefined;
      if (r.handed_over_on) problems.push(`${r.name}已于 ${formatChineseDate(r.handed_over_on)} 办结移交`);
      else if (other)
        problems.push(`${r.name}已于 ${formatChineseDate(other.handed_over_on)} 在“${other.name}”中移交，不能再次移交`);
      else if (!r.community) problems.push(`${r.name}尚未填写接收社区`);
      else rows.push(r);
    }
    if (problems.length) throw new UserError('invalid_input', `未办结任何人员的移交：${problems.join('；')}`);
    const update = store.prepare(
      `UPDATE handover_people SET handed_over_on = ?, archive_state = '已移交', version = version + 1 WHERE id = ?`,
    );
    for (const r of rows) {
      update.run(input.handedOverOn, r.id);
      writeAudit(store, {
        entity: 'handover_person',
        entityId: r.id,
        personId: r.person_id,
        action: 'update',
        before: { archiveState: r.archive_state, handedOverOn: null, street: r.street, community: r.community },
        after: {
          archiveState: '已移交',
          handedOverOn: input.handedOverOn,
          street: r.street,
          community: r.community,
        },
        reason: `社会化移交（${p.name}）`,
      });
    }
    return { count: rows.length };
  });
}

// --- 退休人员社会化管理人员名册 -------------------------------------------------------------------------

const ROSTER_COLUMNS: TableColumn[] = [
  SEQ_COLUMN,
  fieldColumn('name', 10),
  fieldColumn('gender', 5),
  { label: '出生年月', kind: 'text', width: 9 },
  fieldColumn('idNumber', 21),
  { label: '退休时间', kind: 'text', width: 9 },
  { label: '类别', kind: 'text', width: 6 },
  { label: '党员', kind: 'text', width: 5 },
  { label: '档案册数', kind: 'number', width: 8 },
  { label: '接收社区', kind: 'text', width: 18, wrap: true },
  { label: '备注', kind: 'text', width: 30, wrap: true },
];

interface RosterLine {
  cells: (string | number | null)[];
}

/** The roster of a project (or of one community): those on the roll, by community then name; the deceased's files in a note. */
function roster(store: Store, id: number, community: string | null, full: boolean) {
  const view = handoverProject(store, id);
  const mine = view.rows.filter((r) => community === null || (r.community ?? NO_COMMUNITY) === community);
  if (community !== null && mine.length === 0) throw new UserError('not_found', `移交名单中没有${community}的人员`);
  const fullIds = full
    ? new Map(
        (
          store
            .prepare(
              `SELECT p.id, p.id_number FROM persons p JOIN handover_people h ON h.person_id = p.id WHERE h.project_id = ?`,
            )
            .all(id) as { id: number; id_number: string | null }[]
        ).map((r) => [r.id, r.id_number]),
      )
    : null;
  const living = mine.filter((r) => r.status !== '已故');
  const deceased = mine.filter((r) => r.status === '已故');
  const remark = (r: HandoverPersonRow) =>
    [
      r.retained.length || r.retainedOther
        ? `企业保留：${[...r.retained, ...(r.retainedOther ? [r.retainedOther] : [])].join('、')}`
        : null,
      r.partyMember && r.partyTransfer !== '不涉及'
        ? `党组织关系${r.partyTransfer}${r.duesBaseFen !== null ? `，党费基数 ${formatYuan(r.duesBaseFen)} 元` : ''}`
        : null,
      r.handedOverOn ? null : '未办结',
      r.note,
    ]
      .filter(Boolean)
      .join('；');
  const lines: RosterLine[] = living.map((r, i) => ({
    cells: [
      i + 1,
      r.name,
      r.gender,
      rosterMonth(r.birthDate),
      fullIds ? (fullIds.get(r.personId) ?? null) : r.idNumberMasked,
      rosterMonth(r.retirementDate),
      r.category,
      r.partyMember ? '是' : '',
      r.archiveVolumes,
      r.community ?? '',
      remark(r) || null,
    ],
  }));
  const volumes = (rs: HandoverPersonRow[]) => rs.reduce((s, r) => s + r.archiveVolumes, 0);
  const notes = [
    `共 ${living.length} 人，其中党员 ${living.filter((r) => r.partyMember).length} 人，档案 ${volumes(living)} 册。`,
    ...(deceased.length
      ? [
          `另移交已故人员档案 ${deceased.length} 人 ${volumes(deceased)} 册：${deceased.map((r) => `${r.name}（${r.archiveVolumes} 册）`).join('、')}。`,
        ]
      : []),
  ];
  const done = mine.filter((r) => r.handedOverOn).map((r) => r.handedOverOn!);
  const dated = view.completedOn ?? (done.length ? done.sort().at(-1)! : null);
  return { view, community, lines, notes, dated };
}

const rosterTitle = '退休人员社会化管理人员名册';

export function rosterPrintable(store: Store, id: number, community: string | null, today = todayIso()): PrintableView {
  const r = roster(store, id, community, true);
  const { orgName } = getOfficeSettings(store);
  const receiver = `${r.view.street}${community ?? ''}`;
  const date = letterDate(r.dated ?? today, 'chinese');
  const block = (side: string, name: string) =>
    html`<div class="party"><p>${side}（盖章）：${name}</p><p>负责人（签字）：</p><p>经办人（签字）：</p><p class="date">${date}</p></div>`;
  const body = html`<section class="sheet handover-roster"><h1>${rosterTitle}</h1><p class="sub"><span>移交单位：${orgName}</span><span>接收单位：${receiver}${r.view.agreementNo ? `　协议编号：${r.view.agreementNo}` : ''}</span></p><table><thead><tr>${ROSTER_COLUMNS.map((c) => html`<th>${c.label}</th>`)}</tr></thead><tbody>${r.lines.map(
    (l) =>
      html`<tr>${l.cells.map((c, i) => (i === 0 || i === 8 ? html`<td class="n">${c}</td>` : html`<td>${c ?? ''}</td>`))}</tr>`,
  )}</tbody></table>${r.notes.map((n) => html`<p class="note">${n}</p>`)}<div class="parties">${block('移交单位', orgName)}${block('接收单位', receiver)}</div><p class="note">本名册一式两份，移交单位、接收单位各执一份。</p></section>`;
  const css = `${ruledListCss(9)}
.handover-roster td.n { text-align: right; }
.handover-roster .parties { display: flex; justify-content: space-between; margin-top: 8mm; font-size: 11pt; break-inside: avoid; }
.handover-roster .party { width: 45%; }
.handover-roster .party p { margin: 0 0 5mm; }
.handover-roster .party .date { text-align: right; }`;
  return {
    ...printable(`${rosterTitle}（${r.view.name}${community ? `，${community}` : ''}）`, css, body),
    count: r.lines.length,
    missing: [],
  };
}

export async function rosterWorkbook(
  store: Store,
  id: number,
  community: string | null,
  full: boolean,
  today = todayIso(),
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const r = roster(store, id, community, full);
  const { orgName } = getOfficeSettings(store);
  const data = await tableWorkbook({
    name: '社会化管理人员名册',
    title: rosterTitle,
    subtitle: `移交单位：${orgName}　接收单位：${r.view.street}${community ?? ''}　${formatChineseDate(r.dated ?? today)}`,
    orientation: 'landscape',
    ruled: true,
    columns: ROSTER_COLUMNS,
    rows: r.lines.map((l) => l.cells),
    notes: [...r.notes, '移交单位（盖章）：　　　　　　　　接收单位（盖章）：'],
  });
  return {
    fileName: `${rosterTitle}-${r.view.name}${community ? `-${community}` : ''}.xlsx`,
    count: r.lines.length,
    data,
  };
}
