// @vitest-environment happy-dom
// The mapping step of the claims ledger against the real router on a real SQLite file: the trial
// run shows each column with its field and why (类型甲, a header the grammar does not know, is the
// kind by its values); a column nothing placed (看病地方) is mapped to 医疗机构, the trial is run again
// with that mapping, and 导入 sends the same mapping: the lines go in with their hospitals and
// kinds, and the mapping is remembered for ledgers with the same header.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerImportReport } from '../../../src-main/contract/claims';
import { IMPORT_PROCESS } from '../../../src-main/app/context';
import { forkLauncher } from '../../../src-main/jobs/launcher';
import { createPerson } from '../../../src-main/retirees/persons';
import { checkCharacter } from '../../../src-main/shared/idNumber';
import { person } from '../../../tests/helpers';
import { officeForEachTest, render } from '../../kit/test-utils';
import { LedgerImport } from '../../pages/claims/ClaimsList';

// The import runs in a child process, whose files the test names itself (see ColumnsStep.test.tsx).
const src = path.resolve(import.meta.dirname, '../../../src-main');
const launcher = forkLauncher(
  { [IMPORT_PROCESS]: path.join(src, 'app/importProcess.ts') },
  path.join(src, 'jobs/child-boot.mjs'),
);

const office = officeForEachTest({ launcher });
const ZHANG = '21010219521005122' + checkCharacter('21010219521005122');
const HEADER = ['姓名', '身份证号', '就医日期', '类型甲', '票据号', '符合报销金额', '实报金额', '看病地方'];

async function ledger(): Promise<File> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRows([
    HEADER,
    ['张桂兰', ZHANG, '2025-03-01', '住院', 'A1', 100, 60, '市中心医院'],
    ['张桂兰', ZHANG, '2025-04-01', '门诊', 'A2', 50, 30, '区医院'],
  ]);
  return new File([new Uint8Array(await wb.xlsx.writeBuffer())], '2025年台账.xlsx');
}

/** Opens a Mantine Select by its label and picks an option from its own list. */
async function choose(label: string, option: string) {
  const input = screen.getByLabelText(label, { selector: 'input' });
  fireEvent.click(input);
  const listbox = await waitFor(() => document.getElementById(input.getAttribute('aria-controls') ?? '')!);
  fireEvent.click(await within(listbox).findByRole('option', { name: option, hidden: true }));
}

describe('the mapping step of the ledger import', () => {
  it('shows each column with its field and why, re-runs the trial with a column mapped, and imports with that mapping', async () => {
    createPerson(office.ctx().store, person({ name: '张桂兰', idNumber: ZHANG, retirementDate: '2007-10' }), {
      acceptWarnings: true,
    });
    const { container } = render(<LedgerImport />);
    fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [await ledger()] } });

    await screen.findByText('试导入“2025年台账.xlsx”（尚未写入）', undefined, { timeout: 10_000 });
    const select = (c: string) => screen.getByLabelText(`第${c}列对应字段`, { selector: 'input' }) as HTMLInputElement;
    expect(screen.getByText('类型甲')).toBeTruthy();
    expect(select('D').value).toBe('费用类别');
    expect(screen.getByText('按内容判断：100% 为门诊/住院/特殊病种/药店')).toBeTruthy();
    expect(screen.getByText('按表头：身份证号')).toBeTruthy();
    expect(select('H').value).toBe('不导入此列');
    expect(screen.getByText('未能识别：内容记入备注，标为待核实')).toBeTruthy();

    await choose('第H列对应字段', '医疗机构');
    expect(await screen.findByText('按指定的对应：医疗机构', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(select('H').value).toBe('医疗机构');
    expect(screen.getByText(/可导入 2，不能导入 0/)).toBeTruthy();
    // Nothing is written by a trial.
    expect(office.ctx().store.raw.prepare('SELECT count(*) AS n FROM claim_lines').get()).toEqual({ n: 0 });

    fireEvent.click(screen.getByRole('button', { name: '导入 2 条' }));
    await waitFor(() => expect(screen.queryByText(/试导入/)).toBeNull(), { timeout: 10_000 });
    expect(office.ctx().store.raw.prepare('SELECT kind, hospital FROM claim_lines ORDER BY id').all()).toEqual([
      { kind: '住院', hospital: '市中心医院' },
      { kind: '门诊', hospital: '区医院' },
    ]);

    // The mapping given is remembered for ledgers with the same header.
    const again = await office.call<LedgerImportReport>('claims.importLedger', {
      fileName: '2026年台账.xlsx',
      dataBase64: Buffer.from(await (await ledger()).arrayBuffer()).toString('base64'),
      dryRun: true,
    });
    expect(again.columns?.[0].fields[7]).toBe('hospital');
  });

  it('a ledger whose invoice-number column neither its header nor its values name: the trial shows the columns with 票据号 missing, the clerk picks the column, and it imports', async () => {
    createPerson(office.ctx().store, person({ name: '张桂兰', idNumber: ZHANG, retirementDate: '2007-10' }), {
      acceptWarnings: true,
    });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRows([
      ['姓名', '身份证号', '就医日期', '费用类别', '收据号', '符合报销金额', '实报金额'],
      ['张桂兰', ZHANG, '2025-03-01', '住院', 'S-01', 100, 60],
      ['张桂兰', ZHANG, '2025-04-01', '门诊', 'S-02', 50, 30],
    ]);
    const file = new File([new Uint8Array(await wb.xlsx.writeBuffer())], '旧台账.xlsx');
    const { container } = render(<LedgerImport />);
    fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [file] } });

    expect(await screen.findByText('缺少必需的列：票据号', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('台账缺少必需的列，尚未读取数据行：请在下面为缺少的字段选择对应的列。')).toBeTruthy();
    const select = (c: string) => screen.getByLabelText(`第${c}列对应字段`, { selector: 'input' }) as HTMLInputElement;
    expect(screen.getByText('收据号')).toBeTruthy();
    expect(select('E').value).toBe('不导入此列');
    expect(select('D').value).toBe('费用类别');
    expect((screen.getByRole('button', { name: '导入 0 条' }) as HTMLButtonElement).disabled).toBe(true);

    await choose('第E列对应字段', '票据号（缺少）');
    expect(await screen.findByText('按指定的对应：票据号', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByText('缺少必需的列：票据号')).toBeNull();
    expect(screen.getByText(/可导入 2，不能导入 0/)).toBeTruthy();
    expect(office.ctx().store.raw.prepare('SELECT count(*) AS n FROM claim_lines').get()).toEqual({ n: 0 });

    fireEvent.click(screen.getByRole('button', { name: '导入 2 条' }));
    await waitFor(() => expect(screen.queryByText(/试导入/)).toBeNull(), { timeout: 10_000 });
    expect(office.ctx().store.raw.prepare('SELECT invoice_no, kind FROM claim_lines ORDER BY id').all()).toEqual([
      { invoice_no: 'S-01', kind: '住院' },
      { invoice_no: 'S-02', kind: '门诊' },
    ]);
  });
});
