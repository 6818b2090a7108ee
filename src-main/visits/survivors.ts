// Survivors (遗属, issue 20 item 4): the family of a deceased retiree whom the office goes on serving.
// A survivor is a record of its own (migration 0028 says why), linked to the deceased's file, which
// must be that of a person who has died. The monthly 遗属生活困难补助 is paid by the standard in force
// in the month (the office's table of standards, whose periods never overlap) to each survivor with
// a period covering it (start month, and the stop month: the first month not paid, with the reason).
// A yearly eligibility check, like 资格认证: whoever receives the allowance is due each year, and one
// neither checked nor started in the last 12 months is listed for suspension, never stopped
// silently: the clerk stops it (逾期未认证), audited like every other change.
import type { PrintableView } from '../contract/common';
import type { VisitBatchView } from '../contract/visits';
import type {
  AllowanceMonth,
  AllowancePeriod,
  AllowanceRow,
  AllowanceStandard,
  SurvivorCheckLists,
  SurvivorInput,
  SurvivorSummary,
  SurvivorView,
} from '../contract/survivors';
import { nowIso, writeAudit } from '../audit/audit';
import { refuseIfStale } from '../audit/edits';
import type { Selectable } from 'kysely';
import type { SurvivorsTable } from '../db/schema';
import type { Store } from '../db/store';
import { SEQ_COLUMN } from '../documents/columns';
import { html } from '../documents/html';
import { pageCss, printable, ruledListCss } from '../documents/print';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';
import { normalizeName } from '../retirees/persons';
import { nameSortKey } from '../retirees/searchIndex';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import type { CertificationMethod } from '../shared/care';
import { ageOn, formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { checkIdNumber } from '../shared/idNumber';
import { maskBankAccount, maskIdNumber, maskPhone } from '../shared/mask';
import { capitalYuan, formatYuan } from '../shared/money';
import {
  addMonths,
  type AllowanceStopReason,
  monthOf,
  monthWords,
  periodsOverlap,
  type SurvivorRelation,
} from '../shared/survivors';
import { addDays } from './reminders';

// --- reading ------------------------------------------------------------------------------------

type SurvivorRow = Selectable<SurvivorsTable> & { deceased_name: string; died_on: string | null };

const SURVIVOR_SELECT = `SELECT s.*, p.name AS deceased_name, coalesce(d.died_on, p.status_date) AS died_on
  FROM survivors s JOIN persons p ON p.id = s.deceased_id LEFT JOIN deaths d ON d.person_id = s.deceased_id`;

function survivorRow(store: Store, id: number): SurvivorRow {
  const r = store.prepare(`${SURVIVOR_SELECT} WHERE s.id = ?`).get(id) as SurvivorRow | undefined;
  if (!r) throw new UserError('not_found', '没有找到这位遗属');
  return r;
}

function periodsOf(store: Store, survivorId: number): AllowancePeriod[] {
  return store
    .all(
      store.kysely
        .selectFrom('survivor_allowances')
        .selectAll()
        .where('survivor_id', '=', survivorId)
        .orderBy('start_month'),
    )
    .map((a) => ({
      id: a.id,
      startMonth: a.start_month,
      stopMonth: a.stop_month,
      stopReason: a.stop_reason as AllowanceStopReason | null,
      stopNote: a.stop_note,
      version: a.version,
      createdAt: a.created_at,
      createdBy: a.created_by,
    }));
}

/** Whether a period pays in a month: started by then and not yet stopped (the stop month is not paid). */
const pays = (p: { startMonth: string; stopMonth: string | null }, month: string) =>
  p.startMonth <= month && (p.stopMonth === null || p.stopMonth > month);

function summaryOf(store: Store, r: SurvivorRow, periods: AllowancePeriod[], today: string): SurvivorSummary {
  const month = monthOf(today);
  const running = periods.find((p) => pays(p, month)) ?? null;
  const shown = running ?? periods.at(-1) ?? null;
  const last = store.prepare('SELECT max(checked_on) FROM survivor_checks WHERE survivor_id = ?').pluck().get(r.id) as
    string | null;
  return {
    id: r.id,
    name: r.name,
    relation: r.relation as SurvivorRelation,
    gender: r.gender as '男' | '女' | null,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    idNumber: maskIdNumber(r.id_number)!,
    phone: r.phone === null ? null : maskPhone(r.phone),
    deceasedId: r.deceased_id,
    deceasedName: r.deceased_name,
    diedOn: r.died_on,
    qualifications: JSON.parse(r.qualifications) as string[],
    // A period that has not started yet is 未发放 until its month comes.
    allowance: running ? '发放中' : shown?.stopMonth ? '已停发' : '未发放',
    startMonth: shown?.startMonth ?? null,
    stopMonth: shown?.stopMonth ?? null,
    stopReason: shown?.stopReason ?? null,
    lastChecked: last,
  };
}

export function listSurvivors(store: Store, deceasedId: number | null, today = todayIso()): SurvivorSummary[] {
  const rows = store
    .prepare(`${SURVIVOR_SELECT} WHERE (@deceased IS NULL OR s.deceased_id = @deceased) ORDER BY s.name_sort, s.id`)
    .all({ deceased: deceasedId }) as SurvivorRow[];
  return rows.map((r) => summaryOf(store, r, periodsOf(store, r.id), today));
}

export function getSurvivor(store: Store, id: number, today = todayIso()): SurvivorView {
  const r = survivorRow(store, id);
  const periods = periodsOf(store, id);
  return {
    ...summaryOf(store, r, periods, today),
    address: r.address,
    bankName: r.bank_name,
    bankAccount: maskBankAccount(r.bank_account),
    qualificationNote: r.qualification_note,
    note: r.note,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    allowances: periods,
    checks: store
      .all(store.kysely.selectFrom('survivor_checks').selectAll().where('survivor_id', '=', id).orderBy('year', 'desc'))
      .map((c) => ({
        id: c.id,
        year: c.year,
        checkedOn: c.checked_on,
        method: c.method as CertificationMethod,
        note: c.note,
        createdBy: c.created_by,
      })),
    visits: store
      .all(
        store.kysely
          .selectFrom('survivor_visits as v')
          .leftJoin('visit_batches as b', 'b.id', 'v.batch_id')
          .select(['v.id', 'v.kind', 'v.date', 'v.money_fen', 'v.items', 'v.visitors', 'v.note', 'v.batch_id'])
          .select('b.name as batch_name')
          .where('v.survivor_id', '=', id)
          .orderBy('v.date', 'desc')
          .orderBy('v.id', 'desc'),
      )
      .map((v) => ({
        id: v.id,
        kind: v.kind,
        date: v.date,
        moneyFen: v.money_fen,
        items: v.items,
        visitors: v.visitors,
        note: v.note,
        batchId: v.batch_id,
        batchName: v.batch_name,
      })),
    letters: store
      .all(
        store.kysely
          .selectFrom('survivor_letters')
          .select(['kind', 'title', 'printed_at', 'printed_by', 'batch'])
          .where('survivor_id', '=', id)
          .orderBy('id', 'desc'),
      )
      .map((l) => ({ kind: l.kind, title: l.title, printedAt: l.printed_at, printedBy: l.printed_by, batch: l.batch })),
  };
}

export function revealSurvivorField(store: Store, id: number, field: 'idNumber' | 'bankAccount' | 'phone'): string {
  const r = survivorRow(store, id);
  const value = field === 'idNumber' ? r.id_number : field === 'bankAccount' ? r.bank_account : r.phone;
  if (!value) throw new UserError('invalid_input', '这一项没有填写');
  return value;
}

// --- the survivor's record ----------------------------------------------------------------------

/** The deceased's file: a survivor is linked only to a person who has died. */
function requireDeceased(store: Store, personId: number): { name: string } {
  const p = store.first(store.kysely.selectFrom('persons').select(['name', 'status']).where('id', '=', personId));
  if (!p) throw new UserError('not_found', '没有找到逝者的档案');
  const dead =
    p.status === '已故' || store.prepare('SELECT 1 FROM deaths WHERE person_id = ?').get(personId) !== undefined;
  if (!dead) throw new UserError('invalid_input', `${p.name}尚未登记去世，不能为其登记遗属`);
  return p;
}

/** The stored values of a survivor's fields: the ID number normalised, birth date and gender from it. */
function storedFields(store: Store, s: SurvivorInput, selfId: number | null) {
  const check = checkIdNumber(s.idNumber);
  if (!check.ok) throw new UserError('invalid_input', check.message);
  const taken = store
    .prepare(
      'SELECT s.id, s.name, p.name AS deceased FROM survivors s JOIN persons p ON p.id = s.deceased_id WHERE s.id_number = ?',
    )
    .get(check.normalized) as { id: number; name: string; deceased: string } | undefined;
  if (taken && taken.id !== selfId)
    throw new UserError('invalid_input', `身份证号 ${check.normalized} 已登记为${taken.deceased}的遗属${taken.name}`);
  for (const [what, v] of [
    ['银行账号', s.bankAccount],
    ['身份证号', s.idNumber],
    ['联系电话', s.phone],
  ] as const)
    if (v?.includes('*')) throw new UserError('invalid_input', `${what}是隐去部分数字的样子，请填写完整号码`);
  const name = normalizeName(s.name);
  return {
    name,
    name_sort: nameSortKey(name),
    relation: s.relation,
    id_number: check.normalized,
    gender: check.gender,
    birth_date: check.birthDate,
    phone: s.phone,
    address: s.address,
    bank_name: s.bankName,
    bank_account: s.bankAccount?.replace(/\s/g, '') ?? null,
    qualifications: JSON.stringify(s.qualifications),
    qualification_note: s.qualificationNote,
    note: s.note,
  };
}

/** What the audit log keeps of a survivor: the fields as the form has them. */
function snapshot(r: SurvivorRow | ReturnType<typeof storedFields>) {
  return {
    name: r.name,
    relation: r.relation,
    idNumber: r.id_number,
    gender: r.gender,
    birthDate: r.birth_date,
    phone: r.phone,
    address: r.address,
    bankName: r.bank_name,
    bankAccount: r.bank_account,
    qualifications: JSON.parse(r.qualifications) as string[],
    qualificationNote: r.qualification_note,
    note: r.note,
  };
}

export function createSurvivor(
  store: Store,
  input: { deceasedId: number; survivor: SurvivorInput; startMonth: string | null },
  today = todayIso(),
): SurvivorView {
  return store.tx(() => {
    requireDeceased(store, input.deceasedId);
    const f = storedFields(store, input.survivor, null);
    if (f.birth_date > today) throw new UserError('invalid_input', '身份证号中的出生日期晚于今天');
    const at = nowIso();
    const id = Number(
      store
        .prepare(
          `INSERT INTO survivors (deceased_id, name, name_sort, relation, id_number, gender, birth_date, phone, address,
             bank_name, bank_account, qualifications, qualification_note, note, created_at, created_by, updated_at)
           VALUES (@deceased_id, @name, @name_sort, @relation, @id_number, @gender, @birth_date, @phone, @address,
             @bank_name, @bank_account, @qualifications, @qualification_note, @note, @at, @by, @at)`,
        )
        .run({ ...f, deceased_id: input.deceasedId, at, by: currentOperator(store) }).lastInsertRowid,
    );
    writeAudit(store, {
      entity: 'survivor',
      entityId: id,
      personId: input.deceasedId,
      action: 'create',
      before: null,
      after: snapshot(f),
    });
    if (input.startMonth) insertPeriod(store, id, input.deceasedId, input.startMonth);
    return getSurvivor(store, id, today);
  });
}

export function updateSurvivor(
  store: Store,
  input: { id: number; version: number; changes: Partial<SurvivorInput> },
  today = todayIso(),
): SurvivorView {
  return store.tx(() => {
    const r = survivorRow(store, input.id);
    refuseIfStale(store, 'survivor', r.id, input.version, r.version, `遗属${r.name}的登记`);
    const current: SurvivorInput = {
      name: r.name,
      relation: r.relation as SurvivorRelation,
      idNumber: r.id_number,
      phone: r.phone,
      address: r.address,
      bankName: r.bank_name,
      bankAccount: r.bank_account,
      qualifications: JSON.parse(r.qualifications) as SurvivorInput['qualifications'],
      qualificationNote: r.qualification_note,
      note: r.note,
    };
    const f = storedFields(store, { ...current, ...input.changes }, r.id);
    store
      .prepare(
        `UPDATE survivors SET name = @name, name_sort = @name_sort, relation = @relation, id_number = @id_number,
           gender = @gender, birth_date = @birth_date, phone = @phone, address = @address, bank_name = @bank_name,
           bank_account = @bank_account, qualifications = @qualifications, qualification_note = @qualification_note,
           note = @note, version = version + 1, updated_at = @at WHERE id = @id`,
      )
      .run({ ...f, id: r.id, at: nowIso() });
    writeAudit(store, {
      entity: 'survivor',
      entityId: r.id,
      personId: r.deceased_id,
      action: 'update',
      before: snapshot(r),
      after: snapshot(f),
    });
    return getSurvivor(store, r.id, today);
  });
}

// --- the allowance ------------------------------------------------------------------------------

function insertPeriod(store: Store, survivorId: number, deceasedId: number, startMonth: string): void {
  const clash = periodsOf(store, survivorId).find((p) =>
    periodsOverlap(
      { from: p.startMonth, to: p.stopMonth && addMonths(p.stopMonth, -1) },
      { from: startMonth, to: null },
    ),
  );
  if (clash)
    throw new UserError(
      'invalid_input',
      clash.stopMonth
        ? `${monthWords(startMonth)}仍在${monthWords(clash.startMonth)}起的发放期内（${monthWords(clash.stopMonth)}停发），起始月份不能早于停发月份`
        : `已自${monthWords(clash.startMonth)}起发放，尚未停发`,
    );
  const id = Number(
    store
      .prepare('INSERT INTO survivor_allowances (survivor_id, start_month, created_at, created_by) VALUES (?, ?, ?, ?)')
      .run(survivorId, startMonth, nowIso(), currentOperator(store)).lastInsertRowid,
  );
  writeAudit(store, {
    entity: 'survivor',
    entityId: survivorId,
    personId: deceasedId,
    action: 'update',
    before: { startMonth: null },
    after: { startMonth },
    reason: `遗属生活困难补助自${monthWords(startMonth)}起发放（第 ${id} 号发放记录）`,
  });
}

export function startAllowance(
  store: Store,
  input: { survivorId: number; startMonth: string },
  today = todayIso(),
): SurvivorView {
  return store.tx(() => {
    const r = survivorRow(store, input.survivorId);
    insertPeriod(store, r.id, r.deceased_id, input.startMonth);
    return getSurvivor(store, r.id, today);
  });
}

export function stopAllowance(
  store: Store,
  input: { allowanceId: number; version: number; stopMonth: string; reason: AllowanceStopReason; note: string | null },
  today = todayIso(),
): SurvivorView {
  return store.tx(() => {
    const a = store.first(
      store.kysely.selectFrom('survivor_allowances').selectAll().where('id', '=', input.allowanceId),
    );
    if (!a) throw new UserError('not_found', '没有找到这条发放记录');
    const r = survivorRow(store, a.survivor_id);
    refuseIfStale(store, 'survivor', r.id, input.version, a.version, `遗属${r.name}的发放记录`);
    if (a.stop_month)
      throw new UserError('invalid_input', `已于${monthWords(a.stop_month)}停发（${a.stop_reason}），不能再次停发`);
    if (input.stopMonth < a.start_month)
      throw new UserError(
        'invalid_input',
        `停发月份（${monthWords(input.stopMonth)}）不能早于起始发放月份（${monthWords(a.start_month)}）`,
      );
    if (input.stopMonth === a.start_month)
      throw new UserError(
        'invalid_input',
        `停发月份是第一个不再发放的月份，须晚于起始发放月份（${monthWords(a.start_month)}）；如从未发放，请核对起始月份`,
      );
    if (input.reason === '其他' && !input.note) throw new UserError('invalid_input', '停发原因为“其他”时，请写明原因');
    // A month already taken into a batch or paid stays on its list: the stop comes after it.
    const taken = store.first(
      store.kysely
        .selectFrom('survivor_allowance_payments as p')
        .innerJoin('payment_batches as b', 'b.id', 'p.batch_id')
        .select(['p.month', 'p.paid_at', 'b.name'])
        .where('p.survivor_id', '=', r.id)
        .where('p.month', '>=', input.stopMonth)
        .orderBy('p.month', 'desc'),
    );
    if (taken)
      throw new UserError(
        'invalid_input',
        `${r.name}${monthWords(taken.month)}的补助${taken.paid_at ? `已于 ${taken.paid_at.slice(0, 10)} 发放` : `已列入发放批次“${taken.name}”`}，停发月份须晚于${monthWords(taken.month)}`,
      );
    store
      .prepare(
        'UPDATE survivor_allowances SET stop_month = ?, stop_reason = ?, stop_note = ?, version = version + 1 WHERE id = ?',
      )
      .run(input.stopMonth, input.reason, input.note, a.id);
    writeAudit(store, {
      entity: 'survivor',
      entityId: r.id,
      personId: r.deceased_id,
      action: 'update',
      before: { stopMonth: null, stopReason: null },
      after: { stopMonth: input.stopMonth, stopReason: input.reason, stopNote: input.note },
      reason: `遗属生活困难补助自${monthWords(input.stopMonth)}起停发`,
    });
    return getSurvivor(store, r.id, today);
  });
}

// --- standards ----------------------------------------------------------------------------------

export function listStandards(store: Store): AllowanceStandard[] {
  return store
    .all(store.kysely.selectFrom('survivor_allowance_standards').selectAll().orderBy('from_month', 'desc'))
    .map((s) => ({
      id: s.id,
      amountFen: s.amount_fen,
      fromMonth: s.from_month,
      toMonth: s.to_month,
      basis: s.basis,
      savedAt: s.saved_at,
      savedBy: s.saved_by,
    }));
}

const periodWords = (s: { fromMonth: string; toMonth: string | null }) =>
  `${monthWords(s.fromMonth)}${s.toMonth ? `至${monthWords(s.toMonth)}` : '起'}`;

export function saveStandard(
  store: Store,
  input: { amount: number; fromMonth: string; toMonth: string | null; basis: string | null },
): AllowanceStandard[] {
  return store.tx(() => {
    if (input.toMonth !== null && input.toMonth < input.fromMonth)
      throw new UserError('invalid_input', '执行截止月份不能早于起始月份');
    const clash = listStandards(store).find((s) =>
      periodsOverlap({ from: s.fromMonth, to: s.toMonth }, { from: input.fromMonth, to: input.toMonth }),
    );
    if (clash)
      throw new UserError(
        'invalid_input',
        `与已有标准（${periodWords(clash)}每月 ${formatYuan(clash.amountFen)} 元）的执行期重叠；请先为已有标准填写截止月份，或调整起止月份`,
      );
    const id = Number(
      store
        .prepare(
          'INSERT INTO survivor_allowance_standards (amount_fen, from_month, to_month, basis, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(input.amount, input.fromMonth, input.toMonth, input.basis, nowIso(), currentOperator(store))
        .lastInsertRowid,
    );
    writeAudit(store, {
      entity: 'survivor_standard',
      entityId: id,
      personId: null,
      action: 'create',
      before: null,
      after: { amountFen: input.amount, fromMonth: input.fromMonth, toMonth: input.toMonth, basis: input.basis },
    });
    return listStandards(store);
  });
}

export function deleteStandard(store: Store, id: number, reason: string): AllowanceStandard[] {
  return store.tx(() => {
    const s = listStandards(store).find((x) => x.id === id);
    if (!s) throw new UserError('not_found', '没有找到这项标准');
    store.prepare('DELETE FROM survivor_allowance_standards WHERE id = ?').run(id);
    writeAudit(store, {
      entity: 'survivor_standard',
      entityId: id,
      personId: null,
      action: 'delete',
      before: { amountFen: s.amountFen, fromMonth: s.fromMonth, toMonth: s.toMonth, basis: s.basis },
      after: null,
      reason,
    });
    return listStandards(store);
  });
}

function standardFor(store: Store, month: string): AllowanceStandard | null {
  return listStandards(store).find((s) => s.fromMonth <= month && (s.toMonth === null || s.toMonth >= month)) ?? null;
}

// --- the month's payment list -------------------------------------------------------------------

/**
 * The month's 遗属生活困难补助: one row per survivor whose period pays in the month, at the standard
 * in force in it (or the amount its month was taken into a batch with); none where no standard is.
 * Full ID numbers and bank accounts, as the bank list has them; screens and lists mask them.
 */
export function survivorAllowanceRows(store: Store, month: string): AllowanceRow[] {
  return allowanceLines(store, month).rows.map(
    ({ survivorId, name, idNumber, bankName, bankAccount, amountFen, note }) => ({
      survivorId,
      name,
      idNumber,
      bankName,
      bankAccount,
      amountFen,
      note,
    }),
  );
}

function allowanceLines(store: Store, month: string): Omit<AllowanceMonth, 'totalFen' | 'totalCapital'> {
  const standard = standardFor(store, month);
  if (!standard) return { month, standard: null, rows: [] };
  const rows = store
    .prepare(
      `SELECT s.id, s.name, s.id_number, s.bank_name, s.bank_account, s.relation, p.name AS deceased,
              a.start_month, a.stop_month, a.stop_reason,
              sp.amount_fen AS paid_fen, sp.batch_id, b.name AS batch_name, sp.paid_at
       FROM survivor_allowances a JOIN survivors s ON s.id = a.survivor_id JOIN persons p ON p.id = s.deceased_id
       LEFT JOIN survivor_allowance_payments sp ON sp.survivor_id = s.id AND sp.month = @month
       LEFT JOIN payment_batches b ON b.id = sp.batch_id
       WHERE a.start_month <= @month AND (a.stop_month IS NULL OR a.stop_month > @month)
       ORDER BY s.name_sort, s.id`,
    )
    .all({ month }) as {
    id: number;
    name: string;
    id_number: string;
    bank_name: string | null;
    bank_account: string | null;
    relation: SurvivorRelation;
    deceased: string;
    start_month: string;
    stop_month: string | null;
    stop_reason: string | null;
    paid_fen: number | null;
    batch_id: number | null;
    batch_name: string | null;
    paid_at: string | null;
  }[];
  return {
    month,
    standard,
    rows: rows.map((r) => ({
      survivorId: r.id,
      name: r.name,
      idNumber: r.id_number,
      bankName: r.bank_name,
      bankAccount: r.bank_account,
      // A month in a batch keeps the amount it was taken with (survivorPayments.ts).
      amountFen: r.paid_fen ?? standard.amountFen,
      // What the cashier should know of this month: the first month, the last one and why, no account.
      note:
        [
          r.start_month === month ? '本月起发' : '',
          r.stop_month === addMonths(month, 1) ? `本月后停发（${r.stop_reason}）` : '',
          r.bank_account ? '' : '未登记银行账号',
        ]
          .filter(Boolean)
          .join('；') || null,
      relation: r.relation,
      deceasedName: r.deceased,
      payment:
        r.batch_id === null
          ? null
          : { batchId: r.batch_id, batchName: r.batch_name!, paidOn: r.paid_at?.slice(0, 10) ?? null },
    })),
  };
}

export function allowanceMonth(store: Store, month: string, full = false): AllowanceMonth {
  const lines = allowanceLines(store, month);
  const totalFen = lines.rows.reduce((t, r) => t + r.amountFen, 0);
  return {
    ...lines,
    rows: full
      ? lines.rows
      : lines.rows.map((r) => ({
          ...r,
          idNumber: maskIdNumber(r.idNumber)!,
          bankAccount: maskBankAccount(r.bankAccount),
        })),
    totalFen,
    totalCapital: capitalYuan(totalFen),
  };
}

const ALLOWANCE_COLUMNS: TableColumn[] = [
  SEQ_COLUMN,
  { label: '姓名', kind: 'text', width: 10 },
  { label: '与逝者关系', kind: 'text', width: 10 },
  { label: '逝者', kind: 'text', width: 10 },
  { label: '身份证号', kind: 'id', width: 21 },
  { label: '开户银行', kind: 'text', width: 14 },
  { label: '银行账号', kind: 'id', width: 24 },
  { label: '金额（元）', kind: 'money', width: 12 },
  { label: '备注', kind: 'text', width: 18, wrap: true },
];

const allowanceTitle = (orgName: string, month: string) => `${orgName}遗属生活困难补助发放名单（${monthWords(month)}）`;

function refuseWithoutStandard(m: AllowanceMonth): void {
  if (!m.standard) throw new UserError('invalid_input', `${monthWords(m.month)}没有执行中的补助标准，请先在标准中登记`);
}

export function allowancePrintable(store: Store, month: string): PrintableView {
  const m = allowanceMonth(store, month);
  refuseWithoutStandard(m);
  const { orgName } = getOfficeSettings(store);
  const body = html`<section class="sheet allowance">
    <h1>遗属生活困难补助发放名单</h1>
    <p class="sub">
      <span>${orgName}　${monthWords(month)}　标准每人每月 ${formatYuan(m.standard!.amountFen)} 元</span
      ><span>共 ${m.rows.length} 人　制表日期：${formatChineseDate(todayIso())}</span>
    </p>
    <table>
      <thead>
        <tr>
          ${ALLOWANCE_COLUMNS.map((c) => html`<th>${c.label}</th>`)}
          <th>签字</th>
        </tr>
      </thead>
      <tbody>
        ${m.rows.map(
          (r, i) =>
            html`<tr>
              <td>${i + 1}</td>
              <td>${r.name}</td>
              <td>${r.relation}</td>
              <td>${r.deceasedName}</td>
              <td>${r.idNumber}</td>
              <td>${r.bankName ?? ''}</td>
              <td>${r.bankAccount ?? ''}</td>
              <td class="money">${formatYuan(r.amountFen)}</td>
              <td>${r.note ?? ''}</td>
              <td></td>
            </tr>`,
        )}
        <tr class="total">
          <td colspan="7">合计</td>
          <td class="money">${formatYuan(m.totalFen)}</td>
          <td colspan="2"></td>
        </tr>
      </tbody>
    </table>
    <p class="capital">合计金额（大写）：${m.totalCapital}</p>
    <p class="note">经办人：　　　　　　　审核人：　　　　　　　负责人：</p>
  </section>`;
  // A4 portrait: the ruled list's style, turned upright.
  const css = ruledListCss(9.5)
    .replace(pageCss('A4', 'landscape', '14mm'), pageCss('A4', 'portrait', '12mm'))
    .replace('width: 269mm', 'width: 186mm')
    .concat(
      '.sheet .money { text-align: right; white-space: nowrap; } .sheet .total td { font-weight: bold; } .sheet .capital { font-size: 11pt; margin-top: 3mm; }',
    );
  return { ...printable(allowanceTitle(orgName, month), css, body), count: m.rows.length, missing: [] };
}

export async function allowanceWorkbook(
  store: Store,
  month: string,
  full: boolean,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const m = allowanceMonth(store, month, full);
  refuseWithoutStandard(m);
  const { orgName } = getOfficeSettings(store);
  const data = await tableWorkbook({
    name: '遗属补助',
    title: allowanceTitle(orgName, month),
    subtitle: `标准每人每月 ${formatYuan(m.standard!.amountFen)} 元　　制表日期：${formatChineseDate(todayIso())}`,
    columns: ALLOWANCE_COLUMNS,
    rows: m.rows.map((r, i) => [
      i + 1,
      r.name,
      r.relation,
      r.deceasedName,
      r.idNumber,
      r.bankName,
      r.bankAccount,
      r.amountFen,
      r.note,
    ]),
    total: ['合计', '', '', '', '', '', '', m.totalFen, ''],
    notes: [`合计金额（大写）：${m.totalCapital}`],
    ruled: true,
  });
  return { fileName: `遗属生活困难补助-${month}${full ? '' : '（脱敏）'}.xlsx`, count: m.rows.length, data };
}

// --- the yearly eligibility check ---------------------------------------------------------------

export function checkSurvivor(
  store: Store,
  input: { survivorId: number; checkedOn: string; method: CertificationMethod; note: string | null },
  today = todayIso(),
): SurvivorView {
  return store.tx(() => {
    const r = survivorRow(store, input.survivorId);
    if (input.checkedOn > today) throw new UserError('invalid_input', '认证日期不能晚于今天');
    const year = Number(input.checkedOn.slice(0, 4));
    const done = store
      .prepare('SELECT checked_on FROM survivor_checks WHERE survivor_id = ? AND year = ?')
      .pluck()
      .get(r.id, year) as string | undefined;
    if (done) throw new UserError('invalid_input', `${r.name} ${year} 年度已于 ${done} 认证`);
    store
      .prepare(
        'INSERT INTO survivor_checks (survivor_id, year, checked_on, method, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.id, year, input.checkedOn, input.method, input.note, nowIso(), currentOperator(store));
    writeAudit(store, {
      entity: 'survivor',
      entityId: r.id,
      personId: r.deceased_id,
      action: 'update',
      before: null,
      after: { year, checkedOn: input.checkedOn, method: input.method },
      reason: `${year} 年度遗属资格认证`,
    });
    return getSurvivor(store, r.id, today);
  });
}

/**
 * Who receives the allowance this month and has no check for the year (due); of them, those with
 * neither a check nor a start in the last 12 months (overdue), for the clerk to suspend.
 */
export function survivorCheckLists(store: Store, year: number, today = todayIso()): SurvivorCheckLists {
  const rows = store
    .prepare(
      `SELECT s.id, s.name, p.name AS deceased, a.start_month,
              (SELECT max(c.checked_on) FROM survivor_checks c WHERE c.survivor_id = s.id) AS last
       FROM survivors s JOIN persons p ON p.id = s.deceased_id
       JOIN survivor_allowances a ON a.survivor_id = s.id
         AND a.start_month <= @month AND (a.stop_month IS NULL OR a.stop_month > @month)
       WHERE NOT EXISTS (SELECT 1 FROM survivor_checks c WHERE c.survivor_id = s.id AND c.year = @year)
       ORDER BY s.name_sort, s.id`,
    )
    .all({ month: monthOf(today), year }) as {
    id: number;
    name: string;
    deceased: string;
    start_month: string;
    last: string | null;
  }[];
  const yearAgo = addDays(today, -365);
  const due = rows.map((r) => ({ survivorId: r.id, name: r.name, deceasedName: r.deceased, lastChecked: r.last }));
  return {
    year,
    due,
    overdue: due.filter((_, i) => {
      const r = rows[i];
      const since = r.last && r.last > `${r.start_month}-01` ? r.last : `${r.start_month}-01`;
      return since < yearAgo;
    }),
  };
}

// --- 遗属慰问 -----------------------------------------------------------------------------------

/** Survivors whose allowance stopped because they died: no visit, no letter. */
export const diedSql = `EXISTS (SELECT 1 FROM survivor_allowances a WHERE a.survivor_id = s.id AND a.stop_reason = '死亡')`;

export function addSurvivorsToBatch(
  store: Store,
  input: { batchId: number; survivorIds: number[] },
): { added: number; already: number } {
  return store.tx(() => {
    const b = store.first(store.kysely.selectFrom('visit_batches').selectAll().where('id', '=', input.batchId));
    if (!b) throw new UserError('not_found', '没有找到这个慰问批次');
    const read = store.prepare(
      `SELECT s.id, s.name, s.deceased_id, ${diedSql} AS died FROM survivors s WHERE s.id = ?`,
    );
    const insert = store.prepare(
      `INSERT INTO survivor_visits (survivor_id, batch_id, kind, date, visitors, money_fen, items, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id, survivor_id) DO NOTHING`,
    );
    const at = nowIso();
    const by = currentOperator(store);
    let added = 0;
    for (const id of new Set(input.survivorIds)) {
      const s = read.get(id) as { id: number; name: string; deceased_id: number; died: number } | undefined;
      if (!s) throw new UserError('not_found', `没有找到第 ${id} 号遗属`);
      if (s.died) throw new UserError('invalid_input', `${s.name}已故（补助因死亡停发），不能列入慰问批次`);
      added += insert.run(s.id, b.id, b.kind, b.date, b.visitors, b.money_fen, b.items, at, by).changes;
    }
    return { added, already: new Set(input.survivorIds).size - added };
  });
}

export function visitSurvivor(
  store: Store,
  input: {
    survivorId: number;
    kind: string;
    date: string;
    money: number;
    items: string | null;
    visitors: string | null;
    note: string | null;
  },
  today = todayIso(),
): SurvivorView {
  return store.tx(() => {
    const r = survivorRow(store, input.survivorId);
    if (input.date > today) throw new UserError('invalid_input', '慰问日期不能晚于今天');
    store
      .prepare(
        'INSERT INTO survivor_visits (survivor_id, kind, date, visitors, money_fen, items, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        r.id,
        input.kind,
        input.date,
        input.visitors,
        input.money,
        input.items,
        input.note,
        nowIso(),
        currentOperator(store),
      );
    return getSurvivor(store, r.id, today);
  });
}

/** The survivors of a festival batch, in name order. */
export function batchSurvivors(store: Store, batchId: number): VisitBatchView['survivors'] {
  return (
    store
      .prepare(
        `SELECT v.id AS visitId, s.id AS survivorId, s.name, s.relation, p.name AS deceasedName, s.address, s.phone
         FROM survivor_visits v JOIN survivors s ON s.id = v.survivor_id JOIN persons p ON p.id = s.deceased_id
         WHERE v.batch_id = ? ORDER BY s.name_sort, s.id`,
      )
      .all(batchId) as VisitBatchView['survivors']
  ).map((r) => ({ ...r, phone: r.phone === null ? null : maskPhone(r.phone) }));
}
