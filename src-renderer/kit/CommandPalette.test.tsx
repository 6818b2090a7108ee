// @vitest-environment happy-dom
// The command palette against the real router: Ctrl+K opens it, pinyin initials find the person
// (the list's own search), Enter opens their file; a page is found by its name or its initials.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PersonFile, SEARCH_CAP } from '../../src-main/contract/retirees';
import type { AppContext } from '../../src-main/app/context';
import { createPerson } from '../../src-main/retirees/persons';
import { freshContext, person, router } from '../../tests/helpers';
import { closePalette, CommandPalette, matchPages, type PaletteDestination } from './CommandPalette';
import { connect, render } from './test-utils';

let ctx: AppContext;
const { call } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
  connect(ctx);
  window.location.hash = '#/';
});
afterEach(() => {
  act(() => closePalette());
  cleanup();
  ctx.close();
});

const pages: PaletteDestination[] = [
  { label: '首页', href: '#/', keywords: ['sy'] },
  { label: '走访慰问', href: '#/visits', shortcut: 'Alt+4', keywords: ['zfww', '慰问批次'] },
  { label: '系统设置', href: '#/settings', keywords: ['xtsz', '字号'] },
];

const search = () => screen.getByLabelText('查找人员或页面') as HTMLInputElement;
const type = (text: string) => fireEvent.change(search(), { target: { value: text } });
const enter = () => fireEvent.keyDown(search(), { key: 'Enter', code: 'Enter' });

describe('matchPages', () => {
  it('by label, keyword or initials', () => {
    expect(matchPages(pages, '').length).toBe(3);
    expect(matchPages(pages, '慰问').map((p) => p.label)).toEqual(['走访慰问']);
    expect(matchPages(pages, 'ZFWW').map((p) => p.label)).toEqual(['走访慰问']);
    expect(matchPages(pages, '字号').map((p) => p.label)).toEqual(['系统设置']);
  });
});

describe('CommandPalette', () => {
  it('Ctrl+K, the pinyin initials, Enter: the file', async () => {
    const p = await call<PersonFile>('retirees.create', { person: { name: '张桂兰', category: '退休' } });
    await call('retirees.create', { person: { name: '李建国', category: '离休' } });
    render(<CommandPalette pages={pages} />);
    act(() => {
      fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    });
    type('zgl');
    const found = await screen.findByText('张桂兰');
    expect(screen.queryByText('李建国')).toBeNull();
    await waitFor(() => expect(found.closest('[data-action]')?.getAttribute('data-selected')).toBe('true'));
    enter();
    expect(window.location.hash).toBe(`#/people/${p.id}`);
  });

  it('an ID number finds the person too; a page by its initials', async () => {
    const p = await call<PersonFile>('retirees.create', {
      person: { name: '王秀英', category: '退休', idNumber: '11010519491231002X' },
    });
    render(<CommandPalette pages={pages} />);
    act(() => {
      fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    });
    type('1231002');
    await screen.findByText('王秀英');
    enter();
    expect(window.location.hash).toBe(`#/people/${p.id}`);

    act(() => {
      fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    });
    type('zfww');
    await waitFor(() =>
      expect(screen.getByText('走访慰问').closest('[data-action]')?.getAttribute('data-selected')).toBe('true'),
    );
    enter();
    expect(window.location.hash).toBe('#/visits');
  });

  it('a part of an ID number: the person, with the matched digits shown and marked (issue 17)', async () => {
    await call<PersonFile>('retirees.create', {
      person: { name: '王秀英', category: '退休', idNumber: '11010519491231002X' },
    });
    render(<CommandPalette pages={pages} />);
    act(() => {
      fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    });
    type('4912');
    const match = await screen.findByLabelText('身份证号匹配 4912');
    expect(match.textContent).toBe('110105**4912**002X');
    expect(match.querySelector('mark')?.textContent).toBe('4912');
  });

  it('past 1,000 people found, the way to all of them says 1,000+ (issue 17)', async () => {
    ctx.store.tx(() => {
      for (let i = 0; i <= SEARCH_CAP; i++)
        createPerson(
          ctx.store,
          person({ name: `赵${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 10) % 10]}` }),
          { acceptWarnings: false },
        );
    });
    render(<CommandPalette pages={pages} />);
    act(() => {
      fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    });
    type('z');
    expect(await screen.findByText('在人员档案中查看全部 1,000+ 人')).toBeTruthy();
  });

  it('says so when nothing is found', async () => {
    render(<CommandPalette pages={pages} />);
    act(() => {
      fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    });
    type('qqqq');
    expect(await screen.findByText('没有找到“qqqq”')).toBeTruthy();
  });
});
