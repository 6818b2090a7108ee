// Letters to survivors (遗属慰问): the office's templates filled for each survivor named or of a
// festival batch, and logged when printed (survivor_letters), as letters to retirees are.
import type { PrintableView } from '../contract/common';
import type { Store } from '../db/store';
import { type FilledLetter, lettersPrintable } from '../documents/letter';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import { nowIso } from '../audit/audit';
import { ageOn, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { addressFor, letterDate, type LetterKind } from '../shared/letters';
import { batchSurvivors, diedSql } from '../visits/survivors';
import { filledLetter, getTemplate, letterAssets } from './letters';

/**
 * Letters to survivors, by the office's templates: the salutation from the survivor's name and the
 * template's form of address by gender (先生/女士), as for a retiree; a minor (under 18) is
 * addressed as 同学, not 同志 or 先生. A 唁函 concerns the deceased and is printed from their file.
 */
export function survivorLetters(
  store: Store,
  input: { kind: LetterKind; survivorIds: number[]; visitBatchId: number | null; gift: string | null; print: boolean },
  today = todayIso(),
): PrintableView {
  if (input.kind === 'bereavement') throw new UserError('invalid_input', '唁函请在逝者档案的病故登记中打印');
  let ids = input.survivorIds;
  let batch: string | null = null;
  if (input.visitBatchId !== null) {
    const b = store.first(store.kysely.selectFrom('visit_batches').select('name').where('id', '=', input.visitBatchId));
    if (!b) throw new UserError('not_found', '没有找到这个慰问批次');
    batch = b.name;
    ids = batchSurvivors(store, input.visitBatchId).map((r) => r.survivorId);
  }
  if (ids.length === 0) throw new UserError('invalid_input', '请选择收信的遗属');
  const template = getTemplate(store, input.kind);
  const { orgName } = getOfficeSettings(store);
  const read = store.prepare(
    `SELECT s.id, s.name, s.gender, s.birth_date, ${diedSql} AS died FROM survivors s WHERE s.id = ?`,
  );
  const letters: (FilledLetter & { title: string; survivorId: number })[] = [];
  const missing: PrintableView['missing'] = [];
  for (const id of ids) {
    const s = read.get(id) as
      { id: number; name: string; gender: string | null; birth_date: string | null; died: number } | undefined;
    if (!s) throw new UserError('not_found', `没有找到第 ${id} 号遗属`);
    if (s.died) {
      missing.push({ personId: s.id, name: s.name, why: '已故' });
      continue;
    }
    const age = ageOn(s.birth_date, today);
    const values: Record<string, string> = {
      姓名: s.name,
      称呼: age !== null && age < 18 ? '同学' : addressFor(template.addressForm, s.gender),
      单位: orgName,
      日期: letterDate(today, template.dateStyle),
    };
    if (age !== null) values['年龄'] = String(age);
    if (input.gift) values['慰问品'] = input.gift;
    letters.push({ survivorId: s.id, ...filledLetter(template, values, orgName) });
  }
  if (letters.length === 0)
    throw new UserError(
      'invalid_input',
      `没有可以打印的信函：${missing.map((m) => `${m.name}（${m.why}）`).join('、')}`,
    );
  if (input.print)
    store.tx(() => {
      const insert = store.prepare(
        'INSERT INTO survivor_letters (survivor_id, kind, title, printed_at, printed_by, batch) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const at = nowIso();
      const by = currentOperator(store);
      for (const l of letters) insert.run(l.survivorId, input.kind, l.title, at, by, batch);
    });
  return { ...lettersPrintable(letters, 'A4', letterAssets(store)), count: letters.length, missing };
}
