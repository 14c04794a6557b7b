/**
 * The one amount reader: a single grammar of figures, euro words and million words, read three ways —
 * a table cell whole (parseEuroAmount), every amount a text states (readAmounts), and the first
 * amount a text gives in millions of euros (findMillionAmount).
 */

// ---- The grammar -------------------------------------------------------------------------------

/** Spaces that Finnish pages put between digit groups: ordinary, no-break, narrow no-break, thin. */
const SP = String.raw`[\s\u00a0\u202f\u2009]`;
/** A space of any kind or a dot between groups of three digits: "1 153 584", "1.153.584". */
const GROUP_SEPARATOR = String.raw`(?:${SP}|\.)`;
/** An English comma before exactly three digits groups them ("212,429"); only running text writes it. */
const ENGLISH_COMMA = String.raw`,(?=\d{3}(?!\d))`;
/** The Finnish decimal comma with one or two digits: "2 200 120,80", "126107,4". */
const DECIMALS = String.raw`,\d{1,2}(?!\d)`;
const grouped = (separator: string) => String.raw`\d{1,3}(?:${separator}\d{3})+`;

/**
 * A figure in a table cell: "1 153 584,12", "1.153.584,12", "2200120,8", or "2200120.8" with a dot
 * decimal. A cell's comma is always the decimal comma, so "212,429" in a cell is unreadable.
 */
const CELL_FIGURE = String.raw`(?:${grouped(GROUP_SEPARATOR)}|\d+)(?:${DECIMALS})?|\d+\.\d{1,2}`;
/** A figure in running text: as in a cell, and also grouped by English commas, but no dot decimal. */
const TEXT_FIGURE = String.raw`(?:${grouped(String.raw`(?:${SP}|\.|${ENGLISH_COMMA})`)}|\d+)(?:${DECIMALS})?`;
/** A figure counted in millions: "10,4", "67,9", "10.4", "15,845". */
const MILLION_FIGURE = String.raw`\d{1,4}(?:[,.]\d{1,3})?`;

/** The euro in its Finnish cases ("euroa", "eurolla", "euron"), Swedish and English forms and the sign. */
const EURO = String.raw`(?:€|EUR\b|euro(?:a|lla|lle|n|on|sta|ssa|s)?(?![\p{L}]))`;
/** The euro as a table cell writes it after the figure ("€", "eur", "euroa", "euros", with a dot). */
const CELL_EURO_AFTER = String.raw`(?:€|eur(?:oa|o|os)?)\.?`;
/** The sign or code written before a figure: "€ 113 778", "EUR 212,429". */
const EURO_BEFORE = `(?:€|EUR)`;
const MILLION_WORD = String.raw`(?:miljoonaan|miljoonaa|miljoonasta|miljoonalla|miljoonan|miljoona|miljoner|miljon|millions?|milj\.)`;
/**
 * One million written without a figure, in the cases a text puts it: "(noin) miljoona euroa",
 * "miljoonan euron", "miljoonasta eurosta", "en miljon euro". Never inside a word or after a figure.
 */
const ONE_MILLION_WORD = String.raw`(?<!\d[,.]?${SP}*)(?<!\p{L})(miljoonasta|miljoonalla|miljoonan|miljoona|en${SP}+miljon)(?!\p{L})`;
/** "M" stands for millions only beside the euro: "10,4 M€", "€ 9M". */
const MILLIONS_AFTER_FIGURE = `(?:${MILLION_WORD}|M(?=${SP}*${EURO}))`;
const APPROX = String.raw`(?:n\.|noin|lähes|liki|yli|ca\.|cirka|omkring|nästan|drygt|about|approximately|nearly|around|some)`;
/** The words that label an EU amount inside brackets or before a colon. */
const LABEL_WORD = `(?:EU-|EU${SP})?(?:rahoitus(?:osuus)?|tuki|tuen${SP}määrä|avustus|finansiering|stöd|funding|grant)`;
const LABEL = `(?:(?:myönnetty|beviljat|beviljad|granted)${SP}+)?${LABEL_WORD}`;

/** "10,4 miljoner euro", "2,2 miljoonaa" (figure, then a euro word if written); or "EUR 10.4 million". */
const FIGURE_FIRST_MILLIONS = `(${MILLION_FIGURE})${SP}*${MILLIONS_AFTER_FIGURE}(?:${SP}*(${EURO}))?`;
const SIGN_FIRST_MILLIONS = `${EURO_BEFORE}${SP}*(${MILLION_FIGURE})${SP}*(?:${MILLION_WORD}|M)`;
const ONE_MILLION = `${ONE_MILLION_WORD}${SP}*${EURO}`;
/** Never starting inside a number, so "10.4 million" is not read as "4 million". */
const MILLION_AMOUNT = String.raw`(?<!\d[,.]?)(?:${FIGURE_FIRST_MILLIONS}|${SIGN_FIRST_MILLIONS}|${ONE_MILLION})`;
/** "113 778 euroa", "331 650 €". */
const PLAIN_AMOUNT = `(${TEXT_FIGURE})${SP}*${EURO}`;
/** "€ 113 778", "EUR 212,429". */
const SIGN_FIRST = `${EURO_BEFORE}${SP}*(${TEXT_FIGURE})`;
const ANY_AMOUNT = `(?:${MILLION_AMOUNT}|${PLAIN_AMOUNT}|${SIGN_FIRST})`;
/** Capture groups of ANY_AMOUNT, counted from its first. */
const GROUP = {
  millionFigure: 0,
  millionEuro: 1,
  signMillionFigure: 2,
  oneMillion: 3,
  plain: 4,
  sign: 5,
} as const;

// ---- Figures to values -------------------------------------------------------------------------

export type AmountResult =
  | { readonly ok: true; readonly cents: number }
  | { readonly ok: false; readonly raw: string };

/**
 * The largest amount, in cents, that survives the trip through euros as a JSON number and back
 * (cents → cents / 100 → Math.round(euros * 100)): 2^50 cents, about 11 trillion euros. Beyond it the
 * division's rounding error can reach half a cent, so a larger "amount" is refused as unreadable.
 */
export const MAX_EXACT_CENTS = 2 ** 50;

/** Integer cents of a figure, or null past MAX_EXACT_CENTS: group separators go, the decimals count. */
function figureCents(figure: string): number | null {
  const decimal = /[,.](\d{1,2})$/.exec(figure);
  const whole = (decimal ? figure.slice(0, decimal.index) : figure).replace(/\D/g, '');
  const cents = Number(whole) * 100 + Number((decimal?.[1] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents <= MAX_EXACT_CENTS ? cents : null;
}

/** Whole euros of a figure in millions: 67,9 is exactly 67 900 000. Null when it is not a safe integer. */
function millionEuros(figure: string): number | null {
  const [whole, fraction = ''] = figure.split(/[,.]/);
  const eur = Number(whole) * 1_000_000 + (fraction ? Number(fraction.padEnd(6, '0')) : 0);
  return Number.isSafeInteger(eur) ? eur : null;
}

/**
 * The figure of an amount in millions among a match's groups (`group(n)`, n as in GROUP): the
 * figure written before the million word (only `withFigureFirst`), after the sign, or "1" for a
 * million written without one. Undefined when the match is not in millions.
 */
function millionFigureOf(
  group: (n: number) => string | undefined,
  withFigureFirst: boolean,
): string | undefined {
  return (
    group(GROUP.signMillionFigure) ??
    (group(GROUP.oneMillion) !== undefined ? '1' : undefined) ??
    (withFigureFirst ? group(GROUP.millionFigure) : undefined)
  );
}

// ---- A table cell ------------------------------------------------------------------------------

const CELL = new RegExp(`^(?:${EURO_BEFORE}${SP}*)?(${CELL_FIGURE})(?:${SP}*${CELL_EURO_AFTER})?$`, 'iu');

/**
 * Parses a Finnish euro amount ("2200120,8", "1 153 584,12 €", "78 438 euroa") into integer cents,
 * so sums never drift. Never throws: anything it cannot read comes back as `{ ok: false, raw }`.
 */
export function parseEuroAmount(raw: string): AmountResult {
  const match = CELL.exec(raw.replace(/[\s\u00a0\u202f\u2009]+/g, ' ').trim());
  const cents = match ? figureCents(match[1]!) : null;
  return cents === null ? { ok: false, raw } : { ok: true, cents };
}

// ---- Amounts in millions -----------------------------------------------------------------------

export interface MillionAmount {
  /** Whole euros, e.g. 10 400 000 for "10,4 miljoner euro". */
  readonly eur: number;
  /** The words as written, e.g. "10,4 miljoner euro". */
  readonly raw: string;
}

const MILLION_WITH_EURO = new RegExp(String.raw`${MILLION_AMOUNT}(?![\p{L}\d])`, 'gu');

/**
 * The first amount written in millions of euros in a text, the euro stated ("10,4 miljoner euro",
 * "67,9 miljoonaa euroa", "10.4 million euros", "10,4 M€", "EUR 10.4 million"), computed from the
 * digits so that 67,9 becomes exactly 67 900 000. Null when there is none. Never throws.
 */
export function findMillionAmount(text: string): MillionAmount | null {
  for (const match of text.matchAll(MILLION_WITH_EURO)) {
    // MILLION_AMOUNT's groups are ANY_AMOUNT's first ones; a figure first needs its euro written.
    const group = (n: number) => match[1 + n];
    const figure = millionFigureOf(group, group(GROUP.millionEuro) !== undefined);
    const eur = figure === undefined ? null : millionEuros(figure);
    if (eur !== null) return { eur, raw: match[0].trim() };
  }
  return null;
}

// ---- Every amount a text states ----------------------------------------------------------------

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

const BRACKET = new RegExp(
  String.raw`\(${SP}*(?:${LABEL}${SP}*:?${SP}*)?(?:(${APPROX})${SP}*)?${ANY_AMOUNT}(?:${SP}+[\p{L}-]+){0,3}${SP}*\)`,
  'giu',
);
const LABELLED = new RegExp(`${LABEL}${SP}*:${SP}*(?:(${APPROX})${SP}*)?${ANY_AMOUNT}`, 'giu');
const PROSE = new RegExp(`(?:(${APPROX})${SP}+)?${ANY_AMOUNT}`, 'giu');

/** The unit of a figure's last significant digit: 382 000 → 1 000, 2 200 000 → 100 000, 308 620 → 10. */
function significantUnit(eur: number): number {
  if (!Number.isInteger(eur) || eur === 0) return 1;
  let unit = 1;
  while (eur % (unit * 10) === 0) unit *= 10;
  return unit;
}

/** The value of one match of BRACKET, LABELLED or PROSE (group 1 the approximation, then ANY_AMOUNT's). */
function toStated(match: RegExpExecArray, form: AmountForm): StatedAmount | null {
  const group = (n: number) => match[2 + n];
  const approx = match[1] !== undefined;
  const raw = match[0].trim();
  const index = match.index + match[0].indexOf(raw);
  const base = { form, raw, index, end: index + raw.length };
  const millionFigure = millionFigureOf(group, true);
  if (millionFigure !== undefined) {
    const eur = millionEuros(millionFigure);
    if (eur === null) return null;
    const decimals = millionFigure.split(/[,.]/)[1]?.length ?? 0;
    return { ...base, eur, approximate: true, precisionEur: 1_000_000 / 10 ** decimals };
  }
  const figure = group(GROUP.plain) ?? group(GROUP.sign);
  const cents = figure === undefined ? null : figureCents(figure);
  if (figure === undefined || cents === null) return null;
  const eur = cents / 100;
  const precisionEur =
    cents % 100 !== 0 || /,\d{1,2}$/.test(figure) ? 0.01 : approx ? significantUnit(eur) : 1;
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
  const overlaps = (a: StatedAmount) => found.some((b) => a.index < b.end && b.index < a.end);
  for (const [pattern, form] of [
    [BRACKET, 'bracket'],
    [LABELLED, 'label'],
    [PROSE, 'prose'],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const stated = toStated(match, form);
      if (stated && !overlaps(stated)) found.push(stated);
    }
  }
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
