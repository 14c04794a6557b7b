import type { Beneficiary } from '../model/project';
import type { PressMention, ReleaseTotal, UnnamedAward } from '../model/source-output';
import { readAmounts, type StatedAmount } from '../normalise/amount-reader';
import { findBeneficiaries, normaliseBeneficiary } from '../normalise/beneficiary';
import { collapseWhitespace } from '../normalise/text';
import { blockText, type PageBlock } from './page-blocks';
import { COUNTED, totalKind } from './release-totals';

export type ReadMention = Omit<PressMention, 'draftId'>;

/** The words that introduce a project's name, by language. */
const PROJECT_WORD = /\b(?:projektet|projekt|hankkeessa|hankkeen|hanke|project)\s+/giu;
const NAME_WORD = String.raw`(?:[\p{Lu}][\p{L}\p{N}-]*!?|\d+)`;
const NAME_AFTER_PROJECT_WORD = new RegExp(String.raw`^(${NAME_WORD}(?:\s+${NAME_WORD}){0,5})`, 'u');
/** Capitals words that are not project names: the fund, the EU, instruments. */
const NOT_A_NAME = /^(?:EU|AMIF|ISF|BMVI|EUSA|EU:n|IHH)(?:$|[-\s:])/u;
const OPERATING_SUPPORT =
  /\boperativ\p{L}*\s+(?:stöd|verksamhet)|\bdriftsstöd|\boperatiivi\p{L}*\s+tu\p{L}*|\boperating support|\btoimintatu\p{L}*/iu;
/**
 * Words of a sentence without an amount that speaks of totals, the fund's allocation or what a call offered, rather than
 * one award ("yhteensä", "sammanlagt", "Den totala finansieringsandelen … cirka 62,4 miljoner euro").
 */
const TOTAL =
  /\b(?:yhteensä|kaikkiaan|kokonais\p{L}*|rahoitusosuus|ohjelmakaudella|haettavana|haettavissa|sammanlagt|totalt|totala|finansieringsandel\p{L}*|programperioden|utlystes|in total|altogether)\b/iu;
/** The Finnish word "hanke" in its cases, written after the project's name: "X -hankkeessa", "X-hanketta". */
const HANKE = String.raw`hank(?:e|keen|keessa|keeseen|ketta|keelle|keella|keesta|keet|keita|keiden)(?![\p{L}])`;
const NAME_BEFORE_HANKE = new RegExp(String.raw`(\s*[-–]\s*|\s+)${HANKE}`, 'giu');
/** "(LYRIA-hanke)": a short name in brackets. */
const BRACKETED_HANKE = new RegExp(String.raw`\(([\p{Lu}][\p{L}\p{N}-]*?)-${HANKE}\)`, 'gu');
/** ”IPA-itsepalveluautomaatti …”-hanketta: a quoted name. */
const QUOTED = /[”“"]([^”“"]{2,160})[”“"]/gu;
/** Words that end an organisation's name as written: legal forms with a case ending ("Etappi ry:n"). */
const LEGAL_FORM_END = /\b(?:ry|rf|Oy|Oyj|Ab|sr)(?::n|:s)(?=\s)/gu;
/** "Name – Organisation" bullets: an organisation is what the last dash-separated part is. */
const ORGANISATION_WORD =
  /(?:\b(?:Oy|Oyj|ry|rf|sr|Ab)|kaupunki|kunta|keskus|virasto|säätiö|laitos|yhtymä|seurakunta|liitto|yliopisto|korkeakoulu|opisto|hallitus|stad|kommun|verket|styrelsen)\.?$/iu;
/**
 * "I Migrationsverkets projekt om flyktingförläggningarnas beredskap …": "projekt" right after an
 * organisation's genitive. Such a sentence is about one of its projects even when it names none (the
 * Finnish version of that release names it: "Migrin VOK-valmius hankkeessa"). Only the Swedish form
 * is read: no real Finnish release speaks of an organisation's project without naming it.
 */
const PROJECT_AFTER_ORGANISATION = /^\s+projekt(?:et)?(?![\p{L}])/iu;
/** Verbs and nouns of an award, in any of the languages. */
const AWARD_WORD =
  /\bmyön(?:nettiin|netään|si|tää|netty|tänyt)\b|\brahoitetaan\b|\btuetaan\b|\bsaa\b|\bsai\b|\bsaavat\b|\bbevilja\p{L}*|\bfår\b|\bfick\b|\bawarded\b|\bgranted\b|\breceives?\b/iu;

/**
 * Where a sentence ends: after ".", "!" or "?" followed by a capital, a digit or "(", but not after an
 * abbreviation ("n. 2,2 miljoonaa", "mm. EU:n") or a name that ends in "!" ("VAU! Vauhtia uralle").
 */
const SENTENCE_END =
  /(?<=[.!?])(?<!(?:^|[\s(])(?:n|ca|mm|esim|ns|ks|vrt|bl\.a|t\.ex|s\.k|nr|kl)\.)(?<!\p{Lu}{2,}!)\s+(?=[\p{Lu}\d(])/u;

/** Splits running text into sentences (see SENTENCE_END). */
export function sentences(line: string): string[] {
  return line
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Names a mention gives its project: the capitalised words after "projekt(et)"/"hanke"/"project",
 * then acronym-like words (two or more capitals: "ADERE", "GBV-Tuva2", "MoniTieto"), leaving out the
 * words of the organisations it names (`organisations`, e.g. "Utvecklingsbolaget SavoGrow Oy s").
 */
export function mentionNames(text: string, organisations: readonly string[] = []): string[] {
  const orgWords = new Set(organisations.flatMap((o) => o.split(/\s+/)));
  const names: string[] = namesAfterProjectWord(text);
  for (const word of text.split(/[\s,;:()–”“"]+/u)) {
    const clean = word.replace(/[.!?]$/, '');
    if ((clean.match(/\p{Lu}/gu) ?? []).length >= 2 && !/:s$|:n$/.test(clean)) names.push(clean);
  }
  return [
    ...new Set(names.filter((n) => !NOT_A_NAME.test(n) && !n.split(/\s+/).every((w) => orgWords.has(w)))),
  ];
}

/** The capitalised words right after "projekt(et)", "hanke", "project": names the text delimits by that word. */
function namesAfterProjectWord(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PROJECT_WORD)) {
    const after = NAME_AFTER_PROJECT_WORD.exec(text.slice(match.index + match[0].length));
    if (after) names.push(after[1]!.replace(/[,;:]$/, ''));
  }
  return names;
}

/** Where the organisations a text names end: known names, and any name closed by "ry:n", "Oy:s"…. */
function organisationEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(LEGAL_FORM_END)) ends.push(m.index + m[0].length);
  for (const org of findBeneficiaries(text)) {
    const at = text.indexOf(org.text.split(' ')[0]!);
    if (at < 0) continue;
    // The mention's words are separated by punctuation in the text; find the end of its last word.
    const last = org.text.split(' ').at(-1)!;
    const end = text.indexOf(last, at);
    if (end >= 0) ends.push(end + last.length);
  }
  return ends.sort((a, b) => a - b);
}

/** A name candidate cleaned of leading connectors and a parenthetical organisation ("(Migri) …"). */
function cleanName(raw: string): string | null {
  let name = collapseWhitespace(raw)
    .replace(/^[\s,;:)–-]+/u, '')
    .replace(/[\s,;:(–-]+$/u, '');
  const lead = /^\(([^)]*)\)\s*/u.exec(name);
  if (lead && findBeneficiaries(lead[1]!).length > 0) name = name.slice(lead[0].length);
  if (!name || name.split(' ').length > 16 || !/\p{Lu}|\d/u.test(name[0]!)) return null;
  return NOT_A_NAME.test(name) ? null : name;
}

/**
 * The project names a sentence delimits, in order: a quoted name, "X -hankkeessa" / "X-hanketta"
 * (X running back to the organisation named before it or to the sentence start), "(LYRIA-hanke)",
 * and Swedish "projekt X (amount) …" when the bracket closes the name (the sentence goes on after it).
 * Amounts in brackets are set aside first, so "X (331 650 €) – hankkeen" reads X.
 */
export function delimitedNames(sentence: string): string[] {
  const bracketed = readAmounts(sentence).filter((a) => a.form === 'bracket');
  let text = sentence;
  for (const a of [...bracketed].reverse()) text = `${text.slice(0, a.index)}${text.slice(a.end)}`;
  const names: string[] = [];
  const ends = organisationEnds(text);
  const push = (raw: string) => {
    const name = cleanName(raw);
    if (name && !names.includes(name)) names.push(name);
  };
  for (const q of text.matchAll(QUOTED)) push(q[1]!);
  for (const b of text.matchAll(BRACKETED_HANKE)) push(b[1]!);
  for (const h of text.matchAll(NAME_BEFORE_HANKE)) {
    const before = text.slice(0, h.index);
    // A quoted name was read above; a match inside brackets ("(LYRIA-hanke)") too.
    if (/[”“"]$/u.test(before) || before.lastIndexOf('(') > before.lastIndexOf(')')) continue;
    const orgEnd = ends.filter((e) => e <= h.index).at(-1);
    const dashed = /[-–]/.test(h[1]!);
    // Without a dash ("Migrin VOK-valmius hankkeessa") the name must follow an organisation directly.
    if (!dashed && orgEnd === undefined) continue;
    const start = Math.max(orgEnd ?? 0, before.lastIndexOf(': ') + 1, before.lastIndexOf(', ') + 1);
    const candidate = before.slice(start);
    if (!dashed && candidate.trim().split(/\s+/).length > 4) continue;
    push(candidate);
  }
  for (const a of bracketed) {
    const head = sentence.slice(0, a.index);
    const tail = sentence.slice(a.end).trim();
    const word = [...head.matchAll(/\bprojekt(?:et)?\s+/giu)].at(-1);
    if (!word || !/^[\p{L},–-]/u.test(tail)) continue;
    push(head.slice(word.index + word[0].length));
  }
  return names;
}

function mentionOf(
  text: string,
  amount: StatedAmount | null,
  names: readonly string[],
  beneficiary: Beneficiary | null,
  moreNames = true,
  organisation: string | null = null,
): ReadMention {
  const organisations = [
    ...findBeneficiaries(text).map((o) => o.text),
    ...(organisation ? [organisation] : []),
  ];
  // A sentence that names several projects gives each mention its own name only.
  const all = [...new Set([...names, ...(moreNames ? mentionNames(text, organisations) : [])])];
  // A name the text delimits: given, else one after "projekt"/"hanke" that is not an organisation's words.
  const orgWords = new Set(organisations.flatMap((o) => o.split(/\s+/)));
  const afterWord = namesAfterProjectWord(text).filter(
    (n) => !NOT_A_NAME.test(n) && !n.split(/\s+/).every((w) => orgWords.has(w)),
  );
  return {
    text,
    name: names[0] ?? (moreNames ? (afterWord[0] ?? null) : null),
    names: all,
    beneficiary,
    amountEur: amount?.eur ?? null,
    approximate: amount?.approximate ?? false,
    precisionEur: amount?.precisionEur ?? null,
    operatingSupport: OPERATING_SUPPORT.test(text),
    truncated: false,
  };
}

const orgOf = (text: string): Beneficiary | null => {
  const found = findBeneficiaries(text)[0];
  if (found) return { id: found.id, name: found.name };
  const legal = [...text.matchAll(LEGAL_FORM_END)][0];
  return legal ? normaliseBeneficiary(text.slice(0, legal.index + legal[0].length - 2)) : null;
};

/** "Psyyke – hanke (…) - Maahanmuuttovirasto": a bullet that names a project and its organisation. */
function bulletMention(text: string): ReadMention | null {
  const last = [...text.matchAll(/\s+[-–]\s+/gu)].at(-1);
  if (!last) return null;
  const organisation = collapseWhitespace(text.slice(last.index + last[0].length).replace(/[,.;]$/, ''));
  if (!ORGANISATION_WORD.test(organisation) && findBeneficiaries(organisation).length === 0) return null;
  const name = cleanName(text.slice(0, last.index));
  if (!name) return null;
  const known = findBeneficiaries(organisation)[0];
  const beneficiary = known ? { id: known.id, name: known.name } : normaliseBeneficiary(organisation);
  const amount = readAmounts(text)[0] ?? null;
  return mentionOf(text.slice(0, last.index), amount, [name], beneficiary, true, organisation);
}

export interface MentionScan {
  readonly mentions: ReadMention[];
  /** Sentences that state an award to organisations without naming the project or an amount. */
  readonly unnamed: UnnamedAward[];
  /** Figures that are totals, not awards (see totalKind). */
  readonly totals: ReleaseTotal[];
}

/** Every organisation a sentence names: the known ones, else the one closed by "ry:n", "Oy:s"…. */
function organisationsOf(text: string): Beneficiary[] {
  const known = findBeneficiaries(text).map((o) => ({ id: o.id, name: o.name }));
  const unique = known.filter((o, i) => known.findIndex((k) => k.id === o.id) === i);
  if (unique.length > 0) return unique;
  const own = orgOf(text);
  return own ? [own] : [];
}

/** "I Migrationsverkets projekt om flyktingförläggningarnas beredskap utvecklas …": see PROJECT_AFTER_ORGANISATION. */
function namesAProjectOfItsOrganisation(sentence: string): boolean {
  return organisationEnds(sentence).some((end) => PROJECT_AFTER_ORGANISATION.test(sentence.slice(end)));
}

/** The end of a sentence as written: a copy cut short ends without one. */
const ENDED = /[.!?…:;)"”]\s*$/u;

/**
 * A cut sentence that may name a project: six words or more, two capitalised among its first five
 * ("Työväen Sivistysliiton Arvosta …"), and no digits or address (a contact line is not a mention).
 */
const looksLikeACutMention = (sentence: string): boolean =>
  sentence.split(/\s+/).length >= 6 &&
  (
    sentence
      .split(/\s+/)
      .slice(0, 5)
      .join(' ')
      .match(/(?:^|\s)\p{Lu}/gu) ?? []
  ).length >= 2 &&
  !/[\d@]/u.test(sentence);

/** What readMentions has read so far, and the state it carries from one sentence to the next. */
interface Reading extends MentionScan {
  /** The organisation a sentence of its own introduces (until the next heading). */
  introduced: Beneficiary | null;
  heading: string | null;
  /** The unnamed award of the sentence just before, which the next one may turn out to introduce. */
  previous: UnnamedAward | null;
  /** The unnamed award the sentences since only explain (its context grows with them). */
  explaining: UnnamedAward | null;
}

const introduces = (award: UnnamedAward | null, organisation: Beneficiary | null): award is UnnamedAward =>
  award !== null && organisation !== null && award.beneficiaries.some((b) => b.id === organisation.id);

/** A sentence without an amount: named projects, an unnamed award, words on the award before, or nothing. */
function readPlainSentence(
  r: Reading,
  sentence: string,
  context: Beneficiary | null,
  cut: boolean,
): Beneficiary | null {
  const own = orgOf(sentence);
  const before = r.previous;
  const explained = r.explaining;
  r.previous = null;
  r.explaining = null;
  const names = delimitedNames(sentence);
  if (names.length > 0 && (own || AWARD_WORD.test(sentence))) {
    if (introduces(before, own)) r.unnamed.splice(r.unnamed.indexOf(before), 1);
    for (const name of names) r.mentions.push(mentionOf(sentence, null, [name], own ?? context, false));
  } else if (
    own &&
    names.length === 0 &&
    (AWARD_WORD.test(sentence) || namesAProjectOfItsOrganisation(sentence)) &&
    !TOTAL.test(sentence) &&
    !COUNTED.test(sentence)
  ) {
    let text = sentence;
    if (introduces(before, own)) {
      r.unnamed.splice(r.unnamed.indexOf(before), 1);
      text = `${before.text} ${sentence}`;
    }
    r.previous = {
      text,
      beneficiaries: organisationsOf(sentence),
      context: '',
      mentionsBefore: r.mentions.length,
    };
    r.explaining = r.previous;
    r.unnamed.push(r.previous);
  } else if (cut && names.length === 0 && looksLikeACutMention(sentence)) {
    // The copy ends inside this sentence, before any bracket or amount: the linker reads the
    // organisation it opens with and the name after it.
    r.mentions.push({ ...mentionOf(sentence, null, [], own, false), names: [sentence], truncated: true });
  } else if (explained && names.length === 0 && !AWARD_WORD.test(sentence)) {
    // A sentence that only says more of the award before it ("Migrin paluuneuvonnan tarkoituksena on …").
    explained.context = explained.context ? `${explained.context} ${sentence}` : sentence;
    r.explaining = explained;
  }
  if (own && names.length === 0) r.introduced = own;
  return own;
}

/** A sentence with amounts: one mention per award amount, running to it; the totals set aside. */
function readAmountSentence(
  r: Reading,
  sentence: string,
  context: Beneficiary | null,
  totalEur: number | null,
): Beneficiary | null {
  const own = orgOf(sentence);
  const before = r.previous;
  r.previous = null;
  r.explaining = null;
  const amounts: StatedAmount[] = [];
  for (const amount of readAmounts(sentence)) {
    const kind = totalKind(sentence, amount, totalEur);
    if (kind) r.totals.push(totalOf(kind, amount, sentence));
    else amounts.push(amount);
  }
  let from = 0;
  for (const [i, amount] of amounts.entries()) {
    const to = i === amounts.length - 1 ? sentence.length : amount.end;
    const text = collapseWhitespace(sentence.slice(from, to));
    from = to;
    let names = delimitedNames(text);
    if (names.length === 0 && amount.form === 'label' && r.heading) names = [r.heading];
    const mention = mentionOf(text, amount, names, orgOf(text) ?? context);
    if (names.length === 0 && mention.beneficiary === null && amount.form === 'prose') {
      // No name and no organisation, here or before: a figure of the release, not anyone's award.
      r.totals.push(totalOf('unattributed', amount, sentence));
      continue;
    }
    if (i === 0 && introduces(before, mention.beneficiary)) r.unnamed.splice(r.unnamed.indexOf(before), 1);
    r.mentions.push(mention);
  }
  return own;
}

const totalOf = (kind: ReleaseTotal['kind'], amount: StatedAmount, sentence: string): ReleaseTotal => ({
  kind,
  eur: amount.eur,
  approximate: amount.approximate,
  raw: amount.raw,
  text: collapseWhitespace(sentence),
});

/**
 * Every award the body of a release states, in order. A sentence with amounts gives one mention per
 * amount, running to it (the last to the sentence end); a sentence without amounts gives one mention
 * per project name it delimits when it also names an organisation or an award; a bullet "Name –
 * Organisation" gives one. Figures that are totals (see totalKind: applied for, offered by a call, a
 * programme's, a sum over projects, the lead's total repeated) and prose figures naming neither a
 * project nor an organisation are kept as totals, not mentions. The organisation is the one named in
 * the mention, else the one the sentences before it named (until the next heading); a label amount
 * ("Myönnetty EU-avustus: …") without a name takes the heading above it as the project's name.
 *
 * A sentence that states an award to an organisation, or speaks of the organisation's project, without
 * a name or an amount is an unnamed award; the sentences after it that only explain it are its
 * context. When the next sentence of the paragraph is about the same organisation's project ("…
 * myönnettiin Migrille avustusta myös vastaanotto-olosuhteiden kehittämiseen. Migrin VOK-valmius
 * hankkeessa …"), the first only introduces it and is not a second award. A last sentence the copy
 * cuts short before any amount is a `truncated` mention.
 */
export function readMentions(body: readonly PageBlock[], totalEur: number | null): MentionScan {
  const r: Reading = {
    mentions: [],
    unnamed: [],
    totals: [],
    introduced: null,
    heading: null,
    previous: null,
    explaining: null,
  };
  const lastText = body.findLastIndex((b) => b.kind === 'text');
  for (const [index, block] of body.entries()) {
    if (block.kind === 'heading') {
      r.heading = blockText(block);
      r.introduced = orgOf(r.heading) ?? r.introduced;
      continue;
    }
    // An organisation named in a mention holds for the rest of its paragraph.
    let context = r.introduced;
    r.previous = null;
    r.explaining = null;
    if (block.listItem) {
      const bullet = bulletMention(blockText(block));
      if (bullet) {
        r.mentions.push(bullet);
        continue;
      }
    }
    const all = block.lines.flatMap((line) => sentences(line));
    for (const [i, sentence] of all.entries()) {
      const cut = index === lastText && i === all.length - 1 && !ENDED.test(sentence);
      const own =
        readAmounts(sentence).length === 0
          ? readPlainSentence(r, sentence, context, cut)
          : readAmountSentence(r, sentence, context, totalEur);
      if (own) context = own;
    }
  }
  return { mentions: r.mentions, unnamed: r.unnamed, totals: r.totals };
}
