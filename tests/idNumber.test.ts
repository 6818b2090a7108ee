import { describe, expect, test } from 'vitest';
import { checkCharacter, checkIdNumber, crossCheckId } from '../src-main/shared/idNumber';
import { maskIdNumber } from '../src-main/shared/mask';

describe('GB 11643 ID numbers', () => {
  test('a valid 18-digit number gives birth date and gender', () => {
    // 11010519491231002X is the example number of GB 11643-1999.
    const r = checkIdNumber('11010519491231002X');
    expect(r).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '女',
      from15: false,
    });
  });

  test('the check digit is ISO 7064 MOD 11-2', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('21010219521005122')).toBe('9');
  });

  test('a wrong check digit is reported with the expected one, and still read', () => {
    const r = checkIdNumber('110105194912310021');
    expect(r.ok).toBe(false);
    if (r.ok || r.code !== 'checkDigit') throw new Error('expected a check-digit failure');
    expect(r.expected).toBe('X');
    expect(r.message).toContain('末位应为 X');
    expect(r.birthDate).toBe('1949-12-31');
  });

  test('a lower-case x, spaces and full-width digits are normalised', () => {
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(checkIdNumber(' 110105 19491231 002X ')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
  });

  test('a 15-digit number is upgraded to 18 with its check digit', () => {
    const r = checkIdNumber('110105491231002');
    expect(r).toMatchObject({
      ok: true,
      from15: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '女',
    });
  });

  test('impossible birth dates are refused', () => {
    const first17 = '21010219500230123';
    const r = checkIdNumber(first17 + checkCharacter(first17));
    expect(r).toMatchObject({ ok: false, code: 'date' });
    expect(checkIdNumber('210102500230123')).toMatchObject({ ok: false, code: 'date' });
    const feb29 = '21010219480229123';
    expect(checkIdNumber(feb29 + checkCharacter(feb29)).ok).toBe(true);
    const notLeap = '21010219490229123';
    expect(checkIdNumber(notLeap + checkCharacter(notLeap))).toMatchObject({ ok: false, code: 'date' });
  });

  test('wrong lengths, letters and unknown provinces are refused', () => {
    expect(checkIdNumber('2101021952100512')).toMatchObject({ ok: false, code: 'format' });
    expect(checkIdNumber('21010219521005122A')).toMatchObject({ ok: false, code: 'format' });
    const bad = '99010219521005122';
    expect(checkIdNumber(bad + checkCharacter(bad))).toMatchObject({ ok: false, code: 'area' });
  });

  test('typed birth date and gender are cross-checked; a partial date agrees with its prefix', () => {
    const info = { birthDate: '1952-10-05', gender: '女' as const };
    expect(crossCheckId(info, { birthDate: '1952-10', gender: '女' })).toEqual([]);
    expect(crossCheckId(info, { birthDate: '1952-11-05', gender: '男' })).toHaveLength(2);
  });

  test('the list masks all but the area and the last four', () => {
    expect(maskIdNumber('21010219521005123X')).toBe('210102********123X');
    expect(maskIdNumber(null)).toBeNull();
  });
});
