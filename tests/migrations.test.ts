// Every migration up and down on a real SQLite file (one block per migration, as Signal does).
import path from 'node:path';
import { Migrator, NO_MIGRATIONS } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { migrations } from '../migrations';
import { migratorFor } from '../src-main/db/migrate';
import { openStore } from '../src-main/db/open';
import type { Store } from '../src-main/db/store';
import { claimsReport } from '../src-main/claims/reports';
import { ListQuery } from '../src-main/contract/retirees';
import { AppContext } from '../src-main/app/context';
import { listPersons } from '../src-main/retirees/list';
import { reportFromLines, tempDir } from './helpers';

let store: Store;
afterEach(() => store?.close());

const tables = () =>
  (
    store.raw
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' and name not like 'person_search_%' order by name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);

async function migrateTo(name: string | typeof NO_MIGRATIONS) {
  const { error } = await migratorFor(store).migrateTo(name);
  if (error) throw error;
}

describe('migrations', () => {
  test('they are listed in the order they run', () => {
    expect(Object.keys(migrations)).toEqual([...Object.keys(migrations)].sort());
  });

  test('0001-core: up creates the file tables, down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0001-core');
    expect(tables()).toEqual([
      'attachment_data',
      'attachments',
      'audit_log',
      'org_units',
      'person_contacts',
      'persons',
      'settings',
    ]);
    store.raw
      .prepare(
        "insert into persons (name, name_sort, category, created_at, updated_at) values ('张桂兰', 'zhang', '退休', 'x', 'x')",
      )
      .run();
    // The schema keeps values to the office's vocabulary.
    expect(() =>
      store.raw
        .prepare(
          "insert into persons (name, name_sort, category, created_at, updated_at) values ('李', 'li', '退伍', 'x', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    await migrateTo(NO_MIGRATIONS);
    expect(tables()).toEqual([]);
  });

  test('0002-person-search: up creates the FTS5 index, down drops it, and up again works', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0002-person-search');
    expect(tables()).toContain('person_search');
    store.raw.prepare("insert into person_search (rowid, tokens) values (1, 'zgl gl l')").run();
    expect(store.raw.prepare(`select rowid from person_search where person_search match '"gl"*'`).all()).toEqual([
      { rowid: 1 },
    ]);
    // contentless_delete=1: a row can be deleted by rowid.
    store.raw.prepare('delete from person_search where rowid = 1').run();
    expect(store.raw.prepare(`select rowid from person_search where person_search match '"gl"*'`).all()).toEqual([]);
    await migrateTo('0001-core');
    expect(tables()).not.toContain('person_search');
    await migrateTo('0002-person-search');
    expect(tables()).toContain('person_search');
  });

  test('0003-imports: up creates the import log and mappings, down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0003-imports');
    expect(tables()).toEqual(
      expect.arrayContaining(['imports', 'import_rows', 'import_mappings', 'import_value_maps']),
    );
    store.raw
      .prepare(
        "insert into imports (file_name, file_sha256, format, at, operator, summary) values ('a.xlsx', 'x', 'xlsx', 't', '王', '{}')",
      )
      .run();
    store.raw
      .prepare(
        "insert into import_rows (import_id, sheet, row, outcome, raw) values (1, 'Sheet1', 2, 'inserted', '{}')",
      )
      .run();
    expect(() =>
      store.raw
        .prepare("insert into import_rows (import_id, sheet, row, outcome, raw) values (1, 'Sheet1', 3, 'lost', '{}')")
        .run(),
    ).toThrow(/CHECK/);
    await migrateTo('0002-person-search');
    expect(tables()).not.toContain('imports');
    expect(tables()).toContain('persons');
  });

  test('0004-claims: up adds claims, lines, totals, policies, batches and the imports kind; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0003-imports');
    store.raw
      .prepare(
        "insert into imports (file_name, file_sha256, format, at, operator, summary) values ('a.xlsx', 'x', 'xlsx', 't', '王', '{}')",
      )
      .run();
    await migrateTo('0004-claims');
    expect(tables()).toEqual(
      expect.arrayContaining(['claims', 'claim_lines', 'claim_year_totals', 'claim_policies', 'payment_batches']),
    );
    expect(
      store.raw.prepare("select count(*) n from pragma_table_info('attachments') where name = 'claim_id'").get(),
    ).toEqual({ n: 1 });
    // The roster import already kept is a roster import.
    expect(store.raw.prepare('select kind from imports').get()).toEqual({ kind: 'roster' });
    store.raw
      .prepare(
        "insert into persons (name, name_sort, category, phones, status, review_flags, created_at, updated_at) values ('张三', 'zhang san', '退休', '[]', '在册', '[]', 't', 't')",
      )
      .run();
    store.raw
      .prepare(
        "insert into claims (person_id, status, received_date, created_at, created_by, updated_at) values (1, '登记', '2025-03-01', 't', '王', 't')",
      )
      .run();
    expect(() =>
      store.raw
        .prepare(
          "insert into claims (person_id, status, received_date, created_at, created_by, updated_at) values (1, '作废', '2025-03-01', 't', '王', 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      store.raw
        .prepare(
          "insert into claim_lines (claim_id, person_id, seq, invoice_no, visit_date, year, kind, total_fen, fund_fen, account_fen, self_fen, eligible_fen) values (1, 1, 1, 'A1', '2025-02-01', 2025, '牙科', 1, 0, 0, 1, 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    await migrateTo('0003-imports');
    expect(tables()).not.toContain('claims');
    expect(
      store.raw.prepare("select count(*) n from pragma_table_info('attachments') where name = 'claim_id'").get(),
    ).toEqual({ n: 0 });
    expect(store.raw.prepare('select file_name from imports').get()).toEqual({ file_name: 'a.xlsx' });
  });

  test('0005-visits: up adds visits, batches and the death checklist; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0005-visits');
    expect(tables()).toEqual(expect.arrayContaining(['visits', 'visit_batches', 'deaths', 'death_tasks']));
    store.raw
      .prepare(
        "insert into persons (name, name_sort, category, phones, status, review_flags, created_at, updated_at) values ('张三', 'zhang san', '退休', '[]', '在册', '[]', 't', 't')",
      )
      .run();
    expect(() =>
      store.raw
        .prepare(
          "insert into visits (person_id, kind, date, created_at, created_by) values (1, '串门', '2026-01-01', 't', '王')",
        )
        .run(),
    ).toThrow(/CHECK/);
    await migrateTo('0004-claims');
    expect(tables()).not.toContain('visits');
    expect(tables()).toContain('claims');
  });

  test('0006-letters: up adds templates, forms of address and the letters log; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0006-letters');
    expect(tables()).toEqual(expect.arrayContaining(['letter_templates', 'letter_prefs', 'letters_log']));
    await migrateTo('0005-visits');
    expect(tables()).not.toContain('letters_log');
    expect(tables()).toContain('visits');
  });

  test('0007-petitions: up adds the petitions with their checks; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0007-petitions');
    expect(() =>
      store.raw
        .prepare(
          "insert into petitions (received_on, channel, petitioner, subject, content, status, created_at, created_by) values ('2026-01-01', '传真', '刘强', 'x', 'y', '待受理', 't', '王')",
        )
        .run(),
    ).toThrow(/CHECK/);
    await migrateTo('0006-letters');
    expect(tables()).not.toContain('petitions');
  });

  test('0008-certifications: once per person and year; down removes it', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0008-certifications');
    store.raw
      .prepare(
        "insert into persons (name, name_sort, category, phones, status, review_flags, created_at, updated_at) values ('张三', 'zhang san', '退休', '[]', '在册', '[]', 't', 't')",
      )
      .run();
    const add = store.raw.prepare(
      "insert into certifications (person_id, year, certified_on, method, created_at, created_by) values (1, 2026, '2026-03-01', '现场', 't', '王')",
    );
    add.run();
    expect(() => add.run()).toThrow(/UNIQUE/);
    await migrateTo('0007-petitions');
    expect(tables()).not.toContain('certifications');
  });

  test('0009-adjustments: a person gains contribution years and the remote-area flag; down removes them and the lists', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0009-adjustments');
    const add = (years: number) =>
      store.raw
        .prepare(
          "insert into persons (name, name_sort, category, phones, status, review_flags, created_at, updated_at, contribution_years) values ('张三', 'zhang san', '退休', '[]', '在册', '[]', 't', 't', ?)",
        )
        .run(years);
    add(35);
    expect(() => add(71)).toThrow(/CHECK/);
    expect(tables()).toEqual(expect.arrayContaining(['adjustment_rules', 'adjustment_runs', 'adjustment_rows']));
    await migrateTo('0008-certifications');
    expect(tables()).not.toContain('adjustment_rows');
    const columns = (store.raw.prepare('pragma table_info(persons)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('contribution_years');
    expect(store.raw.prepare('select name from persons').all()).toEqual([{ name: '张三' }]);
  });

  test('0010-org-network: a unit can name its leader on file; places get a row for their leader; down removes both', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0010-org-network');
    const place = store.raw.prepare("insert into place_units (area, building, leader) values ('东区', '', '刘芳')");
    place.run();
    expect(() => place.run()).toThrow(/UNIQUE/);
    await migrateTo('0009-adjustments');
    expect(tables()).not.toContain('place_units');
    const columns = (store.raw.prepare('pragma table_info(org_units)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('leader_person_id');
  });

  test('0011-activities: activities with who came, study materials with who received them, petition attachments; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0011-activities');
    expect(tables()).toEqual(
      expect.arrayContaining([
        'activities',
        'activity_people',
        'study_materials',
        'study_deliveries',
        'petition_attachments',
      ]),
    );
    expect(() =>
      store.raw
        .prepare(
          "insert into activities (kind, title, held_on, created_at, created_by) values ('旅游', '秋游', '2026-10-01', 't', '王')",
        )
        .run(),
    ).toThrow(/CHECK/);
    await migrateTo('0010-org-network');
    expect(tables()).not.toContain('activities');
    expect(tables()).toContain('place_units');
  });
  describe('0012-ids-never-reused', () => {
    /**
     * A database as 0011 left it, after an import was undone: people 1 and 2 are kept, with
     * contacts, an attachment, a claim with its line, a visit, a letter, a petition; the removed
     * person 7 is still named by the audit log, person 9 by the import log, claim 5 by the audit
     * log, contact 12 by a file's snapshot in the audit log, unit 4 by an import's before/after.
     */
    function oldDatabase() {
      const run = (text: string, ...args: unknown[]) => store.raw.prepare(text).run(...args);
      run("insert into org_units (id, kind, name, created_at) values (1, '党支部', '第一党支部', 't')");
      for (const [id, name] of [
        [1, '张三'],
        [2, '李四'],
      ] as const) {
        run(
          "insert into persons (id, name, name_sort, category, party_branch_id, created_at, updated_at) values (?, ?, ?, '退休', 1, 't', 't')",
          id,
          name,
          name,
        );
        run('insert into person_search (rowid, tokens) values (?, ?)', id, name);
      }
      run("insert into person_contacts (id, person_id, name) values (3, 1, '张小三')");
      run(
        "insert into attachments (id, person_id, file_name, mime, size, sha256, added_at, added_by) values (1, 1, 'a.pdf', 'application/pdf', 1, 'x', 't', '王')",
      );
      run("insert into attachment_data (attachment_id, data) values (1, x'00')");
      run(
        "insert into claims (id, person_id, status, received_date, created_at, created_by, updated_at) values (1, 1, '登记', '2025-03-01', 't', '王', 't')",
      );
      run(
        "insert into claim_lines (claim_id, person_id, seq, invoice_no, visit_date, year, kind, total_fen, fund_fen, account_fen, self_fen, eligible_fen) values (1, 1, 1, 'A1', '2025-02-01', 2025, '门诊', 100, 0, 0, 100, 100)",
      );
      run(
        "insert into visits (person_id, kind, date, created_at, created_by) values (1, '日常走访', '2026-01-01', 't', '王')",
      );
      run(
        "insert into letters_log (person_id, kind, title, printed_at, printed_by) values (1, '生日贺信', '贺信', 't', '王')",
      );
      run(
        "insert into petitions (received_on, channel, person_id, petitioner, subject, content, status, created_at, created_by) values ('2026-01-01', '来访', 2, '李四', 'x', 'y', '待受理', 't', '王')",
      );
      run(
        "insert into imports (id, file_name, file_sha256, format, at, operator, summary) values (1, 'a.xlsx', 'x', 'xlsx', 't', '王', '{}')",
      );
      run(
        "insert into import_rows (import_id, sheet, row, outcome, person_id, raw) values (1, 'Sheet1', 2, 'inserted', 9, '{}')",
      );
      run(
        "insert into import_rows (import_id, sheet, row, outcome, person_id, raw, before, after) values (1, 'Sheet1', 3, 'updated', 2, '{}', '{\"partyBranchId\":null}', '{\"partyBranchId\":4}')",
      );
      const audit = store.raw.prepare(
        "insert into audit_log (at, operator, entity, entity_id, person_id, action, before, after) values ('t', '王', ?, ?, ?, ?, ?, ?)",
      );
      audit.run(
        'person',
        7,
        7,
        'create',
        null,
        JSON.stringify({ name: '王五', contacts: [{ id: 12, name: '王小五' }] }),
      );
      audit.run(
        'person',
        7,
        7,
        'delete',
        JSON.stringify({ name: '王五', contacts: [{ id: 12, name: '王小五' }] }),
        null,
      );
      audit.run('claim', 5, 1, 'create', null, JSON.stringify({ id: 5, lines: [{ id: 6 }], batchId: 3 }));
    }
    const counts = () =>
      Object.fromEntries(
        [
          'persons',
          'person_contacts',
          'attachments',
          'attachment_data',
          'claims',
          'claim_lines',
          'visits',
          'letters_log',
          'petitions',
          'import_rows',
          'audit_log',
          'org_units',
        ].map((t) => [
          t,
          (store.raw.prepare(`select group_concat(rowid) as ids from ${t}`).get() as { ids: string | null }).ids,
        ]),
      );
    const indexes = () =>
      store.raw.prepare("select name, sql from sqlite_master where type = 'index' order by name").all();
    const sequence = () =>
      Object.fromEntries(
        (store.raw.prepare('select name, seq from sqlite_sequence').all() as { name: string; seq: number }[]).map(
          (r) => [r.name, r.seq],
        ),
      );

    test('up keeps every row and id, cascades nothing away, and starts each counter above the highest id anything names', async () => {
      store = openStore(path.join(tempDir(), 'm.sqlite'));
      await migrateTo('0011-activities');
      oldDatabase();
      const before = { counts: counts(), indexes: indexes() };
      await migrateTo('0012-ids-never-reused');
      expect(counts()).toEqual(before.counts);
      expect(indexes()).toEqual(before.indexes);
      expect(store.raw.pragma('foreign_key_check')).toEqual([]);
      expect(store.raw.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sequence()).toMatchObject({
        persons: 9,
        person_contacts: 12,
        claims: 5,
        claim_lines: 6,
        payment_batches: 3,
        org_units: 4,
        attachments: 1,
        imports: 1,
      });

      // The next person is 10, and an id once handed out is not handed out again.
      const add = store.raw.prepare(
        "insert into persons (name, name_sort, category, created_at, updated_at) values ('赵六', 'zhao', '退休', 't', 't')",
      );
      expect(add.run().lastInsertRowid).toBe(10);
      store.raw.prepare('delete from persons where id = 10').run();
      expect(add.run().lastInsertRowid).toBe(11);
      // Foreign keys are enforced again, and still cascade where they did.
      expect(() => store.raw.prepare("insert into person_contacts (person_id, name) values (99, 'x')").run()).toThrow(
        /FOREIGN KEY/,
      );
      store.raw.prepare('delete from persons where id = 11').run();

      // Every table whose id the database hands out counts it this way.
      const plain = (
        store.raw
          .prepare(
            "select name from sqlite_master where type = 'table' and sql like '%\"id\" integer primary key%' and sql not like '%\"id\" integer primary key autoincrement%'",
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
      expect(plain).toEqual([]);
    });

    test('down puts the plain ids back with the data; up refuses to run with foreign keys on', async () => {
      store = openStore(path.join(tempDir(), 'm.sqlite'));
      await migrateTo('0011-activities');
      oldDatabase();
      const before = counts();
      await migrateTo('0012-ids-never-reused');
      await migrateTo('0011-activities');
      expect(counts()).toEqual(before);
      expect(
        store.raw.prepare("select count(*) as n from sqlite_master where sql like '%autoincrement%'").get(),
      ).toEqual({ n: 0 });
      expect(sequence()).toEqual({});
      expect(store.raw.pragma('foreign_key_check')).toEqual([]);

      // Run by a migrator that leaves foreign keys on, the rebuild would empty what refers to
      // persons: it refuses instead, and nothing changes.
      const bare = new Migrator({ db: store.kysely, provider: { getMigrations: async () => migrations } });
      const { error } = await bare.migrateTo('0012-ids-never-reused');
      expect(String(error)).toContain('必须在关闭外键约束时运行');
      expect(counts()).toEqual(before);
    });
  });

  test('0013-claims-report-totals: up counts the lines already approved, and later ones as they come; down removes the figures', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0012-ids-never-reused');
    const insertPerson = store.raw.prepare(
      "insert into persons (name, name_sort, category, phones, status, review_flags, created_at, updated_at) values (?, 'x', ?, '[]', '在册', '[]', 't', 't')",
    );
    insertPerson.run('张三', '退休');
    insertPerson.run('李四', '退职');
    const claim = store.raw.prepare(
      "insert into claims (person_id, status, received_date, created_at, created_by, updated_at) values (?, '批准', '2025-03-01', 't', '王', 't')",
    );
    const line = store.raw.prepare(
      `insert into claim_lines (claim_id, person_id, seq, invoice_no, visit_date, year, kind, total_fen, fund_fen, account_fen, self_fen, eligible_fen, pay_fen, approved_on, category)
       values (?, ?, ?, ?, '2025-02-01', 2025, ?, ?, 0, 0, ?, ?, ?, ?, ?)`,
    );
    const lines: [
      person: number,
      kind: string,
      eligible: number,
      pay: number | null,
      approvedOn: string | null,
      category: string | null,
    ][] = [
      [1, '门诊', 1000, 500, '2025-03-02', '退休'],
      [1, '住院', 9000, 8000, '2025-03-20', '退休'],
      [1, '门诊', -1000, -500, '2025-04-01', '退休'],
      [2, '药店', 300, 150, '2025-03-05', '退职'],
      [2, '药店', 700, null, null, null],
    ];
    lines.forEach(([personId, kind, eligible, pay, approvedOn, category], i) => {
      const claimId = Number(claim.run(personId).lastInsertRowid);
      line.run(claimId, personId, 1, `A${i}`, kind, eligible, eligible, eligible, pay, approvedOn, category);
    });
    await migrateTo('0013-claims-report-totals');
    expect(tables()).toEqual(expect.arrayContaining(['claim_month_totals', 'claim_period_people']));
    const sameAsLines = () => {
      for (const month of [null, 3, 4, 5]) {
        const { byMonth, byCategory, byKind } = claimsReport(store, 2025, 90, month);
        expect({ byMonth, byCategory, byKind }).toEqual(reportFromLines(store, 2025, month));
      }
    };
    sameAsLines();
    expect(claimsReport(store, 2025, 90, 3).byCategory).toEqual([
      { category: '退休', people: 1, payFen: 8500 },
      { category: '退职', people: 1, payFen: 150 },
    ]);
    // The unapproved line is approved, in May.
    store.raw
      .prepare(
        "update claim_lines set pay_fen = 350, approved_on = '2025-05-09', category = '退职' where approved_on is null",
      )
      .run();
    sameAsLines();
    expect(claimsReport(store, 2025, 90, 5).byKind).toEqual([{ kind: '药店', lines: 1, payFen: 350 }]);
    await migrateTo('0012-ids-never-reused');
    expect(tables()).not.toContain('claim_month_totals');
    expect(store.raw.prepare("select count(*) n from sqlite_master where type = 'trigger'").get()).toEqual({ n: 0 });
    expect(store.raw.prepare("select count(*) n from sqlite_master where name = 'claim_lines_approved'").get()).toEqual(
      { n: 1 },
    );
  });

  test("0014-list-indexes: up turns the sort indexes into the list's covering ones and adds one per filter; down restores 0001's", async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    const indexes = () =>
      (
        store.raw
          .prepare(
            "select name from sqlite_master where type = 'index' and tbl_name = 'persons' and sql is not null order by name",
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
    await migrateTo('0013-claims-report-totals');
    const before = indexes();
    await migrateTo('0014-list-indexes');
    expect(indexes()).toEqual(
      expect.arrayContaining([
        'persons_list_name',
        'persons_list_birth',
        'persons_building',
        'persons_hardship',
        'persons_to_review',
      ]),
    );
    expect(indexes().filter((n) => n.startsWith('persons_sort_'))).toEqual([]);
    await migrateTo('0013-claims-report-totals');
    expect(indexes()).toEqual(before);
  });

  test('0019-person-changes: up fills the history from the status dates and the audit log; the triggers keep it; down removes it', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0018-privacy-records');
    const insert = store.raw.prepare(
      "insert into persons (id, name, name_sort, category, status, status_date, created_at, updated_at) values (?, ?, ?, ?, ?, ?, '2026-01-02T10:00:00', '2026-03-04T10:00:00')",
    );
    insert.run(1, '甲', '甲', '退休', '已故', '2025-11-20');
    insert.run(2, '乙', '乙', '退休', '迁出', null);
    insert.run(3, '丙', '丙', '离休', '在册', null);
    store.raw
      .prepare(
        "insert into audit_log (at, operator, entity, entity_id, person_id, action, before, after) values ('2026-02-01T09:00:00', '王干事', 'person', 3, 3, 'update', ?, ?)",
      )
      .run(JSON.stringify({ category: '退休', name: '丙' }), JSON.stringify({ category: '离休', name: '丙' }));
    await migrateTo('0019-person-changes');
    const rows = () =>
      store.raw
        .prepare(
          'select person_id, field, from_value, to_value, effective_date, date_known, nature, source from person_changes order by id',
        )
        .all();
    expect(rows()).toEqual([
      {
        person_id: 1,
        field: 'status',
        from_value: '在册',
        to_value: '已故',
        effective_date: '2025-11-20',
        date_known: 1,
        nature: '变动',
        source: 'file',
      },
      // No date on file: the day it was last saved stands in, to be checked.
      {
        person_id: 2,
        field: 'status',
        from_value: '在册',
        to_value: '迁出',
        effective_date: '2026-03-04',
        date_known: 0,
        nature: '变动',
        source: 'file',
      },
      {
        person_id: 3,
        field: 'category',
        from_value: '退休',
        to_value: '离休',
        effective_date: '2026-02-01',
        date_known: 1,
        nature: '变动',
        source: 'audit',
      },
    ]);
    // A death taken back: both changes become corrections.
    store.raw.prepare("update persons set status = '在册', status_date = null where id = 1").run();
    expect(rows().filter((r) => (r as { person_id: number }).person_id === 1)).toMatchObject([
      { to_value: '已故', nature: '更正' },
      { from_value: '已故', to_value: '在册', nature: '更正' },
    ]);
    // A file created as deceased: a change from 在册 at its date.
    insert.run(4, '丁', '丁', '退休', '已故', '2024-05');
    expect(rows().at(-1)).toMatchObject({ person_id: 4, to_value: '已故', effective_date: '2024-05', date_known: 1 });
    // Deleting a file deletes its history.
    store.raw.prepare('delete from persons where id = 4').run();
    expect(rows().some((r) => (r as { person_id: number }).person_id === 4)).toBe(false);
    await migrateTo('0018-privacy-records');
    expect(tables()).not.toContain('person_changes');
    store.raw.prepare("update persons set status = '迁出' where id = 3").run();
  });

  test('0026-hospital-stays: stays with ids never reused and their dates in order; visits say who led, who went, how a call went, which stay; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0025-lunar-birthdays');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '退休', '2026-01-02T10:00:00', '2026-01-02T10:00:00')",
      )
      .run();
    store.raw
      .prepare(
        "insert into visits (id, person_id, kind, date, created_at, created_by) values (1, 1, '电话问候', '2026-11-01', 'x', 'y')",
      )
      .run();
    await migrateTo('0026-hospital-stays');
    // A call recorded before keeps no outcome (and counts as contact, as it did).
    expect(store.raw.prepare('select call_outcome, stay_id, leader from visits').get()).toEqual({
      call_outcome: null,
      stay_id: null,
      leader: null,
    });
    const stay = store.raw.prepare(
      "insert into stays (person_id, hospital, admitted_on, discharged_on, news_source, created_at, created_by, updated_at) values (1, '市医院', '2026-11-20', ?, ?, 'x', 'y', 'x')",
    );
    expect(() => stay.run('2026-11-19', '家属来电')).toThrow(/CHECK/);
    expect(() => stay.run(null, '邻居')).toThrow(/CHECK/);
    const first = Number(stay.run(null, '医院').lastInsertRowid);
    expect(() => store.raw.prepare("update visits set call_outcome = '占线'").run()).toThrow(/CHECK/);
    store.raw.prepare("update visits set call_outcome = '未接通', stay_id = ? where id = 1").run(first);
    // Ids are never reused: the highest handed out is remembered.
    store.raw.prepare('update visits set stay_id = null').run();
    store.raw.prepare('delete from stays').run();
    expect(Number(stay.run(null, null).lastInsertRowid)).toBe(first + 1);
    await migrateTo('0025-lunar-birthdays');
    expect(tables()).not.toContain('stays');
    const columns = (store.raw.prepare('pragma table_info(visits)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('call_outcome');
    expect(columns).not.toContain('stay_id');
    expect(store.raw.prepare('select kind, date from visits').get()).toEqual({ kind: '电话问候', date: '2026-11-01' });
  });

  test('0029-party-dues: a base per member and year, decisions, a month paid once; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0025-lunar-birthdays');
    store.raw.exec(`
      insert into org_units (id, kind, name, created_at) values (3, '党支部', '第一党支部', 'x');
      insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '退休', 'x', 'x');`);
    await migrateTo('0029-party-dues');
    const base = store.raw.prepare(
      "insert into party_dues_bases (person_id, year, base_fen, dibao, source, confirmed_at, confirmed_by) values (1, ?, ?, ?, '录入', 'x', 'y')",
    );
    base.run(2026, 499999, 0);
    // A base is needed unless the member is on 低保; one per member and year.
    expect(() => base.run(2027, null, 0)).toThrow(/CHECK/);
    base.run(2027, null, 1);
    expect(() => base.run(2026, 500000, 0)).toThrow(/UNIQUE/);
    const reduction = store.raw.prepare(
      "insert into party_dues_reductions (person_id, kind, amount_fen, from_month, to_month, decided_on, decision, recorded_at, recorded_by) values (1, ?, ?, ?, ?, '2026-02-20', '支部大会决定', 'x', 'y')",
    );
    expect(() => reduction.run('免交', 1000, '2026-03', '2026-12')).toThrow(/CHECK/);
    expect(() => reduction.run('减交', null, '2026-03', '2026-12')).toThrow(/CHECK/);
    expect(() => reduction.run('减交', 1000, '2026-12', '2026-03')).toThrow(/CHECK/);
    expect(() => reduction.run('减交', 1000, '2026-3', '2026-12')).toThrow(/CHECK/);
    expect(reduction.run('减交', 1000, '2026-03', '2026-12').lastInsertRowid).toBe(1);
    const pay = store.raw.prepare(
      "insert into party_dues_payments (person_id, month, branch_id, due_fen, paid_fen, kind, paid_on, paid_by, proxy_name, recorded_at, recorded_by) values (1, ?, 3, 2500, 2500, '当月', '2026-01-10', ?, ?, 'x', 'y')",
    );
    pay.run('2026-01', '本人', null);
    expect(() => pay.run('2026-01', '本人', null)).toThrow(/UNIQUE/);
    expect(() => pay.run('2026-02', '代交', null)).toThrow(/CHECK/);
    expect(() => pay.run('2026-02', '本人', '乙')).toThrow(/CHECK/);
    expect(pay.run('2026-02', '代交', '乙').lastInsertRowid).toBe(2);
    // Ids are never reused (migration 0012).
    store.raw.prepare('delete from party_dues_payments where id = 2').run();
    expect(pay.run('2026-02', '代交', '乙').lastInsertRowid).toBe(3);
    await migrateTo('0025-lunar-birthdays');
    expect(tables().filter((t) => t.startsWith('party_dues'))).toEqual([]);
    expect(store.raw.prepare('select name from persons').all()).toEqual([{ name: '甲' }]);
  });

  test('0036-party-dues-span: every base keeps January to December; a month is a year and month; down keeps the bases', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0035-claim-period-persons');
    store.raw.exec(`
      insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '退休', 'x', 'x');
      insert into party_dues_bases (person_id, year, base_fen, dibao, source, confirmed_at, confirmed_by) values (1, 2026, 400000, 0, '录入', 'x', 'y');`);
    await migrateTo('0036-party-dues-span');
    expect(store.raw.prepare('select from_month, to_month from party_dues_bases').get()).toEqual({
      from_month: null,
      to_month: null,
    });
    const span = store.raw.prepare('update party_dues_bases set from_month = ?, to_month = ?');
    expect(() => span.run('2026-4', null)).toThrow(/CHECK/);
    expect(() => span.run(null, '四月')).toThrow(/CHECK/);
    span.run('2026-04', '2026-09');
    await migrateTo('0035-claim-period-persons');
    expect(store.raw.prepare('select year, base_fen from party_dues_bases').get()).toEqual({
      year: 2026,
      base_fen: 400000,
    });
  });

  test('0038-adjustment-raw-labels: runs kept have no tables and their rows keep their cells by label; down removes the column', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0037-adjustment-basis');
    store.raw.exec(`
      insert into adjustment_runs (id, year, file_name, file_sha256, rule, summary, imported_at, imported_by) values (1, 2026, 'a.xlsx', 'h', '{}', '{}', 'x', 'y');
      insert into adjustment_rows (id, run_id, sheet, row, outcome, issues, raw) values (1, 1, 'S', 3, 'unmatched', '[]', '{"姓名":"甲"}');`);
    await migrateTo('0038-adjustment-raw-labels');
    expect(store.raw.prepare('select tables from adjustment_runs').pluck().get()).toBeNull();
    expect(store.raw.prepare('select raw from adjustment_rows').pluck().get()).toBe('{"姓名":"甲"}');
    await migrateTo('0037-adjustment-basis');
    const columns = (store.raw.prepare('pragma table_info(adjustment_runs)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).not.toContain('tables');
    expect(store.raw.prepare('select count(*) from adjustment_rows').pluck().get()).toBe(1);
  });

  test('0037-adjustment-basis: rows kept keep their lines in words and have no basis; down removes the column, keeps the rows', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0036-party-dues-span');
    const words = JSON.stringify(['定额调整 50.00 元']);
    store.raw.exec(`
      insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '退休', 'x', 'x');
      insert into adjustment_runs (id, year, file_name, file_sha256, rule, summary, imported_at, imported_by) values (1, 2026, 'a.xlsx', 'h', '{}', '{}', 'x', 'y');
      insert into adjustment_rows (id, run_id, sheet, row, outcome, person_id, old_fen, expected_fen, breakdown, issues, raw)
        values (1, 1, 'S', 3, 'matched', 1, 400000, 19500, '${words}', '[]', '{}');`);
    await migrateTo('0037-adjustment-basis');
    expect(store.raw.prepare('select breakdown, basis from adjustment_rows').get()).toEqual({
      breakdown: words,
      basis: null,
    });
    store.raw
      .prepare('update adjustment_rows set basis = \'["退休","1950-03-15","2010-03",35,0]\', breakdown = null')
      .run();
    await migrateTo('0036-party-dues-span');
    expect(store.raw.prepare('select id, expected_fen from adjustment_rows').get()).toEqual({
      id: 1,
      expected_fen: 19500,
    });
    const columns = (store.raw.prepare('pragma table_info(adjustment_rows)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).not.toContain('basis');
  });

  test('0028-survivors: survivors linked to a file, the allowance periods stop after they start, checks once a year, ids never reused; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0025-lunar-birthdays');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, status, created_at, updated_at) values (1, '甲', '甲', '退休', '已故', 'x', 'x')",
      )
      .run();
    await migrateTo('0028-survivors');
    const survivor = store.raw.prepare(
      "insert into survivors (deceased_id, name, name_sort, relation, id_number, created_at, created_by, updated_at) values (?, '乙', '乙', '配偶', ?, 'x', 'y', 'x')",
    );
    expect(() => survivor.run(2, '1')).toThrow(/FOREIGN KEY/);
    survivor.run(1, '1');
    expect(() => survivor.run(1, '1')).toThrow(/UNIQUE/);
    const period = store.raw.prepare(
      "insert into survivor_allowances (survivor_id, start_month, stop_month, stop_reason, created_at, created_by) values (1, '2025-04', ?, ?, 'x', 'y')",
    );
    expect(() => period.run('2025-03', '再婚')).toThrow(/CHECK/);
    expect(() => period.run('2025-08', null)).toThrow(/CHECK/);
    expect(() => period.run('2025-08', '离家')).toThrow(/CHECK/);
    period.run('2025-08', '再婚');
    period.run(null, null);
    const check = store.raw.prepare(
      "insert into survivor_checks (survivor_id, year, checked_on, method, created_at, created_by) values (1, 2026, '2026-01-05', '上门', 'x', 'y')",
    );
    check.run();
    expect(() => check.run()).toThrow(/UNIQUE/);
    expect(() =>
      store.raw
        .prepare(
          "insert into survivor_allowance_standards (amount_fen, from_month, to_month, saved_at, saved_by) values (50000, '2025-07', '2025-06', 'x', 'y')",
        )
        .run(),
    ).toThrow(/CHECK/);
    // A survivor deleted takes its periods with it; its id is not handed out again.
    store.raw.prepare('delete from survivors where id = 1').run();
    expect(store.raw.prepare('select count(*) n from survivor_allowances').get()).toEqual({ n: 0 });
    survivor.run(1, '2');
    expect(store.raw.prepare('select id from survivors').get()).toEqual({ id: 2 });
    await migrateTo('0025-lunar-birthdays');
    expect(tables().filter((t) => t.startsWith('survivor'))).toEqual([]);
    expect(store.raw.prepare('select name from persons where id = 1').get()).toEqual({ name: '甲' });
  });

  test('0031-survivor-allowance-payments: a survivor’s month paid once, with its batch and a positive amount; down removes it', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0030-remote-residence');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, status, created_at, updated_at) values (1, '甲', '甲', '退休', '已故', 'x', 'x')",
      )
      .run();
    store.raw
      .prepare(
        "insert into survivors (id, deceased_id, name, name_sort, relation, id_number, created_at, created_by, updated_at) values (1, 1, '乙', '乙', '配偶', '1', 'x', 'y', 'x')",
      )
      .run();
    store.raw
      .prepare("insert into payment_batches (id, name, created_at, created_by) values (1, '7月', 'x', 'y')")
      .run();
    await migrateTo('0031-survivor-allowance-payments');
    const pay = store.raw.prepare(
      "insert into survivor_allowance_payments (survivor_id, month, amount_fen, batch_id, created_at, created_by) values (?, ?, ?, ?, 'x', 'y')",
    );
    expect(() => pay.run(1, '2025-7', 65050, 1)).toThrow(/CHECK/);
    expect(() => pay.run(1, '2025-07', 0, 1)).toThrow(/CHECK/);
    expect(() => pay.run(1, '2025-07', 65050, 2)).toThrow(/FOREIGN KEY/);
    expect(() => pay.run(2, '2025-07', 65050, 1)).toThrow(/FOREIGN KEY/);
    pay.run(1, '2025-07', 65050, 1);
    expect(() => pay.run(1, '2025-07', 65050, 1)).toThrow(/UNIQUE/);
    pay.run(1, '2025-08', 65050, 1);
    await migrateTo('0030-remote-residence');
    expect(tables()).not.toContain('survivor_allowance_payments');
    expect(store.raw.prepare('select name from survivors').get()).toEqual({ name: '乙' });
  });

  test('0030-remote-residence: the local contacts empty on every file, no contact marked 住在附近; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0025-lunar-birthdays');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, remote, remote_city, created_at, updated_at) values (1, '甲', '甲', '退休', 1, '北京市', '2026-01-02T10:00:00', '2026-01-02T10:00:00')",
      )
      .run();
    store.raw.prepare("insert into person_contacts (person_id, name) values (1, '乙')").run();
    await migrateTo('0030-remote-residence');
    expect(store.raw.prepare('select remote_unit, remote_community_phone, remote_police from persons').get()).toEqual({
      remote_unit: null,
      remote_community_phone: null,
      remote_police: null,
    });
    expect(store.raw.prepare('select nearby from person_contacts').get()).toEqual({ nearby: 0 });
    expect(() => store.raw.prepare('update person_contacts set nearby = 2').run()).toThrow(/CHECK/);
    // The list by city reads the index, not the whole table.
    const plan = store.raw
      .prepare(
        "explain query plan select id from persons where remote = 1 and remote_city = '北京市' order by name_sort",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('persons_remote_city');
    await migrateTo('0025-lunar-birthdays');
    const columns = (store.raw.prepare('pragma table_info(persons)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('remote_unit');
    expect(store.raw.prepare('select name from person_contacts').get()).toEqual({ name: '乙' });
  });

  test("0035-claim-period-persons: up keeps each person's approved lines per month and year; the triggers follow every write; down restores 0013's", async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0030-remote-residence');
    const insertPerson = store.raw.prepare(
      "insert into persons (name, name_sort, category, phones, status, review_flags, created_at, updated_at) values (?, 'x', ?, '[]', '在册', '[]', 't', 't')",
    );
    insertPerson.run('张三', '退休');
    insertPerson.run('李四', '退职');
    const claim = store.raw.prepare(
      "insert into claims (person_id, status, received_date, created_at, created_by, updated_at) values (?, '批准', '2025-03-01', 't', '王', 't')",
    );
    const line = store.raw.prepare(
      `insert into claim_lines (claim_id, person_id, seq, invoice_no, visit_date, year, kind, total_fen, fund_fen, account_fen, self_fen, eligible_fen, pay_fen, approved_on, category)
       values (?, ?, 1, ?, '2025-02-01', 2025, '门诊', 0, 0, 0, 0, 0, ?, ?, ?)`,
    );
    const add = (
      personId: number,
      no: string,
      pay: number | null,
      approvedOn: string | null,
      category: string | null,
    ) => line.run(Number(claim.run(personId).lastInsertRowid), personId, no, pay, approvedOn, category);
    add(1, 'A1', 500, '2025-03-02', '退休');
    add(1, 'A2', 8000, '2025-03-20', '退休');
    add(1, 'A3', -500, '2025-04-01', '退休');
    add(2, 'A4', 150, '2025-03-05', '退职');
    add(2, 'A5', null, null, null);
    // What the table must hold: the approved lines grouped, and the people counted from them.
    const fromLines = () =>
      store.raw
        .prepare(
          `select period, category, person_id, count(*) lines, coalesce(sum(pay_fen), 0) pay_fen from (
             select substr(approved_on, 1, 7) period, category, person_id, pay_fen from claim_lines where approved_on is not null
             union all select substr(approved_on, 1, 4), category, person_id, pay_fen from claim_lines where approved_on is not null)
           group by 1, 2, 3 order by 1, 2, 3`,
        )
        .all();
    const kept = () => store.raw.prepare('select * from claim_period_persons order by 1, 2, 3').all();
    const people = () => store.raw.prepare('select * from claim_period_people order by 1, 2').all();
    const peopleFromLines = () =>
      store.raw
        .prepare(
          `select period, category, count(*) people from (
             select distinct substr(approved_on, 1, 7) period, category, person_id from claim_lines where approved_on is not null
             union select distinct substr(approved_on, 1, 4), category, person_id from claim_lines where approved_on is not null)
           group by 1, 2 order by 1, 2`,
        )
        .all();
    await migrateTo('0035-claim-period-persons');
    expect(kept()).toEqual(fromLines());
    expect(kept()).toContainEqual({ period: '2025-03', category: '退休', person_id: 1, lines: 2, pay_fen: 8500 });
    expect(kept()).toContainEqual({ period: '2025', category: '退休', person_id: 1, lines: 3, pay_fen: 8000 });
    expect(people()).toEqual(peopleFromLines());
    // A line approved, moved to another month and category, another one removed: the figures follow.
    store.raw
      .prepare(
        "update claim_lines set pay_fen = 350, approved_on = '2025-05-09', category = '退职' where invoice_no = 'A5'",
      )
      .run();
    store.raw
      .prepare("update claim_lines set approved_on = '2025-06-01', category = '退职' where invoice_no = 'A2'")
      .run();
    store.raw.prepare("update claim_lines set pay_fen = 600 where invoice_no = 'A1'").run();
    store.raw.prepare("delete from claim_lines where invoice_no = 'A4'").run();
    expect(kept()).toEqual(fromLines());
    expect(people()).toEqual(peopleFromLines());
    expect(kept()).not.toContainEqual(expect.objectContaining({ period: '2025-03', person_id: 2 }));
    await migrateTo('0030-remote-residence');
    expect(tables()).not.toContain('claim_period_persons');
    // 0013's triggers are back and count the people again.
    add(2, 'A6', 100, '2025-07-01', '退职');
    store.raw.prepare("delete from claim_lines where invoice_no = 'A3'").run();
    expect(people()).toEqual(peopleFromLines());
  });

  test('0033-meetings: activities keep their rows, ids and counter and take the meeting kinds; staff, attachments, 学习通报 branches; down puts them back', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0030-remote-residence');
    const raw = store.raw;
    raw
      .prepare(
        "insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '退休', '2026-01-02T10:00:00', '2026-01-02T10:00:00')",
      )
      .run();
    raw
      .prepare(
        "insert into activities (id, kind, title, held_on, created_at, created_by) values (7, '学习会', '学习会', '2026-03-01', '2026-03-01T09:00:00', '王干事')",
      )
      .run();
    raw.prepare('insert into activity_people (activity_id, person_id, attended) values (7, 1, 1)').run();
    raw
      .prepare(
        "insert into study_materials (id, title, issued_on, activity_id, created_at, created_by) values (3, '资料', '2026-03-01', 7, '2026-03-01T09:00:00', '王干事')",
      )
      .run();
    // An activity handed out and removed since: its id is not handed out again.
    raw.prepare("update sqlite_sequence set seq = 9 where name = 'activities'").run();
    await migrateTo('0033-meetings');
    expect(raw.prepare('select id, kind, minutes from activities').all()).toEqual([
      { id: 7, kind: '学习会', minutes: null },
    ]);
    expect(raw.prepare('select count(*) as n from activity_people').get()).toEqual({ n: 1 });
    expect(raw.prepare('select kind, doc_no, activity_id from study_materials').get()).toEqual({
      kind: '学习资料',
      doc_no: null,
      activity_id: 7,
    });
    const meeting = raw
      .prepare(
        "insert into activities (kind, title, held_on, starts_at, created_at, created_by) values ('党员大会', '党员大会', '2026-04-01', '14:30', '2026-04-01T09:00:00', '王干事')",
      )
      .run();
    expect(Number(meeting.lastInsertRowid)).toBe(10);
    expect(() =>
      raw
        .prepare(
          "insert into activities (kind, title, held_on, created_at, created_by) values ('旅游', '秋游', '2026-04-01', '', '')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => raw.prepare("update activities set starts_at = '下午' where id = 10").run()).toThrow(/CHECK/);
    raw.prepare("insert into activity_staff (activity_id, name) values (10, '王干事')").run();
    expect(() => raw.prepare("insert into activity_staff (activity_id, name) values (10, '王干事')").run()).toThrow(
      /UNIQUE/,
    );
    raw
      .prepare(
        "insert into org_units (id, kind, name, created_at) values (5, '党支部', '第一党支部', '2026-01-01T00:00:00')",
      )
      .run();
    raw.prepare('insert into study_branch_deliveries (material_id, branch_id) values (3, 5)').run();
    expect(() =>
      raw.prepare("update study_branch_deliveries set sent_on = '2026-03-02' where material_id = 3").run(),
    ).toThrow(/CHECK/);
    expect(raw.prepare('pragma foreign_key_check').all()).toEqual([]);
    await migrateTo('0030-remote-residence');
    expect(raw.prepare('select id, kind from activities order by id').all()).toEqual([
      { id: 7, kind: '学习会' },
      { id: 10, kind: '其他' },
    ]);
    expect(tables()).not.toContain('activity_staff');
    expect(tables()).not.toContain('study_branch_deliveries');
    expect(raw.prepare('select count(*) as n from activity_people').get()).toEqual({ n: 1 });
  });

  test('0025-lunar-birthdays: every file keeps its birthday by the Gregorian calendar; a lunar day is stored as its month and day; down removes it', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0020-upward-fields');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '退休', '2026-01-02T10:00:00', '2026-01-02T10:00:00')",
      )
      .run();
    await migrateTo('0025-lunar-birthdays');
    expect(store.raw.prepare('select birthday_calendar, lunar_birthday from persons').get()).toEqual({
      birthday_calendar: '阳历',
      lunar_birthday: null,
    });
    store.raw.prepare("update persons set birthday_calendar = '阴历', lunar_birthday = '闰04-08'").run();
    expect(() => store.raw.prepare("update persons set lunar_birthday = '四月初八'").run()).toThrow(/CHECK/);
    expect(() => store.raw.prepare("update persons set birthday_calendar = '农历'").run()).toThrow(/CHECK/);
    await migrateTo('0020-upward-fields');
    const columns = (store.raw.prepare('pragma table_info(persons)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('lunar_birthday');
  });

  test('0027-hardship-aid: the five reasons to start with; an application kept whole (decision, amounts, payment); down removes it', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0025-lunar-birthdays');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '退休', '2026-01-02T10:00:00', '2026-01-02T10:00:00')",
      )
      .run();
    await migrateTo('0027-hardship-aid');
    expect(store.raw.prepare('select name, retired from aid_reasons order by id').all()).toEqual(
      ['大病', '孤寡', '子女下岗', '灾害', '节日'].map((name) => ({ name, retired: 0 })),
    );
    const insert = (set: string) =>
      store.raw
        .prepare(
          `insert into aid_applications (person_id, reason_id, applied_on, story, asked_fen, created_at, created_by, updated_at${set ? `, ${set.split('=')[0]}` : ''}) values (1, 1, '2026-03-01', '住院', 30000, 'x', 'y', 'x'${set ? `, ${set.split('=')[1]}` : ''})`,
        )
        .run();
    insert('');
    // A decision without its date and who made it, an amount granted above the amount asked, a grant without its paying body.
    expect(() => insert("decision='不批准'")).toThrow(/CHECK/);
    const decided = (granted: string, body: string) =>
      store.raw
        .prepare(
          `insert into aid_applications (person_id, reason_id, applied_on, story, asked_fen, decision, granted_fen, decided_on, decided_by, body, created_at, created_by, updated_at) values (1, 1, '2026-03-01', '住院', 30000, '部分批准', ${granted}, '2026-03-02', '赵', ${body}, 'x', 'y', 'x')`,
        )
        .run();
    expect(() => decided('30001', "'工会'")).toThrow(/CHECK/);
    expect(() => decided('20000', 'null')).toThrow(/CHECK/);
    expect(() => decided('20000', "'居委会'")).toThrow(/CHECK/);
    decided('20000', "'工会'");
    // Paid: only what was granted, with the day and who paid.
    expect(() =>
      store.raw.prepare("update aid_applications set paid_on = '2026-03-05', paid_by = '钱' where id = 1").run(),
    ).toThrow(/CHECK/);
    expect(() => store.raw.prepare("update aid_applications set paid_on = '2026-03-05' where id = 2").run()).toThrow(
      /CHECK/,
    );
    store.raw.prepare("update aid_applications set paid_on = '2026-03-05', paid_by = '钱' where id = 2").run();
    // Ids are never reused.
    store.raw.prepare('delete from aid_applications where id = 2').run();
    insert('');
    expect(store.raw.prepare('select max(id) n from aid_applications').get()).toEqual({ n: 3 });
    await migrateTo('0025-lunar-birthdays');
    expect(tables()).not.toContain('aid_applications');
    expect(tables()).not.toContain('aid_reasons');
  });

  test("0020-upward-fields: every file is counted, the ranks and unit natures are the tables' words; down removes the fields", async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0019-person-changes');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, created_at, updated_at) values (1, '甲', '甲', '离休', '2026-01-02T10:00:00', '2026-01-02T10:00:00')",
      )
      .run();
    await migrateTo('0020-upward-fields');
    expect(store.raw.prepare('select counted, rank, unit_nature, level from persons where id = 1').get()).toEqual({
      counted: 1,
      rank: null,
      unit_nature: null,
      level: null,
    });
    store.raw.prepare("update persons set rank = '副县处级', unit_nature = '企业' where id = 1").run();
    expect(() => store.raw.prepare("update persons set rank = '处级' where id = 1").run()).toThrow(/CHECK/);
    expect(() => store.raw.prepare("update persons set unit_nature = '国企' where id = 1").run()).toThrow(/CHECK/);
    expect(() => store.raw.prepare('update persons set counted = 2 where id = 1').run()).toThrow(/CHECK/);
    await migrateTo('0019-person-changes');
    const columns = (store.raw.prepare('pragma table_info(persons)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('rank');
    expect(columns).not.toContain('counted');
    expect(store.raw.prepare('select name from persons where id = 1').get()).toEqual({ name: '甲' });
  });

  test('0022-death-benefits: contribution months on the file, the parameters with the 2021 rule, the amounts in their own columns; down removes them', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    await migrateTo('0020-upward-fields');
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, contribution_years, created_at, updated_at) values (1, '甲', '甲', '退休', 28, '2026-01-02T10:00:00', '2026-01-02T10:00:00')",
      )
      .run();
    store.raw
      .prepare(
        "insert into deaths (person_id, died_on, registered_at, registered_by) values (1, '2026-11-20', '2026-11-21T09:00:00', '张三')",
      )
      .run();
    await migrateTo('0022-death-benefits');
    expect(store.raw.prepare('select contribution_years, contribution_months from persons where id = 1').get()).toEqual(
      {
        contribution_years: 28,
        contribution_months: null,
      },
    );
    store.raw.prepare('update persons set contribution_months = 9 where id = 1').run();
    expect(() => store.raw.prepare('update persons set contribution_months = 12 where id = 1').run()).toThrow(/CHECK/);
    expect(store.raw.prepare('select grp, province, from_date, rule from death_benefit_rules').all()).toEqual([
      {
        grp: '企业',
        province: '全国',
        from_date: '2021-09-01',
        rule: '{"kind":"standard2021","basis":"人社部发〔2021〕18号"}',
      },
    ]);
    expect(() =>
      store.raw
        .prepare(
          "insert into death_benefit_bases (province, year, base_fen, saved_at, saved_by) values ('山东', 2026, 0, 'x', 'y')",
        )
        .run(),
    ).toThrow(/CHECK/);
    const insert = store.raw.prepare(
      "insert into death_benefits (person_id, province, rule, inputs, funeral_fen, relief_fen, total_fen, formula, computed_at, computed_by) values (1, '山东', '{}', '{}', ?, ?, ?, '[]', 'x', 'y')",
    );
    expect(() => insert.run(563700, 5425613, 1)).toThrow(/CHECK/);
    insert.run(563700, 5425613, 5989313);
    // A death deleted takes its benefits with it.
    store.raw.prepare('delete from deaths where person_id = 1').run();
    expect(store.raw.prepare('select count(*) n from death_benefits').get()).toEqual({ n: 0 });
    await migrateTo('0020-upward-fields');
    expect(tables()).not.toContain('death_benefits');
    expect(tables()).not.toContain('death_benefit_rules');
    const columns = (store.raw.prepare('pragma table_info(persons)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('contribution_months');
    expect(store.raw.prepare('select contribution_years from persons where id = 1').get()).toEqual({
      contribution_years: 28,
    });
  });

  test('0016-search-rank-index: up adds the index a search ranks its hits by; down drops it', async () => {
    store = openStore(path.join(tempDir(), 'm.sqlite'));
    const rankIndex = () => store.raw.prepare("select sql from sqlite_master where name = 'persons_search_rank'").all();
    await migrateTo('0016-search-rank-index');
    expect(rankIndex()).toEqual([
      { sql: 'CREATE INDEX persons_search_rank ON persons (id, name_sort, status, category)' },
    ]);
    await migrateTo('0015-search-readings');
    expect(rankIndex()).toEqual([]);
  });

  test('0015-search-readings: every file waits to be indexed again; after start-up its new tokens answer', async () => {
    const file = path.join(tempDir(), 'm.sqlite');
    store = openStore(file);
    await migrateTo('0014-list-indexes');
    // A file as the index wrote it before: its surname as shan only.
    store.raw
      .prepare(
        "insert into persons (id, name, name_sort, category, created_at, updated_at) values (7, '单卫东', 'shan wei dong 单卫东', '退休', 'x', 'x')",
      )
      .run();
    store.raw
      .prepare(
        "insert into person_search (rowid, tokens) values (7, '单卫东 卫东 东 shanweidong weidong dong swd wd d')",
      )
      .run();
    store.close();
    const ctx = await AppContext.start({ dbPath: file, noAutomaticBackup: true });
    try {
      const dwd = () => listPersons(ctx.store, ListQuery.parse({ q: 'dwd' })).rows.map((r) => r.name);
      expect(ctx.store.raw.prepare('select person_id from person_search_pending').all()).toEqual([{ person_id: 7 }]);
      expect(dwd()).toEqual([]);
      // Written in the background, after start-up has returned.
      await expect
        .poll(() => ctx.store.raw.prepare('select count(*) as n from person_search_pending').get(), { timeout: 5000 })
        .toEqual({ n: 0 });
      expect(dwd()).toEqual(['单卫东']);
      expect(listPersons(ctx.store, ListQuery.parse({ q: 'swd' })).rows.map((r) => r.name)).toEqual(['单卫东']);
    } finally {
      ctx.close();
    }
    store = openStore(file);
    await migrateTo('0014-list-indexes');
    expect(store.raw.prepare("select name from sqlite_master where name = 'person_search_pending'").all()).toEqual([]);
  });
});
