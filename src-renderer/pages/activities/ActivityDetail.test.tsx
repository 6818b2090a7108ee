// @vitest-environment happy-dom
// A meeting's page against the real router on a real SQLite file: the minutes saved while another
// clerk saved theirs are refused and said above the form, the meeting read again under what the
// user typed; 编辑 offers only the meeting kinds and saves a corrected place.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KINDS,
  activityFieldsOf,
  MEETING_KINDS,
  meetingRecordOf,
  type ActivityView,
} from '../../../src-main/contract/activities';
import { signInAs } from '../../../tests/helpers';
import { officeForEachTest, render } from '../../kit/test-utils';
import { ActivityDetail } from './ActivityDetail';

const office = officeForEachTest();
const { call } = office;

const field = (label: string, scope: HTMLElement = document.body) =>
  within(scope).getByLabelText(label, { selector: 'input, textarea' }) as HTMLInputElement;

/** A meeting held last year, its page open. */
async function openMeeting() {
  const m = await call<ActivityView>('activities.create', {
    kind: '离退休干部座谈会',
    title: '情况通报座谈会',
    heldOn: `${new Date().getFullYear() - 1}-11-20`,
    place: '老干部活动中心',
    host: '刘主任',
  });
  render(<ActivityDetail id={m.id} />);
  await screen.findByRole('heading', { name: '情况通报座谈会' });
  return m;
}

describe('a meeting corrected', () => {
  it("refuses minutes saved over another clerk's, says so above the form and keeps the user's text", async () => {
    const m = await openMeeting();
    fireEvent.change(field('会议纪要'), { target: { value: '会议听取了意见建议。' } });
    // Meanwhile another clerk saves the minutes from their own screen.
    await signInAs(office.ctx(), '李干事', 'clerk');
    const loaded = meetingRecordOf(m);
    await call('activities.meeting', {
      id: m.id,
      ...loaded,
      recorder: '李干事',
      minutes: '会议通报了年度工作。',
      loaded,
    });

    fireEvent.click(screen.getByRole('button', { name: '保存会议记录' }));
    const alert = await screen.findByText(/「会议纪要」已被李干事于/);
    expect(alert.textContent).toContain('改为“会议通报了年度工作。”（您改为“会议听取了意见建议。”）');
    expect((await call<ActivityView>('activities.get', { id: m.id })).minutes).toBe('会议通报了年度工作。');
    // The meeting is read again under the form: the user's text stays in its field, the field they
    // did not touch shows what the other clerk saved.
    await waitFor(() => expect(field('记录人').value).toBe('李干事'));
    expect(field('会议纪要').value).toBe('会议听取了意见建议。');
    expect(field('主持人').value).toBe('刘主任');
  });

  it('编辑 offers only the meeting kinds, and saves a corrected place', async () => {
    const m = await openMeeting();
    fireEvent.click(screen.getByRole('button', { name: '编辑' }));
    const dialog = await screen.findByRole('dialog');
    const kind = field('类别', dialog);
    fireEvent.click(kind);
    const list = document.getElementById(kind.getAttribute('aria-controls')!)!;
    const offered = within(list)
      .getAllByRole('option', { hidden: true })
      .map((o) => o.textContent);
    expect(offered).toEqual([...MEETING_KINDS]);
    expect(ACTIVITY_KINDS.filter((k) => !offered.includes(k))).toEqual(['文体活动', '体检', '其他']);

    fireEvent.change(field('地点', dialog), { target: { value: '公司三楼小会议室' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(/公司三楼小会议室/)).toBeTruthy();
    expect(await call<ActivityView>('activities.get', { id: m.id })).toMatchObject({
      place: '公司三楼小会议室',
      host: '刘主任',
    });
  });

  it("编辑 refused for another clerk's change: the dialog shows their values under the user's edits, and a second save is made", async () => {
    const m = await openMeeting();
    fireEvent.click(screen.getByRole('button', { name: '编辑' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(field('地点', dialog), { target: { value: '公司三楼小会议室' } });
    // Meanwhile another clerk corrects the place and the organiser from their own screen.
    await signInAs(office.ctx(), '李干事', 'clerk');
    const loaded = activityFieldsOf(m);
    await call('activities.update', {
      id: m.id,
      activity: { ...loaded, place: '老干部活动中心二楼', organiser: '老干部科' },
      loaded,
    });

    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText(/「地点」已被李干事于/)).toBeTruthy();
    // Read again under the form: the organiser the other clerk gave, the place as the user typed it.
    await waitFor(() => expect(field('组织者', dialog).value).toBe('老干部科'));
    expect(field('地点', dialog).value).toBe('公司三楼小会议室');

    // Saved again, knowingly: the user's place over the other clerk's, their organiser kept.
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await call<ActivityView>('activities.get', { id: m.id })).toMatchObject({
      place: '公司三楼小会议室',
      organiser: '老干部科',
    });
  });
});
