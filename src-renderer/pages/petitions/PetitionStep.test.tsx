// @vitest-environment happy-dom
// A petition's step in its dialog, against the real router on a real SQLite file: a rejection
// without its reason is refused beside the reason; with it, the petition is closed as 不予受理 and
// the dialog closes; a date the router refuses (before the petition came) stays in the dialog.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Petition } from '../../../src-main/contract/petitions';
import { officeForEachTest, render } from '../../kit/test-utils';
import { PetitionStep } from './PetitionStep';

const office = officeForEachTest();
const { call } = office;

const registered = () =>
  call<Petition>('petitions.create', {
    receivedOn: '2026-03-02',
    channel: '来信',
    petitioner: '王小明',
    subject: '反映住院费用报销进度',
    content: '三个月未到账。',
  });
const type = (label: string, value: string) => {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
};

describe('a petition step', () => {
  it('refuses a rejection without its reason beside the reason, then rejects with it', async () => {
    const p = await registered();
    let closed = 0;
    render(<PetitionStep petition={p} step="reject" onClose={() => closed++} />);
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(screen.getByLabelText('不予受理的理由').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('请填写不予受理的理由')).toBeTruthy();
    expect((await call<Petition>('petitions.get', { id: p.id })).status).toBe('待受理');

    type('不予受理的理由', '属于社保经办机构职责，已告知信访人向其反映。');
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(closed).toBe(1));
    expect(await call<Petition>('petitions.get', { id: p.id })).toMatchObject({
      status: '不予受理',
      rejectedReason: '属于社保经办机构职责，已告知信访人向其反映。',
    });
  });

  it("keeps the router's refusal of the date in the dialog", async () => {
    const p = await registered();
    let closed = 0;
    render(<PetitionStep petition={p} step="accept" onClose={() => closed++} />);
    type('受理日期', '2026-03-01');
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/受理日期不能早于/);
    expect(closed).toBe(0);
    expect((await call<Petition>('petitions.get', { id: p.id })).status).toBe('待受理');
  });
});
