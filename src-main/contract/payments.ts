// The contract of payment batches (发放批次): one payment run of items from more than one source
// (medical claims, hardship aid, survivors' monthly allowances), its payment list with the total in
// capitals, the list for the bank, and the batch marked paid, which pays every line.
import { z } from 'zod';
import { ById, Empty, id, method } from './common';

/**
 * The sources a batch takes lines from, with the words a payment list and a page use for them.
 * A new source is one entry here and one module in src-main/payments/sources/.
 */
export const PAYMENT_SOURCES = {
  claim: { label: '药费报销', item: '报销单' },
  aid: { label: '困难帮扶', item: '帮扶' },
  /** A survivor's month of 遗属生活困难补助, taken into a batch by month from the 遗属 tab. */
  survivor: { label: '遗属生活困难补助', item: '遗属补助' },
} as const;
export type PaymentSource = keyof typeof PAYMENT_SOURCES;
export const PAYMENT_SOURCE_KEYS = Object.keys(PAYMENT_SOURCES) as [PaymentSource, ...PaymentSource[]];

/**
 * One line of a batch: an item of a source, paid to a person on file (a claim, an aid) or to a
 * survivor (遗属, not a file: survivors.ts). Exactly one of personId and survivorId is set.
 */
export interface BatchLine {
  source: PaymentSource;
  /** The item's id in its source (a claim's, an aid's, a survivor's month paid). */
  itemId: number;
  /** What is paid, as the list shows it: 药费报销, 困难帮扶（大病）, 遗属生活困难补助（2026年5月）. */
  what: string;
  personId: number | null;
  survivorId: number | null;
  name: string;
  idNumber: string | null;
  bankName: string | null;
  bankAccount: string | null;
  payFen: number;
}

export interface BatchView {
  id: number;
  name: string;
  status: '待发放' | '已发放';
  /** What the batch pays, by its sources' words in their order (药费报销, 困难帮扶, 药费报销、困难帮扶). */
  purpose: string;
  createdAt: string;
  createdBy: string;
  paidAt: string | null;
  paidBy: string | null;
  rows: BatchLine[];
  totalFen: number;
  totalCapital: string;
}

/** An item a source can pay now: not yet in a batch, not yet paid. */
export interface PayableItem {
  source: PaymentSource;
  itemId: number;
  personId: number;
  name: string;
  what: string;
  /** The day it became payable (approved, granted). */
  since: string;
  payFen: number;
}

/** A batch is named by the office (2026年3月, 2027年春节困难帮扶). */
export const BatchName = z.object({
  name: z.string({ error: '请填写批次名称' }).trim().min(1, '请填写批次名称').max(50),
});

const BatchItem = z.object({ source: z.enum(PAYMENT_SOURCE_KEYS), id });
export type BatchItem = z.output<typeof BatchItem>;

export const paymentsMethods = {
  'batches.list': method<BatchView[]>()(Empty, 'read'),
  'batches.get': method<BatchView>()(ById, 'read'),
  'batches.payable': method<PayableItem[]>()(z.object({ source: z.enum(PAYMENT_SOURCE_KEYS) }), 'read'),
  /** The batch's summary sheet for paper (PrintPage): logged as printed, with its rows. */
  'batches.printSheet': method<BatchView>()(ById, 'read', {
    access: 'print',
    what: '打印发放汇总表',
    filter: ({ id }) => ({ batch: id }),
  }),
  'batches.create': method<BatchView>()(
    BatchName.extend({
      /** Approved claims (as before); any source's items go in `items`. */
      claimIds: z.array(id).max(5000).default([]),
      items: z.array(BatchItem).max(5000).default([]),
    })
      .refine((b) => b.claimIds.length + b.items.length > 0, {
        path: ['claimIds'],
        message: '请至少选择一项待发放的款项',
      })
      .transform(({ name, claimIds, items }) => ({
        name,
        items: [...claimIds.map((i) => ({ source: 'claim' as const, id: i })), ...items],
      })),
    'claims.write',
  ),
  'batches.export': method<{ fileName: string; count: number; dataBase64: string }>()(
    z.object({
      id,
      /** Full ID numbers and bank accounts, as the bank needs them; masked by default. */
      full: z.boolean().default(false),
    }),
    'claims.export',
    {
      access: 'export',
      what: '导出发放名单',
      filter: ({ id, full }) => ({ batch: id, full }),
    },
  ),
  'batches.markPaid': method<BatchView>()(ById, 'claims.write'),
} as const;
