// Payment batches (发放批次): approved claims gathered for one payment run, the payment list the bank
// or the cashier works from (序号, 姓名, 身份证号, 银行账号, 金额, 签字), a summary sheet with the total
// in capitals, and the batch marked paid, which pays every claim in it.
import type { BatchView } from '../contract/claims';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { maskBankAccount, maskIdNumber } from '../shared/mask';
import { capitalYuan } from '../shared/money';
import { fieldColumn, SEQ_COLUMN } from '../documents/columns';
import { tableWorkbook } from '../documents/tableWorkbook';

/**
 * A batch with its payment list. ID numbers and bank accounts are masked (shared/mask.ts) unless
 * `full`: only the payment list sent to the bank asks for them in full (claims.export, logged).
 */
export function getBatch(store: Store, id: number, full = false): BatchView {
  const b = store.first(store.kysely.selectFrom('payment_batches').selectAll().where('id', '=', id));
  if (!b) throw new UserError('not_found', `没有找到第 ${id} 号发放批次`);
  const rows: BatchView['rows'] = store.all(
    store.kysely
      .selectFrom('claims as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select((eb) => [
        'c.id as claimId',
        'p.id as personId',
        'p.name',
        'p.id_number as idNumber',
        'p.bank_name as bankName',
        'p.bank_account as bankAccount',
        eb
          .selectFrom('claim_lines as l')
          .select((l) => l.fn.coalesce(l.fn.sum<number>('l.pay_fen'), l.val(0)).as('n'))
          .whereRef('l.claim_id', '=', 'c.id')
          .as('payFen'),
      ])
      .where('c.batch_id', '=', id)
      .orderBy('c.id')
      .$narrowType<{ payFen: number }>(),
  );
  if (!full)
    for (const r of rows) {
      r.idNumber = maskIdNumber(r.idNumber);
      r.bankAccount = maskBankAccount(r.bankAccount);
    }
  const totalFen = rows.reduce((a, r) => a + r.payFen, 0);
  return {
    id: b.id,
    name: b.name,
    status: b.status as BatchView['status'],
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

export function createBatch(store: Store, name: string, claimIds: number[]): BatchView {
  return store.tx(() => {
    const operator = currentOperator(store);
    const { lastInsertRowid } = store
      .prepare('INSERT INTO payment_batches (name, created_at, created_by) VALUES (?, ?, ?)')
      .run(name, nowIso(), operator);
    const batchId = Number(lastInsertRowid);
    for (const id of new Set(claimIds)) {
      const c = store.first(
        store.kysely.selectFrom('claims').select(['id', 'status', 'batch_id', 'person_id']).where('id', '=', id),
      );
      if (!c) throw new UserError('not_found', `没有找到第 ${id} 号报销单`);
      if (c.status !== '批准')
        throw new UserError('illegal_move', `第 ${id} 号报销单当前为“${c.status}”，只有已批准的报销单才能加入发放批次`);
      if (c.batch_id !== null)
        throw new UserError('illegal_move', `第 ${id} 号报销单已在第 ${c.batch_id} 号发放批次中`);
      store.prepare('UPDATE claims SET batch_id = ?, version = version + 1 WHERE id = ?').run(batchId, id);
      writeAudit(store, {
        entity: 'claim',
        entityId: id,
        personId: c.person_id,
        action: 'update',
        before: { batchId: null },
        after: { batchId },
        reason: `加入发放批次“${name}”`,
      });
    }
    return getBatch(store, batchId);
  });
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
    const operator = currentOperator(store);
    store
      .prepare("UPDATE payment_batches SET status = '已发放', paid_at = ?, paid_by = ? WHERE id = ?")
      .run(now, operator, id);
    for (const r of batch.rows) {
      store
        .prepare("UPDATE claims SET status = '已发放', paid_at = ?, updated_at = ?, version = version + 1 WHERE id = ?")
        .run(now, now, r.claimId);
      writeAudit(store, {
        entity: 'claim',
        entityId: r.claimId,
        personId: r.personId,
        action: 'update',
        before: { status: '批准' },
        after: { status: '已发放' },
        reason: `发放批次“${batch.name}”已发放`,
      });
    }
    return getBatch(store, id);
  });
}

/** The payment list: one row per claim, amounts as numbers in yuan with two decimals shown. */
export async function paymentListWorkbook(
  store: Store,
  id: number,
  full = false,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const batch = getBatch(store, id, full);
  const { orgName } = getOfficeSettings(store);
  const data = await tableWorkbook({
    name: '发放名单',
    title: `${orgName}药费报销发放名单`,
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
