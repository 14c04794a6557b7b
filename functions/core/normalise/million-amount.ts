export interface MillionAmount {
  /** Whole euros, e.g. 10 400 000 for "10,4 miljoner euro". */
  readonly eur: number;
  /** The words as written, e.g. "10,4 miljoner euro". */
  readonly raw: string;
}

const NUMBER = String.raw`(\d{1,4})(?:[,.](\d{1,3}))?`;
const SPACE = String.raw`[\s\u00a0]*`;
const UNIT = String.raw`(?:miljoner|miljoonaa|miljoona|millions?|milj\.|M)`;
const EURO = '(?:euroa|euros|euro|€)';
/** "10,4 miljoner euro", "67,9 miljoonaa euroa", "10.4 million euros", "10,4 M€"; or "EUR 10.4 million". */
const PATTERN = new RegExp(
  String.raw`(?<![\d,.])(?:${NUMBER}${SPACE}${UNIT}${SPACE}${EURO}|(?:EUR|€)${SPACE}${NUMBER}${SPACE}${UNIT})(?![\p{L}\d])`,
  'gu',
);

/**
 * The first amount written in millions of euros in a text, computed from the digits so that 67,9
 * becomes exactly 67 900 000. Null when there is none. Never throws.
 */
export function findMillionAmount(text: string): MillionAmount | null {
  for (const match of text.matchAll(PATTERN)) {
    const whole = match[1] ?? match[3];
    const fraction = match[1] !== undefined ? (match[2] ?? '') : (match[4] ?? '');
    if (whole === undefined) continue;
    const eur = Number(whole) * 1_000_000 + (fraction ? Number(fraction.padEnd(6, '0')) : 0);
    if (Number.isSafeInteger(eur)) return { eur, raw: match[0].trim() };
  }
  return null;
}
