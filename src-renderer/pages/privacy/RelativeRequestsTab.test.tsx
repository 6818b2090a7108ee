// @vitest-environment happy-dom
// 近亲属查阅 against the real router on a real SQLite file: an answer other than 已提供 asks for its
// reason beside 说明 and records nothing until given; an answered request offers the file's export.
// (Registering a request, the person chosen by name, is walked in Chromium: tests/e2e/privacy.test.ts.)
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RelativeRequestView } from '../../../src-main/contract/privacy';
import type { PersonFile } from '../../../src-main/contract/retirees';
import { person } from '../../../tests/helpers';
import { officeForEachTest, render } from '../../kit/test-utils';
import { RelativeRequestsTab } from './RelativeRequestsTab';

const office = officeForEachTest();
const { call } = office;
beforeEach(() => {
  window.location.hash = '#/privacy/relatives';
});

const field = (label: string, root: HTMLElement = document.body) =>
  within(root).getByLabelText(label, { selector: 'input, textarea' }) as HTMLInputElement;

async function pick(dialog: HTMLElement, label: string, option: string) {
  fireEvent.click(field(label, dialog));
  fireEvent.click(await screen.findByText(option, { selector: '[role="option"], [role="option"] *' }));
}

describe('近亲属查阅', () => {
  it('answers a request: a partial answer asks for its reason beside 说明, then the export is offered', async () => {
    const p = await call<PersonFile>('retirees.create', { person: person({ name: '赵德明' }) });
    await call('deaths.register', { personId: p.id, diedOn: '2020-03-15', reportedBy: '其子', note: null });
    await call('privacy.addRelativeRequest', {
      personId: p.id,
      requester: '赵小明',
      relation: '子女',
      requestedOn: '2026-11-20',
      wants: '查阅',
      purpose: '办理遗产继承',
    });
    render(<RelativeRequestsTab />);
    const row = (await screen.findByText('赵小明（子女）')).closest('tr')!;
    expect(within(row).getByText('待答复')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: '答复' }));
    const dialog = await screen.findByRole('dialog', { name: '答复近亲属申请' });
    expect(within(dialog).getByText('赵小明（子女）申请查阅赵德明的档案')).toBeTruthy();
    await pick(dialog, '答复结果', '部分提供');
    fireEvent.click(within(dialog).getByRole('button', { name: '答复' }));
    await waitFor(() => expect(field('说明', dialog).getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getAllByText('答复为“部分提供”时，请写明理由').length).toBeGreaterThan(0);
    expect((await call<RelativeRequestView[]>('privacy.relativeRequests', {}))[0].answer).toBeNull();
    fireEvent.change(field('说明', dialog), { target: { value: '医疗票据原件已移交财务，提供复印件' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '答复' }));

    expect(await screen.findByRole('button', { name: '导出档案' })).toBeTruthy();
    const [answered] = await call<RelativeRequestView[]>('privacy.relativeRequests', {});
    expect(answered).toMatchObject({ answer: '部分提供', answerNote: '医疗票据原件已移交财务，提供复印件' });
  });
});
