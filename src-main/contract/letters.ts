// The contract of letters (信函): templates, printing letters and envelopes, the letter log and the
// letterhead and seal.
import { z } from 'zod';
import { fullDate } from '../shared/dateSchemas';
import { ADDRESS_FORMS, LETTER_KIND_KEYS, type LetterKind, type LetterTemplate } from '../shared/letters';
import { Empty, type PrintableView, SHORT, chars, id, method, optionalId, text } from './common';

const letterKind = z.enum(LETTER_KIND_KEYS as [LetterKind, ...LetterKind[]], { error: '没有这种信函模板' });

export const LetterTemplateInput = z.object({
  kind: letterKind,
  title: z.string().trim().min(1, '请填写标题').max(30),
  salutation: z.string().trim().min(1, '请填写称谓').max(100),
  body: z.string().trim().min(1, '请填写正文').max(5000),
  closing: z.string().trim().max(100),
  dateStyle: z.enum(['arabic', 'chinese']),
  addressForm: z.enum(ADDRESS_FORMS),
}) satisfies z.ZodType<LetterTemplate>;

/** Who a print is for: people by id, or the people of a festival batch. */
const Addressees = {
  personIds: z.array(id).max(5000).default([]),
  visitBatchId: optionalId,
};

/** Letters of one template for the people named or a festival batch's: a preview, or a print. */
export const LetterPrint = z.object({
  kind: letterKind,
  ...Addressees,
  paper: z.enum(['A4', '16K']).default('A4'),
  date: fullDate('落款日期')
    .nullish()
    .transform((v) => v ?? null),
  visitDate: fullDate('走访日期')
    .nullish()
    .transform((v) => v ?? null),
  gift: text(100),
  /** Printing: every letter is logged. A preview is not. */
  print: z.boolean().default(false),
});
export type LetterPrint = z.output<typeof LetterPrint>;

/** Envelopes of a size, or a sheet of address labels, for the people named or a festival batch's. */
export const EnvelopePrint = z.object({
  ...Addressees,
  size: z
    .enum(['DL', 'C5'])
    .nullish()
    .transform((v) => v ?? null),
  sheet: z
    .enum(['2x7', '3x8'])
    .nullish()
    .transform((v) => v ?? null),
  toFamily: z.boolean().default(false),
});
export type EnvelopePrint = z.output<typeof EnvelopePrint>;

/** The letterhead and the seal (data: URLs), and the office's address the envelopes carry. */
// A type, not an interface: the settings form takes it as its values (an index signature).
export type LetterAssets = {
  letterhead: string | null;
  seal: string | null;
  orgAddress: string | null;
  orgPostcode: string | null;
};

/** Undefined leaves an image as it is; null removes it. */
export const LetterAssetsInput = z.object({
  letterhead: z.string().max(3_000_000, '图片不能超过 2 MB').nullish(),
  seal: z.string().max(3_000_000, '图片不能超过 2 MB').nullish(),
  orgAddress: text(200),
  orgPostcode: chars(SHORT)
    .trim()
    .regex(/^(\d{6})?$/, '邮编应为六位数字')
    .nullish(),
});
export type LetterAssetsInput = z.output<typeof LetterAssetsInput>;

export interface LetterLogEntry {
  kind: LetterKind;
  title: string;
  printedAt: string;
  printedBy: string;
  batch: string | null;
}

export const lettersMethods = {
  'letters.templates': method<(LetterTemplate & { isDefault: boolean })[]>()(Empty, 'read'),
  'letters.saveTemplate': method<LetterTemplate & { isDefault: boolean }>()(LetterTemplateInput, 'files.write'),
  'letters.resetTemplate': method<LetterTemplate & { isDefault: boolean }>()(
    z.object({ kind: letterKind }),
    'files.write',
  ),
  'letters.setAddressForm': method<{ saved: true }>()(
    z.object({ personId: id, form: z.enum(ADDRESS_FORMS).nullable() }),
    'files.write',
  ),
  'letters.addressForm': method<{ form: (typeof ADDRESS_FORMS)[number] | null }>()(z.object({ personId: id }), 'read'),
  // Letters are logged when printed, not when previewed (print: true, PrintDocPage).
  'letters.render': method<PrintableView>()(LetterPrint, 'read', {
    access: 'print',
    what: '打印信函',
    only: (i) => i.print,
  }),
  'letters.envelopes': method<PrintableView>()(EnvelopePrint, 'read', { access: 'print', what: '打印信封' }),
  'letters.log': method<LetterLogEntry[]>()(z.object({ personId: id }), 'read'),
  'letters.assets': method<LetterAssets>()(Empty, 'read'),
  'letters.setAssets': method<{ saved: true }>()(LetterAssetsInput, 'files.write'),
} as const;
