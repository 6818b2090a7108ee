// A person's file as the form holds it: every field of the contract's PersonInput, loaded from the
// file or empty for a new one, and what a save sends of it.
import type { InputOf } from '../../../src-main/contract';
import type { PersonFile } from '../../../src-main/contract/retirees';
import { editOf } from '../../kit/edit';

export type PersonDraft = InputOf<'retirees.create'>['person'];

/**
 * A new file. Every field is present (null where empty), so each input is controlled from the
 * start and the form's values have the same keys as a loaded file's.
 */
export const EMPTY = {
  name: '',
  gender: null,
  ethnicity: '汉族',
  birthDate: null,
  birthdayCalendar: '阳历',
  lunarBirthday: null,
  idNumber: null,
  category: '退休',
  staffType: null,
  workStartDate: null,
  retirementDate: null,
  formerUnit: null,
  formerPosition: null,
  politicalStatus: null,
  partyBranchId: null,
  partyGroupId: null,
  adminGroupId: null,
  adminSubgroupId: null,
  health: null,
  living: null,
  careAloneChildless: false,
  careDisability: null,
  careHardship: false,
  careEmptyNest: false,
  remote: false,
  remoteCity: null,
  remoteUnit: null,
  remoteUnitPhone: null,
  remoteCommunity: null,
  remoteCommunityPhone: null,
  remotePolice: null,
  remotePolicePhone: null,
  contributionYears: null,
  contributionMonths: null,
  remoteArea: false,
  unitNature: null,
  rank: null,
  treatment: null,
  treatmentApprovedOn: null,
  treatmentApprovalNo: null,
  counted: true,
  level: null,
  phones: [{ label: '手机', number: '' }],
  address: null,
  postcode: null,
  area: null,
  building: null,
  community: null,
  bankName: null,
  bankAccount: null,
  status: '在册',
  statusDate: null,
  note: null,
  contacts: [],
  reviewFlags: [],
} satisfies Required<PersonDraft>;

export function draftOf(p: PersonFile): PersonDraft {
  const {
    id: _i,
    version: _v,
    age: _a,
    attachments: _at,
    unitNames: _u,
    createdAt: _c,
    updatedAt: _up,
    idFrom15: _f,
    ...rest
  } = p;
  return rest;
}

type Phones = PersonDraft['phones'];
const numbered = (ps: Phones) => (ps ?? []).filter((p) => p.number.trim() !== '');

/** Phones left empty in the form are not saved (an empty row is only a place to type). */
export function cleaned<T extends Partial<PersonDraft>>(d: T): T {
  const out = { ...d };
  if ('phones' in d) out.phones = numbered(d.phones);
  if ('contacts' in d) out.contacts = (d.contacts ?? []).map((c) => ({ ...c, phones: numbered(c.phones) }));
  return out;
}

/** What an update sends: the user's changes without empty phone rows; a change that was only an empty row is none. */
export function cleanEdit(edit: { changes: Partial<PersonDraft>; base: Partial<PersonDraft> }) {
  return editOf(cleaned(edit.base), cleaned(edit.changes));
}
