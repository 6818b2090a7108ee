// What a payment batch asks of each kind of item it pays (a medical claim, a hardship aid, a
// survivor's month of allowance): the items it can pay now, taking some into a batch, the batch's
// lines, and marking them paid when the batch is paid. One module per source, beside this one;
// the batch itself (payments/batches.ts) knows none of them by name.
import type { BatchLine, PayableItem } from '../../contract/payments';
import type { Store } from '../../db/store';

export interface BatchRef {
  id: number;
  name: string;
}

export interface PaymentSourceModule {
  /** The items not yet in a batch nor paid, oldest first. */
  payable(store: Store): PayableItem[];
  /** This source's lines in a batch, with full ID numbers and bank accounts, by item id. */
  lines(store: Store, batchId: number): BatchLine[];
  /** Takes one item into the batch, audited; a `UserError` in Chinese where it cannot be paid. */
  attach(store: Store, batch: BatchRef, itemId: number): void;
  /** Marks one of the batch's lines paid at `paidAt` (ISO time), audited. */
  markPaid(store: Store, batch: BatchRef, line: BatchLine, paidAt: string): void;
}

/** The payee's columns of a source paying people on file: from `persons as p` (survivors.ts pays survivors). */
export const payeeColumns = [
  'p.id as personId',
  'p.name',
  'p.id_number as idNumber',
  'p.bank_name as bankName',
  'p.bank_account as bankAccount',
] as const;
