// @vitest-environment happy-dom
// The claim form against the real router on a real SQLite file: an edit sends only the fields the
// user changed (so a change made elsewhere meanwhile stays), the router's refusal of an invoice is
// shown beside that invoice's number, and 自付 is filled in from the other amounts while empty.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimFile } from '../../../src-main/contract/claims';
import type { PersonFile } from '../../../src-main/contract/retirees';
import { officeForEachTest, render } from '../../kit/test-utils';
import { ClaimForm } from './ClaimForm';

const office = officeForEachTest();
const { call } = office;
/** What the form sent, call by call. */
let sent: { method: string; input: unknown }[];
beforeEach(async () => {
  sent = [];
  const invoke = window.retireeOffice!.invoke;
  window.retireeOffice = {
    invoke: (method: string, input: unknown) => (sent.push({ method, input }), invoke(method, input)),
  } as typeof window.retireeOffice;
  window.location.hash = '#/claims/new';
});

const line = {
  invoiceNo: 'F001',
  hospital: '市中心医院',
  visitDate: '2026-02-01',
  kind: '门诊',
  total: '100',
  fund: '0',
  account: '0',
  self: '100',
};
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
async function pickKind(i: number, kind: string) {
  fireEvent.click(screen.getAllByLabelText(`第${i}张票据 类别`)[0]);
  // The dropdown is still in its opening transition here; its options are there to click.
  fireEvent.click(await screen.findByRole('option', { name: kind, hidden: true }));
}
const openedClaimId = () => Number(/#\/claims\/(\d+)$/.exec(window.location.hash)?.[1]);

describe('the claim form', () => {
  it('sends only the changed field on an edit, so a note changed elsewhere meanwhile stays', async () => {
    const p = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
    const claim = await call<ClaimFile>('claims.create', {
      personId: p.id,
      receivedDate: '2026-03-01',
      note: '原备注',
      lines: [line],
    });
    render(<ClaimForm claim={claim.id} personId={null} />);
    await screen.findByLabelText('第1张票据 医疗机构');
    expect(screen.getByText('已全部保存')).toBeTruthy();

    // Another clerk changes the note after the form was opened.
    await call('claims.update', {
      id: claim.id,
      version: claim.version,
      changes: { note: '别人改的备注' },
      base: { note: '原备注' },
    });
    type('第1张票据 医疗机构', '市第二医院');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/claims/${claim.id}`));

    const update = sent.find((s) => s.method === 'claims.update')!.input as {
      version: number;
      changes: Record<string, unknown>;
      base: Record<string, unknown>;
    };
    expect(update.version).toBe(claim.version);
    expect(Object.keys(update.changes)).toEqual(['lines']);
    expect(Object.keys(update.base)).toEqual(['lines']);
    // Each with what the form showed: the hospital as loaded, the amounts as yuan.
    expect(update.base.lines).toMatchObject([{ hospital: '市中心医院', total: '100.00', self: '100.00' }]);
    const now = await call<ClaimFile>('claims.get', { id: claim.id });
    expect(now.note).toBe('别人改的备注');
    expect(now.lines[0]).toMatchObject({ hospital: '市第二医院', totalFen: 10000 });
  });

  it("shows the router's refusal of an invoice beside that invoice's number", async () => {
    const p = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
    const first = await call<ClaimFile>('claims.create', {
      personId: p.id,
      receivedDate: '2026-03-01',
      note: null,
      lines: [line],
    });
    render(<ClaimForm claim={null} personId={p.id} />);
    await screen.findByLabelText('第1张票据 票据号');
    type('第1张票据 票据号', 'F001');
    type('第1张票据 就医日期', '2026.2.5');
    await pickKind(1, '门诊');
    type('第1张票据 总金额', '80');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    const message = `票据 F001 已用于第 ${first.id} 号报销单（刘文华，登记），不能重复报销`;
    await waitFor(() => expect(input('第1张票据 票据号').getAttribute('aria-invalid')).toBe('true'));
    // Under the field itself (Mantine ties it to the input), and said once more above the save bar.
    const describedBy = input('第1张票据 票据号').getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy.split(' ').find((id) => id.endsWith('error'))!)?.textContent).toBe(
      message,
    );
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(message);
    expect(input('第1张票据 总金额').getAttribute('aria-invalid')).not.toBe('true');
    expect(window.location.hash).toBe('#/claims/new');
  });

  it('fills 自付 in from the other amounts while it is empty, and saves it', async () => {
    const p = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
    render(<ClaimForm claim={null} personId={p.id} />);
    await screen.findByLabelText('第1张票据 票据号');
    type('第1张票据 票据号', 'F100');
    type('第1张票据 就医日期', '2026-02-05');
    await pickKind(1, '住院');
    type('第1张票据 总金额', '1,300.50');
    type('第1张票据 统筹支付', '1000');
    type('第1张票据 个人账户', '50');
    expect(input('第1张票据 个人自付').value).toBe('');
    expect(input('第1张票据 个人自付').placeholder).toBe('250.50');
    expect(screen.getByText('符合报销金额合计：250.50 元')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(openedClaimId()).toBeGreaterThan(0));
    const saved = await call<ClaimFile>('claims.get', { id: openedClaimId() });
    expect(saved.lines[0]).toMatchObject({
      totalFen: 130050,
      fundFen: 100000,
      accountFen: 5000,
      selfFen: 25050,
      eligibleFen: 25050,
    });
    expect((sent.find((s) => s.method === 'claims.create')!.input as { lines: { self: string }[] }).lines[0].self).toBe(
      '250.50',
    );
  });

  it("puts the contract's own messages on the fields they are about before sending anything", async () => {
    const p = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
    render(<ClaimForm claim={null} personId={p.id} />);
    await screen.findByLabelText('第1张票据 票据号');
    type('第1张票据 医疗机构', '市中心医院');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByText('请填写票据号')).toBeTruthy());
    expect(input('第1张票据 票据号').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('请填写就医日期')).toBeTruthy();
    expect(screen.getByText('请选择费用类别（门诊、住院、特殊病种或药店）')).toBeTruthy();
    expect(screen.getByText('请填写总金额')).toBeTruthy();

    type('第1张票据 票据号', 'F200');
    type('第1张票据 就医日期', '2026-02-05');
    await pickKind(1, '门诊');
    type('第1张票据 总金额', '100');
    type('第1张票据 个人自付', '90');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByText('统筹支付、个人账户支付与个人自付之和应等于总金额')).toBeTruthy());
    expect(input('第1张票据 总金额').getAttribute('aria-invalid')).toBe('true');
    expect(input('第1张票据 票据号').getAttribute('aria-invalid')).not.toBe('true');
    expect(sent.some((s) => s.method === 'claims.create')).toBe(false);
  });
});
