// Columns that lists share: the sequence number, and a field of a retiree's file, headed and
// written as the field table (shared/fields) says, so a payment list, a contact sheet and the
// roster call 身份证号 the same and all keep it as text.
import { PERSON_FIELDS, type FieldDef, type FieldKind, type PersonField } from '../shared/fields';
import type { ColumnKind, TableColumn } from './tableWorkbook';

/** How a field's kind goes out in a column: numbers kept as text stay text, whole years are numbers. */
const COLUMN_KIND: Record<FieldKind, ColumnKind> = {
  text: 'text',
  id: 'id',
  date: 'date',
  years: 'number',
  months: 'number',
  bool: 'text',
  choice: 'text',
  unit: 'text',
  phones: 'id',
  contacts: 'text',
  list: 'text',
  file: 'text',
};

/** 序号: the row's number in the list. */
export const SEQ_COLUMN: TableColumn = { label: '序号', kind: 'number', width: 6 };

/** A column that shows a field of the file; its choices come along for a sheet to fill in. */
export function fieldColumn(field: PersonField, width?: number): TableColumn {
  const f: FieldDef = PERSON_FIELDS[field];
  return {
    label: f.label,
    kind: COLUMN_KIND[f.kind],
    ...(width === undefined ? {} : { width }),
    ...(f.choices ? { choices: f.choices } : {}),
  };
}
