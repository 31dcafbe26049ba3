import { describe, expect, it } from 'vitest';
import { addDays, addMonthsCivil, compareDates, isValidDate, isValidInstant, shanghaiDate } from './calendar';

describe('addMonthsCivil (Civil Code arts. 201–202)', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-15', 12, '2026-03-15'],
    ['2023-02-28', 12, '2024-02-28'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-06-10', 0, '2025-06-10'],
  ])('%s + %i months → %s', (d, n, want) => {
    expect(addMonthsCivil(d, n)).toBe(want);
  });
  it('rejects invalid input', () => {
    expect(() => addMonthsCivil('2025-02-29', 1)).toThrow(RangeError);
    expect(() => addMonthsCivil('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-06-10', -30, '2026-05-11'],
    ['2000-02-28', 366, '2001-02-28'],
    ['2025-01-01', 0, '2025-01-01'],
  ])('%s + %i days → %s', (d, n, want) => {
    expect(addDays(d, n)).toBe(want);
  });
  it('agrees with Date.UTC over ~55 years in 37-day steps', () => {
    let d = '1970-01-01';
    for (let i = 0; i < 20000; i += 37) {
      expect(d).toBe(new Date(Date.UTC(1970, 0, 1 + i)).toISOString().slice(0, 10));
      d = addDays(d, 37);
    }
  });
});

describe('compareDates / isValidDate / shanghaiDate', () => {
  it('compares', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBe(1);
  });
  it('validates', () => {
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-04-31')).toBe(false);
    expect(isValidDate('2025-1-01')).toBe(false);
    expect(isValidDate(null)).toBe(false);
    expect(isValidDate('2025-12-31')).toBe(true);
  });
  it('gives the Shanghai calendar date of an instant', () => {
    expect(shanghaiDate('2025-12-31T16:30:00Z')).toBe('2026-01-01');
    expect(shanghaiDate('2025-12-31T15:59:59Z')).toBe('2025-12-31');
    expect(shanghaiDate('2025-06-01T00:00:00+08:00')).toBe('2025-06-01');
    expect(() => shanghaiDate('nonsense')).toThrow(RangeError);
  });
  it('validates instants', () => {
    expect(isValidInstant('2025-06-01T02:00:00Z')).toBe(true);
    expect(isValidInstant('2025-06-01T02:00:00.123+08:00')).toBe(true);
    expect(isValidInstant('2025-06-01')).toBe(false);
    expect(isValidInstant('2025-06-01T02:00:00')).toBe(false);
  });
});
