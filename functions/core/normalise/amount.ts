/** Euros as a JSON number; exact to the cent for every amount parseEuroAmount (amount-reader.ts) accepts. */
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
