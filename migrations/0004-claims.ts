// Medical-expense claims (药费报销): policy versions per year and person category, claims and their
// invoice lines, each person's running totals per year (E and R of the rule), payment batches,
// a claim's scans (attachments of the person naming the claim). Ledger imports share the imports
// table, told apart by its new `kind`.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A policy is never edited in place: each change is a new version, and an approved line keeps
  // the version it was computed under.
  await db.schema
    .createTable('claim_policies')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category IN ('离休','退休','退职')`))
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_policies_year').on('claim_policies').columns(['year', 'category', 'id']).execute();

  await db.schema
    .createTable('payment_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('待发放').check(sql`status IN ('待发放','已发放')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('paid_by', 'text')
    .execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('登记','审核','批准','已发放','退回')`))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('登记').check(sql`source IN ('登记','台账','冲销')`))
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
    // A reversal names the claim it undoes; the undone claim names its reversal and its correction.
    .addColumn('reversal_of', 'integer', (c) => c.references('claims.id'))
    .addColumn('reversed_by', 'integer', (c) => c.references('claims.id'))
    .addColumn('corrects', 'integer', (c) => c.references('claims.id'))
    .addColumn('approval_seq', 'integer', (c) => c.unique())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('batch_id', 'integer', (c) => c.references('payment_batches.id'))
    .addColumn('paid_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('claims_person').on('claims').columns(['person_id', 'id']).execute();
  await db.schema.createIndex('claims_status').on('claims').columns(['status', 'id']).execute();
  await db.schema.createIndex('claims_batch').on('claims').column('batch_id').execute();

  await db.schema
    .createTable('claim_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claims.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('invoice_code', 'text')
    .addColumn('invoice_no', 'text', (c) => c.notNull())
    .addColumn('hospital', 'text')
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('门诊','住院','特殊病种','药店')`))
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('fund_fen', 'integer', (c) => c.notNull())
    .addColumn('account_fen', 'integer', (c) => c.notNull())
    .addColumn('self_fen', 'integer', (c) => c.notNull())
    .addColumn('eligible_fen', 'integer', (c) => c.notNull())
    .addColumn('eligible_reason', 'text')
    // Set when the claim is approved (or recorded, for a ledger's history).
    .addColumn('policy_id', 'integer', (c) => c.references('claim_policies.id'))
    .addColumn('deductible_fen', 'integer')
    .addColumn('counted_fen', 'integer')
    .addColumn('ratio_bp', 'integer')
    .addColumn('pay_fen', 'integer')
    .addColumn('explanation', 'text')
    .addColumn('approved_on', 'text')
    // The person's category the line was computed under, for the reports.
    .addColumn('category', 'text')
    .execute();
  await db.schema.createIndex('claim_lines_claim').on('claim_lines').columns(['claim_id', 'seq']).execute();
  await db.schema.createIndex('claim_lines_person_year').on('claim_lines').columns(['person_id', 'year']).execute();
  await db.schema.createIndex('claim_lines_invoice').on('claim_lines').columns(['invoice_no', 'invoice_code']).execute();
  // Covering the reports by period: a month's figures are read from the index alone.
  await db.schema
    .createIndex('claim_lines_approved')
    .on('claim_lines')
    .columns(['approved_on', 'category', 'kind', 'eligible_fen', 'pay_fen', 'person_id'])
    .execute();

  // E and R of the rule, per person and year, kept with every approval and reversal.
  await db.schema
    .createTable('claim_year_totals')
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('eligible_fen', 'integer', (c) => c.notNull())
    .addColumn('reimbursed_fen', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('claim_year_totals_pk', ['person_id', 'year'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  // People near their cap: the year's totals from the threshold up, not every person's.
  await db.schema.createIndex('claim_year_totals_year').on('claim_year_totals').columns(['year', 'reimbursed_fen']).execute();

  // A claim's scans are the person's attachments that name the claim: one place for every scan.
  await db.schema.alterTable('attachments').addColumn('claim_id', 'integer').execute();
  await db.schema.createIndex('attachments_claim').on('attachments').column('claim_id').execute();

  await db.schema.alterTable('imports').addColumn('kind', 'text', (c) => c.notNull().defaultTo('roster')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('kind').execute();
  await db.schema.dropIndex('attachments_claim').execute();
  await db.schema.alterTable('attachments').dropColumn('claim_id').execute();
  for (const t of ['claim_year_totals', 'claim_lines', 'claims', 'payment_batches', 'claim_policies']) await db.schema.dropTable(t).execute();
}
