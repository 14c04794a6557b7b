import type { Beneficiary } from '../model/project';
import { collapseWhitespace, foldKey, slugify } from './text';

/**
 * Names by which one organisation appears across sources and languages, keyed by its canonical id.
 * Spelling variants that differ only in case, accents or punctuation need no entry here.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  maahanmuuttovirasto: ['Migri', 'Migrationsverket', 'Finnish Immigration Service'],
  'terveyden-ja-hyvinvoinnin-laitos-thl': [
    'Terveyden ja hyvinvoinnin laitos',
    'THL',
    'Institutet för hälsa och välfärd',
    'Finnish Institute for Health and Welfare',
  ],
  'helsingin-diakonissalaitoksen-saatio-sr': [
    'Helsingin Diakonissalaitos',
    'Diakonissalaitos',
    'Stiftelsen Helsingfors Diakonissanstalt',
  ],
  'suomen-pakolaisapu-ry': ['Suomen Pakolaisapu', 'Finlands Flyktinghjälp', 'Finnish Refugee Council'],
  'kuopion-setlementti-puijola-ry': ['Setlementti Puijola', 'Kuopion Setlementti Puijola'],
  'kehitysyhtio-savogrow-oy': ['Utvecklingsbolaget SavoGrow Oy', 'SavoGrow Oy'],
  takuusaatio: ['Garantistiftelsen'],
  'helsingin-seurakuntayhtyma': ['Helsingfors kyrkliga samfällighet'],
  'tampereen-ammattikorkeakoulu-oy': ['Tampereen ammattikorkeakoulu', 'Tammerfors yrkeshögskola'],
  vaestoliitto: ['Befolkningsförbundet'],
  poliisihallitus: ['Polisstyrelsen', 'National Police Board'],
  'suomen-punainen-risti': ['Finlands Röda Kors', 'Finnish Red Cross'],
  'pelastakaa-lapset-ry': ['Rädda Barnen', 'Save the Children Finland'],
  'ahvenanmaan-maakunnan-hallitus': ['Ålands landskapsregering', 'Government of Åland'],
  'diakonia-ammattikorkeakoulu': ['Diakonia-yrkeshögskolan', 'yrkeshögskolan Diakonia', 'Diak'],
  'turun-kaupunki': ['Åbo stad', 'City of Turku'],
  'rauman-kaupunki': ['Raumo stad', 'City of Rauma'],
  'business-finland-oy': ['Business Finland'],
  'pirkanmaan-ely-keskus': ['NTM-centralen i Birkaland', 'Pirkanmaa ELY Centre'],
};

/**
 * Finnish genitives of names whose genitive is not the name plus "n" (consonant gradation, "-apu" →
 * "-avun"), so that a Finnish press release's "Suomen Pakolaisavun hanke" finds its organisation:
 * genitive → the name it stands for.
 */
const FINNISH_GENITIVES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'suomen-pakolaisapu-ry': {
    'Suomen Pakolaisavun': 'Suomen Pakolaisapu',
    Pakolaisavun: 'Suomen Pakolaisapu',
  },
  vaestoliitto: { Väestöliiton: 'Väestöliitto' },
  'terveyden-ja-hyvinvoinnin-laitos-thl': {
    'Terveyden ja hyvinvoinnin laitoksen': 'Terveyden ja hyvinvoinnin laitos',
  },
  'suomen-punainen-risti': { 'Suomen Punaisen Ristin': 'Suomen Punainen Risti' },
};

const ALIAS_TO_ID: ReadonlyMap<string, string> = new Map(
  Object.entries(ALIASES).flatMap(([id, names]) => names.map((name) => [slugify(name), id] as const)),
);

/** The canonical id of an organisation: stable across case, punctuation, legal-form dots and known aliases. */
export function beneficiaryId(name: string): string {
  const slug = slugify(name);
  return ALIAS_TO_ID.get(slug) ?? slug;
}

export function normaliseBeneficiary(raw: string): Beneficiary {
  const name = collapseWhitespace(raw);
  return { id: beneficiaryId(name), name };
}

interface SearchName {
  readonly id: string;
  readonly tokens: readonly string[];
  /** The name to report (an alias as listed, the nominative of a genitive); null: as the text writes it. */
  readonly name: string | null;
}

function bySpecificity(a: SearchName, b: SearchName): number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    b.tokens.length - a.tokens.length || order(a.id, b.id) || order(a.tokens.join(' '), b.tokens.join(' '))
  );
}

const tokensOf = (name: string): string[] => foldKey(name).split(' ').filter(Boolean);

/** Every name the text search knows for each organisation: its id read as words, and its aliases. */
const SEARCH_NAMES: readonly SearchName[] = [
  ...Object.keys(ALIASES).map((id) => ({ id, tokens: id.split('-'), name: null })),
  ...Object.entries(ALIASES).flatMap(([id, names]) =>
    names.map((n) => ({ id, tokens: tokensOf(n), name: n })),
  ),
  ...Object.entries(FINNISH_GENITIVES).flatMap(([id, names]) =>
    Object.entries(names).map(([genitive, name]) => ({ id, tokens: tokensOf(genitive), name })),
  ),
]
  .filter((n) => n.tokens.join('').length >= 3)
  // Longest first, so "Institutet för hälsa och välfärd" wins over a shorter name inside it.
  .sort(bySpecificity);

/** The built-in names plus names seen on other pages (e.g. the ministry list's beneficiaries). */
function withExtraNames(extra: readonly { readonly id: string; readonly name: string }[]): SearchName[] {
  const added = extra
    .map((e) => ({ id: e.id, tokens: tokensOf(e.name), name: e.name }))
    .filter((n) => n.tokens.join('').length >= 3);
  return [...SEARCH_NAMES, ...added].sort(bySpecificity);
}

/** Legal-form words a running text often leaves out ("Helsingin Diakonissalaitoksen Säätiön" for "… säätiö sr"). */
const LEGAL_FORMS = new Set(['sr', 'ry', 'rf', 'oy', 'oyj', 'ab']);

/** Finnish case endings a name's last word takes in running text (genitive, allative, adessive, …). */
const FINNISH_ENDINGS = ['n', 'lle', 'lla', 'lta', 'ssa', 'sta', 'a', 'ta', 'an', 'en', 'in', 'on', 'un'];

/**
 * The stems a Finnish word inflects on: itself, and its consonant-gradation or -s/-nen stems
 * ("kaupunki" → "kaupungi-n", "liitto" → "liito-n", "laitos" → "laitokse-n", "-apu" → "-avu-n").
 */
function finnishStems(token: string): string[] {
  const stems = [token];
  const gradation = /(kk|pp|tt|nt|lt|rt|nk)([aeiouy])$/.exec(token);
  if (gradation) {
    const weak = { kk: 'k', pp: 'p', tt: 't', nt: 'nn', lt: 'll', rt: 'rr', nk: 'ng' }[gradation[1]!];
    stems.push(`${token.slice(0, gradation.index)}${weak}${gradation[2]}`);
  }
  if (token.endsWith('s')) stems.push(`${token}kse`, `${token.slice(0, -1)}kse`);
  if (token.endsWith('nen')) stems.push(`${token.slice(0, -3)}se`);
  if (token.endsWith('apu')) stems.push(`${token.slice(0, -3)}avu`);
  if (token.endsWith('i')) stems.push(`${token.slice(0, -1)}e`);
  return stems;
}

interface Inflection {
  /** What every form of the word starts with: no stem changes more than its last three letters. */
  readonly prefix: string;
  readonly stems: readonly string[];
  readonly endings: readonly string[];
}

/** Per name token: findBeneficiaries asks for the same few hundred tokens at every word of a text. */
const INFLECTIONS = new Map<string, Inflection>();

function inflectionOf(token: string): Inflection {
  let inflection = INFLECTIONS.get(token);
  if (!inflection) {
    const short = token.length < 4;
    inflection = {
      prefix: short ? token : token.slice(0, token.length - 3),
      stems: short ? [token] : finnishStems(token),
      endings: short ? ['n'] : FINNISH_ENDINGS,
    };
    INFLECTIONS.set(token, inflection);
  }
  return inflection;
}

/**
 * The base form of a written word when its folded form is the name's last word `token` itself, in a
 * Swedish genitive or in a Finnish case: "Maahanmuuttoviraston" → "Maahanmuuttovirasto", "kaupungin"
 * → "kaupunki"; null when it is another word. Case and accents of the written word are kept.
 */
function baseForm(written: string, token: string, word: string = foldKey(written)): string | null {
  const { prefix, stems, endings } = inflectionOf(token);
  if (!word.startsWith(prefix)) return null;
  if (word === token) return written;
  if (word === `${token}s`) return written.slice(0, -1);
  for (const stem of stems) {
    if (!word.startsWith(stem) || !endings.includes(word.slice(stem.length))) continue;
    let common = 0;
    while (common < stem.length && stem[common] === token[common]) common++;
    return written.slice(0, common) + token.slice(common);
  }
  return null;
}

/** Case endings written after a colon ("THL:n", "Oy:s", "THL:lle"), a word of their own once split. */
const COLON_ENDINGS = new Set(['s', 'n', 'lle', 'lla', 'lta', 'sta', 'ssa', 'ta']);

export interface BeneficiaryMention {
  readonly id: string;
  /** The organisation's name without the genitive ending, e.g. "Finlands Flyktinghjälp". */
  readonly name: string;
  /** The words as the text writes them (genitive ending included), e.g. "Finlands Flyktinghjälps". */
  readonly text: string;
  /** Position of the first word among the text's folded words, for ordering. */
  readonly word: number;
}

/**
 * A name's tokens, and the shorter forms running text uses: without a trailing legal form ("… säätiö
 * sr" → "… säätiö"), then also without a trailing short name ("Työväen Sivistysliitto TSL ry" →
 * "Työväen Sivistysliitto").
 */
function withoutLegalForm(tokens: readonly string[]): (readonly string[])[] {
  const variants: (readonly string[])[] = [tokens];
  let rest = tokens;
  if (rest.length > 1 && LEGAL_FORMS.has(rest.at(-1)!)) {
    rest = rest.slice(0, -1);
    variants.push(rest);
  }
  if (rest.length > 2 && rest.at(-1)!.length <= 3) variants.push(rest.slice(0, -1));
  return variants;
}

/**
 * The known organisations a running text names, in order of appearance. Tolerates the genitive
 * endings press releases put on names: Swedish "-s" and ":s" ("Finlands Flyktinghjälps projekt",
 * "SavoGrow Oy:s projekt") and Finnish "-n" and ":n" ("Maahanmuuttoviraston", "THL:n"), plus the irregular Finnish
 * genitives listed above. Only organisations with an alias entry are found: a text search for every
 * name ever seen would match too much.
 */
export function findBeneficiaries(
  text: string,
  extra: readonly { readonly id: string; readonly name: string }[] = [],
): BeneficiaryMention[] {
  const names = extra.length === 0 ? SEARCH_NAMES : withExtraNames(extra);
  const original = collapseWhitespace(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const words = original.map((w) => foldKey(w));
  const found: BeneficiaryMention[] = [];
  const taken = new Set<number>();
  for (const name of names) {
    for (const tokens of withoutLegalForm(name.tokens)) {
      for (let start = 0; start + tokens.length <= words.length; start++) {
        let end = start;
        let ok = true;
        for (let k = 0; k < tokens.length && ok; k++) {
          const word = words[end]!;
          ok =
            k === tokens.length - 1
              ? baseForm(original[end]!, tokens[k]!, word) !== null
              : word === tokens[k];
          end++;
        }
        if (!ok) continue;
        // "Oy:s", "THL:n", "Etappi ry:n": the ending is a word of its own once punctuation is split off.
        if (COLON_ENDINGS.has(words[end] ?? '')) end++;
        const span = Array.from({ length: end - start }, (_, i) => start + i);
        if (span.some((i) => taken.has(i))) continue;
        for (const i of span) taken.add(i);
        const written = original.slice(start, start + tokens.length);
        written[written.length - 1] = baseForm(written.at(-1)!, tokens.at(-1)!)!;
        found.push({
          id: name.id,
          name: name.name ?? written.join(' '),
          text: original.slice(start, end).join(' '),
          word: start,
        });
      }
    }
  }
  return found.sort((a, b) => a.word - b.word);
}
