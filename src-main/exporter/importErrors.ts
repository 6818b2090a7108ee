// The error workbook of an import: every row that has a problem (or was rejected or excluded),
// with its cells as they were in the file, the problem cells coloured and commented, and the
// problems spelled out, so the office can correct its roster and import it again.
import type { RowIssue } from '../contract/imports';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { tableWorkbook, type TableColumn, type TableSheet } from '../documents/tableWorkbook';

const OUTCOME_WORDS: Record<string, string> = {
  inserted: '已新增',
  updated: '已更新',
  merged: '已合并',
  skipped: '已跳过',
  excluded: '未导入（排除）',
  rejected: '未导入（无法导入）',
};

export async function importErrorWorkbook(
  store: Store,
  importId: number,
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const imp = store.first(store.kysely.selectFrom('imports').select(['file_name']).where('id', '=', importId));
  if (!imp) throw new UserError('not_found', '没有找到这次导入');
  const rows = store
    .all(store.kysely.selectFrom('import_rows').selectAll().where('import_id', '=', importId).orderBy('id'))
    .map((r) => ({
      ...r,
      issues: JSON.parse(r.issues) as RowIssue[],
      raw: JSON.parse(r.raw) as Record<string, string>,
    }))
    .filter((r) => r.issues.length > 0 || r.outcome === 'rejected' || r.outcome === 'excluded');

  const sheets: TableSheet[] = [...new Set(rows.map((r) => r.sheet))].map((sheetName) => {
    const mine = rows.filter((r) => r.sheet === sheetName);
    // The file's own column labels are text from outside, like its cells.
    const labels = [...new Set(mine.flatMap((r) => Object.keys(r.raw)))];
    return {
      name: sheetName,
      columns: [
        { label: '原行号', kind: 'number', width: 8 },
        { label: '处理结果', kind: 'text', width: 16 },
        { label: '问题', kind: 'text', width: 50, wrap: true },
        ...labels.map((label): TableColumn => ({ label, kind: 'text', width: Math.max(10, label.length * 2 + 4) })),
      ],
      rows: mine.map((r) => [
        r.row,
        OUTCOME_WORDS[r.outcome] ?? r.outcome,
        r.issues.map((i) => i.message).join('；'),
        ...labels.map((l) => {
          const problems = r.issues.filter((i) => i.column === l).map((i) => i.message);
          return problems.length ? { value: r.raw[l] ?? '', problem: problems.join('；') } : (r.raw[l] ?? '');
        }),
      ]),
    };
  });
  if (sheets.length === 0)
    sheets.push({
      name: '说明',
      columns: [{ label: '说明', kind: 'text', width: 40 }],
      rows: [['这次导入没有需要核实的行。']],
    });
  const bytes = await tableWorkbook(sheets);
  const base = imp.file_name.replace(/\.(xlsx|xls|csv)$/i, '');
  return { fileName: `${base}-导入问题清单.xlsx`, bytes, rows: rows.length };
}
