// Survivors' monthly allowance (遗属生活困难补助) as a source of payment lines: a month is taken into
// a batch from the 遗属 tab (visits/survivorPayments.ts), which writes one survivor_allowance_payments
// row per survivor and month with the amount fixed then; the line's payee is the survivor (name, ID
// number, bank), not a file. Paid with its batch, the month records when.
import type { BatchLine } from '../../contract/payments';
import { writeAudit } from '../../audit/audit';
import type { Store } from '../../db/store';
import { UserError } from '../../shared/errors';
import { monthWords } from '../../shared/survivors';
import type { PaymentSourceModule } from './source';

const what = (month: string) => `遗属生活困难补助（${monthWords(month)}）`;

function monthsPaid(store: Store) {
  return store.kysely
    .selectFrom('survivor_allowance_payments as sp')
    .innerJoin('survivors as s', 's.id', 'sp.survivor_id')
    .select([
      'sp.id as itemId',
      'sp.month',
      's.id as survivorId',
      's.deceased_id as deceasedId',
      's.name',
      's.id_number as idNumber',
      's.bank_name as bankName',
      's.bank_account as bankAccount',
      'sp.amount_fen as payFen',
    ])
    .orderBy('sp.month')
    .orderBy('s.name_sort')
    .orderBy('sp.id');
}

export const survivorSource: PaymentSourceModule = {
  /** Nothing waits item by item: a month is taken whole, from its list (survivorPayments.ts). */
  payable() {
    return [];
  },

  lines(store, batchId) {
    return store
      .all(monthsPaid(store).where('sp.batch_id', '=', batchId))
      .map(({ month, deceasedId: _d, ...r }): BatchLine => ({
        source: 'survivor',
        what: what(month),
        personId: null,
        ...r,
      }));
  },

  attach() {
    throw new UserError('illegal_move', '遗属生活困难补助按月加入发放批次：请在“走访慰问 › 遗属”的发放名单中办理');
  },

  markPaid(store, batch, line, paidAt) {
    const r = store.first(monthsPaid(store).where('sp.id', '=', line.itemId));
    if (!r) throw new UserError('not_found', `没有找到第 ${line.itemId} 号遗属补助发放记录`);
    store.prepare('UPDATE survivor_allowance_payments SET paid_at = ? WHERE id = ?').run(paidAt, line.itemId);
    writeAudit(store, {
      entity: 'survivor',
      entityId: r.survivorId,
      personId: r.deceasedId,
      action: 'update',
      before: { month: r.month, paidOn: null },
      after: { month: r.month, paidOn: paidAt.slice(0, 10) },
      reason: `发放批次“${batch.name}”已发放`,
    });
  },
};
