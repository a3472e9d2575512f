import { describe, expect, test } from 'vitest';
import { isoToLocalInput, localInputToIso } from './datetime';

describe('datetime-local ↔ ISO with offset', () => {
  test('keeps the local wall time and adds the local offset', () => {
    const iso = localInputToIso('2025-05-01T09:30')!;
    expect(iso).toMatch(/^2025-05-01T09:30:00[+-]\d{2}:\d{2}$/);
    // The same instant as the browser understands the local value.
    expect(Date.parse(iso)).toBe(new Date(2025, 4, 1, 9, 30).getTime());
  });

  test('round-trips through the edit form', () => {
    for (const v of ['2024-01-15T00:00', '2024-07-31T23:59', '2025-10-26T03:30']) {
      expect(isoToLocalInput(localInputToIso(v)!)).toBe(v);
    }
  });

  test('refuses what is not a datetime-local value', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('2025-05-01')).toBeNull();
    expect(localInputToIso('tomorrow')).toBeNull();
  });
});
