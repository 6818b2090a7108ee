// Payment batches (发放批次): items of any source (approved claims, granted hardship aid …)
// gathered for one payment run, the payment list the bank or the cashier works from (序号, 姓名,
// 身份证号, 银行账号, 金额, 签字), a summary sheet with the total in capitals, and the batch marked
// paid, which pays every line through its source (payments/sources/).
import {
  PAYMENT_SOURCE_KEYS,
  PAYMENT_SOURCES,
  type BatchItem,
  type BatchView,
  type PayableItem,
  type PaymentSource,
} from '../contract/payments';
import { nowIso } from '../audit/audit';
import type { Store } from '../db/store';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { maskBankAccount, maskIdNumber } from '../shared/mask';
import { capitalYuan } from '../shared/money';
import { fieldColumn, SEQ_COLUMN } from '../documents/columns';
import { tableWorkbook } from '../documents/tableWorkbook';
import { aidSource } from './sources/aid';
import { claimSource } from './sources/claims';
import type { BatchRef, PaymentSourceModule } from './sources/source';
import { survivorSource } from './sources/survivors';

/** Each source's module: adding a source is one entry here and one in contract/payments.ts. */
const SOURCES: Record<PaymentSource, PaymentSourceModule> = {
  claim: claimSource,
  aid: aidSource,
  survivor: survivorSource,
};

/**
 * A batch with its payment list, each source's lines in turn. ID numbers and bank accounts are
 * masked (shared/mask.ts) unless `full`: only the payment list sent to the bank asks for them in
 * full (batches.export, logged).
 */
export function getBatch(store: Store, id: number, full = false): BatchView {
  const b = store.first(store.kysely.selectFrom('payment_batches').selectAll().where('id', '=', id));
  if (!b) throw new UserError('not_found', `没有找到第 ${id} 号发放批次`);
  const rows = PAYMENT_SOURCE_KEYS.flatMap((s) => SOURCES[s].lines(store, id));
  if (!full)
    for (const r of rows) {
      r.idNumber = maskIdNumber(r.idNumber);
      r.bankAccount = maskBankAccount(r.bankAccount);
    }
  const totalFen = rows.reduce((a, r) => a + r.payFen, 0);
  const present = PAYMENT_SOURCE_KEYS.filter((s) => rows.some((r) => r.source === s));
  return {
    id: b.id,
    name: b.name,
    status: b.status as BatchView['status'],
    purpose: present.map((s) => PAYMENT_SOURCES[s].label).join('、'),
    createdAt: b.created_at,
    createdBy: b.created_by,
    paidAt: b.paid_at,
    paidBy: b.paid_by,
    rows,
    totalFen,
    totalCapital: capitalYuan(totalFen),
  };
}

export function listBatches(store: Store): BatchView[] {
  return store
    .all(store.kysely.selectFrom('payment_batches').select('id').orderBy('id', 'desc'))
    .map((b) => getBatch(store, b.id));
}

/** What a source can pay now: the items a new batch may take. */
export function payableItems(store: Store, source: PaymentSource): PayableItem[] {
  return SOURCES[source].payable(store);
}

/**
 * A new batch of the items given, in one transaction: an item that cannot be paid (not approved,
 * already in a batch) refuses the whole batch, and nothing is saved. Callers inside a transaction
 * (a festival round of aid) make the batch with the items they just created.
 */
export function createBatch(store: Store, name: string, items: BatchItem[]): BatchView {
  return store.tx(() => {
    const { lastInsertRowid } = store
      .prepare('INSERT INTO payment_batches (name, created_at, created_by) VALUES (?, ?, ?)')
      .run(name, nowIso(), currentOperator(store));
    const batch = { id: Number(lastInsertRowid), name };
    const seen = new Set<string>();
    for (const item of items) {
      const key = `${item.source}:${item.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      SOURCES[item.source].attach(store, batch, item.id);
    }
    return getBatch(store, batch.id);
  });
}

/**
 * A batch that still takes lines (待发放), for a caller adding to it inside its own transaction
 * (the survivors' month); a paid batch is refused, naming it.
 */
export function openBatch(store: Store, id: number): BatchRef {
  const b = store.first(store.kysely.selectFrom('payment_batches').selectAll().where('id', '=', id));
  if (!b) throw new UserError('not_found', `没有找到第 ${id} 号发放批次`);
  if (b.status === '已发放')
    throw new UserError('illegal_move', `发放批次“${b.name}”已经发放，不能再加入款项；请选择待发放的批次或新建批次`);
  return { id: b.id, name: b.name };
}

export function markBatchPaid(store: Store, id: number): BatchView {
  return store.tx(() => {
    const batch = getBatch(store, id);
    if (batch.status === '已发放')
      throw new UserError(
        'illegal_move',
        `发放批次“${batch.name}”已于 ${batch.paidAt?.replace('T', ' ')} 标记为已发放`,
      );
    const now = nowIso();
    store
      .prepare("UPDATE payment_batches SET status = '已发放', paid_at = ?, paid_by = ? WHERE id = ?")
      .run(now, currentOperator(store), id);
    for (const line of batch.rows) SOURCES[line.source].markPaid(store, batch, line, now);
    return getBatch(store, id);
  });
}

/** The payment list: one row per line, amounts as numbers in yuan with two decimals shown. */
export async function paymentListWorkbook(
  store: Store,
  id: number,
  full = false,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const batch = getBatch(store, id, full);
  const { orgName } = getOfficeSettings(store);
  const data = await tableWorkbook({
    name: '发放名单',
    title: `${orgName}${batch.purpose}发放名单`,
    subtitle: `批次：${batch.name}　　制表日期：${formatChineseDate(todayIso())}`,
    columns: [
      SEQ_COLUMN,
      fieldColumn('name', 10),
      fieldColumn('idNumber', 21),
      fieldColumn('bankAccount', 26),
      { label: '金额（元）', kind: 'money', width: 14 },
      { label: '签字', kind: 'text', width: 14 },
    ],
    rows: batch.rows.map((r, i) => [i + 1, r.name, r.idNumber, r.bankAccount, r.payFen, '']),
    total: ['合计', '', '', '', batch.totalFen, ''],
    notes: [`合计金额（大写）：${batch.totalCapital}`],
    ruled: true,
  });
  return { fileName: `发放名单-${batch.name}${full ? '' : '（脱敏）'}.xlsx`, count: batch.rows.length, data };
}
