import { type DateResult, parseFinnishDate } from './date';
import { collapseWhitespace } from './text';

export interface DateRange {
  readonly start: DateResult;
  readonly end: DateResult;
  /** The dates as written, e.g. "01.06.2020" and "31.11.2021". */
  readonly rawStart: string;
  readonly rawEnd: string;
  /** Whatever follows the range, e.g. "Optio allekirjoitettu jatkosta vuoteen 2028 asti."; "" when nothing. */
  readonly note: string;
}

const DATE = String.raw`\d{1,2}\.\s?\d{1,2}\.\s?\d{4}`;
const RANGE = new RegExp(String.raw`^(${DATE})\s*[-–—]\s*(${DATE})\.?(?:\s+(.*))?$`, 'u');

/**
 * Reads a schedule such as "1.5.2023-30.4.2025", "1.11.2022–30.4.2025", "01.06.2020 - 31.12.2021"
 * or "1.1.2023–31.12.2026. Optio allekirjoitettu jatkosta vuoteen 2028 asti." (hyphen, en or em dash,
 * with or without spaces, zero-padded or not, a trailing note kept). Each end is parsed on its own, so
 * an impossible date ("31.11.2021") comes back as `{ ok: false }` next to a good one. Null when the
 * text does not start with a range at all ("Pysyvää Euroopan komission alaista toimintaa"). Never throws.
 */
export function parseDateRange(raw: string): DateRange | null {
  const text = collapseWhitespace(raw);
  const match = RANGE.exec(text);
  if (!match) return null;
  const rawStart = match[1]!;
  const rawEnd = match[2]!;
  return {
    start: parseFinnishDate(rawStart),
    end: parseFinnishDate(rawEnd),
    rawStart,
    rawEnd,
    note: (match[3] ?? '').trim(),
  };
}
