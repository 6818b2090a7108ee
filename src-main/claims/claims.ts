// Claims (药费报销单): registered with their invoice lines, moved through 登记 → 审核 → 批准 →
// 已发放 (or 退回 with a reason, then corrected and resubmitted), computed when approved, never
// changed once approved: a correction is a reversal plus a new claim. Every move is audited with
// the operator, in the same transaction as the move.
import type { Selectable } from 'kysely';
import type {
  ClaimFile,
  ClaimInput,
  ClaimLineInput,
  ClaimLineView,
  ClaimListItem,
  ClaimStatus,
  YearStatement,
} from '../contract/claims';
import type { AttachmentInfo } from '../contract/retirees';
import { nowIso, writeAudit } from '../audit/audit';
import { applyEdit, refuseIfStale, type Edit } from '../audit/edits';
import type { ClaimLinesTable, ClaimsTable } from '../db/schema';
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';
import { todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { maskIdNumber } from '../shared/mask';
import type { Category } from '../shared/person';
import type { CategoryPolicy } from '../shared/claimPolicy';
import { computeLine, reverseLine, type YearTotals } from './compute';
import { toInfo } from '../retirees/attachments';
import { policyFor } from './policies';

type ClaimRow = Selectable<ClaimsTable>;
type LineRow = Selectable<ClaimLinesTable>;

export interface PersonFacts {
  id: number;
  name: string;
  category: Category;
  birth_date: string | null;
  id_number: string | null;
  bank_name: string | null;
  bank_account: string | null;
}

export function personFacts(store: Store, personId: number): PersonFacts {
  const p = store.first(
    store.kysely
      .selectFrom('persons')
      .select(['id', 'name', 'category', 'birth_date', 'id_number', 'bank_name', 'bank_account'])
      .where('id', '=', personId)
      .$narrowType<{ category: Category }>(),
  );
  if (!p) throw new UserError('not_found', '没有找到这位人员的档案');
  return p;
}

function lineView(l: LineRow): ClaimLineView {
  return {
    id: l.id,
    seq: l.seq,
    invoiceCode: l.invoice_code,
    invoiceNo: l.invoice_no,
    hospital: l.hospital,
    visitDate: l.visit_date,
    kind: l.kind as ClaimLineView['kind'],
    totalFen: l.total_fen,
    fundFen: l.fund_fen,
    accountFen: l.account_fen,
    selfFen: l.self_fen,
    eligibleFen: l.eligible_fen,
    eligibleReason: l.eligible_reason,
    payFen: l.pay_fen,
    deductibleFen: l.deductible_fen,
    ratioBp: l.ratio_bp,
    explanation: l.explanation,
  };
}

function claimOf(
  c: ClaimRow,
  person: { name: string; id_number: string | null; category: string },
  lines: LineRow[],
  attachments: AttachmentInfo[],
): ClaimFile {
  const approved = c.approval_seq !== null;
  return {
    id: c.id,
    version: c.version,
    personId: c.person_id,
    personName: person.name,
    idNumberMasked: maskIdNumber(person.id_number),
    category: person.category,
    status: c.status as ClaimStatus,
    source: c.source as ClaimFile['source'],
    receivedDate: c.received_date,
    note: c.note,
    returnReason: c.return_reason,
    reversalOf: c.reversal_of,
    reversedBy: c.reversed_by,
    corrects: c.corrects,
    approvalSeq: c.approval_seq,
    approvedAt: c.approved_at,
    approvedBy: c.approved_by,
    batchId: c.batch_id,
    paidAt: c.paid_at,
    createdAt: c.created_at,
    createdBy: c.created_by,
    lines: lines.map(lineView),
    attachments,
    eligibleFen: lines.reduce((a, l) => a + l.eligible_fen, 0),
    payFen: approved ? lines.reduce((a, l) => a + (l.pay_fen ?? 0), 0) : null,
  };
}

function claimRow(store: Store, id: number): ClaimRow {
  const c = store.first(store.kysely.selectFrom('claims').selectAll().where('id', '=', id));
  if (!c) throw new UserError('not_found', `没有找到第 ${id} 号报销单`);
  return c;
}

function linesOf(store: Store, claimId: number): LineRow[] {
  return store.all(store.kysely.selectFrom('claim_lines').selectAll().where('claim_id', '=', claimId).orderBy('seq'));
}

function attachmentsOf(store: Store, claimId: number): AttachmentInfo[] {
  return store
    .all(store.kysely.selectFrom('attachments').selectAll().where('claim_id', '=', claimId).orderBy('id'))
    .map(toInfo);
}

export function getClaim(store: Store, id: number): ClaimFile {
  const c = claimRow(store, id);
  return claimOf(c, personFacts(store, c.person_id), linesOf(store, id), attachmentsOf(store, id));
}

/** What the audit log keeps of a claim. */
function snapshot(c: ClaimFile) {
  const { version: _v, idNumberMasked: _m, ...rest } = c;
  return rest;
}

/** The claim that still counts (not reversed, not a reversal) and already holds an invoice, if any. */
export function claimHoldingInvoice(
  store: Store,
  invoiceNo: string,
  invoiceCode: string | null,
  exceptClaimId: number | null,
) {
  // Raw: asked for every line of a claims ledger import (claims/ledger.ts).
  return store
    .prepare(
      `SELECT c.id, c.status, p.name FROM claim_lines l JOIN claims c ON c.id = l.claim_id JOIN persons p ON p.id = c.person_id
       WHERE l.invoice_no = ? AND coalesce(l.invoice_code, '') = ? AND c.id != ? AND c.reversed_by IS NULL AND c.source != '冲销'
       LIMIT 1`,
    )
    .get(invoiceNo, invoiceCode ?? '', exceptClaimId ?? 0) as { id: number; status: string; name: string } | undefined;
}

/** An invoice is reimbursed once: refused when a claim that still counts already holds it, naming that claim. */
function checkInvoices(store: Store, lines: ClaimLineInput[], ownClaimId: number | null): void {
  const seen = new Set<string>();
  for (const l of lines) {
    const label = l.invoiceCode ? `${l.invoiceCode} ${l.invoiceNo}` : l.invoiceNo;
    const key = `${l.invoiceCode ?? ''}|${l.invoiceNo}`;
    if (seen.has(key)) throw new UserError('duplicate_invoice', `票据 ${label} 在本报销单中填写了两次`);
    seen.add(key);
    const used = claimHoldingInvoice(store, l.invoiceNo, l.invoiceCode, ownClaimId);
    if (used) {
      throw new UserError(
        'duplicate_invoice',
        `票据 ${label} 已用于第 ${used.id} 号报销单（${used.name}，${used.status}），不能重复报销`,
        { claimId: used.id },
      );
    }
  }
}

function insertLines(store: Store, claimId: number, personId: number, lines: ClaimLineInput[]): void {
  const insert = store.prepare(
    `INSERT INTO claim_lines (claim_id, person_id, seq, invoice_code, invoice_no, hospital, visit_date, year, kind,
       total_fen, fund_fen, account_fen, self_fen, eligible_fen, eligible_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) =>
    insert.run(
      claimId,
      personId,
      i + 1,
      l.invoiceCode,
      l.invoiceNo,
      l.hospital,
      l.visitDate,
      Number(l.visitDate.slice(0, 4)),
      l.kind,
      l.total,
      l.fund,
      l.account,
      l.self,
      l.eligible,
      l.eligibleReason,
    ),
  );
}

function audit(store: Store, before: ClaimFile | null, after: ClaimFile, reason: string | null): void {
  writeAudit(store, {
    entity: 'claim',
    entityId: after.id,
    personId: after.personId,
    action: before ? 'update' : 'create',
    before: before ? snapshot(before) : null,
    after: snapshot(after),
    reason,
  });
}

export function createClaim(store: Store, input: ClaimInput, reason: string | null = null): ClaimFile {
  return store.tx(() => {
    personFacts(store, input.personId);
    checkInvoices(store, input.lines, null);
    const now = nowIso();
    const operator = currentOperator(store);
    const { lastInsertRowid } = store
      .prepare(
        'INSERT INTO claims (person_id, status, received_date, note, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(input.personId, '登记', input.receivedDate, input.note, now, operator, now);
    const id = Number(lastInsertRowid);
    insertLines(store, id, input.personId, input.lines);
    const saved = getClaim(store, id);
    audit(store, null, saved, reason);
    return saved;
  });
}

function checkVersion(store: Store, c: ClaimRow, version: number): void {
  refuseIfStale(store, 'claim', c.id, version, c.version, `第 ${c.id} 号报销单`);
}

function refuseIfApproved(c: ClaimRow, what: string): void {
  if (c.approval_seq !== null)
    throw new UserError('immutable', `第 ${c.id} 号报销单已批准，不能${what}；如需更正，请办理冲销后重新登记`);
}

/** A claim as its form's input: what an edit is compared with. */
export function claimInputOf(c: ClaimFile): ClaimInput {
  return {
    personId: c.personId,
    receivedDate: c.receivedDate,
    note: c.note,
    lines: c.lines.map((l) => ({
      invoiceCode: l.invoiceCode,
      invoiceNo: l.invoiceNo,
      hospital: l.hospital,
      visitDate: l.visitDate,
      kind: l.kind,
      total: l.totalFen,
      fund: l.fundFen,
      account: l.accountFen,
      self: l.selfFen,
      eligible: l.eligibleFen,
      eligibleReason: l.eligibleReason,
    })),
  };
}

/** A save from the claim's form: the fields it changed, against the version it was loaded from (audit/edits.ts). */
export function updateClaim(store: Store, id: number, edit: Edit<ClaimInput>): ClaimFile {
  return store.tx(() => {
    const c = claimRow(store, id);
    refuseIfApproved(c, '修改');
    if (c.status === '审核') throw new UserError('illegal_move', `第 ${id} 号报销单正在审核，请先退回再修改`);
    if (edit.changes.personId !== undefined && edit.changes.personId !== c.person_id)
      throw new UserError('invalid_input', '报销单的报销人不能更改，请另行登记');
    const before = getClaim(store, id);
    const input = applyEdit(edit, {
      store,
      entity: 'claim',
      entityId: id,
      what: `第 ${id} 号报销单`,
      current: claimInputOf(before),
    });
    checkInvoices(store, input.lines, id);
    store.prepare('DELETE FROM claim_lines WHERE claim_id = ?').run(id);
    insertLines(store, id, c.person_id, input.lines);
    store
      .prepare('UPDATE claims SET received_date = ?, note = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(input.receivedDate, input.note, nowIso(), id);
    const after = getClaim(store, id);
    audit(store, before, after, '修改报销单');
    return after;
  });
}

const MOVES: Record<ClaimStatus, Partial<Record<ClaimStatus, string>>> = {
  登记: { 审核: '提交审核', 退回: '退回' },
  审核: { 批准: '批准', 退回: '退回' },
  退回: { 登记: '重新提交' },
  批准: {},
  已发放: {},
};
const VERBS: Record<string, string> = { 审核: '提交审核', 批准: '批准', 退回: '退回', 登记: '重新提交' };

export function yearTotals(store: Store, personId: number, year: number): YearTotals {
  // Raw: asked for every line the rule computes and every line a claims ledger imports.
  const t = store
    .prepare('SELECT eligible_fen, reimbursed_fen FROM claim_year_totals WHERE person_id = ? AND year = ?')
    .get(personId, year) as { eligible_fen: number; reimbursed_fen: number } | undefined;
  return { eligibleFen: t?.eligible_fen ?? 0, reimbursedFen: t?.reimbursed_fen ?? 0 };
}

export function setYearTotals(store: Store, personId: number, year: number, t: YearTotals): void {
  store
    .prepare(
      `INSERT INTO claim_year_totals (person_id, year, eligible_fen, reimbursed_fen) VALUES (?, ?, ?, ?)
       ON CONFLICT (person_id, year) DO UPDATE SET eligible_fen = excluded.eligible_fen, reimbursed_fen = excluded.reimbursed_fen`,
    )
    .run(personId, year, t.eligibleFen, t.reimbursedFen);
}

/** The next place in the approval order: the rule computes lines in that order. */
export function nextApprovalSeq(store: Store): number {
  // Raw: asked for every claim a claims ledger import approves (claims/ledger.ts).
  return (store.prepare('SELECT coalesce(max(approval_seq), 0) + 1 AS n FROM claims').get() as { n: number }).n;
}

/** Computes every line under its year's policy, on the person's running totals, and keeps both. */
function approve(store: Store, c: ClaimRow): void {
  const person = personFacts(store, c.person_id);
  const today = todayIso();
  const update = store.prepare(
    'UPDATE claim_lines SET policy_id = ?, deductible_fen = ?, counted_fen = ?, ratio_bp = ?, pay_fen = ?, explanation = ?, approved_on = ?, category = ? WHERE id = ?',
  );
  for (const line of linesOf(store, c.id)) {
    const policy = policyFor(store, line.year, person.category);
    const totals = yearTotals(store, c.person_id, line.year);
    const r = computeLine(
      policy.rules,
      totals,
      { visitDate: line.visit_date, kind: line.kind as ClaimLineView['kind'], eligibleFen: line.eligible_fen },
      person.birth_date,
    );
    update.run(
      policy.versionId,
      r.deductibleFen,
      r.countedFen,
      r.ratioBp,
      r.payFen,
      r.explanation,
      today,
      person.category,
      line.id,
    );
    setYearTotals(store, c.person_id, line.year, r.after);
  }
  store
    .prepare(
      "UPDATE claims SET status = '批准', approval_seq = ?, approved_at = ?, approved_by = ?, return_reason = NULL WHERE id = ?",
    )
    .run(nextApprovalSeq(store), nowIso(), currentOperator(store), c.id);
}

export function moveClaim(
  store: Store,
  id: number,
  version: number,
  to: ClaimStatus,
  reason: string | null,
): ClaimFile {
  return store.tx(() => {
    const c = claimRow(store, id);
    checkVersion(store, c, version);
    const from = c.status as ClaimStatus;
    if (!MOVES[from][to]) {
      const why =
        from === '批准' || from === '已发放'
          ? '已批准的报销单不能再改动，如需更正请办理冲销'
          : `只能${Object.values(MOVES[from]).join('或')}`;
      throw new UserError('illegal_move', `第 ${id} 号报销单当前为“${from}”，不能${VERBS[to] ?? to}：${why}`);
    }
    if (to === '退回' && !reason) throw new UserError('invalid_input', '退回报销单须填写原因');
    const before = getClaim(store, id);
    if (to === '批准') approve(store, c);
    else
      store
        .prepare('UPDATE claims SET status = ?, return_reason = ? WHERE id = ?')
        .run(to, to === '退回' ? reason : c.return_reason, id);
    store.prepare('UPDATE claims SET updated_at = ?, version = version + 1 WHERE id = ?').run(nowIso(), id);
    const after = getClaim(store, id);
    audit(store, before, after, reason ?? MOVES[from][to]!);
    return after;
  });
}

/**
 * Corrects an approved claim: a reversal (its lines negated, undoing their E and R, approved at
 * once) and a new claim with the same lines, registered for correction. Both audited with the reason.
 */
export function reverseClaim(
  store: Store,
  id: number,
  version: number,
  reason: string,
): { reversal: ClaimFile; correction: ClaimFile } {
  return store.tx(() => {
    const c = claimRow(store, id);
    checkVersion(store, c, version);
    if (c.approval_seq === null)
      throw new UserError('illegal_move', `第 ${id} 号报销单尚未批准，可直接退回修改，无需冲销`);
    if (c.source === '冲销') throw new UserError('illegal_move', `第 ${id} 号是冲销单，不能再冲销`);
    if (c.reversed_by !== null) throw new UserError('illegal_move', `第 ${id} 号报销单已由第 ${c.reversed_by} 号冲销`);
    const before = getClaim(store, id);
    const now = nowIso();
    const operator = currentOperator(store);
    const lines = linesOf(store, id);
    const { lastInsertRowid } = store
      .prepare(
        `INSERT INTO claims (person_id, status, source, received_date, note, reversal_of, approval_seq, approved_at, approved_by, created_at, created_by, updated_at)
         VALUES (?, '批准', '冲销', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.person_id, todayIso(), reason, id, nextApprovalSeq(store), now, operator, now, operator, now);
    const reversalId = Number(lastInsertRowid);
    const insert = store.prepare(
      `INSERT INTO claim_lines (claim_id, person_id, seq, invoice_code, invoice_no, hospital, visit_date, year, kind, total_fen, fund_fen,
         account_fen, self_fen, eligible_fen, eligible_reason, policy_id, deductible_fen, counted_fen, ratio_bp, pay_fen, explanation, approved_on, category)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const l of lines) {
      const pay = l.pay_fen ?? 0;
      insert.run(
        reversalId,
        l.person_id,
        l.seq,
        l.invoice_code,
        l.invoice_no,
        l.hospital,
        l.visit_date,
        l.year,
        l.kind,
        -l.total_fen,
        -l.fund_fen,
        -l.account_fen,
        -l.self_fen,
        -l.eligible_fen,
        l.eligible_reason,
        l.policy_id,
        l.deductible_fen === null ? null : -l.deductible_fen,
        l.counted_fen === null ? null : -l.counted_fen,
        l.ratio_bp,
        -pay,
        `冲销第 ${id} 号报销单第 ${l.seq} 行`,
        todayIso(),
        l.category,
      );
      setYearTotals(
        store,
        l.person_id,
        l.year,
        reverseLine(yearTotals(store, l.person_id, l.year), { eligibleFen: l.eligible_fen, payFen: pay }),
      );
    }
    store
      .prepare('UPDATE claims SET reversed_by = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(reversalId, now, id);
    const correction = createClaim(
      store,
      {
        personId: c.person_id,
        receivedDate: c.received_date,
        note: c.note,
        lines: lines.map((l) => ({
          invoiceCode: l.invoice_code,
          invoiceNo: l.invoice_no,
          hospital: l.hospital,
          visitDate: l.visit_date,
          kind: l.kind as ClaimLineView['kind'],
          total: l.total_fen,
          fund: l.fund_fen,
          account: l.account_fen,
          self: l.self_fen,
          eligible: l.eligible_fen,
          eligibleReason: l.eligible_reason,
        })),
      },
      `更正第 ${id} 号报销单：${reason}`,
    );
    store.prepare('UPDATE claims SET corrects = ? WHERE id = ?').run(id, correction.id);
    const reversal = getClaim(store, reversalId);
    audit(store, null, reversal, reason);
    audit(store, before, getClaim(store, id), `冲销：${reason}`);
    return { reversal, correction: getClaim(store, correction.id) };
  });
}

export interface ClaimQuery {
  status: ClaimStatus | null;
  personId: number | null;
  unbatched: boolean;
  page: number;
  pageSize: number;
}

export function listClaims(store: Store, q: ClaimQuery): { total: number; rows: ClaimListItem[] } {
  let where = store.kysely.selectFrom('claims');
  if (q.status) where = where.where('claims.status', '=', q.status);
  if (q.personId) where = where.where('claims.person_id', '=', q.personId);
  if (q.unbatched) where = where.where('claims.batch_id', 'is', null).where('claims.status', '=', '批准');
  const total = Number(store.first(where.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const rows = store.all(
    where
      .innerJoin('persons', 'persons.id', 'claims.person_id')
      .selectAll('claims')
      .select(['persons.name', 'persons.id_number', 'persons.category'])
      .orderBy('claims.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  );
  // Raw: asked for each row of the claims list.
  const sums = store.prepare(
    'SELECT count(*) AS n, sum(eligible_fen) AS e, sum(pay_fen) AS p FROM claim_lines WHERE claim_id = ?',
  );
  return {
    total,
    rows: rows.map((r) => {
      const s = sums.get(r.id) as { n: number; e: number | null; p: number | null };
      const { lines: _l, attachments: _a, ...claim } = claimOf(r, r, [], []);
      return { ...claim, lineCount: s.n, eligibleFen: s.e ?? 0, payFen: r.approval_seq !== null ? (s.p ?? 0) : null };
    }),
  };
}

/** A person's year: every claim with its lines, what was eligible and reimbursed, what is left. */
export function yearStatement(store: Store, personId: number, year: number): YearStatement {
  const person = personFacts(store, personId);
  const ids = store.all(
    store.kysely
      .selectFrom('claim_lines')
      .select('claim_id')
      .distinct()
      .where('person_id', '=', personId)
      .where('year', '=', year)
      .orderBy('claim_id'),
  );
  const totals = yearTotals(store, personId, year);
  let rules: CategoryPolicy | null;
  try {
    rules = policyFor(store, year, person.category).rules;
  } catch {
    rules = null;
  }
  return {
    personId,
    name: person.name,
    idNumberMasked: maskIdNumber(person.id_number),
    category: person.category,
    year,
    policy: rules,
    eligibleFen: totals.eligibleFen,
    reimbursedFen: totals.reimbursedFen,
    deductibleUsedFen: rules ? Math.min(totals.eligibleFen, rules.deductibleFen) : 0,
    capLeftFen: rules && rules.capFen !== null ? Math.max(0, rules.capFen - totals.reimbursedFen) : null,
    claims: ids.map((r) => {
      const c = claimRow(store, r.claim_id);
      return claimOf(
        c,
        person,
        linesOf(store, c.id).filter((l) => l.year === year),
        attachmentsOf(store, c.id),
      );
    }),
  };
}
