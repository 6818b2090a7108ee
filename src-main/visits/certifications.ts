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
  input: {
    personId: number;
    certifiedOn: string;
    method: CertificationMethod;
    visitId?: number | null;
    note: string | null;
  },
  today = todayIso(),
): Certification {
  return store.tx(() => {
    const p = store.first(
      store.kysely.selectFrom('persons').select(['name', 'status']).where('id', '=', input.personId),
    );
    if (!p) throw new UserError('not_found', '没有找到这份档案');
    if (p.status !== '在册') throw new UserError('invalid_input', `${p.name}的状态为“${p.status}”，无需认证`);
    if (input.certifiedOn > today) throw new UserError('invalid_input', '认证日期不能晚于今天');
    const year = Number(input.certifiedOn.slice(0, 4));
    const done = store.first(
      store.kysely
        .selectFrom('certifications')
        .select('certified_on')
        .where('person_id', '=', input.personId)
        .where('year', '=', year),
    );
    if (done) throw new UserError('invalid_input', `${p.name} ${year} 年度已于 ${done.certified_on} 认证`);
    const id = Number(
      store
        .prepare(
          'INSERT INTO certifications (person_id, year, certified_on, method, visit_id, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          input.personId,
          year,
          input.certifiedOn,
          input.method,
          input.visitId ?? null,
          input.note,
          nowIso(),
          currentOperator(store),
        ).lastInsertRowid,
    );
    writeAudit(store, {
      entity: 'certification',
      entityId: id,
      personId: input.personId,
      action: 'create',
      before: null,
      after: { year, certifiedOn: input.certifiedOn, method: input.method },
    });
    return certificationsOf(store, input.personId)[0];
  });
}

export function certificationsOf(store: Store, personId: number): Certification[] {
  return store
    .all(
      store.kysely.selectFrom('certifications').selectAll().where('person_id', '=', personId).orderBy('year', 'desc'),
    )
    .map((c) => ({
      id: c.id,
      year: c.year,
      certifiedOn: c.certified_on,
      method: c.method as CertificationMethod,
      visitId: c.visit_id,
      note: c.note,
      createdBy: c.created_by,
    }));
}

export function certificationLists(store: Store, year: number, today = todayIso()): CertificationLists {
  const rows = store.all(
    store.kysely
      .selectFrom('persons as p')
      .select((eb) => [
        'p.id',
        'p.name',
        eb
          .selectFrom('certifications as c')
          .select((c) => c.fn.max('c.certified_on').as('last'))
          .whereRef('c.person_id', '=', 'p.id')
          .as('last'),
      ])
      .where('p.status', '=', '在册')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('certifications as c')
              .select('c.id')
              .whereRef('c.person_id', '=', 'p.id')
              .where('c.year', '=', year),
          ),
        ),
      )
      .orderBy('p.name_sort')
      .orderBy('p.id'),
  );
  const yearAgo = addDays(today, -365);
  const due = rows.map((r) => ({ personId: r.id, name: r.name, lastCertified: r.last }));
  return { year, due, overdue: due.filter((r) => r.lastCertified === null || r.lastCertified < yearAgo) };
}
