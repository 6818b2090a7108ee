// @vitest-environment happy-dom
// The people list as a clerk searches it (issue 17), against the real router on a real SQLite
// file: a short search on a large office says 1,000+ rather than counting every hit; a search by
// part of an ID number or a phone shows that part, marked, where the list shows the masked number.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SEARCH_CAP } from '../../../src-main/contract/retirees';
import { createPerson } from '../../../src-main/retirees/persons';
import { checkCharacter } from '../../../src-main/shared/idNumber';
import { person } from '../../../tests/helpers';
import { officeForEachTest, render } from '../../kit/test-utils';
import { PeoplePage } from './PeoplePage';

const office = officeForEachTest();
const ID_FIRST17 = '21010219521005122';
const ID = ID_FIRST17 + checkCharacter(ID_FIRST17);

const open = (query: string) => render(<PeoplePage params={new URLSearchParams(query)} />);

describe('PeoplePage search', () => {
  it('a search past 1,000 hits says 1,000+', async () => {
    const store = office.ctx().store;
    store.tx(() => {
      for (let i = 0; i <= SEARCH_CAP; i++)
        createPerson(
          store,
          person({ name: `赵${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 10) % 10]}` }),
          { acceptWarnings: false },
        );
    });
    open('q=z');
    expect(await screen.findByText('共 1,000+ 人')).toBeTruthy();
  });

  it('the matched digits of an ID number are shown and marked, the rest masked', async () => {
    await office.call('retirees.create', {
      person: { name: '张桂兰', category: '退休', idNumber: ID, phones: [{ label: '手机', number: '138-4000-1234' }] },
    });
    open('q=5210');
    const match = await screen.findByLabelText('身份证号匹配 5210');
    expect(match.textContent).toBe(`210102**5210**${ID.slice(-4)}`);
    expect(within(match).getByText('5210').tagName).toBe('MARK');
    expect(screen.getByText('共 1 人')).toBeTruthy();
  });

  it('a phone match is marked in the phone column', async () => {
    await office.call('retirees.create', {
      person: { name: '张桂兰', category: '退休', idNumber: ID, phones: [{ label: '手机', number: '138-4000-1234' }] },
    });
    open('q=40001234');
    const match = await screen.findByLabelText('电话匹配 4000-1234');
    expect(match.textContent).toBe('***-4000-1234');
    expect(within(match).getByText('4000-1234').tagName).toBe('MARK');
  });
});
