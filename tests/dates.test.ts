import { describe, expect, test } from 'vitest';
import {
  ageOn,
  ageRange,
  bornOnOrBefore,
  formatAge,
  formatChineseDate,
  parseDateInput,
  personAge,
} from '../src-main/shared/dates';

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

  test('the ages partial dates allow: certain where they decide it, two where the unknown day or month does', () => {
    // Full dates: one age.
    expect(ageRange('1939-06-15', '2000-06-14')).toEqual({ min: 60, max: 60 });
    expect(ageRange('1939-06-15', '2000-06-15')).toEqual({ min: 61, max: 61 });
    // Died some day in June 2000: a March birthday had passed whatever the day, so 61 for certain…
    expect(ageRange('1939-03-15', '2000-06')).toEqual({ min: 61, max: 61 });
    // …an August birthday had not, so 60 for certain…
    expect(ageRange('1939-08-15', '2000-06')).toEqual({ min: 60, max: 60 });
    // …and a birthday on 15 June decides between 60 (1–14 June) and 61 (15–30 June).
    expect(ageRange('1939-06-15', '2000-06')).toEqual({ min: 60, max: 61 });
    // A birthday on the first of the month had passed on every day of it; on the last, on none but it.
    expect(ageRange('1939-06-01', '2000-06')).toEqual({ min: 61, max: 61 });
    expect(ageRange('1939-06-30', '2000-06')).toEqual({ min: 60, max: 61 });
    // Year only, on either side: the months decide.
    expect(ageRange('1939', '2000-06-15')).toEqual({ min: 60, max: 61 });
    expect(ageRange('1939-03-15', '2000')).toEqual({ min: 60, max: 61 });
    expect(ageRange('1939', '2000')).toEqual({ min: 60, max: 61 });
    // Month-only birth, full death date: certain unless the death falls in the birth month.
    expect(ageRange('1939-06', '2000-07-01')).toEqual({ min: 61, max: 61 });
    expect(ageRange('1939-06', '2000-06-10')).toEqual({ min: 60, max: 61 });
    // No age without both dates, or before the birth; none below zero.
    expect(ageRange(null, '2000-06')).toBeNull();
    expect(ageRange('1939-06-15', null)).toBeNull();
    expect(ageRange('2001', '2000-06')).toBeNull();
    expect(ageRange('2000-06-15', '2000-06')).toEqual({ min: 0, max: 0 });
  });

  test('the age shown is at death for the deceased, 约 where the dates leave two, 享年 for the deceased', () => {
    const today = '2026-11-28';
    // The defect: a month-only death date showed today's age (87) instead of the age at death.
    const died = personAge({ birthDate: '1939-03-15', status: '已故', statusDate: '2000-06' }, today);
    expect(died).toEqual({ years: 61, approximate: false, atDeath: true });
    expect(formatAge(died)).toBe('享年61岁');
    const undecided = personAge({ birthDate: '1939-06-15', status: '已故', statusDate: '2000-06' }, today);
    expect(undecided).toEqual({ years: 61, approximate: true, atDeath: true });
    expect(formatAge(undecided)).toBe('享年约61岁');
    expect(formatAge(undecided, 'short')).toBe('约61');
    expect(formatAge(personAge({ birthDate: '1939-06-15', status: '已故', statusDate: '2000-06-20' }, today))).toBe(
      '享年61岁',
    );
    expect(formatAge(personAge({ birthDate: '1939', status: '已故', statusDate: '2000' }, today))).toBe('享年约61岁');
    // The living: today's age.
    expect(formatAge(personAge({ birthDate: '1946-11-28', status: '在册', statusDate: null }, today))).toBe('80岁');
    expect(formatAge(personAge({ birthDate: '1946-11', status: '在册', statusDate: null }, today))).toBe('约80岁');
    expect(
      formatAge(personAge({ birthDate: '1946-12-01', status: '迁出', statusDate: '2020-01-01' }, today), 'short'),
    ).toBe('79');
    // The deceased without a date of death have no age to show, never today's.
    expect(personAge({ birthDate: '1939-06-15', status: '已故', statusDate: null }, today)).toBeNull();
    expect(formatAge(null)).toBe('');
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
