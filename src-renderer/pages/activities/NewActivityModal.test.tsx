// @vitest-environment happy-dom
// 新建活动 against the real router on a real SQLite file: what the contract refuses is shown beside
// its field and nothing is created; a complete form creates the activity, inviting a party branch.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityView } from '../../../src-main/contract/activities';
import type { OrgUnit } from '../../../src-main/contract/org';
import type { PersonFile } from '../../../src-main/contract/retirees';
import { person } from '../../../tests/helpers';
import { officeForEachTest, render } from '../../kit/test-utils';
import { NewActivityModal } from './NewActivityModal';

const office = officeForEachTest();
const { call } = office;
beforeEach(async () => {
  window.location.hash = '#/activities';
});

const year = new Date().getFullYear();
const field = (label: string) => screen.getByLabelText(label, { selector: 'input, textarea' }) as HTMLInputElement;

describe('新建活动', () => {
  it('shows a missing name beside 名称, and a missing date beside 日期, and creates nothing', async () => {
    render(<NewActivityModal opened onClose={() => {}} />);
    fireEvent.change(field('日期'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: '建立' }));
    await waitFor(() => expect(field('名称').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('请填写活动名称')).toBeTruthy();
    // The date's message sits under the date field.
    const dateError = screen.getByText('请填写活动日期');
    expect(field('日期').closest('.mantine-Stack-root')?.contains(dateError)).toBe(true);
    expect(await call<ActivityView[]>('activities.list', { year })).toEqual([]);
  });

  it('creates the activity, inviting everyone on the roll of the branch chosen', async () => {
    const branch = await call<OrgUnit>('org.create', { kind: '党支部', name: '第一党支部', parentId: null });
    for (const name of ['张桂兰', '李建国'])
      await call<PersonFile>('retirees.create', { person: person({ name, partyBranchId: branch.id }) });
    let closed = false;
    render(<NewActivityModal opened onClose={() => (closed = true)} />);
    fireEvent.change(field('名称'), { target: { value: '十一月主题党日' } });
    fireEvent.change(field('地点'), { target: { value: '老干部活动中心' } });
    const invite = field('邀请');
    fireEvent.click(invite);
    fireEvent.click(await screen.findByText(/^党支部：第一党支部/));
    fireEvent.click(screen.getByRole('button', { name: '建立' }));
    await waitFor(() => expect(closed).toBe(true));
    const [created] = await call<ActivityView[]>('activities.list', { year });
    expect(created).toMatchObject({ title: '十一月主题党日', place: '老干部活动中心', kind: '学习会', invited: 2 });
    expect(window.location.hash).toBe(`#/activities/${created.id}`);
  });
});
