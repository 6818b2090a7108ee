// @vitest-environment happy-dom
// Registering a petition against the real router on a real SQLite file: a missing subject is
// refused beside its field before anything is sent; a refusal of the router's own (a date after
// today) stays in the dialog; a registered petition opens.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Petition } from '../../../src-main/contract/petitions';
import { officeForEachTest, render } from '../../kit/test-utils';
import { NewPetition } from './NewPetition';

const office = officeForEachTest();
const { call } = office;
beforeEach(async () => {
  window.location.hash = '#/petitions';
});

const type = (label: string, value: string) => {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
};
const petitions = () => call<Petition[]>('petitions.list', {});

describe('registering a petition', () => {
  it('refuses a petition without a subject beside the subject, and sends nothing', async () => {
    render(<NewPetition opened onClose={() => {}} />);
    type('信访人（不是本人时填写）', '王小明');
    type('内容', '父亲的住院费用报销已三个月未到账。');
    fireEvent.click(screen.getByRole('button', { name: '登记' }));
    await waitFor(() => expect(screen.getByLabelText('事由').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('请填写事由')).toBeTruthy();
    expect(screen.getByLabelText('内容').getAttribute('aria-invalid')).not.toBe('true');
    expect(await petitions()).toEqual([]);
  });

  it("keeps the router's refusal in the dialog, and registers nothing", async () => {
    let closed = 0;
    render(<NewPetition opened onClose={() => closed++} />);
    type('收到日期', '2099-01-01');
    type('信访人（不是本人时填写）', '王小明');
    type('事由', '反映住院费用报销进度');
    type('内容', '父亲的住院费用报销已三个月未到账。');
    fireEvent.click(screen.getByRole('button', { name: '登记' }));
    expect((await screen.findByRole('alert')).textContent).toBe('收到日期不能晚于今天');
    expect(closed).toBe(0);
    expect(await petitions()).toEqual([]);
  });

  it('registers the petition and opens it', async () => {
    let closed = 0;
    render(<NewPetition opened onClose={() => closed++} />);
    type('信访人（不是本人时填写）', '王小明');
    type('事由', '反映住院费用报销进度');
    type('内容', '父亲的住院费用报销已三个月未到账。');
    fireEvent.click(screen.getByRole('button', { name: '登记' }));
    await waitFor(() => expect(closed).toBe(1));
    const [p] = await petitions();
    expect(p).toMatchObject({
      petitioner: '王小明',
      subject: '反映住院费用报销进度',
      channel: '来访',
      status: '待受理',
    });
    expect(window.location.hash).toBe(`#/petitions/${p.id}`);
  });
});
