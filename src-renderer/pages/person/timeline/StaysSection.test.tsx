// @vitest-environment happy-dom
// The visit form's own rule (a call says how it went) and a stay on the timeline: a call without
// its outcome stays in the dialog, the refusal beside the field, nothing sent; an unanswered call is
// saved and shown as not contact; a 住院看望 recorded from the stay appears under it, and the
// discharge shows the follow-up due.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PersonFile } from '../../../../src-main/contract/retirees';
import type { Visit } from '../../../../src-main/contract/visits';
import { addCalendarDays } from '../../../../src-main/shared/petitions';
import { todayIso } from '../../../../src-main/shared/dates';
import { officeForEachTest, render } from '../../../kit/test-utils';
import { PersonTimeline } from './PersonTimeline';

const office = officeForEachTest();
const { call } = office;
let calls: string[];

beforeEach(() => {
  calls = [];
  const inner = window.retireeOffice!.invoke;
  window.retireeOffice = { invoke: (method, input) => (calls.push(method), inner(method, input)) };
});

function pick(label: string, option: string, scope: HTMLElement) {
  fireEvent.click(within(scope).getByLabelText(label));
  fireEvent.click(screen.getByRole('option', { name: option, hidden: true }));
}

async function openTimeline() {
  const person = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
  render(<PersonTimeline person={person} />);
  await screen.findByText('还没有走访慰问记录。');
  return person;
}

describe('the visit form', () => {
  it('asks how a call went before sending it; an unanswered call is saved as not contact', async () => {
    const person = await openTimeline();
    calls = [];
    fireEvent.click(screen.getByRole('button', { name: '记录走访慰问' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByLabelText('通话情况')).toBeNull();
    pick('类别', '电话问候', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(dialog).getByLabelText('通话情况').getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('请选择通话情况')).toBeTruthy();
    expect(calls).toEqual([]);

    pick('通话情况', '未接通', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls[0]).toBe('visits.create');
    const [saved] = await call<Visit[]>('visits.list', { personId: person.id });
    expect([saved.callOutcome, saved.contact]).toEqual(['未接通', false]);
    expect(await screen.findByText('未接通')).toBeTruthy();
  });
});

describe('a stay on the timeline', () => {
  it('is registered from the file, visited from the stay, discharged with its follow-up due', async () => {
    const today = todayIso();
    await openTimeline();
    fireEvent.click(screen.getByRole('button', { name: '住院登记' }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/医院/), { target: { value: '市中心医院' } });
    fireEvent.change(within(dialog).getByLabelText('科室'), { target: { value: '心内科' } });
    fireEvent.change(within(dialog).getByLabelText('入院日期'), { target: { value: addCalendarDays(today, -3) } });
    pick('消息来源', '社区', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await screen.findByText('市中心医院 心内科');
    expect(screen.getByText('在院')).toBeTruthy();
    expect(screen.getByText('消息来源：社区')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '记录住院看望' }));
    dialog = await screen.findByRole('dialog', { name: '记录住院看望（市中心医院）' });
    fireEvent.change(within(dialog).getByLabelText('带队领导'), { target: { value: '刘书记' } });
    fireEvent.change(within(dialog).getByLabelText('家属/本人反映'), { target: { value: '希望多来看看' } });
    calls = [];
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getAllByText(/带队：刘书记/).length).toBe(2));
    expect(calls).toEqual(['visits.create', 'visits.list', 'stays.list']);

    fireEvent.click(screen.getByRole('button', { name: '出院登记' }));
    dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('治疗结果'), { target: { value: '好转出院' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认出院' }));
    await screen.findByText(`${today} 出院，应于 ${addCalendarDays(today, 7)} 回访`);
    expect(screen.queryByRole('button', { name: '出院登记' })).toBeNull();
  });
});
