// One field, one name (issue 16, item 4): the form, the history tab, an import's field names and the
// exported roster's column heads all read shared/fields, so none of them can drift from the others
// again (they had: 原单位/部门 on the form and in the history, 原单位 in the export, 原职务 there too).
import { describe, expect, test } from 'vitest';
import { auditFieldLabel } from '../src-main/audit/describe';
import { EXPORT_COLUMNS, type ExportColumn } from '../src-main/exporter/roster';
import { FIELD_LABELS, type PersonField } from '../src-main/shared/fields';
import { ROSTER_FIELD_NAMES, type ImportField } from '../src-main/shared/importFields';

/** Each export column's field of the file and its import field (the roster's 联系电话 is one column for all phones). */
const FIELD_OF: Partial<Record<ExportColumn, PersonField>> = { phone: 'phones' };
const IMPORT_OF: Partial<Record<ExportColumn, ImportField | null>> = { politicalStatus: null };

describe('a field is called the same everywhere', () => {
  test.each(Object.keys(EXPORT_COLUMNS) as ExportColumn[])(
    '%s: the export head, the import name, the form and the history',
    (column) => {
      const field = FIELD_OF[column] ?? (column as PersonField);
      const label = FIELD_LABELS[field];
      expect(EXPORT_COLUMNS[column].label).toBe(label);
      const importField = IMPORT_OF[column] === undefined ? (column as ImportField) : IMPORT_OF[column];
      if (importField) expect(ROSTER_FIELD_NAMES[importField]).toBe(label);
      expect(auditFieldLabel('person', field)).toBe(label);
    },
  );

  test('the office’s wording where the tables had drifted', () => {
    expect([
      EXPORT_COLUMNS.formerUnit.label,
      ROSTER_FIELD_NAMES.formerUnit,
      auditFieldLabel('person', 'formerUnit'),
    ]).toEqual(['原单位/部门', '原单位/部门', '原单位/部门']);
    expect([EXPORT_COLUMNS.formerPosition.label, ROSTER_FIELD_NAMES.formerPosition]).toEqual([
      '原职务/职称',
      '原职务/职称',
    ]);
  });
});
