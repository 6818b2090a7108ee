// @vitest-environment happy-dom
// The policy form against the real router on a real SQLite file: a save sends the policy as the
// form loaded it beside the edited one, so a field someone else changed meanwhile is kept; a field
// changed both here and there is refused, and the refusal is shown on the form in the history's words.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PolicyView } from '../../../src-main/contract/claims';
import { signInAs } from '../../../tests/helpers';
import { officeForEachTest, render } from '../../kit/test-utils';
import { PoliciesTab } from './PoliciesTab';
import { THIS_YEAR } from './shared';

const office = officeForEachTest();
const { call } = office;
let sent: { method: string; input: unknown }[];
beforeEach(async () => {
  sent = [];
  const invoke = window.retireeOffice!.invoke;
  window.retireeOffice = {
    invoke: (method: string, input: unknown) => (sent.push({ method, input }), invoke(method, input)),
  } as typeof window.retireeOffice;
});

const rules = {
  deductibleFen: 80000,
  capFen: 1000000,
  ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
  ageBands: [],
};

/** The 退休 policy's part of the page, once it has loaded. */
async function tuixiu() {
  const heading = await screen.findByText(`${THIS_YEAR} 年度 · 退休人员`);
  return within(heading.closest('.mantine-Paper-root') as HTMLElement);
}

async function openedByTwo() {
  await call('claims.savePolicy', { year: THIS_YEAR, category: '退休', rules, note: null, loaded: null });
  render(<PoliciesTab />);
  const part = await tuixiu();
  expect((part.getByLabelText('封顶线（元）') as HTMLInputElement).value).toBe('10000.00');
  // Another clerk raises the cap from another workstation after this page was opened.
  await signInAs(office.ctx(), '赵会计');
  await call('claims.savePolicy', {
    year: THIS_YEAR,
    category: '退休',
    rules: { ...rules, capFen: 1200000 },
    note: '封顶提高',
    loaded: rules,
  });
  await signInAs(office.ctx(), '王干事');
  return part;
}

describe('the policy form', () => {
  it('sends the policy as it loaded it, so a cap raised elsewhere meanwhile stays', async () => {
    const part = await openedByTwo();
    fireEvent.change(part.getByLabelText('起付线（元）'), { target: { value: '600' } });
    fireEvent.change(part.getByLabelText('说明（如文件号）'), { target: { value: '起付线调整' } });
    fireEvent.click(part.getByRole('button', { name: '保存政策' }));
    await waitFor(() => expect(sent.some((s) => s.method === 'claims.savePolicy')).toBe(true));
    const save = sent.find((s) => s.method === 'claims.savePolicy')!.input as {
      rules: typeof rules;
      loaded: typeof rules;
      note: string;
    };
    expect(save.loaded).toEqual(rules);
    expect(save.rules).toEqual({ ...rules, deductibleFen: 60000 });
    expect(save.note).toBe('起付线调整');
    // The page shows the version now in force: both changes.
    await waitFor(async () =>
      expect(((await tuixiu()).getByLabelText('封顶线（元）') as HTMLInputElement).value).toBe('12000.00'),
    );
    expect(((await tuixiu()).getByLabelText('起付线（元）') as HTMLInputElement).value).toBe('600.00');
    const [now] = (await call<PolicyView[]>('claims.policies', { year: THIS_YEAR })).filter(
      (p) => p.category === '退休',
    );
    expect(now.rules).toMatchObject({ deductibleFen: 60000, capFen: 1200000 });
  });

  it('refuses a field changed both here and elsewhere, and says so on the form', async () => {
    const part = await openedByTwo();
    fireEvent.change(part.getByLabelText('封顶线（元）'), { target: { value: '9,000' } });
    fireEvent.click(part.getByRole('button', { name: '保存政策' }));
    const alert = await part.findByRole('alert');
    expect(alert.textContent).toContain('未保存：政策已被他人修改');
    expect(alert.textContent).toContain('赵会计');
    expect(alert.textContent).toContain('12,000.00 元');
    // The user's value stays in the field until they choose to read the policy again.
    expect((part.getByLabelText('封顶线（元）') as HTMLInputElement).value).toBe('9,000');
    fireEvent.click(within(alert).getByRole('button', { name: '重新读取现行政策' }));
    await waitFor(async () =>
      expect(((await tuixiu()).getByLabelText('封顶线（元）') as HTMLInputElement).value).toBe('12000.00'),
    );
    const [now] = (await call<PolicyView[]>('claims.policies', { year: THIS_YEAR })).filter(
      (p) => p.category === '退休',
    );
    expect(now.rules.capFen).toBe(1200000);
  });

  it('puts a wrong percentage on its own field before sending anything', async () => {
    render(<PoliciesTab />);
    const part = await tuixiu();
    fireEvent.change(part.getByLabelText('住院比例（%）'), { target: { value: '120' } });
    fireEvent.click(part.getByRole('button', { name: '保存政策' }));
    await waitFor(() => expect(part.getByText('住院报销比例应为 0 到 100 之间的百分数')).toBeTruthy());
    expect(part.getByLabelText('住院比例（%）').getAttribute('aria-invalid')).toBe('true');
    expect(sent.some((s) => s.method === 'claims.savePolicy')).toBe(false);
  });
});
