// A historical claims ledger (药费报销台账, .xlsx/.xls/.csv) into the database: each row one invoice
// line with the amount that was really reimbursed, imported as a claim approved and paid, in the
// ledger's row order. Its amounts are history and are not recomputed, but they count in the
// person's E and R for the year. People are matched by ID number only (the roster comes first).
// One transaction; every source row is logged with its outcome and raw values.
import { createHash } from 'node:crypto';
import type { LedgerImportReport } from '../contract/claims';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { readSource } from '../spreadsheet/sources';
import type { TableShape } from '../importer/columns';
import { LEDGER, LEDGER_FIELD_NAMES, type LedgerField } from '../importer/grammar';
import { bothTaught, teach } from '../importer/recognise';
import { findTables, personByIdCell, rememberedTaught, rememberTable } from '../importer/table';
import { rawCells, tableRowKind } from '../spreadsheet/tables';
import { cellText, parseDateCell } from '../spreadsheet/cells';
import { currentOperator } from '../settings/settings';
import { LINE_KINDS, type LineKind } from '../shared/lineKinds';
import { isValidIsoDate } from '../shared/dates';
import { UserError } from '../shared/errors';
import { fenFromCell, formatYuan } from '../shared/money';
import { claimHoldingInvoice, nextApprovalSeq, setYearTotals, yearTotals } from './claims';

const REQUIRED: LedgerField[] = ['idNumber', 'visitDate', 'kind', 'invoiceNo', 'eligible', 'paid'];
const LABELS = LEDGER_FIELD_NAMES;
const SHAPE: TableShape<LedgerField> = { grammar: LEDGER, required: REQUIRED, minFields: REQUIRED.length };

export interface LedgerOptions {
  dryRun?: boolean;
  /** `{ "表头文字": "字段名" }`: the CLI's --map, or the columns the user set in the mapping step. */
  map?: Record<string, string | null>;
}

interface Issue {
  column: string;
  code: string;
  message: string;
}

export async function importLedger(
  store: Store,
  bytes: Buffer,
  fileName: string,
  options: LedgerOptions = {},
): Promise<LedgerImportReport> {
  const book = await readSource(bytes, fileName);
  const told = options.map ? teach(LEDGER, options.map, '按指定的对应', '列的对应') : undefined;
  const { tables: sheets, columns } = findTables(book.sheets, SHAPE, (s) =>
    bothTaught(told, rememberedTaught(store, 'ledger', s.rows, LEDGER_FIELD_NAMES)),
  );
  // A trial of a ledger that lacks a required column answers with its columns and what is
  // missing (nothing read), for the mapping step; an import is refused.
  if (sheets.length === 0 && !(options.dryRun && columns.length > 0)) {
    throw new UserError(
      'no_header',
      `在“${fileName}”中没有找到报销台账的表头：需要 ${REQUIRED.map((f) => LABELS[f]).join('、')} 各列（表头写法不同时，可用 --map 指定各列对应的字段）`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const run = (): LedgerImportReport => {
    const now = nowIso();
    const operator = currentOperator(store);
    const importId = options.dryRun
      ? null
      : Number(
          store
            .prepare(
              "INSERT INTO imports (file_name, file_sha256, format, at, operator, summary, kind) VALUES (?, ?, ?, ?, ?, '{}', 'ledger')",
            )
            .run(fileName, sha256, book.format, now, operator).lastInsertRowid,
        );
    const report: LedgerImportReport = {
      importId,
      file: fileName,
      dataRows: 0,
      inserted: 0,
      rejected: 0,
      rows: [],
      columns,
    };
    const usedInFile = new Set<string>();
    for (const { sheet, header } of sheets) {
      const h = header;
      for (let r = h.row + 1; r < sheet.rows.length; r++) {
        const row = sheet.rows[r];
        const cell = (f: LedgerField) => (h.columns.has(f) ? (row[h.columns.get(f)!] ?? null) : null);
        const raw = rawCells(row, h.labels);
        const log = (outcome: string, personId: number | null, issues: Issue[]) => {
          if (importId !== null) {
            store
              .prepare(
                'INSERT INTO import_rows (import_id, sheet, row, outcome, person_id, raw, issues) VALUES (?, ?, ?, ?, ?, ?, ?)',
              )
              .run(importId, sheet.name, r + 1, outcome, personId, JSON.stringify(raw), JSON.stringify(issues));
          }
        };
        const rowKind = tableRowKind(row);
        if (rowKind !== 'data') {
          log(rowKind, null, []);
          continue;
        }
        report.dataRows++;
        const issues: Issue[] = [];
        const problem = (f: LedgerField, code: string, message: string) =>
          issues.push({ column: LABELS[f], code, message });
        const name = cellText(cell('name'));
        let personId: number | null = null;
        const match = personByIdCell(store, cell('idNumber'));
        if ('problem' in match)
          problem(
            'idNumber',
            match.code,
            match.code === 'person_unknown' ? `${match.problem}，请先导入花名册` : match.problem,
          );
        else if (name && name.replace(/\s/g, '') !== match.name)
          problem('name', 'name_mismatch', `姓名“${name}”与档案中的“${match.name}”不符`);
        else personId = match.id;
        const date = parseDateCell(cell('visitDate'), book.date1904);
        if (!date.value || !isValidIsoDate(date.value))
          problem('visitDate', 'date', date.problem ?? '就医日期须是完整的日期');
        const kind = cellText(cell('kind'))?.replace(/\s/g, '') ?? '';
        if (!(LINE_KINDS as readonly string[]).includes(kind))
          problem('kind', 'kind', `费用类别“${kind}”不是门诊、住院、特殊病种或药店`);
        const invoiceNo = cellText(cell('invoiceNo'))?.trim() ?? '';
        const invoiceCode = cellText(cell('invoiceCode'))?.trim() || null;
        if (!invoiceNo) problem('invoiceNo', 'invoice', '缺少票据号');
        const amount = (f: LedgerField, fallback: number | null): number => {
          const v = cell(f);
          if ((v === null || v === '') && fallback !== null) return fallback;
          try {
            const fen = fenFromCell(v);
            if (fen < 0) problem(f, 'amount', `${LABELS[f]}不能为负数`);
            return fen;
          } catch (e) {
            problem(f, 'amount', `${LABELS[f]}：${(e as Error).message}`);
            return 0;
          }
        };
        const eligible = amount('eligible', null);
        const paid = amount('paid', null);
        const self = amount('self', eligible);
        const fund = amount('fund', 0);
        const account = amount('account', 0);
        const total = amount('total', fund + account + self);
        if (paid > eligible)
          problem('paid', 'amount', `实报金额 ${formatYuan(paid)} 超过符合报销金额 ${formatYuan(eligible)}`);
        const key = `${invoiceCode ?? ''}|${invoiceNo}`;
        if (invoiceNo && usedInFile.has(key))
          problem('invoiceNo', 'duplicate_invoice', `票据 ${invoiceNo} 在台账中出现了两次`);
        if (invoiceNo) {
          const used = claimHoldingInvoice(store, invoiceNo, invoiceCode, null);
          if (used)
            problem('invoiceNo', 'duplicate_invoice', `票据 ${invoiceNo} 已用于第 ${used.id} 号报销单，不能重复报销`);
        }
        if (issues.length > 0 || personId === null || !date.value) {
          report.rejected++;
          report.rows.push({ row: r + 1, outcome: 'rejected', name, issues });
          log('rejected', personId, issues);
          continue;
        }
        usedInFile.add(key);
        report.inserted++;
        report.rows.push({ row: r + 1, outcome: 'inserted', name, issues });
        if (options.dryRun) continue;
        const year = Number(date.value.slice(0, 4));
        const claimId = Number(
          store
            .prepare(
              `INSERT INTO claims (person_id, status, source, received_date, note, import_id, approval_seq, approved_at, approved_by, paid_at, created_at, created_by, updated_at)
               VALUES (?, '已发放', '台账', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              personId,
              date.value,
              `台账“${fileName}”第 ${r + 1} 行`,
              importId,
              nextApprovalSeq(store),
              now,
              operator,
              now,
              now,
              operator,
              now,
            ).lastInsertRowid,
        );
        store
          .prepare(
            `INSERT INTO claim_lines (claim_id, person_id, seq, invoice_code, invoice_no, hospital, visit_date, year, kind, total_fen, fund_fen, account_fen,
               self_fen, eligible_fen, pay_fen, explanation, approved_on, category)
             VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT category FROM persons WHERE id = ?))`,
          )
          .run(
            claimId,
            personId,
            invoiceCode,
            invoiceNo,
            cellText(cell('hospital')),
            date.value,
            year,
            kind as LineKind,
            total,
            fund,
            account,
            self,
            eligible,
            paid,
            `台账记录：实报 ${formatYuan(paid)} 元（历史金额，未重新计算）`,
            date.value,
            personId,
          );
        const t = yearTotals(store, personId, year);
        setYearTotals(store, personId, year, {
          eligibleFen: t.eligibleFen + eligible,
          reimbursedFen: t.reimbursedFen + paid,
        });
        writeAudit(store, {
          entity: 'claim',
          entityId: claimId,
          personId,
          action: 'create',
          before: null,
          after: { source: '台账', visitDate: date.value, kind, invoiceNo, eligibleFen: eligible, payFen: paid },
          reason: `导入报销台账“${fileName}”`,
        });
        log('inserted', personId, []);
      }
    }
    if (importId !== null) {
      // A mapping the user gave is remembered for ledgers with the same header.
      if (told) for (const { header } of sheets) rememberTable(store, 'ledger', header);
      const { rows: _rows, columns: _columns, ...counts } = report;
      store.prepare('UPDATE imports SET summary = ? WHERE id = ?').run(JSON.stringify(counts), importId);
    }
    return report;
  };
  return options.dryRun ? run() : store.tx(run);
}
