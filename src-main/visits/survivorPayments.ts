// The survivors' month paid through the payment batches (遗属生活困难补助, issue 20 item 4): the
// month's list (survivors.ts) taken into a new or an open batch in one transaction, each survivor's
// month a survivor_allowance_payments row with the amount fixed then (unique per survivor and month,
// so a month is never paid twice). The batch pays the line to the survivor (payments/sources/
// survivors.ts), and marking the batch paid marks the months paid.
import type { AllowanceTaken } from '../contract/survivors';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { createBatch, openBatch } from '../payments/batches';
import { currentOperator } from '../settings/settings';
import { UserError } from '../shared/errors';
import { monthWords } from '../shared/survivors';
import { allowanceMonth } from './survivors';

export function allowanceToBatch(
  store: Store,
  input: { month: string; batchId: number | null; name: string | null },
): AllowanceTaken {
  return store.tx(() => {
    const m = allowanceMonth(store, input.month, true);
    const when = monthWords(input.month);
    if (!m.standard) throw new UserError('invalid_input', `${when}没有执行中的补助标准，请先在标准中登记`);
    if (m.rows.length === 0) throw new UserError('invalid_input', `${when}没有应发放遗属生活困难补助的遗属`);
    const skipped = m.rows
      .filter((r) => r.payment)
      .map(({ name, payment: p }) =>
        p!.paidOn ? `${name}（已于 ${p!.paidOn} 发放）` : `${name}（已列入发放批次“${p!.batchName}”）`,
      );
    const todo = m.rows.filter((r) => !r.payment);
    if (todo.length === 0)
      throw new UserError('illegal_move', `${when}的遗属生活困难补助不能重复发放：${skipped.join('、')}`);
    const batch = input.batchId !== null ? openBatch(store, input.batchId) : createBatch(store, input.name!, []);
    const insert = store.prepare(
      `INSERT INTO survivor_allowance_payments (survivor_id, month, amount_fen, batch_id, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const deceased = store.prepare('SELECT deceased_id FROM survivors WHERE id = ?').pluck();
    const at = nowIso();
    const by = currentOperator(store);
    for (const r of todo) {
      insert.run(r.survivorId, input.month, r.amountFen, batch.id, at, by);
      writeAudit(store, {
        entity: 'survivor',
        entityId: r.survivorId,
        personId: deceased.get(r.survivorId) as number,
        action: 'update',
        before: { month: input.month, batchId: null },
        after: { month: input.month, amountFen: r.amountFen, batchId: batch.id },
        reason: `${when}遗属生活困难补助加入发放批次“${batch.name}”`,
      });
    }
    return {
      batchId: batch.id,
      batchName: batch.name,
      taken: todo.length,
      totalFen: todo.reduce((t, r) => t + r.amountFen, 0),
      skipped,
    };
  });
}
