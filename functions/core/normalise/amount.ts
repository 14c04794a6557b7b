/** Spaces that Finnish pages put between digit groups: ordinary, no-break, narrow no-break, thin. */
const GROUP_SPACES = /[\s\u00a0\u202f\u2009]+/g;

export type AmountResult =
  | { readonly ok: true; readonly cents: number }
  | { readonly ok: false; readonly raw: string };

/**
 * Parses a Finnish euro amount ("2200120,8", "1 153 584,12 €", "78 438 euroa") into integer cents,
 * so sums never drift. Never throws: anything it cannot read comes back as `{ ok: false, raw }`.
 */
export function parseEuroAmount(raw: string): AmountResult {
  const text = raw
    .replace(GROUP_SPACES, ' ')
    .trim()
    .replace(/\s*(€|eur(oa|o|os)?)\.?$/i, '')
    .replace(/^(€|eur)\s*/i, '')
    .trim();
  const match = /^(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text);
  if (!match) {
    const dotDecimal = /^(\d+)\.(\d{1,2})$/.exec(text);
    if (!dotDecimal) return { ok: false, raw };
    return toCents(dotDecimal[1]!, dotDecimal[2], raw);
  }
  return toCents(match[1]!.replace(/[ .]/g, ''), match[2], raw);
}

/**
 * The largest amount, in cents, that survives the trip through euros as a JSON number and back
 * (cents → cents / 100 → Math.round(euros * 100)): 2^50 cents, about 11 trillion euros. Beyond it the
 * division's rounding error can reach half a cent, so a larger "amount" is refused as unreadable.
 */
export const MAX_EXACT_CENTS = 2 ** 50;

function toCents(whole: string, fraction: string | undefined, raw: string): AmountResult {
  const euros = Number(whole);
  const cents = euros * 100 + Number((fraction ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents <= MAX_EXACT_CENTS ? { ok: true, cents } : { ok: false, raw };
}

/** Euros as a JSON number; exact to the cent for every amount parseEuroAmount accepts (≤ MAX_EXACT_CENTS). */
export function centsToEuros(cents: number): number {
  return cents / 100;
}

/** Euros with a dot and two decimals, computed from the integer so no float formatting creeps in. */
export function formatEuros(euros: number, decimalSeparator: '.' | ',' = '.'): string {
  const cents = Math.round(euros * 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}${decimalSeparator}${String(abs % 100).padStart(2, '0')}`;
}

/** Digit groups of three, as "1 153 584" or "1,153,584": `separator` goes between them. */
export function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** "1153584.12" → "1 153 584,12 €", with no-break spaces so a reader never wraps the amount. */
export function formatFinnishEuros(amount: number | null): string {
  if (amount === null) return 'ei tiedossa';
  const [whole, cents] = formatEuros(amount).split('.');
  return `${groupThousands(whole!, '\u00a0')},${cents}\u00a0€`;
}
