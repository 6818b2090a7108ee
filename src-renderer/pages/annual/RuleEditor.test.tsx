// @vitest-environment happy-dom
// The adjustment rule form against the real router on a real SQLite file: a rule that raises
// nobody's pension is refused in the router's words and nothing is saved; a date outside the year
// is refused beside its field; a save sends the rule with the rule as loaded, so a part someone
// else changed meanwhile stays and a part both changed is refused.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyRule, type AdjustmentRule } from '../../../src-main/shared/adjustment';
import { officeForEachTest, render } from '../../kit/test-utils';
import { RuleEditor } from './RuleEditor';

const office = officeForEachTest();
const { call } = office;

const YEAR = 2026;
const ruleOnFile = () => call<{ rule: AdjustmentRule | null }>('adjustments.rule', { year: YEAR }).then((r) => r.rule);
const type = (label: string, value: string) => {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
};

describe('the adjustment rule form', () => {
  it("refuses a rule that raises nobody's pension in the router's words, and saves nothing", async () => {
    let saved = 0;
    render(<RuleEditor year={YEAR} rule={null} onSaved={() => saved++} />);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByText(/调资规则的各项金额均为 0、比例也为 0，按此规则没有任何人增加任何金额/);
    expect(alert.closest('[role=alert]')).toBeTruthy();
    expect(saved).toBe(0);
    expect(await ruleOnFile()).toBeNull();
  });

  it("shows the router's refusal of a date beside its field", async () => {
    render(<RuleEditor year={YEAR} rule={null} onSaved={() => {}} />);
    type('定额调整（元/月）', '50');
    type('执行时间', '2025-01-01');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('执行时间 2025年1月1日 不在 2026 年内');
    expect(screen.getByLabelText('执行时间').getAttribute('aria-invalid')).toBe('true');
    expect(await ruleOnFile()).toBeNull();
  });

  it('refuses an amount that is no amount beside its field, before sending anything', async () => {
    render(<RuleEditor year={YEAR} rule={null} onSaved={() => {}} />);
    type('定额调整（元/月）', '五十');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByLabelText('定额调整（元/月）').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/金额“五十”格式不正确/)).toBeTruthy();
    expect(await ruleOnFile()).toBeNull();
  });

  it('sends the rule as loaded: a part changed elsewhere meanwhile stays, the form saves its own', async () => {
    const first = await call<AdjustmentRule>('adjustments.saveRule', {
      rule: { ...emptyRule(YEAR), fixedFen: 5000 },
      loaded: null,
    });
    let saved = 0;
    render(<RuleEditor year={YEAR} rule={first} onSaved={() => saved++} />);
    // Someone else sets the remote-area part after this form was opened.
    await call('adjustments.saveRule', { rule: { ...first, remoteFen: 2000 }, loaded: first });
    type('挂钩：本人基本养老金的（%）', '1.5');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(saved).toBe(1));
    expect(await ruleOnFile()).toMatchObject({ fixedFen: 5000, percentBp: 150, remoteFen: 2000 });
  });

  it('refuses a part both this form and someone else changed, and keeps what they saved', async () => {
    const first = await call<AdjustmentRule>('adjustments.saveRule', {
      rule: { ...emptyRule(YEAR), fixedFen: 5000 },
      loaded: null,
    });
    render(<RuleEditor year={YEAR} rule={first} onSaved={() => {}} />);
    await call('adjustments.saveRule', { rule: { ...first, fixedFen: 6000 }, loaded: first });
    type('定额调整（元/月）', '55');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText(/^未能保存：/);
    expect((await ruleOnFile())?.fixedFen).toBe(6000);
  });
});
