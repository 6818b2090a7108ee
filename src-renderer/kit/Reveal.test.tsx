// @vitest-environment happy-dom
// The masked value and its 显示 (issue 18, PIPL), against the real router on a real SQLite file:
// the masked number as the main process sent it; 显示 asks the reason and refuses to go on
// without one; the reason goes with the reveal; the whole number then shows; 只读 sees no 显示.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { SurvivorView } from '../../src-main/contract/survivors';
import { dispatch } from '../../src-main/router';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { signInAs } from '../../tests/helpers';
import { Can } from './operator';
import { MaskedValue } from './Reveal';
import { officeForEachTest, render } from './test-utils';

const office = officeForEachTest();
const FIRST17 = '21010219521005257';
const ID = FIRST17 + checkCharacter(FIRST17);

/** A file with an ID number, as the router answers it (masked), and every call the renderer makes. */
async function setUp() {
  const file = await office.call<PersonFile>('retirees.create', {
    person: { name: '刘建国', category: '退休', idNumber: ID },
  });
  const calls: { method: string; input: unknown }[] = [];
  const inner = window.retireeOffice!.invoke;
  window.retireeOffice = {
    invoke: (method, input) => {
      calls.push({ method, input });
      return inner(method, input);
    },
  };
  return { file, calls };
}

describe('MaskedValue', () => {
  it('shows the masked number; 显示 asks the reason, then shows the whole number', async () => {
    const { file, calls } = await setUp();
    expect(file.idNumber).toBe(`210102********${ID.slice(-4)}`);
    render(<MaskedValue personId={file.id} field="idNumber" what="身份证号" value={file.idNumber} />);
    expect(screen.getByText(file.idNumber!)).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: '显示完整身份证号' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/将记入访问记录/)).toBeTruthy();
    // No reason: nothing is revealed.
    fireEvent.click(within(dialog).getByRole('button', { name: '显示' }));
    expect(await within(dialog).findByText('请选择或填写查看原因')).toBeTruthy();
    expect(calls.some((c) => c.method === 'retirees.reveal')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText('说明'), { target: { value: '家属来访，核对身份证' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '显示' }));
    expect(await screen.findByText(ID)).toBeTruthy();
    expect(calls.find((c) => c.method === 'retirees.reveal')?.input).toEqual({
      id: file.id,
      field: 'idNumber',
      reason: '家属来访，核对身份证',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('button', { name: '显示完整身份证号' })).toBeNull();
  });

  it("a survivor's bank account (遗属, not a file) is revealed through survivors.reveal", async () => {
    const { file, calls } = await setUp();
    await office.call('deaths.register', { personId: file.id, diedOn: '2025-03-10' });
    const SPOUSE17 = '37010219500308002';
    const survivor = await office.call<SurvivorView>('survivors.create', {
      deceasedId: file.id,
      survivor: {
        name: '王秀英',
        relation: '配偶',
        idNumber: SPOUSE17 + checkCharacter(SPOUSE17),
        bankAccount: '6222021234567891234',
        qualifications: ['无固定收入'],
      },
    });
    expect(survivor.bankAccount).not.toBe('6222021234567891234');
    render(<MaskedValue survivorId={survivor.id} field="bankAccount" what="银行账号" value={survivor.bankAccount} />);
    fireEvent.click(await screen.findByRole('button', { name: '显示完整银行账号' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('说明'), { target: { value: '核对发放账号' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '显示' }));
    expect(await screen.findByText('6222021234567891234')).toBeTruthy();
    expect(calls.find((c) => c.method === 'survivors.reveal')?.input).toEqual({
      id: survivor.id,
      field: 'bankAccount',
      reason: '核对发放账号',
    });
  });

  it('只读 sees the masked number and no 显示', async () => {
    const { file } = await setUp();
    const ctx = office.ctx();
    await signInAs(ctx, '赵只读', 'reader');
    window.retireeOffice = { invoke: (method, input) => dispatch(ctx, method, input, () => {}) };
    render(
      <>
        <Can method="retirees.get">已登录</Can>
        <MaskedValue personId={file.id} field="idNumber" what="身份证号" value={file.idNumber} />
      </>,
    );
    expect(screen.getByText(file.idNumber!)).toBeTruthy();
    // The role is known (app.info answered) before the button's absence means anything.
    await screen.findByText('已登录');
    expect(screen.queryByRole('button', { name: '显示完整身份证号' })).toBeNull();
  });
});
