// The contract of the annual pension adjustment check (调资核对): the year's rule, the agency's
// list imported and compared, the rows checked, the differences and notices.
import { z } from 'zod';
import { AdjustmentRule, SavedAdjustmentRule } from '../shared/adjustment';
import { type PrintableView, fileUpload, id, loadedRecord, method, reasonText, text } from './common';
import { ColumnMap, type ImportColumns } from './imports';

export interface AdjustmentRunView {
  id: number;
  year: number;
  fileName: string;
  importedAt: string;
  importedBy: string;
  /** The rule the rows were computed under. */
  rule: AdjustmentRule;
  counts: {
    dataRows: number;
    matched: number;
    unmatched: number;
    rejected: number;
    differs: number;
    noExpected: number;
    checked: number;
    skipped: number;
  };
  /** How the list's columns were recognised (the answer to an import, not kept with the run). */
  columns?: ImportColumns[];
}

export interface AdjustmentRowView {
  id: number;
  sheet: string;
  row: number;
  outcome: 'matched' | 'unmatched' | 'rejected';
  personId: number | null;
  idNumber: string | null;
  /** Where no ID number could be read from the row: its ID cell's text as the file has it (null: empty). */
  idTyped: string | null;
  name: string | null;
  oldFen: number | null;
  newFen: number | null;
  /** The increase the agency gave. */
  agencyFen: number | null;
  /** The increase the rule gives; null where the file lacks what it needs. */
  expectedFen: number | null;
  /** agency − expected. */
  diffFen: number | null;
  breakdown: string[];
  issues: { column: string; code: string; message: string }[];
  raw: Record<string, string>;
  checkedOn: string | null;
  checkedBy: string | null;
  checkNote: string | null;
}

const ADJUSTMENT_FILTERS = [
  'all',
  'differs',
  'unmatched',
  'rejected',
  'noExpected',
  'unchecked',
  'checked',
  'toCheck',
] as const;
const adjustmentYear = z.number().int().min(2000).max(2200);

export const adjustmentsMethods = {
  'adjustments.rule': method<{ rule: AdjustmentRule | null }>()(z.object({ year: adjustmentYear }), 'read'),
  'adjustments.saveRule': method<AdjustmentRule>()(
    z.object({ rule: SavedAdjustmentRule, loaded: loadedRecord(AdjustmentRule) }),
    'files.write',
  ),
  'adjustments.import': method<AdjustmentRunView>()(
    fileUpload(
      {
        year: adjustmentYear,
        fileName: z.string().trim().min(1).max(200),
        dryRun: z.boolean().default(false),
        map: ColumnMap.optional(),
      },
      100,
    ),
    'files.write',
  ),
  'adjustments.runs': method<AdjustmentRunView[]>()(z.object({ year: adjustmentYear }), 'read'),
  'adjustments.rows': method<{ total: number; rows: AdjustmentRowView[] }>()(
    z.object({
      runId: id,
      filter: z.enum(ADJUSTMENT_FILTERS).default('all'),
      page: z.number().int().min(1).default(1),
    }),
    'read',
  ),
  'adjustments.check': method<AdjustmentRowView>()(z.object({ id, note: text(200) }), 'files.write'),
  'adjustments.uncheck': method<AdjustmentRowView>()(
    z.object({ id, reason: reasonText('撤销核对的原因') }),
    'files.write',
  ),
  'adjustments.recompute': method<AdjustmentRunView>()(z.object({ runId: id }), 'files.write'),
  'adjustments.exportDiffs': method<{ fileName: string; rows: number; dataBase64: string }>()(
    z.object({ runId: id }),
    'files.export',
    { access: 'export', what: '导出调待差异表' },
  ),
  'adjustments.notices': method<PrintableView>()(
    z.object({ runId: id, rowIds: z.array(id).max(200_000).default([]) }),
    'read',
    { access: 'print', what: '打印调待通知' },
  ),
  'adjustments.ofPerson': method<(AdjustmentRowView & { year: number })[]>()(z.object({ personId: id }), 'read'),
} as const;
