// The contract's date fields. A form accepts every spelling the importer accepts (`2026.11.10`,
// `2026/11/10`, `2026年11月10日`, `20261110`, `1952-10`): both read dates with `parseDateInput`,
// so a date typed by hand is never refused where the same text in a roster is taken.
import { z } from 'zod';
import { isValidIsoDate, isValidPartialDate, parseDateInput } from './dates';

/** ISO text of what was typed, or the text itself when it is no date (for the message). */
const read = (s: string) => parseDateInput(s) ?? s.trim();

/** A full date, required, as `YYYY-MM-DD`. */
export const fullDate = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(40)
    .transform(read)
    .refine((s) => isValidIsoDate(s), `${what}应为有效日期，如 2025-03-01`);

/** A full date that may be left empty (a filter's bound): null when it is. */
export const optionalFullDate = (what: string) =>
  fullDate(what)
    .nullish()
    .transform((v) => v ?? null);

/** A date as ISO text, full (`1952-10-05`) or partial (`1952-10`, `1952`); empty is none. */
export const partialDate = z
  .string()
  .max(40)
  .nullish()
  .transform((s) => (s == null || s.trim() === '' ? null : read(s)))
  .refine((s) => s === null || isValidPartialDate(s), '日期格式应为 1952-10-05、1952-10 或 1952，且须是有效日期');
