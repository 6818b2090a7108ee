// The error workbook of an import: every row that has a problem (or was rejected or excluded),
// with its cells as they were in the file, the problem cells coloured and commented, and the
// problems spelled out, so the office can correct its roster and import it again.
import ExcelJS from 'exceljs';
import type { RowIssue } from '../api/contract';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { addTableRow, tableSheetName } from '../documents/tableWorkbook';

const OUTCOME_WORDS: Record<string, string> = {
  inserted: '已新增',
  updated: '已更新',
  merged: '已合并',
  skipped: '已跳过',
  excluded: '未导入（排除）',
  rejected: '未导入（无法导入）',
};

export async function importErrorWorkbook(store: Store, importId: number): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const imp = store.first(store.kysely.selectFrom('imports').select(['file_name']).where('id', '=', importId));
  if (!imp) throw new UserError('not_found', '没有找到这次导入');
  const rows = store
    .all(store.kysely.selectFrom('import_rows').selectAll().where('import_id', '=', importId).orderBy('id'))
    .map((r) => ({ ...r, issues: JSON.parse(r.issues) as RowIssue[], raw: JSON.parse(r.raw) as Record<string, string> }))
    .filter((r) => r.issues.length > 0 || r.outcome === 'rejected' || r.outcome === 'excluded');

  const wb = new ExcelJS.Workbook();
  const sheetNames = new Set<string>();
  for (const sheetName of [...new Set(rows.map((r) => r.sheet))]) {
    const mine = rows.filter((r) => r.sheet === sheetName);
    const labels = [...new Set(mine.flatMap((r) => Object.keys(r.raw)))];
    const ws = wb.addWorksheet(tableSheetName(sheetName, sheetNames), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [{ width: 8 }, { width: 16 }, { width: 50 }, ...labels.map((l) => ({ width: Math.max(10, l.length * 2 + 4), style: { numFmt: '@' } }))];
    // The file's own column labels are text from outside, like its cells.
    addTableRow(ws, ['原行号', '处理结果', '问题', ...labels]).font = { bold: true };
    for (const r of mine) {
      const row = addTableRow(ws, [r.row, OUTCOME_WORDS[r.outcome] ?? r.outcome, r.issues.map((i) => i.message).join('；'), ...labels.map((l) => r.raw[l] ?? '')]);
      row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
      for (const issue of r.issues) {
        const c = labels.indexOf(issue.column);
        if (c < 0) continue;
        const cell = row.getCell(c + 4);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD8A8' } };
        cell.note = issue.message;
      }
    }
  }
  if (rows.length === 0) addTableRow(wb.addWorksheet('说明'), ['这次导入没有需要核实的行。']);
  const base = imp.file_name.replace(/\.(xlsx|xls|csv)$/i, '');
  return { fileName: `${base}-导入问题清单.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}
