// @vitest-environment happy-dom
// The letter template editor against the real router on a real SQLite file: an empty title is
// refused beside its field; a change is saved (the office's own template from then on); 恢复系统默认
// brings back the built-in text and drops unsaved edits with it.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, type LetterTemplate } from '../../../src-main/shared/letters';
import { officeForEachTest, render } from '../../kit/test-utils';
import { LettersPage } from './LettersPage';

const office = officeForEachTest();
const { call } = office;
beforeEach(async () => {
  window.location.hash = '#/letters/birthday';
});

type Template = LetterTemplate & { isDefault: boolean };
const birthday = async () => (await call<Template[]>('letters.templates', {})).find((t) => t.kind === 'birthday')!;
const field = (label: string) => screen.getByLabelText(label, { selector: 'input, textarea' }) as HTMLInputElement;
const saveButton = () => screen.getByRole('button', { name: '保存' });

describe('the letter template editor', () => {
  it('refuses an empty title beside 标题 and saves nothing', async () => {
    render(<LettersPage />);
    await waitFor(() => expect(field('标题').value).toBe(DEFAULT_TEMPLATES.birthday.title));
    fireEvent.change(field('标题'), { target: { value: '' } });
    fireEvent.click(saveButton());
    await waitFor(() => expect(field('标题').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('请填写标题')).toBeTruthy();
    expect(await birthday()).toMatchObject({ title: DEFAULT_TEMPLATES.birthday.title, isDefault: true });
  });

  it('saves a change, and 恢复系统默认 brings back the built-in template, dropping unsaved edits', async () => {
    render(<LettersPage />);
    await waitFor(() => expect(field('标题').value).toBe(DEFAULT_TEMPLATES.birthday.title));
    expect(screen.getByText('系统默认模板')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '恢复系统默认' })).toBeNull();

    fireEvent.change(field('标题'), { target: { value: '九十华诞贺信' } });
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.getByText('已全部保存')).toBeTruthy());
    expect(screen.getByText('本单位已修改')).toBeTruthy();
    expect(await birthday()).toMatchObject({
      title: '九十华诞贺信',
      body: DEFAULT_TEMPLATES.birthday.body,
      isDefault: false,
    });

    // An edit not yet saved, then back to the built-in template.
    fireEvent.change(field('祝颂语'), { target: { value: '敬祝\n健康长寿！' } });
    fireEvent.click(screen.getByRole('button', { name: '恢复系统默认' }));
    await waitFor(() => expect(screen.getByText('系统默认模板')).toBeTruthy());
    expect(field('标题').value).toBe(DEFAULT_TEMPLATES.birthday.title);
    expect(field('祝颂语').value).toBe(DEFAULT_TEMPLATES.birthday.closing);
    expect(screen.getByText('已全部保存')).toBeTruthy();
    expect(await birthday()).toMatchObject({ ...DEFAULT_TEMPLATES.birthday, isDefault: true });
  });
});
