// How ID numbers, phones and bank accounts are masked (issue 18, PIPL Art. 51 去标识化): one rule per
// kind, used by the main process for what it answers and by the renderer for what it shows. The
// main process masks before a value leaves it, so a page (or devtools) never holds a full number
// unless an operator revealed that one field for a reason (retirees.reveal, logged).

/** The character that stands for a hidden digit. No stored ID number, phone or bank account holds it. */
export const MASK_CHAR = '*';

/** Whether a value as shown was masked (and so must never be saved as it is). */
export const isMasked = (s: string | null | undefined): boolean => s != null && s.includes(MASK_CHAR);

/** `210102195210051234` → `210102********1234`: the area code and the last four. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  if (id.length <= 10) return id;
  return id.slice(0, 6) + MASK_CHAR.repeat(id.length - 10) + id.slice(-4);
}

/**
 * `13840005076` → `138****5076`, `024-8765-4321` → `024-****-4321`: the first three digits (the
 * operator or the area) and the last four; separators stay where they are. A short local number
 * keeps its last four only.
 */
export function maskPhone(phone: string): string {
  const digits = [...phone].filter((c) => /[0-9０-９]/.test(c)).length;
  if (digits <= 4) return phone;
  const head = digits > 7 ? 3 : 0;
  let seen = 0;
  return [...phone]
    .map((c) => {
      if (!/[0-9０-９]/.test(c)) return c;
      seen += 1;
      return seen <= head || seen > digits - 4 ? c : MASK_CHAR;
    })
    .join('');
}

/** `6222021234567891234` → `6222 **** **** 1234`: the bank's prefix and the last four. */
export function maskBankAccount(account: string | null): string | null {
  if (!account) return account;
  const digits = account.replace(/\s/g, '');
  if (digits.length < 12) return MASK_CHAR.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}

/** The fields of a file that are masked: which one a reveal asks for. */
export type MaskedField = 'idNumber' | 'bankAccount' | `phone:${number}` | `contact:${number}:phone:${number}`;
export const MASKED_FIELD_PATTERN = /^(idNumber|bankAccount|phone:\d{1,2}|contact:\d{1,12}:phone:\d{1,2})$/;

/** The reasons offered when an operator reveals a field; free text may follow or replace them. */
export const REVEAL_REASONS = ['办理报销', '核对身份', '家属来访', '银行发放', '电话联系', '上级核查'] as const;
