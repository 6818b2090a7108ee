// Money as finance offices write it: fen in integers, yuan typed with commas, capitals on vouchers.
import { describe, expect, test } from 'vitest';
import { bpText, capitalYuan, fenFromCell, formatYuan, parseYuan, percentToBp } from '../src-main/shared/money';

describe('金额大写', () => {
  test.each([
    [5, '伍分'],
    [1000, '壹拾元整'],
    [100500, '壹仟零伍元整'],
    [101050, '壹仟零壹拾元零伍角整'],
    [10000010, '壹拾万元零壹角整'],
    [1234567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [10000000000, '壹亿元整'],
    // The bank's own examples: 零 inside, none after 万 that closes a group.
    [168032, '壹仟陆佰捌拾元零叁角贰分'],
    [10700053, '壹拾万柒仟元零伍角叁分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [10050000, '壹拾万零伍佰元整'],
    [10000500000, '壹亿零伍仟元整'],
    [10001000000, '壹亿零壹万元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [0, '零元整'],
    [50, '伍角整'],
  ])('%i fen → %s', (fen, words) => {
    expect(capitalYuan(fen)).toBe(words);
  });
});

describe('amounts typed and read', () => {
  test('yuan text to fen, exactly', () => {
    expect(parseYuan('1,234.50')).toBe(123450);
    expect(parseYuan('￥1234.5')).toBe(123450);
    expect(parseYuan('１２３４')).toBe(123400);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('-80.00')).toBe(-8000);
  });

  test('what is not an amount to the fen is refused with a message', () => {
    for (const bad of ['12.345', 'abc', '', '1.2.3', '12元5角'])
      expect(() => parseYuan(bad), bad).toThrow('格式不正确');
  });

  test('cells: binary fractions of two-decimal amounts are exact fen; more decimals are refused', () => {
    expect(fenFromCell(146.35)).toBe(14635);
    expect(fenFromCell(0.1 + 0.2)).toBe(30);
    expect(fenFromCell(4870.18)).toBe(487018);
    expect(() => fenFromCell(146.355)).toThrow('不是精确到分');
    expect(() => fenFromCell(null)).toThrow('不是数字');
  });

  test('shown with thousands separators', () => {
    expect(formatYuan(920000)).toBe('9,200.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-123456789)).toBe('-1,234,567.89');
  });
});

describe('percentages in basis points', () => {
  test('typed as staff write them, shown the same way back', () => {
    expect(['85', '92.5', '1.2', '0', '100', '0.05'].map(percentToBp)).toEqual([8500, 9250, 120, 0, 10000, 5]);
    expect(['100.01', '85%', '-1', '1.234', ''].map(percentToBp)).toEqual([null, null, null, null, null]);
    expect([8500, 9250, 120, 0, 10000, 5].map(bpText)).toEqual(['85', '92.5', '1.2', '0', '100', '0.05']);
  });
});
