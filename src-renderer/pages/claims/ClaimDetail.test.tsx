// @vitest-environment happy-dom
// A claim's moves against the real router on a real SQLite file: 退回 asks for its reason in a
// dialog (refused beside the field while empty), and the claim shown is read again after the move;
// 冲销更正 opens the correction.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimFile } from '../../../src-main/contract/claims';
import type { PersonFile } from '../../../src-main/contract/retirees';
import { officeForEachTest, render } from '../../kit/test-utils';
import { ClaimDetail } from './ClaimDetail';

const office = officeForEachTest();
const { call } = office;
beforeEach(async () => {
  // happy-dom has no FontFaceSet; Mantine's autosizing Textarea listens on it.
  window.location.hash = '#/claims';
});

const rules = {
  deductibleFen: 0,
  capFen: null,
  ratioBp: { 门诊: 5000, 住院: 5000, 特殊病种: 5000, 药店: 5000 },
  ageBands: [],
};

async function aClaim(): Promise<ClaimFile> {
  const p = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
  return call<ClaimFile>('claims.create', {
    personId: p.id,
    receivedDate: '2026-03-01',
    note: null,
    lines: [
      { invoiceNo: 'F001', visitDate: '2026-02-01', kind: '门诊', total: '100', fund: '0', account: '0', self: '100' },
    ],
  });
}

describe('a claim', () => {
  it('goes back only with a reason, asked in a dialog', async () => {
    const claim = await aClaim();
    render(<ClaimDetail id={claim.id} />);
    fireEvent.click(await screen.findByRole('button', { name: '退回' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '确定退回' }));
    await waitFor(() => expect(within(dialog).getByText('请填写退回原因')).toBeTruthy());
    expect(within(dialog).getByLabelText('退回原因').getAttribute('aria-invalid')).toBe('true');
    expect((await call<ClaimFile>('claims.get', { id: claim.id })).status).toBe('登记');

    fireEvent.change(within(dialog).getByLabelText('退回原因'), { target: { value: '缺少门诊病历' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确定退回' }));
    // The claim is read again: its reason shown, and the move its new status allows.
    await waitFor(() => expect(screen.getByText('退回原因：缺少门诊病历')).toBeTruthy());
    expect(screen.getByRole('button', { name: '重新提交' })).toBeTruthy();
    expect((await call<ClaimFile>('claims.get', { id: claim.id })).status).toBe('退回');
  });

  it('is reversed with a reason, and the correction opened', async () => {
    await call('claims.savePolicy', { year: 2026, category: '退休', rules, note: null, loaded: null });
    const claim = await aClaim();
    const moved = await call<ClaimFile>('claims.move', {
      id: claim.id,
      version: claim.version,
      to: '审核',
      reason: null,
    });
    await call('claims.move', { id: claim.id, version: moved.version, to: '批准', reason: null });
    render(<ClaimDetail id={claim.id} />);
    await waitFor(() => expect(screen.getByText('报销金额：50.00 元')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '冲销更正' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('冲销原因'), { target: { value: '票据金额录错' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确定冲销' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/claims\/\d+$/));
    const correction = Number(window.location.hash.split('/').pop());
    expect(await call<ClaimFile>('claims.get', { id: correction })).toMatchObject({
      status: '登记',
      corrects: claim.id,
    });
    expect((await call<ClaimFile>('claims.get', { id: claim.id })).reversedBy).not.toBeNull();
  });
});
