// @vitest-environment happy-dom
// 提醒规则 against the real router: the ages are typed as the office writes them (顿号, commas,
// spaces), an age that is none is refused beside its field before anything is sent, and a save
// is what the reminders then follow.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src-main/app/context';
import type { ReminderRules } from '../../src-main/shared/care';
import { freshContext, router } from '../../tests/helpers';
import { connect, render } from '../kit/test-utils';
import { readMilestones, ReminderRulesSection } from './ReminderRulesSection';

let ctx: AppContext;
const { call } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
  connect(ctx);
});
afterEach(() => {
  cleanup();
  ctx.close();
});

describe('readMilestones', () => {
  it('reads the ages however they are separated, and refuses what is no age', () => {
    expect(readMilestones('80、85，90 95,100')).toEqual([80, 85, 90, 95, 100]);
    expect(readMilestones('')).toEqual([]);
    expect(readMilestones('80、八十')).toBeNull();
    expect(readMilestones('80、151')).toBeNull();
    expect(readMilestones('80.5')).toBeNull();
  });
});

describe('ReminderRulesSection', () => {
  it('refuses a wrong age beside its field, then saves what was typed', async () => {
    render(<ReminderRulesSection />);
    const ages = (await screen.findByLabelText('整寿生日（岁）')) as HTMLInputElement;
    const before = await call<ReminderRules>('reminders.rules', {});
    expect(ages.value).toBe(before.milestones.join('、'));
    const save = screen.getByRole('button', { name: '保存提醒规则' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    fireEvent.change(ages, { target: { value: '80、八十' } });
    fireEvent.click(save);
    expect(await screen.findByText('整寿年龄应为 1 到 150 之间的整数，用顿号分开')).toBeTruthy();
    expect((await call<ReminderRules>('reminders.rules', {})).milestones).toEqual(before.milestones);

    fireEvent.change(ages, { target: { value: '80，88 99' } });
    fireEvent.change(screen.getByLabelText('此岁数起每年都提醒'), { target: { value: '' } });
    fireEvent.click(save);
    await waitFor(() => expect(ages.value).toBe('80、88、99'));
    expect(await call<ReminderRules>('reminders.rules', {})).toMatchObject({
      milestones: [80, 88, 99],
      everyYearFrom: null,
    });
    expect(save.disabled).toBe(true);
  });
});
