import { describe, expect, test } from 'vitest';
import { ageOn, bornOnOrBefore, formatChineseDate, parseDateInput } from '../src-main/shared/dates';

describe('dates', () => {
  test('age in full years, partial birth dates counted from the first of the month', () => {
    expect(ageOn('1946-11-28', '2026-11-28')).toBe(80);
    expect(ageOn('1946-11-29', '2026-11-28')).toBe(79);
    expect(ageOn('1946-11', '2026-11-28')).toBe(80);
    expect(ageOn('1946-12', '2026-11-28')).toBe(79);
    expect(ageOn(null, '2026-11-28')).toBeNull();
  });

  test('a Feb 29 birthday counts from Mar 1 in common years, and the filter agrees with ageOn', () => {
    expect(ageOn('1946-02-29', '2026-02-28')).toBe(79);
    expect(ageOn('1946-02-29', '2026-03-01')).toBe(80);
    expect('1946-02-29' <= bornOnOrBefore(80, '2026-02-28')).toBe(false);
    expect('1946-02-29' <= bornOnOrBefore(80, '2026-03-01')).toBe(true);
  });

  test('what staff type becomes ISO text with its precision, or null', () => {
    expect(parseDateInput('1952.10.5')).toBe('1952-10-05');
    expect(parseDateInput('1952年10月5日')).toBe('1952-10-05');
    expect(parseDateInput('19521005')).toBe('1952-10-05');
    expect(parseDateInput('1952/10')).toBe('1952-10');
    expect(parseDateInput('1952年10月')).toBe('1952-10');
    expect(parseDateInput('1952')).toBe('1952');
    expect(parseDateInput('1950-02-30')).toBeNull();
    expect(parseDateInput('1952.13')).toBeNull();
    expect(parseDateInput('十月')).toBeNull();
  });

  test('official dates', () => {
    expect(formatChineseDate('2026-11-28')).toBe('2026年11月28日');
    expect(formatChineseDate('1952-10')).toBe('1952年10月');
  });
});
