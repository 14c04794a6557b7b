import { describe, expect, it } from 'vitest';
import { helsinkiDay } from '../../../functions/core/normalise/date';
import { formatFinnishDay } from '../../../functions/core/render/feed-entries';

describe("a day in Finland's time zone", () => {
  it('is the Helsinki calendar day of an instant, in winter (UTC+2) and summer (UTC+3)', () => {
    expect(helsinkiDay(new Date('2026-11-21T21:59:59Z'))).toBe('2026-11-21');
    expect(helsinkiDay(new Date('2026-11-21T22:00:00Z'))).toBe('2026-11-22');
    expect(helsinkiDay(new Date('2026-06-30T20:59:59Z'))).toBe('2026-06-30');
    expect(helsinkiDay(new Date('2026-06-30T21:00:00Z'))).toBe('2026-07-01');
  });

  it('is written the Finnish way in feed entries, a plain date as it is', () => {
    expect(formatFinnishDay('2026-11-21T22:30:00Z')).toBe('22.11.2026');
    expect(formatFinnishDay('2024-03-05')).toBe('5.3.2024');
    expect(formatFinnishDay(null)).toBe('ei tiedossa');
  });
});
