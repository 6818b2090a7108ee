// @vitest-environment happy-dom
// A person's timeline reads each of its parts once, and an action reads again only what it
// changed: a visit recorded refetches the visits (nothing else of the nine), a refused visit stays
// in its dialog with the refusal beside its field, a death registered refetches the checklist and
// the file (PersonPage.test.tsx shows the file page reading it under an edit).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PersonFile } from '../../../../src-main/contract/retirees';
import { officeForEachTest, render } from '../../../kit/test-utils';
import { PersonTimeline } from './PersonTimeline';

const office = officeForEachTest();
const { call } = office;
let calls: string[];

beforeEach(async () => {
  calls = [];
  const inner = window.retireeOffice!.invoke;
  window.retireeOffice = { invoke: (method, input) => (calls.push(method), inner(method, input)) };
});

const TIMELINE_READS = [
  'activities.ofPerson',
  'adjustments.ofPerson',
  'aid.list',
  'certifications.list',
  'deaths.get',
  'letters.addressForm',
  'letters.log',
  'petitions.list',
  'stays.list',
  'visits.list',
].sort();

async function openTimeline() {
  const person = await call<PersonFile>('retirees.create', { person: { name: '刘文华', category: '退休' } });
  render(<PersonTimeline person={person} />);
  await screen.findByText('还没有走访慰问记录。');
  await waitFor(() => expect([...new Set(calls)].sort()).toEqual(TIMELINE_READS));
  return person;
}

function pick(label: string, option: string, scope: HTMLElement) {
  fireEvent.click(within(scope).getByLabelText(label));
  fireEvent.click(screen.getByRole('option', { name: option, hidden: true }));
}

describe('the timeline', () => {
  it('reads each part once', async () => {
    await openTimeline();
    // Two parts ask whether a death is registered: one read serves both.
    expect(calls.slice().sort()).toEqual(TIMELINE_READS);
  });

  it('a visit recorded refetches the visits and nothing else', async () => {
    const person = await openTimeline();
    calls = [];
    fireEvent.click(screen.getByRole('button', { name: '记录走访慰问' }));
    const dialog = await screen.findByRole('dialog');
    pick('类别', '生病住院慰问', dialog);
    fireEvent.change(within(dialog).getByLabelText('慰问金（元）'), { target: { value: '500' } });
    fireEvent.change(within(dialog).getByLabelText('情况记录'), { target: { value: '住院治疗，精神尚好' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await screen.findByText('住院治疗，精神尚好');
    expect(screen.getByText('500.00 元')).toBeTruthy();
    expect(calls).toEqual(['visits.create', 'visits.list']);
    expect(await call('visits.list', { personId: person.id })).toHaveLength(1);
  });

  it('a refused visit stays in its dialog, the refusal beside its field', async () => {
    await openTimeline();
    calls = [];
    fireEvent.click(screen.getByRole('button', { name: '记录走访慰问' }));
    const dialog = await screen.findByRole('dialog');
    pick('类别', '日常走访', dialog);
    fireEvent.change(within(dialog).getByLabelText('慰问金（元）'), { target: { value: '五百' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('慰问金（元）').getAttribute('aria-invalid')).toBe('true'),
    );
    // The contract's own check refused it before anything was sent.
    expect(calls).toEqual([]);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('a death registered refetches the checklist (the file page reads the file again), not the visits', async () => {
    await openTimeline();
    calls = [];
    fireEvent.click(screen.getByRole('button', { name: '病故登记' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('去世日期'), { target: { value: '2026年11月20日' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认登记' }));
    await screen.findByText('病故后续事项');
    expect(calls[0]).toBe('deaths.register');
    // The file itself is read by the file page, not mounted here.
    expect(calls.slice(1)).toEqual(['deaths.get']);
    expect(screen.queryByRole('button', { name: '病故登记' })).toBeNull();
  });
});
