// The Kysely view of the database, as the migrations leave it.
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface OrgUnitsTable {
  id: Generated<number>;
  kind: string;
  name: string;
  parent_id: number | null;
  leader: string | null;
  phone: string | null;
  note: string | null;
  sort: Generated<number>;
  created_at: string;
  leader_person_id: number | null;
}

export interface PlaceUnitsTable {
  id: Generated<number>;
  area: string;
  building: Generated<string>;
  leader_person_id: number | null;
  leader: string | null;
  phone: string | null;
  note: string | null;
}

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  name_sort: string;
  gender: string | null;
  ethnicity: string | null;
  birth_date: string | null;
  id_number: string | null;
  id_from15: Generated<number>;
  category: string;
  staff_type: string | null;
  work_start_date: string | null;
  retirement_date: string | null;
  former_unit: string | null;
  former_position: string | null;
  political_status: string | null;
  party_branch_id: number | null;
  party_group_id: number | null;
  admin_group_id: number | null;
  admin_subgroup_id: number | null;
  health: string | null;
  living: string | null;
  care_alone_childless: Generated<number>;
  care_disability: string | null;
  care_hardship: Generated<number>;
  care_empty_nest: Generated<number>;
  remote: Generated<number>;
  remote_city: string | null;
  contribution_years: number | null;
  remote_area: Generated<number>;
  phones: Generated<string>;
  address: string | null;
  postcode: string | null;
  area: string | null;
  building: string | null;
  community: string | null;
  bank_name: string | null;
  bank_account: string | null;
  status: Generated<string>;
  status_date: string | null;
  note: string | null;
  review_flags: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PersonContactsTable {
  id: Generated<number>;
  person_id: number;
  name: string;
  relation: string | null;
  phones: Generated<string>;
  address: string | null;
  emergency: Generated<number>;
  note: string | null;
  sort: Generated<number>;
}

export interface AttachmentsTable {
  id: Generated<number>;
  person_id: number;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  note: string | null;
  added_at: string;
  added_by: string;
  /** The claim the scan belongs to, if any. */
  claim_id: Generated<number | null>;
}

export interface AttachmentDataTable {
  attachment_id: number;
  data: Buffer;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  operator: string;
  entity: string;
  entity_id: number;
  person_id: number | null;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface ImportsTable {
  id: Generated<number>;
  file_name: string;
  file_sha256: string;
  format: string;
  at: string;
  operator: string;
  summary: string;
  audit_mark: Generated<number>;
  undone_at: string | null;
  undone_by: string | null;
  /** 'roster' or 'ledger' (a claims ledger). */
  kind: Generated<string>;
}

export interface ImportRowsTable {
  id: Generated<number>;
  import_id: number;
  sheet: string;
  row: number;
  outcome: string;
  person_id: number | null;
  raw: string;
  issues: Generated<string>;
  before: string | null;
  after: string | null;
}

export interface ImportMappingsTable {
  signature: string;
  fields: string;
  updated_at: string;
}

export interface ImportValueMapsTable {
  field: string;
  source: string;
  target: string;
}

export interface ClaimPoliciesTable {
  id: Generated<number>;
  year: number;
  category: string;
  rules: string;
  note: string | null;
  created_at: string;
  operator: string;
}

export interface PaymentBatchesTable {
  id: Generated<number>;
  name: string;
  status: Generated<string>;
  created_at: string;
  created_by: string;
  paid_at: string | null;
  paid_by: string | null;
}

export interface ClaimsTable {
  id: Generated<number>;
  person_id: number;
  status: string;
  source: Generated<string>;
  received_date: string;
  note: string | null;
  return_reason: string | null;
  import_id: number | null;
  reversal_of: number | null;
  reversed_by: number | null;
  corrects: number | null;
  approval_seq: number | null;
  approved_at: string | null;
  approved_by: string | null;
  batch_id: number | null;
  paid_at: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  version: Generated<number>;
}

export interface ClaimLinesTable {
  id: Generated<number>;
  claim_id: number;
  person_id: number;
  seq: number;
  invoice_code: string | null;
  invoice_no: string;
  hospital: string | null;
  visit_date: string;
  year: number;
  kind: string;
  total_fen: number;
  fund_fen: number;
  account_fen: number;
  self_fen: number;
  eligible_fen: number;
  eligible_reason: string | null;
  policy_id: number | null;
  deductible_fen: number | null;
  counted_fen: number | null;
  ratio_bp: number | null;
  pay_fen: number | null;
  explanation: string | null;
  approved_on: string | null;
  category: string | null;
}

export interface ClaimYearTotalsTable {
  person_id: number;
  year: number;
  eligible_fen: number;
  reimbursed_fen: number;
}

/** The claims report's figures per month of approval, kept by triggers on claim_lines (migration 0013). */
export interface ClaimMonthTotalsTable {
  month: string;
  category: string;
  kind: string;
  lines: number;
  eligible_fen: number;
  pay_fen: number;
}

/** People with approved lines per period ('YYYY-MM' or 'YYYY') and category, kept by the same triggers. */
export interface ClaimPeriodPeopleTable {
  period: string;
  category: string;
  people: number;
}

export interface VisitBatchesTable {
  id: Generated<number>;
  name: string;
  kind: string;
  date: string;
  money_fen: Generated<number>;
  items: string | null;
  visitors: string | null;
  query: string;
  created_at: string;
  created_by: string;
}

export interface VisitsTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  date: string;
  visitors: string | null;
  money_fen: Generated<number>;
  items: string | null;
  note: string | null;
  follow_up_on: string | null;
  follow_up_done_at: string | null;
  batch_id: number | null;
  created_at: string;
  created_by: string;
}

export interface DeathsTable {
  person_id: number;
  died_on: string;
  reported_by: string | null;
  note: string | null;
  registered_at: string;
  registered_by: string;
}

export interface DeathTasksTable {
  id: Generated<number>;
  person_id: number;
  task: string;
  amount_fen: number | null;
  done_on: string | null;
  done_by: string | null;
  note: string | null;
}

export interface LetterTemplatesTable {
  kind: string;
  title: string;
  salutation: string;
  body: string;
  closing: string;
  date_style: string;
  address_form: string;
  updated_at: string;
  updated_by: string;
}

export interface LetterPrefsTable {
  person_id: number;
  address_form: string;
}

export interface LettersLogTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  title: string;
  printed_at: string;
  printed_by: string;
  batch: string | null;
}

export interface PetitionsTable {
  id: Generated<number>;
  received_on: string;
  channel: string;
  person_id: number | null;
  petitioner: string;
  relation: string | null;
  phone: string | null;
  subject: string;
  content: string;
  handler: string | null;
  status: string;
  accepted_on: string | null;
  rejected_reason: string | null;
  extension_days: number | null;
  extension_reason: string | null;
  concluded_on: string | null;
  result: string | null;
  satisfaction: string | null;
  created_at: string;
  created_by: string;
  version: Generated<number>;
}

export interface CertificationsTable {
  id: Generated<number>;
  person_id: number;
  year: number;
  certified_on: string;
  method: string;
  visit_id: number | null;
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface AdjustmentRulesTable {
  year: number;
  rule: string;
  saved_at: string;
  saved_by: string;
}

export interface AdjustmentRunsTable {
  id: Generated<number>;
  year: number;
  file_name: string;
  file_sha256: string;
  rule: string;
  summary: string;
  imported_at: string;
  imported_by: string;
}

export interface AdjustmentRowsTable {
  id: Generated<number>;
  run_id: number;
  sheet: string;
  row: number;
  outcome: string;
  person_id: number | null;
  id_number: string | null;
  name: string | null;
  old_fen: number | null;
  new_fen: number | null;
  agency_fen: number | null;
  expected_fen: number | null;
  breakdown: string | null;
  differs: Generated<number>;
  issues: string;
  raw: string;
  checked_on: string | null;
  checked_by: string | null;
  check_note: string | null;
}

export interface ActivitiesTable {
  id: Generated<number>;
  kind: string;
  title: string;
  held_on: string;
  place: string | null;
  organiser: string | null;
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface ActivityPeopleTable {
  activity_id: number;
  person_id: number;
  invited: Generated<number>;
  attended: Generated<number>;
}

export interface StudyMaterialsTable {
  id: Generated<number>;
  title: string;
  issued_on: string;
  activity_id: number | null;
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface StudyDeliveriesTable {
  material_id: number;
  person_id: number;
  received_on: string;
  how: string;
  visit_id: number | null;
  recorded_by: string;
}

export interface PetitionAttachmentsTable {
  id: Generated<number>;
  petition_id: number;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  added_at: string;
  added_by: string;
}

export interface Database {
  settings: SettingsTable;
  org_units: OrgUnitsTable;
  persons: PersonsTable;
  person_contacts: PersonContactsTable;
  attachments: AttachmentsTable;
  attachment_data: AttachmentDataTable;
  audit_log: AuditLogTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  import_mappings: ImportMappingsTable;
  import_value_maps: ImportValueMapsTable;
  claim_policies: ClaimPoliciesTable;
  payment_batches: PaymentBatchesTable;
  claims: ClaimsTable;
  claim_lines: ClaimLinesTable;
  claim_year_totals: ClaimYearTotalsTable;
  claim_month_totals: ClaimMonthTotalsTable;
  claim_period_people: ClaimPeriodPeopleTable;
  visit_batches: VisitBatchesTable;
  visits: VisitsTable;
  deaths: DeathsTable;
  death_tasks: DeathTasksTable;
  letter_templates: LetterTemplatesTable;
  letter_prefs: LetterPrefsTable;
  letters_log: LettersLogTable;
  petitions: PetitionsTable;
  certifications: CertificationsTable;
  adjustment_rules: AdjustmentRulesTable;
  adjustment_runs: AdjustmentRunsTable;
  adjustment_rows: AdjustmentRowsTable;
  place_units: PlaceUnitsTable;
  activities: ActivitiesTable;
  activity_people: ActivityPeopleTable;
  study_materials: StudyMaterialsTable;
  study_deliveries: StudyDeliveriesTable;
  petition_attachments: PetitionAttachmentsTable;
}
