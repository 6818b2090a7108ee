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

/**
 * The year's overdue certifications a page at a time (by name), with how many are due and how many
 * overdue, counted in SQL: the home page shows five names of them, not 92,000.
 */
export function overdueCertifications(
  store: Store,
  year: number,
  today: string,
  page: { offset: number; limit: number },
): { due: number; overdue: number; rows: CertificationLists['overdue'] } {
  const params = { year, yearAgo: addDays(today, -365) };
  const dueSql = `FROM (SELECT p.id, p.name, p.name_sort,
                               (SELECT max(c.certified_on) FROM certifications c WHERE c.person_id = p.id) AS last
                        FROM persons p
                        WHERE p.status = '在册'
                          AND NOT EXISTS (SELECT 1 FROM certifications c WHERE c.person_id = p.id AND c.year = @year))`;
  const counts = store
    .prepare(`SELECT count(*), coalesce(sum(last IS NULL OR last < @yearAgo), 0) ${dueSql}`)
    .raw()
    .get(params) as [number, number];
  const rows = store
    .prepare(
      `SELECT id, name, last ${dueSql} WHERE last IS NULL OR last < @yearAgo
       ORDER BY name_sort, id LIMIT @limit OFFSET @offset`,
    )
    .raw()
    .all({ ...params, ...page }) as [number, string, string | null][];
  return {
    due: counts[0],
    overdue: counts[1],
    rows: rows.map(([personId, name, lastCertified]) => ({ personId, name, lastCertified })),
  };
}
