// The one search box, on a real database file.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ListQuery } from '../src-main/api/contract';
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
  const add = (name: string, fields = {}) => createPerson(ctx.store, person({ name, ...fields }), { acceptWarnings: false });
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
