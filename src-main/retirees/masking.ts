// A person's file as it leaves the main process (issue 18, PIPL Art. 51): the ID number, phones and
// bank account masked (shared/mask.ts), one field revealed at a time for a reason, and an edit of
// a masked file that never writes a mask back over the real number.
import type { Edit } from '../audit/edits';
import type { Contact, PersonFile, PersonInput, Phone } from '../contract/retirees';
import { UserError } from '../shared/errors';
import { isMasked, maskBankAccount, maskIdNumber, maskPhone, type MaskedField } from '../shared/mask';

const maskPhones = (phones: Phone[]): Phone[] => phones.map((p) => ({ ...p, number: maskPhone(p.number) }));

/** The file as the pages see it: ID number, phones (the person's and the contacts') and bank account masked. */
export function maskedFile(p: PersonFile): PersonFile {
  return {
    ...p,
    idNumber: maskIdNumber(p.idNumber),
    phones: maskPhones(p.phones),
    bankAccount: maskBankAccount(p.bankAccount),
    contacts: p.contacts.map((c) => ({ ...c, phones: maskPhones(c.phones) })),
  };
}

/** The one full value of a file a reveal asks for, or a refusal saying there is none. */
export function revealField(p: PersonFile, field: MaskedField): { value: string } {
  const [kind, a, , b] = field.split(':');
  const phoneOf = (phones: Phone[], n: string | undefined) => phones[Number(n)]?.number;
  const value =
    kind === 'idNumber'
      ? p.idNumber
      : kind === 'bankAccount'
        ? p.bankAccount
        : kind === 'phone'
          ? phoneOf(p.phones, a)
          : phoneOf(p.contacts.find((c) => c.id === Number(a))?.phones ?? [], b);
  if (!value) throw new UserError('not_found', `${p.name}的档案中没有这一项`);
  return { value };
}

/** A phone list as the form sent it, each masked number that is what the file showed put back as stored. */
function unmaskPhones(sent: Phone[], stored: Phone[]): Phone[] {
  return sent.map((p, i) => {
    if (!isMasked(p.number)) return p;
    // The same place first (two numbers may mask alike), then anywhere in the list (one removed above it).
    const same = [stored[i], ...stored].find((s) => s !== undefined && maskPhone(s.number) === p.number);
    return same ? { ...p, number: same.number } : p;
  });
}

/** The fields of an edit with every value the file showed masked replaced by what it stands for. */
function unmaskFields(
  sent: Partial<PersonInput>,
  current: PersonInput & { contacts: Contact[] },
): Partial<PersonInput> {
  const out = { ...sent };
  if (isMasked(out.idNumber) && out.idNumber === maskIdNumber(current.idNumber)) out.idNumber = current.idNumber;
  if (isMasked(out.bankAccount) && out.bankAccount === maskBankAccount(current.bankAccount))
    out.bankAccount = current.bankAccount;
  // What a form compared against (`base`) is not parsed: only lists of phones are looked into.
  const phoneList = (v: unknown): v is Phone[] =>
    Array.isArray(v) && v.every((p) => typeof (p as Phone | null)?.number === 'string');
  if (phoneList(out.phones)) out.phones = unmaskPhones(out.phones, current.phones);
  if (Array.isArray(out.contacts))
    out.contacts = out.contacts.map((c) =>
      phoneList(c?.phones)
        ? { ...c, phones: unmaskPhones(c.phones, current.contacts.find((s) => s.id === c.id)?.phones ?? []) }
        : c,
    );
  return out;
}

/** Whether anything in these fields is still masked. */
function stillMasked(f: Partial<PersonInput>): boolean {
  const phones = [...(f.phones ?? []), ...(f.contacts ?? []).flatMap((c) => c.phones)];
  return isMasked(f.idNumber) || isMasked(f.bankAccount) || phones.some((p) => isMasked(p.number));
}

/**
 * An edit as the form sent it (a masked value the user did not touch comes back as it was shown),
 * with each such value put back to the stored one, in both what it changes and what it compared
 * against. A masked value that is not what the file showed (typed over in part, or from another
 * file) is refused: a mask is never saved.
 */
export function unmaskEdit(edit: Edit<PersonInput>, current: PersonFile): Edit<PersonInput> {
  const changes = unmaskFields(edit.changes, current);
  if (stillMasked(changes))
    throw new UserError(
      'invalid_input',
      '输入有误：身份证号、电话或银行账号中含有遮挡的“*”。请点“显示”后修改，或删去后填写完整号码；本次未保存',
    );
  return { ...edit, changes, base: unmaskFields(edit.base, current) };
}
