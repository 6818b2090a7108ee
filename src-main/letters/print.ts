// What the office prints from the letters page: the letters of a template, envelopes and address
// labels, for the people named or a festival batch's. A print for nobody is refused with the
// reasons; every printed letter is logged (who got what, when, printed by whom), a preview is not.
import type { PrintableView } from '../contract/common';
import type { EnvelopePrint, LetterPrint } from '../contract/letters';
import type { Store } from '../db/store';
import { lettersPrintable } from '../documents/letter';
import { UserError } from '../shared/errors';
import { envelopesPrintable, labelsPrintable, recipients, sender } from './envelopes';
import { addressees, composeLetters, letterAssets, logLetters } from './letters';

/** Refuses a print that leaves nobody: `what` (信函, 地址) and why each person has none. */
function refuseEmpty(what: string, missing: PrintableView['missing']): never {
  throw new UserError(
    'invalid_input',
    `没有可以打印的${what}：${missing.map((m) => `${m.name}（${m.why}）`).join('、')}`,
  );
}

export function printLetters(store: Store, input: LetterPrint): PrintableView {
  const { ids, batch } = addressees(store, input);
  const composed = composeLetters(store, input.kind, ids, {
    date: input.date ?? undefined,
    visitDate: input.visitDate,
    gift: input.gift,
  });
  if (composed.letters.length === 0) refuseEmpty('信函', composed.missing);
  if (input.print) logLetters(store, input.kind, composed.letters, batch);
  return {
    ...lettersPrintable(composed.letters, input.paper, letterAssets(store)),
    count: composed.letters.length,
    missing: composed.missing,
  };
}

export function printEnvelopes(store: Store, input: EnvelopePrint): PrintableView {
  const { ids } = addressees(store, input);
  const r = recipients(store, ids, { toFamily: input.toFamily });
  if (r.recipients.length === 0) refuseEmpty('地址', r.missing);
  const printable = input.sheet
    ? labelsPrintable(r.recipients, input.sheet)
    : envelopesPrintable(r.recipients, sender(store), input.size ?? 'DL');
  return { ...printable, count: r.recipients.length, missing: r.missing };
}
