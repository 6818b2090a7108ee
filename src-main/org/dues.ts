// 党费 of retired party members (issue 21 item 1), by party branch: the base per member and year
// (typed, or the adjustment check's new figure confirmed by staff), 低保, the branch's reductions;
// each month paid once, in its month, up to six months ahead or late; per branch and year the
// ledger, the unpaid and the 党费交纳登记簿. The rule itself is shared/partyDues.ts.
import type {
  DuesBaseView,
  DuesCollectInput,
  DuesLedger,
  DuesMemberRow,
  DuesMemberView,
  DuesMonthCell,
  DuesMonthSummary,
  DuesProposal,
  DuesReductionInput,
  DuesReductionView,
  DuesBaseInput,
} from '../contract/dues';
import type { PrintableView } from '../contract/common';
import { nowIso, writeAudit } from '../audit/audit';
import type { Selectable } from 'kysely';
import type { PartyDuesPaymentsTable } from '../db/schema';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { tableWorkbook, type TableColumn, type TableRow } from '../documents/tableWorkbook';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { formatYuan } from '../shared/money';
import {
  MAX_MONTHS_AHEAD,
  duesByRate,
  monthIndex,
  monthOfIndex,
  monthText,
  monthlyDues,
  monthsAhead,
  monthsOf,
  paymentKind,
  rateText,
  duesRateBp,
} from '../shared/partyDues';
import { PARTY_MEMBER_STATUSES, isPartyMember } from '../shared/person';

// --- reading ------------------------------------------------------------------------------------

interface MemberRecord {
  id: number;
  name: string;
  political_status: string | null;
  party_branch_id: number | null;
  status: string;
  status_date: string | null;
}

function memberRecord(store: Store, personId: number): MemberRecord {
  const p = store.first(
    store.kysely
      .selectFrom('persons')
      .select(['id', 'name', 'political_status', 'party_branch_id', 'status', 'status_date'])
      .where('id', '=', personId),
  );
  if (!p) throw new UserError('not_found', `没有第 ${personId} 号档案`);
  return p;
}

function branch(store: Store, branchId: number): { id: number; name: string } {
  const b = store.first(store.kysely.selectFrom('org_units').select(['id', 'name', 'kind']).where('id', '=', branchId));
  if (!b || b.kind !== '党支部') throw new UserError('not_found', '没有这个党支部');
  return b;
}

function baseOf(store: Store, personId: number, year: number): DuesBaseView | null {
  const b = store.first(
    store.kysely
      .selectFrom('party_dues_bases as b')
      .leftJoin('adjustment_runs as r', 'r.id', 'b.run_id')
      .select([
        'b.year',
        'b.base_fen',
        'b.dibao',
        'b.source',
        'b.confirmed_at',
        'b.confirmed_by',
        'b.from_month',
        'b.to_month',
        'r.year as run_year',
      ])
      .where('b.person_id', '=', personId)
      .where('b.year', '=', year),
  );
  if (!b) return null;
  return {
    year: b.year,
    baseFen: b.base_fen,
    dibao: b.dibao === 1,
    source: b.source === '调资核对' && b.run_year !== null ? `${b.run_year} 年调资核对` : b.source,
    confirmedAt: b.confirmed_at,
    confirmedBy: b.confirmed_by,
    fromMonth: b.from_month,
    toMonth: b.to_month,
  };
}

/** Why a month is outside the member's months in the branch that year (转入/转出), or null. */
function outsideSpan(base: DuesBaseView | null, month: string): string | null {
  if (base?.fromMonth && month < base.fromMonth) return `${monthText(base.fromMonth)}起在本支部交纳党费`;
  if (base?.toMonth && month > base.toMonth) return `党费交纳至${monthText(base.toMonth)}`;
  return null;
}

function reductionsOf(store: Store, personId: number): DuesReductionView[] {
  return store
    .all(
      store.kysely
        .selectFrom('party_dues_reductions')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('from_month'),
    )
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      amountFen: r.amount_fen,
      fromMonth: r.from_month,
      toMonth: r.to_month,
      decidedOn: r.decided_on,
      decision: r.decision,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
    }));
}

const asReductions = (rs: DuesReductionView[]) =>
  rs.map((r) => ({
    kind: r.kind as '减交' | '免交',
    amountFen: r.amountFen,
    fromMonth: r.fromMonth,
    toMonth: r.toMonth,
  }));

/** The month after which a member who died or moved away owes nothing. */
const lastMonthOf = (p: MemberRecord) => (p.status !== '在册' && p.status_date ? p.status_date.slice(0, 7) : null);

/**
 * One member's year as a branch's ledger shows it: each month due, paid (here or elsewhere),
 * waived, unpaid or still to come. `branchId` null: the member's own view, every payment counts.
 */
function memberRow(store: Store, p: MemberRecord, year: number, branchId: number | null, today: string): DuesMemberRow {
  const base = baseOf(store, p.id, year);
  const reductions = reductionsOf(store, p.id);
  const payments = store.all(
    store.kysely
      .selectFrom('party_dues_payments')
      .selectAll()
      .where('person_id', '=', p.id)
      .where('month', '>=', `${year}-01`)
      .where('month', '<=', `${year}-12`),
  );
  const current = isPartyMember(p.political_status) && p.status === '在册' && p.party_branch_id !== null;
  const belongs = branchId === null ? current : current && p.party_branch_id === branchId;
  const last = lastMonthOf(p);
  const thisMonth = today.slice(0, 7);
  const member = { baseFen: base?.baseFen ?? null, dibao: base?.dibao ?? false };
  const months = monthsOf(year).map((month): DuesMonthCell => {
    const due = monthlyDues(month, member, asReductions(reductions));
    const paid = payments.find((x) => x.month === month);
    const cell: DuesMonthCell = {
      month,
      state: 'none',
      dueFen: due?.dueFen ?? null,
      basis: due?.basis ?? null,
      paymentId: null,
      paidFen: null,
      paidOn: null,
      paidBy: null,
      proxyName: null,
      kind: null,
    };
    if (paid) {
      const here = branchId === null || paid.branch_id === branchId;
      return {
        ...cell,
        state: here ? 'paid' : 'elsewhere',
        dueFen: paid.due_fen,
        paymentId: paid.id,
        paidFen: paid.paid_fen,
        paidOn: paid.paid_on,
        paidBy: paid.paid_by,
        proxyName: paid.proxy_name,
        kind: paid.kind as DuesMonthCell['kind'],
      };
    }
    if (!belongs || (last !== null && month > last) || outsideSpan(base, month)) return cell;
    if (!due) return { ...cell, state: 'nobase' };
    if (due.dueFen === 0) return { ...cell, state: 'exempt' };
    return { ...cell, state: month <= thisMonth ? 'unpaid' : 'future' };
  });
  const sum = (cells: DuesMonthCell[], f: (c: DuesMonthCell) => number | null) =>
    cells.reduce((s, c) => s + (f(c) ?? 0), 0);
  const counted = months.filter((c) => c.state !== 'none' && c.state !== 'elsewhere');
  const unpaid = months.filter((c) => c.state === 'unpaid');
  const byRate = member.dibao ? null : member.baseFen;
  return {
    personId: p.id,
    name: p.name,
    current: belongs,
    base,
    basis: member.dibao ? '低保' : byRate === null ? null : rateText(duesRateBp(byRate)),
    monthlyFen: member.dibao ? monthlyDues(`${year}-01`, member)!.dueFen : byRate === null ? null : duesByRate(byRate),
    months,
    reductions: reductions.filter((r) => r.fromMonth <= `${year}-12` && r.toMonth >= `${year}-01`),
    dueFen: sum(counted, (c) => c.dueFen),
    paidFen: sum(months, (c) => (c.state === 'paid' ? c.paidFen : null)),
    unpaidFen: sum(unpaid, (c) => c.dueFen),
    unpaidMonths: unpaid.map((c) => c.month),
  };
}

/**
 * A branch's year: its party members on file now, and anyone who paid to it that year (a member
 * who left, died or moved keeps the months paid here), by name.
 */
export function duesLedger(store: Store, branchId: number, year: number, today = todayIso()): DuesLedger {
  const b = branch(store, branchId);
  const paidHere = store.kysely
    .selectFrom('party_dues_payments')
    .select('person_id')
    .where('branch_id', '=', branchId)
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`);
  const people = store.all(
    store.kysely
      .selectFrom('persons')
      .select(['id', 'name', 'political_status', 'party_branch_id', 'status', 'status_date'])
      .where((eb) =>
        eb.or([
          eb.and([
            eb('party_branch_id', '=', branchId),
            eb('political_status', 'in', PARTY_MEMBER_STATUSES),
            // Those who died or moved away during the year still owe the months before.
            eb.or([eb('status', '=', '在册'), eb('status_date', '>=', `${year}-01-01`)]),
          ]),
          eb('id', 'in', paidHere),
        ]),
      )
      .orderBy('name_sort')
      .orderBy('id'),
  );
  const rows = people.map((p) => memberRow(store, p, year, branchId, today));
  const months = monthsOf(year).map((month, i): DuesMonthSummary => {
    const cells = rows.map((r) => r.months[i]).filter((c) => c.state !== 'none' && c.state !== 'elsewhere');
    const paid = cells.filter((c) => c.state === 'paid');
    const unpaid = cells.filter((c) => c.state === 'unpaid');
    return {
      month,
      members: cells.length,
      dueFen: cells.reduce((s, c) => s + (c.dueFen ?? 0), 0),
      paidFen: paid.reduce((s, c) => s + (c.paidFen ?? 0), 0),
      paidCount: paid.length,
      unpaidCount: unpaid.length,
      unpaidFen: unpaid.reduce((s, c) => s + (c.dueFen ?? 0), 0),
    };
  });
  return {
    branchId,
    branchName: b.name,
    year,
    rows,
    months,
    dueFen: rows.reduce((s, r) => s + r.dueFen, 0),
    paidFen: rows.reduce((s, r) => s + r.paidFen, 0),
    unpaidFen: rows.reduce((s, r) => s + r.unpaidFen, 0),
    withoutBase: rows
      .filter((r) => r.current && r.months.some((c) => c.state === 'nobase'))
      .map((r) => ({ personId: r.personId, name: r.name })),
  };
}

export function memberDues(store: Store, personId: number, year: number, today = todayIso()): DuesMemberView {
  const p = memberRecord(store, personId);
  const branchName =
    p.party_branch_id === null
      ? null
      : (store.first(store.kysely.selectFrom('org_units').select('name').where('id', '=', p.party_branch_id))?.name ??
        null);
  return {
    personId,
    name: p.name,
    partyMember: isPartyMember(p.political_status),
    branchId: p.party_branch_id,
    branchName,
    year,
    row: memberRow(store, p, year, null, today),
  };
}

// --- paying -------------------------------------------------------------------------------------

/** Why a person cannot pay dues here, or null. */
function notPayable(p: MemberRecord, branchId: number | null): string | null {
  if (!isPartyMember(p.political_status))
    return `${p.name}的政治面貌是“${p.political_status ?? '未填写'}”，不是中共党员，不能登记党费`;
  if (p.party_branch_id === null) return `${p.name}尚未编入党支部，请先在组织网络中编入后再登记党费`;
  if (branchId !== null && p.party_branch_id !== branchId) return `${p.name}不是本支部的党员，不能在本支部登记党费`;
  return null;
}

/**
 * A month's collection for a branch, or one member's months paid ahead or late: every payment is
 * checked first (a member of the branch, the month not paid yet, at most six months ahead, the
 * amount what is due, by the rate or the branch's decision), then all are written in one
 * transaction with an audit row each; one refusal and nothing is saved.
 */
export function collectDues(
  store: Store,
  input: DuesCollectInput,
  today = todayIso(),
): { count: number; paidFen: number } {
  if (input.paidOn > today)
    throw new UserError('invalid_input', `交纳日期 ${formatChineseDate(input.paidOn)} 晚于今天`);
  return store.tx(() => {
    branch(store, input.branchId);
    const seen = new Set<string>();
    const problems: string[] = [];
    const rows: { item: (typeof input.items)[number]; p: MemberRecord; dueFen: number; reductionId: number | null }[] =
      [];
    for (const item of input.items) {
      const p = memberRecord(store, item.personId);
      const when = `${p.name} ${monthText(item.month)}`;
      const why = notPayable(p, input.branchId);
      if (why) {
        problems.push(why);
        continue;
      }
      const key = `${item.personId}:${item.month}`;
      const earlier = store.first(
        store.kysely
          .selectFrom('party_dues_payments')
          .select(['paid_on'])
          .where('person_id', '=', item.personId)
          .where('month', '=', item.month),
      );
      if (earlier || seen.has(key)) {
        problems.push(
          `${when}的党费${earlier ? `已于 ${formatChineseDate(earlier.paid_on)} 交纳` : '在本次登记中出现了两次'}，不能重复登记`,
        );
        continue;
      }
      seen.add(key);
      if (monthsAhead(item.month, input.paidOn) > MAX_MONTHS_AHEAD) {
        problems.push(
          `${when}：最多只能预交 ${MAX_MONTHS_AHEAD} 个月（${formatChineseDate(input.paidOn)}交纳，最远到${monthText(monthOfIndex(monthIndex(input.paidOn.slice(0, 7)) + MAX_MONTHS_AHEAD))}）`,
        );
        continue;
      }
      const last = lastMonthOf(p);
      if (last !== null && item.month > last) {
        problems.push(`${when}：已于 ${formatChineseDate(p.status_date)} ${p.status}，此后的月份无需交纳`);
        continue;
      }
      if (item.paidBy === '代交' && item.proxyName === null) {
        problems.push(`${when}由他人代交，请填写代交人姓名`);
        continue;
      }
      const year = Number(item.month.slice(0, 4));
      const base = baseOf(store, p.id, year);
      const outside = outsideSpan(base, item.month);
      if (outside) {
        problems.push(`${when}：${outside}，该月无需在本支部交纳`);
        continue;
      }
      const reductions = reductionsOf(store, p.id);
      const due = monthlyDues(
        item.month,
        { baseFen: base?.baseFen ?? null, dibao: base?.dibao ?? false },
        asReductions(reductions),
      );
      if (!due) {
        problems.push(`${p.name}尚未登记 ${year} 年度党费基数，请先登记基数`);
        continue;
      }
      const reduction = reductions.find((r) => r.fromMonth <= item.month && item.month <= r.toMonth) ?? null;
      if (due.dueFen === 0) {
        problems.push(`${when}经支部决定免交（${reduction?.decision ?? ''}），无需登记交纳`);
        continue;
      }
      if (item.amount !== null && item.amount !== due.dueFen) {
        problems.push(
          reduction
            ? `${when}经支部决定每月交 ${formatYuan(due.dueFen)} 元，所填 ${formatYuan(item.amount)} 元与之不符`
            : `${when}应交 ${formatYuan(due.dueFen)} 元，所填 ${formatYuan(item.amount)} 元与应交不符；如经支部决定减交或免交，请先登记支部决定`,
        );
        continue;
      }
      rows.push({ item, p, dueFen: due.dueFen, reductionId: reduction?.id ?? null });
    }
    if (problems.length) throw new UserError('invalid_input', `未登记任何党费：${problems.join('；')}`);
    const insert = store.prepare(
      `INSERT INTO party_dues_payments (person_id, month, branch_id, due_fen, paid_fen, kind, paid_on, paid_by, proxy_name, reduction_id, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const at = nowIso();
    const by = currentOperator(store);
    let paidFen = 0;
    for (const { item, p, dueFen, reductionId } of rows) {
      const kind = paymentKind(item.month, input.paidOn);
      const proxyName = item.paidBy === '代交' ? item.proxyName : null;
      const id = Number(
        insert.run(
          p.id,
          item.month,
          input.branchId,
          dueFen,
          dueFen,
          kind,
          input.paidOn,
          item.paidBy,
          proxyName,
          reductionId,
          at,
          by,
        ).lastInsertRowid,
      );
      paidFen += dueFen;
      writeAudit(store, {
        entity: 'party_dues',
        entityId: id,
        personId: p.id,
        action: 'create',
        before: null,
        after: paymentSnapshot({
          month: item.month,
          branch_id: input.branchId,
          due_fen: dueFen,
          paid_fen: dueFen,
          kind,
          paid_on: input.paidOn,
          paid_by: item.paidBy,
          proxy_name: proxyName,
        }),
      });
    }
    return { count: rows.length, paidFen };
  });
}

function paymentSnapshot(
  r: Pick<
    Selectable<PartyDuesPaymentsTable>,
    'month' | 'branch_id' | 'due_fen' | 'paid_fen' | 'kind' | 'paid_on' | 'paid_by' | 'proxy_name'
  >,
) {
  return {
    month: monthText(r.month),
    branchId: r.branch_id,
    dueFen: r.due_fen,
    paidFen: r.paid_fen,
    kind: r.kind,
    paidOn: r.paid_on,
    paidBy: r.paid_by,
    proxyName: r.proxy_name,
  };
}

/** A payment recorded by mistake taken back, with the reason (audited, before kept). */
export function cancelDuesPayment(store: Store, id: number, reason: string): { personId: number; month: string } {
  return store.tx(() => {
    const r = store.first(store.kysely.selectFrom('party_dues_payments').selectAll().where('id', '=', id));
    if (!r) throw new UserError('not_found', '没有这条党费交纳记录');
    store.prepare('DELETE FROM party_dues_payments WHERE id = ?').run(id);
    writeAudit(store, {
      entity: 'party_dues',
      entityId: id,
      personId: r.person_id,
      action: 'delete',
      before: paymentSnapshot(r),
      after: null,
      reason,
    });
    return { personId: r.person_id, month: r.month };
  });
}

// --- bases and decisions ------------------------------------------------------------------------

function writeBase(
  store: Store,
  personId: number,
  year: number,
  next: { baseFen: number | null; dibao: boolean; source: '录入' | '调资核对'; runId: number | null },
  /** The months in the branch (转入/转出); left as they are when not given (a base confirmed from the check). */
  span?: { fromMonth: string | null; toMonth: string | null },
): void {
  const before = baseOf(store, personId, year);
  const { fromMonth, toMonth } = span ?? { fromMonth: before?.fromMonth ?? null, toMonth: before?.toMonth ?? null };
  store
    .prepare(
      `INSERT INTO party_dues_bases (person_id, year, base_fen, dibao, source, run_id, confirmed_at, confirmed_by, from_month, to_month)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (person_id, year) DO UPDATE SET base_fen = excluded.base_fen, dibao = excluded.dibao,
         source = excluded.source, run_id = excluded.run_id, confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by,
         from_month = excluded.from_month, to_month = excluded.to_month`,
    )
    .run(
      personId,
      year,
      next.baseFen,
      next.dibao ? 1 : 0,
      next.source,
      next.runId,
      nowIso(),
      currentOperator(store),
      fromMonth,
      toMonth,
    );
  const after = baseOf(store, personId, year)!;
  const snap = (b: DuesBaseView) => ({
    year: b.year,
    baseFen: b.baseFen,
    dibao: b.dibao,
    source: b.source,
    fromMonth: b.fromMonth,
    toMonth: b.toMonth,
  });
  writeAudit(store, {
    entity: 'party_dues_base',
    entityId: personId,
    personId,
    action: before ? 'update' : 'create',
    before: before && snap(before),
    after: snap(after),
  });
}

/** A base typed by staff (or 低保 set): for a party member only. */
export function setDuesBase(store: Store, input: DuesBaseInput, today = todayIso()): DuesMemberView {
  store.tx(() => {
    const p = memberRecord(store, input.personId);
    const why = notPayable(p, null);
    if (why && !isPartyMember(p.political_status)) throw new UserError('invalid_input', why);
    if (input.base === null && !input.dibao)
      throw new UserError('invalid_input', '请填写党费基数（每月基本养老金或基本离退休费，不含津贴补贴）');
    for (const [what, month] of [
      ['起交月份', input.fromMonth],
      ['止交月份', input.toMonth],
    ] as const)
      if (month !== null && Number(month.slice(0, 4)) !== input.year)
        throw new UserError('invalid_input', `${what}${monthText(month)}不在 ${input.year} 年度内`);
    if (input.fromMonth !== null && input.toMonth !== null && input.fromMonth > input.toMonth)
      throw new UserError('invalid_input', '起交月份不能晚于止交月份');
    writeBase(
      store,
      p.id,
      input.year,
      { baseFen: input.base, dibao: input.dibao, source: '录入', runId: null },
      { fromMonth: input.fromMonth, toMonth: input.toMonth },
    );
  });
  return memberDues(store, input.personId, input.year, today);
}

/** A branch's decision to reduce or waive a member's dues for a span of months. */
export function addDuesReduction(store: Store, input: DuesReductionInput, today = todayIso()): DuesMemberView {
  store.tx(() => {
    const p = memberRecord(store, input.personId);
    const why = notPayable(p, null);
    if (why) throw new UserError('invalid_input', why);
    if (input.fromMonth > input.toMonth) throw new UserError('invalid_input', '起始月份不能晚于截止月份');
    if (input.kind === '减交' && (input.amount === null || input.amount === 0))
      throw new UserError('invalid_input', '减交请填写每月应交的金额；全部免交请选择“免交”');
    const amount = input.kind === '免交' ? null : input.amount;
    const overlapping = reductionsOf(store, p.id).find(
      (r) => r.fromMonth <= input.toMonth && input.fromMonth <= r.toMonth,
    );
    if (overlapping)
      throw new UserError(
        'invalid_input',
        `与已登记的支部决定（${monthText(overlapping.fromMonth)}至${monthText(overlapping.toMonth)}${overlapping.kind}）时间重叠`,
      );
    const paid = store.first(
      store.kysely
        .selectFrom('party_dues_payments')
        .select('month')
        .where('person_id', '=', p.id)
        .where('month', '>=', input.fromMonth)
        .where('month', '<=', input.toMonth)
        .orderBy('month'),
    );
    if (paid)
      throw new UserError('invalid_input', `${monthText(paid.month)}的党费已交纳，减免只能从尚未交纳的月份开始`);
    const id = Number(
      store
        .prepare(
          `INSERT INTO party_dues_reductions (person_id, kind, amount_fen, from_month, to_month, decided_on, decision, recorded_at, recorded_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          p.id,
          input.kind,
          amount,
          input.fromMonth,
          input.toMonth,
          input.decidedOn,
          input.decision,
          nowIso(),
          currentOperator(store),
        ).lastInsertRowid,
    );
    writeAudit(store, {
      entity: 'party_dues_reduction',
      entityId: id,
      personId: p.id,
      action: 'create',
      before: null,
      after: {
        kind: input.kind,
        amountFen: amount,
        fromMonth: monthText(input.fromMonth),
        toMonth: monthText(input.toMonth),
        decidedOn: input.decidedOn,
        decision: input.decision,
      },
    });
  });
  return memberDues(store, input.personId, Number(input.fromMonth.slice(0, 4)), today);
}

// --- next year's bases from the adjustment check ------------------------------------------------

/** The newest adjustment check of the year before `year`: its new monthly figures are next year's bases. */
function proposalRun(store: Store, year: number) {
  return store.first(
    store.kysely
      .selectFrom('adjustment_runs')
      .select(['id', 'year', 'file_name', 'imported_at'])
      .where('year', '=', year - 1)
      .orderBy('id', 'desc'),
  );
}

/**
 * The bases proposed for a branch's members for `year`: each member's new monthly pension in the
 * adjustment check of the year before (adjustment_rows.new_fen), beside what is recorded. Nothing
 * is applied until staff confirm it (confirmBases).
 */
export function duesProposals(store: Store, branchId: number, year: number): DuesProposal {
  branch(store, branchId);
  const run = proposalRun(store, year);
  const members = store.all(
    store.kysely
      .selectFrom('persons')
      .select(['id', 'name'])
      .where('party_branch_id', '=', branchId)
      .where('political_status', 'in', PARTY_MEMBER_STATUSES)
      .where('status', '=', '在册')
      .orderBy('name_sort')
      .orderBy('id'),
  );
  const rows = members.map((m) => {
    const adj = run
      ? store.first(
          store.kysely
            .selectFrom('adjustment_rows')
            .select(['id', 'new_fen'])
            .where('run_id', '=', run.id)
            .where('person_id', '=', m.id)
            .where('new_fen', 'is not', null)
            .orderBy('id'),
        )
      : undefined;
    const current = baseOf(store, m.id, year);
    const proposedFen = adj?.new_fen ?? null;
    return {
      personId: m.id,
      name: m.name,
      adjustmentRowId: adj?.id ?? null,
      proposedFen,
      proposedDueFen: proposedFen === null ? null : duesByRate(proposedFen),
      current,
      confirmed: current !== null && proposedFen !== null && current.baseFen === proposedFen,
    };
  });
  return {
    run: run ? { id: run.id, year: run.year, fileName: run.file_name, importedAt: run.imported_at } : null,
    rows,
  };
}

/** Staff confirm proposed bases, one member or all at once: each becomes the year's base, 调资核对. */
export function confirmDuesBases(store: Store, year: number, adjustmentRowIds: number[]): { confirmed: number } {
  return store.tx(() => {
    for (const rowId of adjustmentRowIds) {
      const r = store.first(
        store.kysely
          .selectFrom('adjustment_rows as a')
          .innerJoin('adjustment_runs as r', 'r.id', 'a.run_id')
          .select(['a.person_id', 'a.new_fen', 'a.name', 'r.year', 'r.id as run_id'])
          .where('a.id', '=', rowId),
      );
      if (!r || r.person_id === null || r.new_fen === null)
        throw new UserError('invalid_input', '所选调资核对记录没有对应的档案或新的养老金数额，未确认任何基数');
      if (r.year !== year - 1)
        throw new UserError(
          'invalid_input',
          `${r.name ?? ''}的记录来自 ${r.year} 年调资核对，${year} 年度的基数应依据 ${year - 1} 年调资核对，未确认任何基数`,
        );
      const p = memberRecord(store, r.person_id);
      const why = notPayable(p, null);
      if (why) throw new UserError('invalid_input', `${why}，未确认任何基数`);
      const current = baseOf(store, p.id, year);
      writeBase(store, p.id, year, {
        baseFen: r.new_fen,
        dibao: current?.dibao ?? false,
        source: '调资核对',
        runId: r.run_id,
      });
    }
    return { confirmed: adjustmentRowIds.length };
  });
}

// --- the register (党费交纳登记簿) -------------------------------------------------------------------

const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

const REGISTER_COLUMNS: TableColumn[] = [
  { label: '序号', kind: 'number', width: 6 },
  { label: '姓名', kind: 'text', width: 10 },
  { label: '基数', kind: 'money', width: 11 },
  { label: '比例', kind: 'text', width: 7 },
  { label: '月应交', kind: 'money', width: 9 },
  ...MONTH_LABELS.map((label): TableColumn => ({ label, kind: 'money', width: 8 })),
  { label: '合计', kind: 'money', width: 10 },
];

/** What a month's cell says on paper where nothing was paid here. */
const UNPAID_WORDS: Partial<Record<DuesMonthCell['state'], string>> = {
  exempt: '免交',
  elsewhere: '转出',
};

function reductionNote(name: string, r: DuesReductionView): string {
  const what = r.kind === '免交' ? '免交' : `减交，每月 ${formatYuan(r.amountFen ?? 0)} 元`;
  return `${name}：经支部决定（${formatChineseDate(r.decidedOn)}，${r.decision}），${monthText(r.fromMonth)}至${monthText(r.toMonth)}${what}`;
}

function registerNotes(ledger: DuesLedger): string[] {
  return [
    `应交合计 ${formatYuan(ledger.dueFen)} 元，已交合计 ${formatYuan(ledger.paidFen)} 元，欠交 ${formatYuan(ledger.unpaidFen)} 元。`,
    ...ledger.rows.flatMap((r) => [
      ...(r.base?.fromMonth ? [`${r.name}：${monthText(r.base.fromMonth)}组织关系转入，自该月起在本支部交纳`] : []),
      ...(r.base?.toMonth ? [`${r.name}：组织关系转出，党费交纳至${monthText(r.base.toMonth)}`] : []),
      ...r.reductions.map((d) => reductionNote(r.name, d)),
    ]),
    ...(ledger.withoutBase.length
      ? [`尚未登记本年度党费基数：${ledger.withoutBase.map((p) => p.name).join('、')}`]
      : []),
  ];
}

export function registerPrintable(store: Store, branchId: number, year: number, today = todayIso()): PrintableView {
  const ledger = duesLedger(store, branchId, year, today);
  const { orgName } = getOfficeSettings(store);
  const money = (fen: number | null) => (fen === null ? '' : formatYuan(fen));
  const cell = (c: DuesMonthCell) =>
    c.state === 'paid'
      ? html`${formatYuan(c.paidFen ?? 0)}${c.kind === '当月' ? '' : html`<span class="mark">${c.kind === '预交' ? '预' : '补'}</span>`}`
      : (UNPAID_WORDS[c.state] ?? '');
  const body = html`<section class="sheet dues-register"><h1>党费交纳登记簿</h1><p class="sub"><span>${orgName}　${ledger.branchName}</span><span>${year} 年度　党员 ${ledger.rows.length} 人　单位：元</span></p><table><thead><tr>${REGISTER_COLUMNS.map((c) => html`<th>${c.label}</th>`)}</tr></thead><tbody>${ledger.rows.map(
    (r, i) =>
      html`<tr><td>${i + 1}</td><td>${r.name}</td><td class="n">${money(r.base?.baseFen ?? null)}</td><td>${r.basis ?? '未定'}</td><td class="n">${money(r.monthlyFen)}</td>${r.months.map((c) => html`<td class="n">${cell(c)}</td>`)}<td class="n">${formatYuan(r.paidFen)}</td></tr>`,
  )}<tr class="total"><td></td><td>合计</td><td></td><td></td><td></td>${ledger.months.map((m) => html`<td class="n">${formatYuan(m.paidFen)}</td>`)}<td class="n">${formatYuan(ledger.paidFen)}</td></tr></tbody></table>${registerNotes(
    ledger,
  ).map(
    (n) => html`<p class="note">${n}</p>`,
  )}<p class="note">“预”为预交，“补”为补交。打印日期：${formatChineseDate(today)}</p></section>`;
  const css = `${ruledListCss(8.5)}
.dues-register td.n { text-align: right; white-space: nowrap; }
.dues-register .mark { font-size: 7pt; margin-left: 0.5mm; }
.dues-register tr.total td { font-weight: bold; }
.dues-register .note { margin: 1mm 0 0; }`;
  return {
    ...printable(`党费交纳登记簿（${ledger.branchName} ${year} 年度）`, css, body),
    count: ledger.rows.length,
    missing: [],
  };
}

export async function registerWorkbook(
  store: Store,
  branchId: number,
  year: number,
  today = todayIso(),
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const ledger = duesLedger(store, branchId, year, today);
  const rows: TableRow[] = ledger.rows.map((r, i) => [
    i + 1,
    r.name,
    r.base?.baseFen ?? null,
    r.basis ?? '未定',
    r.monthlyFen,
    ...r.months.map((c) => (c.state === 'paid' ? c.paidFen : (UNPAID_WORDS[c.state] ?? null))),
    r.paidFen,
  ]);
  const data = await tableWorkbook({
    name: '党费交纳登记簿',
    title: `党费交纳登记簿（${ledger.branchName} ${year} 年度）`,
    subtitle: `${getOfficeSettings(store).orgName}　单位：元`,
    orientation: 'landscape',
    ruled: true,
    columns: REGISTER_COLUMNS,
    rows,
    total: [null, '合计', null, null, null, ...ledger.months.map((m) => m.paidFen), ledger.paidFen],
    notes: registerNotes(ledger),
  });
  return { fileName: `党费交纳登记簿-${ledger.branchName}-${year}.xlsx`, count: rows.length, data };
}
