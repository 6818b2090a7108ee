// The one search box, on a real database file.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ListQuery, SEARCH_CAP } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { listPersons } from '../src-main/retirees/list';
import { createPerson, updatePerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person } from './helpers';

let ctx: AppContext;
const id = (first17: string) => first17 + checkCharacter(first17);

function names(q: string): string[] {
  return listPersons(ctx.store, ListQuery.parse({ q })).rows.map((r) => r.name);
}

beforeEach(async () => {
  ctx = await freshContext();
  const add = (name: string, fields = {}) =>
    createPerson(ctx.store, person({ name, ...fields }), { acceptWarnings: false });
  add('张桂兰', { idNumber: id('21010219521005122'), phones: [{ label: '手机', number: '138-4000-1234' }] });
  add('单立华');
  add('曾国藩');
  add('解晓东');
  add('仇大海');
  add('张乐');
  add('王丹');
  add('阿依古丽·买买提');
});
afterEach(() => ctx.close());

describe('search', () => {
  test('pinyin initials find the name', () => {
    expect(names('zgl')).toEqual(['张桂兰']);
    expect(names('ZGL')).toEqual(['张桂兰']);
    // Initials match from any character on: 桂兰 is gl, and so is 古丽 in 阿依古丽.
    expect(names('gl').sort()).toEqual(['张桂兰', '阿依古丽·买买提'].sort());
  });

  test('polyphonic surnames are found by their surname reading and by the others clerks type (issue 17)', () => {
    expect(names('shanlihua')).toEqual(['单立华']);
    expect(names('slh')).toEqual(['单立华']);
    expect(names('danlihua')).toEqual(['单立华']);
    expect(names('dlh')).toEqual(['单立华']);
    expect(names('zengguofan')).toEqual(['曾国藩']);
    expect(names('cengguofan')).toEqual(['曾国藩']);
    expect(names('xiexiaodong')).toEqual(['解晓东']);
    expect(names('jiexiaodong')).toEqual(['解晓东']);
    expect(names('qiudahai')).toEqual(['仇大海']);
    expect(names('choudahai')).toEqual(['仇大海']);
  });

  test('every reading of a polyphonic given name matches', () => {
    expect(names('zhangle')).toEqual(['张乐']);
    expect(names('zhangyue')).toEqual(['张乐']);
    expect(names('zy')).toEqual(['张乐']);
    // 丹 in a given name is dan.
    expect(names('wangdan')).toEqual(['王丹']);
  });

  test('full pinyin, from any syllable', () => {
    expect(names('zhangguilan')).toEqual(['张桂兰']);
    expect(names('guilan')).toEqual(['张桂兰']);
    expect(names('zhanggui')).toEqual(['张桂兰']);
  });

  test('any part of the name, the ID number or a phone', () => {
    expect(names('桂兰')).toEqual(['张桂兰']);
    expect(names('张').sort()).toEqual(['张乐', '张桂兰'].sort());
    expect(names('19521005')).toEqual(['张桂兰']);
    expect(names('40001234')).toEqual(['张桂兰']);
    expect(names('4000-1234')).toEqual(['张桂兰']);
    expect(names('古丽买买提')).toEqual(['阿依古丽·买买提']);
    expect(names('zh gl')).toEqual(['张桂兰']);
    expect(names('"桂*')).toEqual(['张桂兰']);
    expect(names('nobody')).toEqual([]);
  });

  test('the index follows an edit', () => {
    const file = createPerson(ctx.store, person({ name: '李秀英' }), { acceptWarnings: false });
    expect(names('lxy')).toEqual(['李秀英']);
    updatePerson(ctx.store, file.id, file.version, person({ name: '李淑芬' }), { acceptWarnings: false });
    expect(names('lxy')).toEqual([]);
    expect(names('lsf')).toEqual(['李淑芬']);
  });
});

describe('polyphonic surnames (issue 17)', () => {
  // Each surname's reading as a surname, and the other reading clerks type as often.
  const SURNAMES: [string, string, string][] = [
    ['单卫东', 'shanweidong', 'danweidong'],
    ['曾志明', 'zengzhiming', 'cengzhiming'],
    ['解振华', 'xiezhenhua', 'jiezhenhua'],
    ['仇长海', 'qiuchanghai', 'chouchanghai'],
    ['朴正熙', 'piaozhengxi', 'puzhengxi'],
    ['区建国', 'oujianguo', 'qujianguo'],
    ['查良镛', 'zhaliangyong', 'chaliangyong'],
    ['盖叫天', 'gejiaotian', 'gaijiaotian'],
    ['乐嘉', 'yuejia', 'lejia'],
    ['尉迟恭', 'yuchigong', 'weichigong'],
    ['万俟明', 'moqiming', 'wansiming'],
    ['单于长青', 'chanyuchangqing', 'shanyuchangqing'],
  ];

  test('every reading of the surname finds the person, in full and by initials', () => {
    for (const [name] of SURNAMES) createPerson(ctx.store, person({ name }), { acceptWarnings: false });
    for (const [name, surname, other] of SURNAMES) {
      expect(names(surname), surname).toContain(name);
      expect(names(other), other).toContain(name);
    }
    // The clerk's case: dān wèi dōng by initials.
    expect(names('dwd')).toEqual(['单卫东']);
    expect(names('swd')).toEqual(['单卫东']);
  });

  test('the list still sorts a surname by its reading as a surname', () => {
    const sorted = listPersons(ctx.store, ListQuery.parse({ sort: 'name' })).rows.map((r) => r.name);
    // 单 as shan: between 仇 qiu and 王 wang (as dan it would come first).
    expect(sorted.indexOf('单立华')).toBeGreaterThan(sorted.indexOf('仇大海'));
    expect(sorted.indexOf('单立华')).toBeLessThan(sorted.indexOf('王丹'));
  });
});

describe('ranking (issue 17)', () => {
  beforeEach(() => {
    const add = (name: string, fields = {}) =>
      createPerson(ctx.store, person({ name, ...fields }), { acceptWarnings: false });
    // Added so that neither the order of the ids nor the name order is the ranked order.
    add('李王芳');
    add('王芳华');
    add('王芳', { status: '已故', statusDate: '2020-03-01' });
    add('王芳');
    add('吴王芳');
  });

  const ranked = (q: string) =>
    listPersons(ctx.store, ListQuery.parse({ q })).rows.map((r) => `${r.name}${r.status === '已故' ? '†' : ''}`);

  test('the exact name first, the living before the deceased, then names that start so, then any part', () => {
    expect(ranked('王芳')).toEqual(['王芳', '王芳†', '王芳华', '李王芳', '吴王芳']);
    expect(ranked('wangfang')).toEqual(['王芳', '王芳†', '王芳华', '李王芳', '吴王芳']);
  });

  test('initials rank after a start of the name and before any part', () => {
    // wf: the initials of 王芳 and the start of 王芳华's; wwf of 吴王芳 holds it inside.
    // Within a tier, the living by the list's name order (its key puts 王芳华 before 王芳).
    expect(ranked('wf')).toEqual(['王芳华', '王芳', '王芳†', '李王芳', '吴王芳']);
  });

  test('a search within the chosen statuses and categories ranks only the files they keep', () => {
    const within = (filter: object) =>
      listPersons(ctx.store, ListQuery.parse({ q: '王芳', ...filter })).rows.map(
        (r) => `${r.name}${r.status === '已故' ? '†' : ''}`,
      );
    expect(within({ statuses: ['已故'] })).toEqual(['王芳†']);
    expect(within({ statuses: ['在册', '迁出'] })).toEqual(['王芳', '王芳华', '李王芳', '吴王芳']);
    expect(within({ categories: ['离休'] })).toEqual([]);
    expect(within({ categories: ['退休'], statuses: ['在册'] })).toEqual(['王芳', '王芳华', '李王芳', '吴王芳']);
  });

  test('a chosen sort orders the hits by it instead', () => {
    const byName = listPersons(ctx.store, ListQuery.parse({ q: '王芳', sort: 'name' })).rows.map((r) => r.name);
    expect(byName).toEqual(['李王芳', '王芳华', '王芳', '王芳', '吴王芳']);
  });
});

describe('a short search on a large office (issue 17)', () => {
  test('stops counting at 1,000 hits and says there are more, without a count of them all', () => {
    ctx.store.tx(() => {
      for (let i = 0; i < SEARCH_CAP + 20; i++)
        createPerson(
          ctx.store,
          person({ name: `赵${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 10) % 10]}` }),
          { acceptWarnings: false },
        );
    });
    // Every statement the search runs, as SQLite is given it.
    const ran: string[] = [];
    const prepare = ctx.store.prepare.bind(ctx.store);
    ctx.store.prepare = (text: string) => (ran.push(text), prepare(text));
    const page = listPersons(ctx.store, ListQuery.parse({ q: 'z' }));
    expect(page.total).toBe(SEARCH_CAP);
    expect(page.more).toBe(true);
    expect(page.rows).toHaveLength(50);
    expect(ran.filter((s) => /count\(/i.test(s))).toEqual([]);
    expect(ran.every((s) => !/match/i.test(s) || /limit \?/i.test(s))).toBe(true);
    // Under the cap the count is exact.
    expect(listPersons(ctx.store, ListQuery.parse({ q: 'zgl' }))).toMatchObject({ total: 1, more: false });
  });
});

describe('the match in an ID number or a phone (issue 17)', () => {
  const match = (q: string) =>
    listPersons(ctx.store, ListQuery.parse({ q })).rows.map((r) => ({ name: r.name, match: r.match }));
  const ID = id('21010219521005122');

  test('digits inside the masked part are shown, the rest stays masked', () => {
    expect(match('5210')).toEqual([
      { name: '张桂兰', match: { field: 'idNumber', text: `210102**5210**${ID.slice(-4)}`, from: 8, to: 12 } },
    ]);
    // The part the list shows anyway is marked as the match.
    expect(match('0102')[0].match).toEqual({
      field: 'idNumber',
      text: `210102********${ID.slice(-4)}`,
      from: 2,
      to: 6,
    });
  });

  test('a phone: the matched digits, the rest masked, its dashes kept', () => {
    expect(match('4000-1234')).toEqual([
      { name: '张桂兰', match: { field: 'phone', text: '***-4000-1234', from: 4, to: 13 } },
    ]);
  });

  test('a name search says nothing of the ID', () => {
    expect(match('zgl')).toEqual([{ name: '张桂兰', match: undefined }]);
  });
});
