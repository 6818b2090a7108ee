// Reimbursement policies per year and person category. A policy is never changed in place: saving
// one adds a version, approved lines keep the version they were computed under, and only claims
// approved afterwards use the new one.
import type { PolicyView } from '../contract/claims';
import { nowIso, writeAudit } from '../audit/audit';
import { applyEdit, editBetween } from '../audit/edits';
import type { Selectable } from 'kysely';
import type { ClaimPoliciesTable } from '../db/schema';
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';
import { CategoryPolicy, DEFAULT_LIXIU } from '../shared/claimPolicy';
import { UserError } from '../shared/errors';
import { CATEGORIES, type Category } from '../shared/person';

type VersionRow = Selectable<ClaimPoliciesTable>;

function latest(store: Store, year: number, category: Category): VersionRow | undefined {
  // Raw: asked for every line the rule computes (claims.ts, approve).
  return store
    .prepare('SELECT * FROM claim_policies WHERE year = ? AND category = ? ORDER BY id DESC LIMIT 1')
    .get(year, category) as VersionRow | undefined;
}

/** The policy a line of `year` is computed under; 离休 follows the default until one is set. */
export function policyFor(
  store: Store,
  year: number,
  category: Category,
): { versionId: number | null; rules: CategoryPolicy } {
  const row = latest(store, year, category);
  if (row) return { versionId: row.id, rules: CategoryPolicy.parse(JSON.parse(row.rules)) };
  if (category === '离休') return { versionId: null, rules: DEFAULT_LIXIU };
  throw new UserError(
    'no_policy',
    `${year} 年度${category}人员的报销政策尚未设置：报销单可以登记，但在设置政策之前不能批准。请先在“药费报销 › 报销政策”中设置`,
  );
}

export interface PolicyGap {
  year: number;
  category: Category;
}

/**
 * The years of a person's claim that have no policy for their category: such a claim can be
 * registered (the invoices come in before the policy is decided) but not approved, and the form
 * says so at once.
 */
export function policyGaps(store: Store, personId: number, years: number[]): PolicyGap[] {
  const person = store.first(
    store.kysely
      .selectFrom('persons')
      .select('category')
      .where('id', '=', personId)
      .$narrowType<{ category: Category }>(),
  );
  if (!person) throw new UserError('not_found', '找不到这位报销人的档案');
  if (person.category === '离休') return [];
  return [...new Set(years)]
    .sort()
    .filter((year) => !latest(store, year, person.category))
    .map((year) => ({ year, category: person.category }));
}

function view(store: Store, year: number, category: Category): PolicyView | null {
  const row = latest(store, year, category);
  if (!row) {
    if (category !== '离休') return null;
    return {
      year,
      category,
      versionId: null,
      rules: DEFAULT_LIXIU,
      isDefault: true,
      note: null,
      savedAt: null,
      savedBy: null,
      usedByLines: 0,
    };
  }
  const used = store.first(
    store.kysely
      .selectFrom('claim_lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('policy_id', '=', row.id),
  )!;
  return {
    year,
    category,
    versionId: row.id,
    rules: CategoryPolicy.parse(JSON.parse(row.rules)),
    isDefault: false,
    note: row.note,
    savedAt: row.created_at,
    savedBy: row.operator,
    usedByLines: used.n,
  };
}

export function listPolicies(store: Store, year: number): PolicyView[] {
  return CATEGORIES.map((c) => view(store, year, c)).filter((v): v is PolicyView => v !== null);
}

/**
 * Saves a new version of a category's policy. `loaded` is the policy as the form showed it: what the
 * user changed is put on the version in force now, and a field changed since is refused.
 */
export function savePolicy(
  store: Store,
  year: number,
  category: Category,
  sent: CategoryPolicy,
  note: string | null,
  loaded?: Partial<CategoryPolicy> | null,
): PolicyView {
  return store.tx(() => {
    const before = view(store, year, category);
    const rules =
      before?.versionId && loaded !== undefined
        ? applyEdit(editBetween(loaded, sent), {
            store,
            entity: 'claim_policy',
            entityId: before.versionId,
            what: `${year} 年度${category}人员报销政策`,
            current: before.rules,
          })
        : sent;
    const { lastInsertRowid } = store
      .prepare(
        'INSERT INTO claim_policies (year, category, rules, note, created_at, operator) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(year, category, JSON.stringify(rules), note, nowIso(), currentOperator(store));
    writeAudit(store, {
      entity: 'claim_policy',
      entityId: Number(lastInsertRowid),
      personId: null,
      action: before ? 'update' : 'create',
      before: before ? { year, category, ...before.rules } : null,
      after: { year, category, ...rules },
      reason: note ?? `${year} 年度${category}人员报销政策`,
    });
    return view(store, year, category)!;
  });
}
