// A retiree's file (人员档案): create, read, update, with its family and contacts. Every write runs
// in one transaction with its audit row and its search-index row.
import type { Insertable, Selectable } from 'kysely';
import type { AttachmentInfo, Contact, IdCheckResult, PersonFile, PersonInput, Phone } from '../contract/retirees';
import { writeAudit, nowIso } from '../audit/audit';
import { applyEdit, refuseIfStale, type Edit } from '../audit/edits';
import type { AttachmentsTable, PersonContactsTable, PersonsTable } from '../db/schema';
import type { Store } from '../db/store';
import { personAge } from '../shared/dates';
import { UserError } from '../shared/errors';
import { checkIdNumber, crossCheckId } from '../shared/idNumber';
import { lunarBirthdayOf } from '../shared/lunar';
import { unmaskEdit } from './masking';
import type { PersonField } from '../shared/fields';
import type { GroupKind } from '../shared/org';
import { toInfo } from './attachments';
import { indexPerson, nameSortKey, unindexPerson } from './searchIndex';

export type PersonRowDb = Selectable<PersonsTable>;

/**
 * Names typed with spaces between Han characters (`王 芳`, `王　芳`, a habit of aligning
 * two-character names in Excel) lose them; other names keep single spaces; `·` in minority names
 * stays.
 */
export function normalizeName(name: string): string {
  const trimmed = name.replace(/[\s\u3000]+/g, ' ').trim();
  if (/^[\p{Script=Han}\s]+$/u.test(trimmed)) return trimmed.replace(/\s/g, '');
  return trimmed;
}

export function parsePhones(json: string): Phone[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? (v as Phone[]) : [];
  } catch {
    return [];
  }
}

const bool = (n: number) => n === 1;

function toColumns(p: PersonInput, id: ResolvedId) {
  return {
    name: normalizeName(p.name),
    name_sort: nameSortKey(normalizeName(p.name)),
    gender: id.gender,
    ethnicity: p.ethnicity,
    birth_date: id.birthDate,
    birthday_calendar: p.birthdayCalendar,
    lunar_birthday: lunarBirthdayOf(p.birthdayCalendar, p.lunarBirthday, id.birthDate),
    id_number: id.idNumber,
    id_from15: id.from15 ? 1 : 0,
    category: p.category,
    staff_type: p.staffType,
    work_start_date: p.workStartDate,
    retirement_date: p.retirementDate,
    former_unit: p.formerUnit,
    former_position: p.formerPosition,
    political_status: p.politicalStatus,
    party_branch_id: p.partyBranchId,
    party_group_id: p.partyGroupId,
    admin_group_id: p.adminGroupId,
    admin_subgroup_id: p.adminSubgroupId,
    health: p.health,
    living: p.living,
    care_alone_childless: p.careAloneChildless ? 1 : 0,
    care_disability: p.careDisability,
    care_hardship: p.careHardship ? 1 : 0,
    care_empty_nest: p.careEmptyNest ? 1 : 0,
    remote: p.remote ? 1 : 0,
    remote_city: p.remoteCity,
    remote_unit: p.remoteUnit,
    remote_unit_phone: p.remoteUnitPhone,
    remote_community: p.remoteCommunity,
    remote_community_phone: p.remoteCommunityPhone,
    remote_police: p.remotePolice,
    remote_police_phone: p.remotePolicePhone,
    contribution_years: p.contributionYears,
    contribution_months: p.contributionMonths,
    remote_area: p.remoteArea ? 1 : 0,
    unit_nature: p.unitNature,
    rank: p.rank,
    treatment: p.treatment,
    treatment_approved_on: p.treatmentApprovedOn,
    treatment_approval_no: p.treatmentApprovalNo,
    counted: p.counted ? 1 : 0,
    level: p.level,
    phones: JSON.stringify(p.phones),
    address: p.address,
    postcode: p.postcode,
    area: p.area,
    building: p.building,
    community: p.community,
    bank_name: p.bankName,
    bank_account: p.bankAccount?.replace(/\s/g, '') ?? null,
    status: p.status,
    status_date: p.statusDate,
    note: p.note,
    review_flags: JSON.stringify(id.reviewFlags),
  };
}

function fromColumns(
  r: PersonRowDb,
): Omit<PersonFile, 'id' | 'version' | 'age' | 'contacts' | 'attachments' | 'unitNames' | 'createdAt' | 'updatedAt'> {
  return {
    name: r.name,
    gender: r.gender as PersonFile['gender'],
    ethnicity: r.ethnicity,
    birthDate: r.birth_date,
    birthdayCalendar: r.birthday_calendar as PersonFile['birthdayCalendar'],
    lunarBirthday: r.lunar_birthday,
    idNumber: r.id_number,
    idFrom15: bool(r.id_from15),
    category: r.category as PersonFile['category'],
    staffType: r.staff_type as PersonFile['staffType'],
    workStartDate: r.work_start_date,
    retirementDate: r.retirement_date,
    formerUnit: r.former_unit,
    formerPosition: r.former_position,
    politicalStatus: r.political_status,
    partyBranchId: r.party_branch_id,
    partyGroupId: r.party_group_id,
    adminGroupId: r.admin_group_id,
    adminSubgroupId: r.admin_subgroup_id,
    health: r.health,
    living: r.living as PersonFile['living'],
    careAloneChildless: bool(r.care_alone_childless),
    careDisability: r.care_disability as PersonFile['careDisability'],
    careHardship: bool(r.care_hardship),
    careEmptyNest: bool(r.care_empty_nest),
    remote: bool(r.remote),
    remoteCity: r.remote_city,
    remoteUnit: r.remote_unit,
    remoteUnitPhone: r.remote_unit_phone,
    remoteCommunity: r.remote_community,
    remoteCommunityPhone: r.remote_community_phone,
    remotePolice: r.remote_police,
    remotePolicePhone: r.remote_police_phone,
    contributionYears: r.contribution_years,
    contributionMonths: r.contribution_months,
    remoteArea: bool(r.remote_area),
    unitNature: r.unit_nature as PersonFile['unitNature'],
    rank: r.rank as PersonFile['rank'],
    treatment: r.treatment,
    treatmentApprovedOn: r.treatment_approved_on,
    treatmentApprovalNo: r.treatment_approval_no,
    counted: bool(r.counted),
    level: r.level,
    phones: parsePhones(r.phones),
    address: r.address,
    postcode: r.postcode,
    area: r.area,
    building: r.building,
    community: r.community,
    bankName: r.bank_name,
    bankAccount: r.bank_account,
    status: r.status as PersonFile['status'],
    statusDate: r.status_date,
    note: r.note,
    reviewFlags: JSON.parse(r.review_flags) as string[],
  };
}

interface ResolvedId {
  idNumber: string | null;
  from15: boolean;
  birthDate: string | null;
  gender: PersonInput['gender'];
  reviewFlags: string[];
}

/**
 * Checks the ID number (GB 11643) and fills birth date and gender from it where they are empty.
 * A malformed number is refused. A wrong check digit, or a birth date or gender that disagrees
 * with the number, is saved only when the user confirmed it, and then flagged for review.
 */
function resolveIdNumber(
  store: Store,
  p: PersonInput,
  opts: { acceptWarnings: boolean; excludeId: number | null; knownFlags: string[]; staleFlags: string[] },
): ResolvedId {
  const check = checkIdForForm(store, {
    idNumber: p.idNumber ?? '',
    birthDate: p.birthDate,
    gender: p.gender,
    excludeId: opts.excludeId,
  });
  if (check.errors.length > 0) throw new UserError('invalid_id', check.errors.join('；'));
  const unconfirmed = check.warnings.filter((w) => !opts.knownFlags.includes(w));
  if (unconfirmed.length > 0 && !opts.acceptWarnings) {
    throw new UserError(
      'needs_confirmation',
      `请核对：${unconfirmed.join('；')}。确认无误后可按原样保存，档案将标记为“待核实”。`,
      {
        warnings: unconfirmed,
      },
    );
  }
  return {
    idNumber: check.normalized,
    from15: check.from15,
    birthDate: p.birthDate ?? check.birthDate,
    gender: p.gender ?? (check.gender as PersonInput['gender']),
    // What staff must look at: the flags the file keeps (from an import, or not yet cleared), less
    // the warnings of an ID number that has since been corrected, plus this number's warnings.
    reviewFlags: [...new Set([...p.reviewFlags.filter((f) => !opts.staleFlags.includes(f)), ...check.warnings])],
  };
}

/** What the form shows while an ID number is typed; also the rule every save follows. */
export function checkIdForForm(
  store: Store,
  input: { idNumber: string; birthDate: string | null; gender: string | null; excludeId: number | null },
): IdCheckResult {
  const empty: IdCheckResult = {
    ok: true,
    normalized: null,
    from15: false,
    birthDate: null,
    gender: null,
    errors: [],
    warnings: [],
  };
  if (input.idNumber.trim() === '') return empty;
  const r = checkIdNumber(input.idNumber);
  if (!r.ok && r.code !== 'checkDigit') return { ...empty, ok: false, errors: [r.message] };
  const warnings = r.ok ? [] : [r.message];
  warnings.push(...crossCheckId(r, input));
  const errors: string[] = [];
  const holder = store
    .prepare('SELECT id, name FROM persons WHERE id_number = ? AND id != ?')
    .get(r.normalized, input.excludeId ?? 0) as { id: number; name: string } | undefined;
  if (holder) errors.push(`身份证号 ${r.normalized} 已登记在“${holder.name}”的档案中，同一人不能重复建档`);
  return {
    ok: errors.length === 0 && warnings.length === 0,
    normalized: r.normalized,
    from15: r.from15,
    birthDate: r.birthDate,
    gender: r.gender,
    errors,
    warnings,
  };
}

const UNIT_FIELDS = [
  ['partyBranchId', '党支部', 'partyBranch'],
  ['partyGroupId', '党小组', 'partyGroup'],
  ['adminGroupId', '行政大组', 'adminGroup'],
  ['adminSubgroupId', '行政小组', 'adminSubgroup'],
] as const satisfies readonly (readonly [PersonField, GroupKind, string])[];

function unitNames(
  store: Store,
  p: Pick<PersonInput, 'partyBranchId' | 'partyGroupId' | 'adminGroupId' | 'adminSubgroupId'>,
  strict: boolean,
) {
  const names = {
    partyBranch: null,
    partyGroup: null,
    adminGroup: null,
    adminSubgroup: null,
  } as PersonFile['unitNames'];
  for (const [field, kind, key] of UNIT_FIELDS) {
    const unitId = p[field];
    if (unitId == null) continue;
    const unit = store.first(store.kysely.selectFrom('org_units').select(['name', 'kind']).where('id', '=', unitId));
    if (strict && (!unit || unit.kind !== kind)) throw new UserError('invalid_unit', `所选${kind}不存在，请重新选择`);
    names[key] = unit?.name ?? null;
  }
  return names;
}

// A file is read after every save and for every duplicate an import meets: the reads of a file
// are prepared statements rather than queries built each time.

function loadContacts(store: Store, personId: number): Contact[] {
  const rows = store
    .prepare('SELECT * FROM person_contacts WHERE person_id = ? ORDER BY sort, id')
    .all(personId) as Selectable<PersonContactsTable>[];
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    relation: c.relation,
    phones: parsePhones(c.phones),
    address: c.address,
    emergency: c.emergency === 1,
    nearby: c.nearby === 1,
    note: c.note,
  }));
}

function loadAttachments(store: Store, personId: number): AttachmentInfo[] {
  const rows = store
    .prepare('SELECT * FROM attachments WHERE person_id = ? ORDER BY id')
    .all(personId) as Selectable<AttachmentsTable>[];
  return rows.map(toInfo);
}

function saveContacts(store: Store, personId: number, contacts: PersonInput['contacts'], isNew: boolean): void {
  if (isNew && contacts.length === 0) return;
  const existing = new Set(loadContacts(store, personId).map((c) => c.id));
  store.run(store.kysely.deleteFrom('person_contacts').where('person_id', '=', personId));
  contacts.forEach((c, sort) => {
    store.run(
      store.kysely.insertInto('person_contacts').values({
        ...(c.id != null && existing.has(c.id) ? { id: c.id } : {}),
        person_id: personId,
        name: normalizeName(c.name),
        relation: c.relation,
        phones: JSON.stringify(c.phones),
        address: c.address,
        emergency: c.emergency ? 1 : 0,
        nearby: c.nearby ? 1 : 0,
        note: c.note,
        sort,
      }),
    );
  });
}

function loadRow(store: Store, id: number): PersonRowDb {
  const row = store.prepare('SELECT * FROM persons WHERE id = ?').get(id) as PersonRowDb | undefined;
  if (!row) throw new UserError('not_found', '没有找到这份档案，它可能已被删除');
  return row;
}

/** A file from its row; `known` says what is already known without reading (a file just created). */
function fileOf(
  store: Store,
  row: PersonRowDb,
  known: { contacts?: Contact[]; attachments?: AttachmentInfo[] } = {},
): PersonFile {
  const fields = fromColumns(row);
  return {
    ...fields,
    id: row.id,
    version: row.version,
    age: personAge({ birthDate: row.birth_date, status: row.status, statusDate: row.status_date }),
    contacts: known.contacts ?? loadContacts(store, row.id),
    attachments: known.attachments ?? loadAttachments(store, row.id),
    unitNames: unitNames(store, fields, false),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getPerson(store: Store, id: number): PersonFile {
  return fileOf(store, loadRow(store, id));
}

/**
 * What the audit log keeps of a file: everything staff can change, contacts included, units by
 * name. Its type is inferred, so that tests/audit-words.test.ts can see every key it holds.
 */
export function auditSnapshot(p: PersonFile) {
  const { id: _id, version: _v, age: _a, attachments: _att, unitNames, createdAt: _c, updatedAt: _u, ...rest } = p;
  return {
    ...rest,
    partyBranchId: unitNames.partyBranch,
    partyGroupId: unitNames.partyGroup,
    adminGroupId: unitNames.adminGroup,
    adminSubgroupId: unitNames.adminSubgroup,
  };
}

function reindex(
  store: Store,
  id: number,
  p: { name: string; id_number: string | null; phones: string },
  isNew: boolean,
): void {
  indexPerson(
    store,
    id,
    { name: p.name, idNumber: p.id_number, phones: parsePhones(p.phones).map((x) => x.number) },
    isNew,
  );
}

/**
 * Writes the search tokens of up to `batch` files a migration listed as waiting
 * (person_search_pending, migration 0015), in one transaction; how many are still waiting.
 */
export function reindexPending(store: Store, batch: number): number {
  return store.tx(() => {
    const due = store
      .prepare(
        'SELECT q.person_id AS id, p.name, p.id_number, p.phones FROM person_search_pending q LEFT JOIN persons p ON p.id = q.person_id ORDER BY q.person_id LIMIT ?',
      )
      .all(batch) as { id: number; name: string | null; id_number: string | null; phones: string }[];
    for (const p of due) {
      // A file deleted since the migration has nothing to index.
      if (p.name !== null) reindex(store, p.id, { name: p.name, id_number: p.id_number, phones: p.phones }, false);
      store.prepare('DELETE FROM person_search_pending WHERE person_id = ?').run(p.id);
    }
    return (store.prepare('SELECT count(*) AS n FROM person_search_pending').get() as { n: number }).n;
  });
}

export interface SaveOptions {
  acceptWarnings: boolean;
  /** Who, where it is not the configured operator (the demo data). */
  operator?: string;
  /** Why, for the audit log (an import, an undo). */
  reason?: string;
}

/** A new file's row: the columns toColumns writes (always the same), and when. */
let insertPersonSql: string | null = null;
function insertPerson(store: Store, cols: ReturnType<typeof toColumns> & { created_at: string; updated_at: string }) {
  const names = Object.keys(cols);
  insertPersonSql ??= `INSERT INTO persons (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;
  return store.prepare(insertPersonSql).run(cols satisfies Insertable<PersonsTable>);
}

export function createPerson(store: Store, input: PersonInput, opts: SaveOptions): PersonFile {
  return store.tx(() => {
    unitNames(store, input, true);
    const resolved = resolveIdNumber(store, input, {
      ...opts,
      excludeId: null,
      knownFlags: input.reviewFlags,
      staleFlags: [],
    });
    const now = nowIso();
    const cols = { ...toColumns(input, resolved), created_at: now, updated_at: now };
    const { lastInsertRowid } = insertPerson(store, cols);
    const id = Number(lastInsertRowid);
    saveContacts(store, id, input.contacts, true);
    reindex(store, id, cols, true);
    // What was just written, without reading it back: a new file has no attachments yet, and
    // contacts only when some were given.
    const saved = fileOf(
      store,
      { ...cols, id, version: 1 },
      { attachments: [], contacts: input.contacts.length ? undefined : [] },
    );
    writeAudit(store, {
      entity: 'person',
      entityId: id,
      personId: id,
      action: 'create',
      before: null,
      after: auditSnapshot(saved),
      operator: opts.operator,
      reason: opts.reason,
    });
    return saved;
  });
}

/**
 * A new file made by an import (importer/commit.ts), one of thousands in its transaction: the same
 * checks and normalisation as createPerson (the units checked, the ID number checked and upgraded,
 * birth date and gender filled from it, its warnings kept as review flags, the name normalised),
 * and its search-index row; but no audit row of its own. The import's log keeps the source row,
 * its outcome and every field the file was given, and one audit row names the import: that is the
 * audit of what it created (DESIGN: data safety), and the file's history reads it (history.ts).
 * Returns the file as saved, as the input that would save it unchanged.
 */
export function createImportedPerson(store: Store, input: PersonInput): { id: number; saved: PersonInput } {
  unitNames(store, input, true);
  const resolved = resolveIdNumber(store, input, {
    acceptWarnings: true,
    excludeId: null,
    knownFlags: input.reviewFlags,
    staleFlags: [],
  });
  const now = nowIso();
  const cols = { ...toColumns(input, resolved), created_at: now, updated_at: now };
  const { lastInsertRowid } = insertPerson(store, cols);
  const id = Number(lastInsertRowid);
  saveContacts(store, id, input.contacts, true);
  reindex(store, id, cols, true);
  // Thousands a transaction: the row written is read back without copying it again.
  const { idFrom15: _f, ...fields } = fromColumns(Object.assign(cols, { id, version: 1 }));
  return { id, saved: Object.assign(fields, { contacts: input.contacts.length ? loadContacts(store, id) : [] }) };
}

export function updatePerson(
  store: Store,
  id: number,
  version: number,
  input: PersonInput,
  opts: SaveOptions,
): PersonFile {
  return store.tx(() => {
    const before = getPerson(store, id);
    refuseIfStale(store, 'person', id, version, before.version, `${before.name}的档案`);
    unitNames(store, input, true);
    const staleFlags = checkIdForForm(store, {
      idNumber: before.idNumber ?? '',
      birthDate: before.birthDate,
      gender: before.gender,
      excludeId: id,
    }).warnings;
    const resolved = resolveIdNumber(store, input, {
      ...opts,
      excludeId: id,
      knownFlags: before.reviewFlags,
      staleFlags,
    });
    const cols = toColumns(input, resolved);
    store.run(
      store.kysely
        .updateTable('persons')
        .set({ ...cols, version: version + 1, updated_at: nowIso() })
        .where('id', '=', id),
    );
    saveContacts(store, id, input.contacts, false);
    reindex(store, id, cols, false);
    const after = getPerson(store, id);
    writeAudit(store, {
      entity: 'person',
      entityId: id,
      personId: id,
      action: 'update',
      before: auditSnapshot(before),
      after: auditSnapshot(after),
      operator: opts.operator,
      reason: opts.reason,
    });
    return after;
  });
}

/**
 * A save from the file's form: only the fields the user changed, against the version the form was
 * loaded from. Whatever else changed since (a death registered, a unit assigned, an import's fill)
 * is kept; a field changed both here and elsewhere is refused (audit/edits.ts).
 */
export function editPerson(store: Store, id: number, edit: Edit<PersonInput>, opts: SaveOptions): PersonFile {
  return store.tx(() => {
    const current = getPerson(store, id);
    const merged = applyEdit(unmaskEdit(edit, current), {
      store,
      entity: 'person',
      entityId: id,
      what: `${current.name}的档案`,
      current: inputOf(current),
    });
    return updatePerson(store, id, current.version, merged, opts);
  });
}

/** Removes a file (an import undone); the audit log keeps what it held. */
export function deletePerson(store: Store, id: number, reason: string): void {
  store.tx(() => {
    const before = getPerson(store, id);
    // A file that has since gathered claims, visits, letters or a death registration is kept:
    // removing it would take that work with it.
    const held = (
      [
        ['claims', '报销单'],
        ['visits', '走访记录'],
        ['letters_log', '信函记录'],
        ['deaths', '病故登记'],
        ['petitions', '信访件'],
        ['certifications', '资格认证记录'],
        ['adjustment_rows', '调资核对记录'],
        ['activity_people', '活动记录'],
        ['study_deliveries', '学习资料领取记录'],
        ['handover_people', '社会化移交记录'],
      ] as const
    ).filter(([table]) => store.prepare(`SELECT 1 FROM ${table} WHERE person_id = ? LIMIT 1`).get(id));
    if (held.length) {
      throw new UserError('in_use', `${before.name}的档案已有${held.map(([, what]) => what).join('、')}，不能删除`);
    }
    store.run(store.kysely.deleteFrom('persons').where('id', '=', id));
    unindexPerson(store, id);
    writeAudit(store, {
      entity: 'person',
      entityId: id,
      personId: id,
      action: 'delete',
      before: auditSnapshot(before),
      after: null,
      reason,
    });
  });
}

/** The input that saves a file unchanged: the starting point for changing some of its fields. */
export function inputOf(p: PersonFile): PersonInput {
  const {
    id: _i,
    version: _v,
    age: _a,
    attachments: _at,
    unitNames: _u,
    createdAt: _c,
    updatedAt: _up,
    idFrom15: _f,
    ...rest
  } = p;
  return rest;
}
