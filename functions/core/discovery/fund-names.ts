/**
 * The fund's names in the languages its releases are written in, and those of the two other home
 * affairs funds, whose releases come from the same ministry and the same listings. Inflections
 * are matched by the stem ("…kotouttamisrahaston", "…integrationsfonden").
 */
const AMIF_NAMES: readonly RegExp[] = [
  /\bAMIF\b/u,
  /turvapaikka-\s*,?\s*maahanmuutto-\s+ja\s+kotouttamisrahast/iu,
  /turvapaikka-\s*,?\s*maahanmuutto-\s+ja\s+kotoutumisrahast/iu,
  /asyl-\s*,?\s*migrations-\s+och\s+integrationsfond/iu,
  /asylum,\s+migration\s+and\s+integration\s+fund/iu,
];

const OTHER_FUND_NAMES: readonly { readonly fund: string; readonly name: RegExp }[] = [
  { fund: 'ISF', name: /\bISF\b/u },
  { fund: 'ISF', name: /sisäisen\s+turvallisuuden\s+rahast/iu },
  { fund: 'ISF', name: /fonden\s+för\s+inre\s+säkerhet/iu },
  { fund: 'ISF', name: /internal\s+security\s+fund/iu },
  { fund: 'BMVI', name: /\bBMVI\b/u },
  { fund: 'BMVI', name: /rajaturvallisuu\p{L}*-?\s+ja\s+viisumipolitiikan\s+rahoitus\p{L}*/iu },
  { fund: 'BMVI', name: /instrument\p{L}*\s+för\s+(?:ekonomiskt\s+stöd\s+för\s+)?gränsförvaltning/iu },
  { fund: 'BMVI', name: /border\s+management\s+and\s+visa/iu },
];

/** The fund's name as the text writes it ("AMIF", "asyl-, migrations- och integrationsfonden"), or null. */
export function amifNameIn(text: string): string | null {
  for (const name of AMIF_NAMES) {
    const found = name.exec(text);
    if (found) return wordAt(text, found.index, found[0]);
  }
  return null;
}

/** The other funds the text names, each once, in a fixed order ("ISF", "BMVI"). */
export function otherFundsIn(text: string): string[] {
  const funds = new Set(OTHER_FUND_NAMES.filter((f) => f.name.test(text)).map((f) => f.fund));
  return ['ISF', 'BMVI'].filter((f) => funds.has(f));
}

/** The matched stem with the rest of its word: "kotouttamisrahast" → "kotouttamisrahaston". */
function wordAt(text: string, index: number, matched: string): string {
  const rest = /^\p{L}*/u.exec(text.slice(index + matched.length))?.[0] ?? '';
  return `${matched}${rest}`;
}
