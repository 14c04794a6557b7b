import { centsToEuros, parseEuroAmount } from './amount';

/** How a text states an amount: in brackets, after a label ("Myönnetty EU-avustus: …"), or in running prose. */
export type AmountForm = 'bracket' | 'label' | 'prose';

/** One amount a text states, with how exactly it states it. */
export interface StatedAmount {
  /** Euros, at most two decimals. */
  readonly eur: number;
  /** "n.", "noin", "lähes", "cirka", "nästan", "about", or a figure in millions: the text rounds. */
  readonly approximate: boolean;
  /**
   * The unit the figure is written to: 0.01 for cents, 1 for whole euros, 1 000 for "382 000" after
   * "n.", 100 000 for "2,2 miljoonaa". An approximate amount agrees with any value within half of it.
   */
  readonly precisionEur: number;
  readonly form: AmountForm;
  /** The words as written, e.g. "(EU-rahoitus 113 778 euroa)", "n. 2,2 miljoonaa euroa". */
  readonly raw: string;
  /** Where `raw` starts and ends in the text. */
  readonly index: number;
  readonly end: number;
}

const SP = String.raw`[\s\u00a0\u202f\u2009]`;
/**
 * "1 153 584", "2 200 120,80", "113 778", "382 000", "1.153.584", "212,429", "78438". A comma before
 * exactly three digits groups them (English), before one or two it is the Finnish decimal comma.
 */
const NUMBER = String.raw`\d{1,3}(?:(?:${SP}|\.|,(?=\d{3}(?!\d)))\d{3})+(?:,\d{1,2}(?!\d))?|\d+(?:,\d{1,2}(?!\d))?`;
/** The euro in its Finnish cases ("euroa", "eurolla", "euron"), Swedish and English forms and the sign. */
const EURO = String.raw`(?:€|EUR\b|euro(?:a|lla|lle|n|on|sta|ssa|s)?(?![\p{L}]))`;
const MILLIONS = String.raw`(?:miljoonaa|miljoonan|miljoona|miljoonalla|miljoner|miljon|millions?|milj\.|M(?=${SP}*€))`;
const APPROX = String.raw`(?:n\.|noin|lähes|liki|yli|ca\.|cirka|omkring|nästan|drygt|about|approximately|nearly|around|some)`;
/** The words that label an EU amount inside brackets or before a colon. */
const LABEL_WORD = String.raw`(?:EU-|EU${SP})?(?:rahoitus(?:osuus)?|tuki|tuen${SP}määrä|avustus|finansiering|stöd|funding|grant)`;
const LABEL = String.raw`(?:(?:myönnetty|beviljat|beviljad|granted)${SP}+)?${LABEL_WORD}`;

const MILLION_AMOUNT = String.raw`(\d{1,4}(?:,\d{1,3})?)${SP}*${MILLIONS}${SP}*(?:${EURO})?`;
const PLAIN_AMOUNT = String.raw`(${NUMBER})${SP}*${EURO}`;
const SIGN_FIRST = String.raw`(?:€|EUR)${SP}*(${NUMBER})`;
const ANY_AMOUNT = String.raw`(?:${MILLION_AMOUNT}|${PLAIN_AMOUNT}|${SIGN_FIRST})`;

const BRACKET = new RegExp(
  String.raw`\(${SP}*(?:${LABEL}${SP}*:?${SP}*)?(?:(${APPROX})${SP}*)?${ANY_AMOUNT}(?:${SP}+[\p{L}-]+){0,3}${SP}*\)`,
  'giu',
);
const LABELLED = new RegExp(String.raw`${LABEL}${SP}*:${SP}*(?:(${APPROX})${SP}*)?${ANY_AMOUNT}`, 'giu');
const PROSE = new RegExp(String.raw`(?:(${APPROX})${SP}+)?${ANY_AMOUNT}`, 'giu');

/** The unit of a figure's last significant digit: 382 000 → 1 000, 2 200 000 → 100 000, 308 620 → 10. */
function significantUnit(eur: number): number {
  if (!Number.isInteger(eur) || eur === 0) return 1;
  let unit = 1;
  while (eur % (unit * 10) === 0) unit *= 10;
  return unit;
}

function millions(figure: string): number | null {
  const [whole, fraction = ''] = figure.split(',');
  const eur = Number(whole) * 1_000_000 + (fraction ? Number(fraction.padEnd(6, '0')) : 0);
  return Number.isSafeInteger(eur) ? eur : null;
}

function toStated(
  match: RegExpExecArray,
  form: AmountForm,
  groups: { approx: number; million: number; plain: number; sign: number },
): StatedAmount | null {
  const approx = match[groups.approx] !== undefined;
  const millionFigure = match[groups.million];
  const raw = match[0].trim();
  const index = match.index + match[0].indexOf(raw);
  const base = { form, raw, index, end: index + raw.length };
  if (millionFigure !== undefined) {
    const eur = millions(millionFigure);
    if (eur === null) return null;
    const decimals = millionFigure.split(',')[1]?.length ?? 0;
    return { ...base, eur, approximate: true, precisionEur: 1_000_000 / 10 ** decimals };
  }
  const figure = match[groups.plain] ?? match[groups.sign];
  if (figure === undefined) return null;
  const parsed = parseEuroAmount(figure.replace(/[.,](?=\d{3}(?!\d))/g, ' '));
  if (!parsed.ok) return null;
  const eur = centsToEuros(parsed.cents);
  const precisionEur =
    parsed.cents % 100 !== 0 || /,\d{1,2}$/.test(figure) ? 0.01 : approx ? significantUnit(eur) : 1;
  return { ...base, eur, approximate: approx, precisionEur };
}

/**
 * Every amount a text states, in order, whatever its form: in brackets with or without a label
 * ("(EU-rahoitus 113 778 euroa)", "(EU-rahoitusosuus 222 027 €)", "(212 429 euro EU-finansiering)",
 * "(331 650 €)"), after a label ("Myönnetty EU-avustus: 2 200 120,80 euroa"), or in prose, exact or
 * approximate ("n. 382 000 eurolla", "n. 2,2 miljoonaa euroa", "cirka 2,2 miljoner euro"). A figure in
 * millions is approximate to its last decimal. Never throws; text without amounts gives [].
 */
export function readAmounts(text: string): StatedAmount[] {
  const found: StatedAmount[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: StatedAmount) => taken.some(([s, e]) => a.index < e && s < a.end);
  const scan = (pattern: RegExp, form: AmountForm) => {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const stated = toStated(match, form, { approx: 1, million: 2, plain: 3, sign: 4 });
      if (!stated || overlaps(stated)) continue;
      found.push(stated);
      taken.push([stated.index, stated.end]);
    }
  };
  scan(BRACKET, 'bracket');
  scan(LABELLED, 'label');
  scan(PROSE, 'prose');
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Whether a listed amount is the one a text states: within half the stated precision when the text
 * rounds ("n. 2,2 miljoonaa euroa" agrees with 2 200 120,80), else within a euro (releases write
 * whole euros, rounded or truncated: 308 620 announced, 308 620,69 listed).
 */
export function amountAgrees(
  listed: number | null,
  stated: { readonly eur: number; readonly approximate?: boolean; readonly precisionEur?: number },
): boolean {
  if (listed === null) return false;
  const difference = Math.abs(listed - stated.eur);
  return stated.approximate ? difference <= (stated.precisionEur ?? 1) / 2 : difference < 1;
}
