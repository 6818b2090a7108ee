// The annual pension eligibility certification (养老金领取资格认证): once a year per person, with
// its date and method; a visit recorded as a certification counts. Lists of who is due this year
// and who is overdue (no certification in the last 12 months) hold only people on the roll: a
// person who has died is never on them.
import type { Certification, CertificationLists } from '../contract/visits';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';
import type { CertificationMethod } from '../shared/care';
import { todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { addDays } from './reminders';

export function certify(
  store: Store,
  input: { personId: number; certifiedOn: string; method: CertificationMethod; visitId?: number | null; note: string | null },
  today = todayIso(),
): Certification {
  return store.tx(() => {
    const p = store.prepare('SELECT name, status FROM persons WHERE id = ?').get(input.personId) as { name: string; status: string } | undefined;
    if (!p) throw new UserError('not_found', '没有找到这份档案');
    if (p.status !== '在册') throw new UserError('invalid_input', `${p.name}的状态为“${p.status}”，无需认证`);
    if (input.certifiedOn > today) throw new UserError('invalid_input', '认证日期不能晚于今天');
    const year = Number(input.certifiedOn.slice(0, 4));
    const done = store.prepare('SELECT certified_on FROM certifications WHERE person_id = ? AND year = ?').get(input.personId, year) as { certified_on: string } | undefined;
    if (done) throw new UserError('invalid_input', `${p.name} ${year} 年度已于 ${done.certified_on} 认证`);
    const id = Number(
      store
        .prepare('INSERT INTO certifications (person_id, year, certified_on, method, visit_id, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.personId, year, input.certifiedOn, input.method, input.visitId ?? null, input.note, nowIso(), currentOperator(store)).lastInsertRowid,
    );
    writeAudit(store, { entity: 'certification', entityId: id, personId: input.personId, action: 'create', before: null, after: { year, certifiedOn: input.certifiedOn, method: input.method } });
    return certificationsOf(store, input.personId)[0];
  });
}

export function certificationsOf(store: Store, personId: number): Certification[] {
  return (
    store.prepare('SELECT * FROM certifications WHERE person_id = ? ORDER BY year DESC').all(personId) as {
      id: number;
      year: number;
      certified_on: string;
      method: CertificationMethod;
      visit_id: number | null;
      note: string | null;
      created_by: string;
    }[]
  ).map((c) => ({ id: c.id, year: c.year, certifiedOn: c.certified_on, method: c.method, visitId: c.visit_id, note: c.note, createdBy: c.created_by }));
}

export function certificationLists(store: Store, year: number, today = todayIso()): CertificationLists {
  const rows = store
    .prepare(
      `SELECT p.id, p.name, (SELECT max(certified_on) FROM certifications c WHERE c.person_id = p.id) AS last
       FROM persons p WHERE p.status = '在册'
         AND NOT EXISTS (SELECT 1 FROM certifications c WHERE c.person_id = p.id AND c.year = ?)
       ORDER BY p.name_sort, p.id`,
    )
    .all(year) as { id: number; name: string; last: string | null }[];
  const yearAgo = addDays(today, -365);
  const due = rows.map((r) => ({ personId: r.id, name: r.name, lastCertified: r.last }));
  return { year, due, overdue: due.filter((r) => r.lastCertified === null || r.lastCertified < yearAgo) };
}
