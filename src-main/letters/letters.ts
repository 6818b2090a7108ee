// The office's letters: templates (the built-in ones until staff change them), each person's form
// of address, letters composed for a list of people, and the log of every letter printed.
import type { LetterAssets, LetterAssetsInput } from '../contract/letters';
import type { Store } from '../db/store';
import { nowIso, writeAudit } from '../audit/audit';
import { currentOperator, getOfficeSettings, readSetting, writeSetting } from '../settings/settings';
import { formatAge, personAge, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import {
  ADDRESS_FORMS,
  DEFAULT_TEMPLATES,
  LETTER_KINDS,
  addressFor,
  fillPlaceholders,
  letterDate,
  unknownPlaceholders,
  type AddressForm,
  type LetterKind,
  type LetterTemplate,
} from '../shared/letters';
import { nextBirthdayOf, reminderRules } from '../visits/reminders';
import type { FilledLetter } from '../documents/letter';

/** The family member letters go to: the emergency contact, else the first one on the file. */
export function familyName(store: Store, personId: number): string | undefined {
  // Raw: asked once for each of up to thousands of addressees (composeLetters, envelopes).
  const row = store
    .prepare('SELECT name FROM person_contacts WHERE person_id = ? ORDER BY emergency DESC, sort, id LIMIT 1')
    .get(personId) as { name: string } | undefined;
  return row?.name;
}

export function getTemplate(store: Store, kind: LetterKind): LetterTemplate & { isDefault: boolean } {
  const row = store.first(store.kysely.selectFrom('letter_templates').selectAll().where('kind', '=', kind));
  if (!row) return { ...DEFAULT_TEMPLATES[kind], isDefault: true };
  return {
    kind,
    title: row.title,
    salutation: row.salutation,
    body: row.body,
    closing: row.closing,
    dateStyle: row.date_style as LetterTemplate['dateStyle'],
    addressForm: row.address_form as AddressForm,
    isDefault: false,
  };
}

export function listTemplates(store: Store): (LetterTemplate & { isDefault: boolean })[] {
  return (Object.keys(LETTER_KINDS) as LetterKind[]).map((k) => getTemplate(store, k));
}

export function saveTemplate(store: Store, t: LetterTemplate): LetterTemplate & { isDefault: boolean } {
  const unknown = [...new Set([t.title, t.salutation, t.body, t.closing].flatMap(unknownPlaceholders))];
  if (unknown.length)
    throw new UserError('invalid_input', `模板中有无法识别的占位符：${unknown.map((u) => `{${u}}`).join('、')}`);
  return store.tx(() => {
    const before = getTemplate(store, t.kind);
    store
      .prepare(
        `INSERT INTO letter_templates (kind, title, salutation, body, closing, date_style, address_form, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind) DO UPDATE SET title = excluded.title, salutation = excluded.salutation, body = excluded.body, closing = excluded.closing,
           date_style = excluded.date_style, address_form = excluded.address_form, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(
        t.kind,
        t.title,
        t.salutation,
        t.body,
        t.closing,
        t.dateStyle,
        t.addressForm,
        nowIso(),
        currentOperator(store),
      );
    writeAudit(store, {
      entity: 'letter_template',
      entityId: 0,
      personId: null,
      action: 'update',
      before: { ...before },
      after: { ...t, isDefault: false },
    });
    return getTemplate(store, t.kind);
  });
}

/** Back to the built-in template. */
export function resetTemplate(store: Store, kind: LetterKind): LetterTemplate & { isDefault: boolean } {
  store.prepare('DELETE FROM letter_templates WHERE kind = ?').run(kind);
  return getTemplate(store, kind);
}

/** A person's file must exist before a preference is kept for it (and the foreign key agrees). */
function requirePerson(store: Store, personId: number): void {
  if (!store.prepare('SELECT 1 FROM persons WHERE id = ?').get(personId))
    throw new UserError('not_found', '找不到这份档案，它可能已被删除');
}

export function setAddressForm(store: Store, personId: number, form: AddressForm | null): void {
  requirePerson(store, personId);
  if (form === null) store.prepare('DELETE FROM letter_prefs WHERE person_id = ?').run(personId);
  else {
    if (!ADDRESS_FORMS.includes(form)) throw new UserError('invalid_input', '称呼只能是同志、老师傅或先生/女士');
    store
      .prepare(
        'INSERT INTO letter_prefs (person_id, address_form) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET address_form = excluded.address_form',
      )
      .run(personId, form);
  }
}

/** The form of address chosen for a person, or null: the template's. */
export function addressFormOf(store: Store, personId: number): AddressForm | null {
  requirePerson(store, personId);
  const r = store.first(
    store.kysely.selectFrom('letter_prefs').select('address_form').where('person_id', '=', personId),
  );
  return (r?.address_form as AddressForm | undefined) ?? null;
}

/** The letterhead and the seal: images (data: URLs) the office uploaded, or none. */
export function letterAssets(store: Store): { letterhead: string | null; seal: string | null } {
  return { letterhead: readSetting(store, 'letterhead'), seal: readSetting(store, 'seal') };
}

function setLetterAsset(store: Store, which: 'letterhead' | 'seal', dataUrl: string | null): void {
  if (dataUrl !== null && !/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(dataUrl))
    throw new UserError('invalid_input', '请选择 PNG、JPEG、GIF 或 WebP 图片');
  if (dataUrl === null) store.prepare('DELETE FROM settings WHERE key = ?').run(which);
  else writeSetting(store, which, dataUrl);
}

/** The letterhead and the seal, and the office's address for the envelopes: what the settings page shows. */
export function letterSettings(store: Store): LetterAssets {
  return {
    ...letterAssets(store),
    orgAddress: readSetting(store, 'org_address'),
    orgPostcode: readSetting(store, 'org_postcode'),
  };
}

/** Saves the letterhead, the seal and the office's address together: all of them, or none. */
export function saveLetterSettings(store: Store, input: LetterAssetsInput): void {
  store.tx(() => {
    if (input.letterhead !== undefined) setLetterAsset(store, 'letterhead', input.letterhead);
    if (input.seal !== undefined) setLetterAsset(store, 'seal', input.seal);
    writeSetting(store, 'org_address', input.orgAddress ?? '');
    writeSetting(store, 'org_postcode', input.orgPostcode ?? '');
  });
}

interface PersonForLetter {
  id: number;
  name: string;
  gender: string | null;
  birth_date: string | null;
  birthday_calendar: string;
  lunar_birthday: string | null;
  status: string;
  status_date: string | null;
  address_form: string | null;
  died_on: string | null;
}

export interface ComposeOptions {
  /** The letter's date (落款); today unless said otherwise. */
  date?: string;
  /** For a visit notice: when the visit will be. */
  visitDate?: string | null;
  /** For a festival letter: the gift, in words. */
  gift?: string | null;
}

export interface Composed {
  letters: (FilledLetter & { title: string; personId: number })[];
  /** People who get no letter, and why (deceased; no family on file for a 唁函). */
  missing: { personId: number; name: string; why: string }[];
}

export function composeLetters(
  store: Store,
  kind: LetterKind,
  personIds: number[],
  options: ComposeOptions = {},
): Composed {
  const template = getTemplate(store, kind);
  const { orgName } = getOfficeSettings(store);
  const date = options.date ?? todayIso();
  const reckoning = reminderRules(store).ageReckoning;
  // Raw: one prepared statement for each of up to thousands of addressees (a festival batch).
  const person = store.prepare(
    `SELECT p.id, p.name, p.gender, p.birth_date, p.birthday_calendar, p.lunar_birthday, p.status, p.status_date, lp.address_form, d.died_on
     FROM persons p LEFT JOIN letter_prefs lp ON lp.person_id = p.id LEFT JOIN deaths d ON d.person_id = p.id WHERE p.id = ?`,
  );
  const out: Composed = { letters: [], missing: [] };
  for (const id of personIds) {
    const p = person.get(id) as PersonForLetter | undefined;
    if (!p) throw new UserError('not_found', `没有找到第 ${id} 号档案`);
    const deceased = p.status === '已故';
    if (kind === 'bereavement' ? !deceased : deceased || p.status !== '在册') {
      out.missing.push({
        personId: p.id,
        name: p.name,
        why: kind === 'bereavement' ? '未登记去世' : deceased ? '已故' : `状态为“${p.status}”`,
      });
      continue;
    }
    const family = familyName(store, p.id);
    if (kind === 'bereavement' && !family) {
      out.missing.push({ personId: p.id, name: p.name, why: '档案中没有登记家属，唁函无人可寄' });
      continue;
    }
    const died = p.died_on ?? (p.status_date && p.status_date.length === 10 ? p.status_date : null);
    // The coming birthday by the person's own calendar (a lunar one on its Gregorian day this year),
    // and its age by the office's reckoning (周岁 or 虚岁).
    const birthday = nextBirthdayOf(
      { birthDate: p.birth_date, birthdayCalendar: p.birthday_calendar, lunarBirthday: p.lunar_birthday },
      date,
      reckoning,
    );
    const values: Record<string, string> = {
      姓名: p.name,
      称呼: addressFor((p.address_form as AddressForm | null) ?? template.addressForm, p.gender),
      单位: orgName,
      日期: letterDate(date, template.dateStyle),
    };
    // The birthday letter speaks of the coming birthday's age; a letter of condolence of the age at
    // death (from a month-only date too, 约 where the day decides it); other letters of the letter's date.
    const age =
      kind === 'birthday' && birthday
        ? String(birthday.turning)
        : formatAge(
            personAge({ birthDate: p.birth_date, status: p.status, statusDate: p.died_on ?? p.status_date }, date),
            'short',
          );
    if (age) values['年龄'] = age;
    if (birthday) values['生日'] = `${Number(birthday.on.slice(5, 7))}月${Number(birthday.on.slice(8, 10))}日`;
    if (family) values['家属姓名'] = family;
    if (died) values['去世日期'] = letterDate(died, template.dateStyle);
    if (options.visitDate) values['走访日期'] = letterDate(options.visitDate, 'arabic');
    if (options.gift) values['慰问品'] = options.gift;
    out.letters.push({ personId: p.id, ...filledLetter(template, values, orgName) });
  }
  return out;
}

/** A template with its placeholders filled: the letter as it prints. `values` holds at least 日期. */
export function filledLetter(
  template: LetterTemplate,
  values: Record<string, string>,
  orgName: string,
): FilledLetter & { title: string } {
  const fill = (t: string) => fillPlaceholders(t, values);
  return {
    title: fill(template.title),
    salutation: fill(template.salutation),
    paragraphs: fill(template.body)
      .split('\n')
      .filter((x) => x.trim() !== ''),
    closing: fill(template.closing).split('\n'),
    organisation: orgName,
    date: values['日期'],
  };
}

/** Every letter printed: who got what, when, printed by whom. */
export function logLetters(
  store: Store,
  kind: LetterKind,
  letters: { personId: number; title: string }[],
  batch: string | null,
): void {
  store.tx(() => {
    const operator = currentOperator(store);
    const at = nowIso();
    const insert = store.prepare(
      'INSERT INTO letters_log (person_id, kind, title, printed_at, printed_by, batch) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const l of letters) insert.run(l.personId, kind, l.title, at, operator, batch);
  });
}

export function lettersOf(
  store: Store,
  personId: number,
): { kind: LetterKind; title: string; printedAt: string; printedBy: string; batch: string | null }[] {
  return store
    .all(
      store.kysely
        .selectFrom('letters_log')
        .select(['kind', 'title', 'printed_at', 'printed_by', 'batch'])
        .where('person_id', '=', personId)
        .orderBy('id', 'desc'),
    )
    .map((r) => ({
      kind: r.kind as LetterKind,
      title: r.title,
      printedAt: r.printed_at,
      printedBy: r.printed_by,
      batch: r.batch,
    }));
}

/** The people a print is for: those named, or the people of a festival batch (its visits' order). */
export function addressees(
  store: Store,
  who: { personIds: number[]; visitBatchId: number | null },
): { ids: number[]; batch: string | null } {
  if (who.visitBatchId === null) {
    if (who.personIds.length === 0) throw new UserError('invalid_input', '请选择收信人');
    return { ids: who.personIds, batch: null };
  }
  const b = store.first(store.kysely.selectFrom('visit_batches').select('name').where('id', '=', who.visitBatchId));
  if (!b) throw new UserError('not_found', '没有找到这个慰问批次');
  const rows = store.all(
    store.kysely
      .selectFrom('visits as v')
      .innerJoin('persons as p', 'p.id', 'v.person_id')
      .select('v.person_id')
      .where('v.batch_id', '=', who.visitBatchId)
      .orderBy('p.name_sort')
      .orderBy('p.id'),
  );
  return { ids: rows.map((r) => r.person_id), batch: b.name };
}
