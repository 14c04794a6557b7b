export type DateResult =
  | { readonly ok: true; readonly iso: string }
  | { readonly ok: false; readonly raw: string };

/**
 * Parses a Finnish date ("1.1.2023", "01.05.2023", "31.12.2025.") into ISO "YYYY-MM-DD".
 * A date that does not exist on the calendar ("31.11.2021") is not a date: `{ ok: false, raw }`.
 * Never throws.
 */
export function parseFinnishDate(raw: string): DateResult {
  const match = /^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\.?\s*$/.exec(raw);
  if (!match) return { ok: false, raw };
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  if (!isCalendarDate(year, month, day)) return { ok: false, raw };
  return { ok: true, iso: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` };
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "2023-01-01" → "1.1.2023": how a Finnish reader writes it. */
export function formatFinnishDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

let helsinkiFormat: Intl.DateTimeFormat | undefined;

/**
 * The calendar day (YYYY-MM-DD) of an instant in Finland's time zone. One formatter for the whole
 * process, made on first use: making one costs far more than formatting with it, and a run formats
 * a date for every feed entry.
 */
export function helsinkiDay(instant: Date): string {
  helsinkiFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return helsinkiFormat.format(instant);
}
