/**
 * Interface text of the organisation and objective pages and of the selection totals, in a file of
 * its own so the front page's messages (i18n.ts) stay as they were.
 */
import type { Lang } from './i18n';

export interface SelectionMessages {
  readonly organisation: string;
  readonly organisationIntro: string;
  readonly objectivePage: (code: string) => string;
  readonly objectiveIntro: string;
  readonly totalsHeading: string;
  readonly totalsNote: string;
  /** "N projects, EU funding in all X": `{count}` and `{amount}` stay as placeholders for the script. */
  readonly selectionTotal: (count: string, amount: string) => string;
  readonly withoutAmount: (count: number) => string;
  readonly removedNotSummed: (count: number) => string;
  readonly byProgramme: string;
  readonly byObjective: string;
  readonly spellings: string;
  readonly spellingsIntro: string;
  readonly projectsHeading: string;
  readonly announcementProject: string;
  readonly follow: string;
  readonly followNote: string;
  readonly csvOfPage: string;
  readonly jsonOfPage: string;
  readonly filtersToggle: string;
  readonly downloadSelection: string;
  readonly objectivesNav: string;
  readonly firstSeenByFeed: string;
  readonly datesNote: string;
  readonly baseline: (count: number, date: string) => string;
  readonly historyBaseline: string;
  readonly newAwardsNote: string;
  readonly moreChanges: (count: number) => string;
}

const fi: SelectionMessages = {
  organisation: 'Organisaatio',
  organisationIntro:
    'Kaikki hankkeet, joiden tuensaaja on tämä organisaatio, kaikista ohjelmista ja lähteistä.',
  objectivePage: (code) => `Erityistavoite ${code} (AMIF 2021–2027)`,
  objectiveIntro: 'Kaikki ohjelmakauden 2021–2027 hankkeet, jotka rahoitetaan tästä erityistavoitteesta.',
  totalsHeading: 'Rahoitus yhteensä',
  totalsNote:
    'Summat lasketaan lähteiden ilmoittamista EU-rahoituksista; lähteestä poistuneet hankkeet lasketaan mukaan lukumäärään, eivät summaan.',
  selectionTotal: (count, amount) => `${count} hanketta, EU-rahoitus yhteensä ${amount}`,
  withoutAmount: (count) => `${count} hankkeelle lähde ei ilmoita summaa.`,
  removedNotSummed: (count) => `${count} hanketta on poistunut lähteestä; niitä ei summata.`,
  byProgramme: 'Ohjelmittain',
  byObjective: 'Erityistavoitteittain',
  spellings: 'Nimi lähteissä',
  spellingsIntro: 'Lähteet kirjoittavat organisaation nimen näin (hankkeiden määrä):',
  projectsHeading: 'Hankkeet',
  announcementProject: 'Hanke',
  follow: 'Seuraa tämän organisaation hankkeita (Atom-syöte)',
  followNote: 'Syöte kertoo organisaation uusista hankkeista ja niiden muutoksista.',
  csvOfPage: 'Tämän sivun hankkeet (CSV, samat sarakkeet kuin projects.csv)',
  jsonOfPage: 'Tämän sivun tiedot ja hankkeet (JSON)',
  filtersToggle: 'Haku, suodattimet ja järjestys',
  downloadSelection: 'Lataa valitut hankkeet (CSV)',
  objectivesNav: 'Erityistavoitteet',
  firstSeenByFeed: 'Syöte näki ensimmäisen kerran',
  datesNote:
    'Alkamis- ja päättymispäivä ovat lähteen ilmoittamat. ”Syöte näki ensimmäisen kerran” on päivä, jona tämä syöte luki hankkeen ensimmäisen kerran, ei rahoituspäätöksen päivä.',
  baseline: (count, date) =>
    `Syötteen ensimmäinen ajo ${date} kirjasi ${count} hanketta lähtötilanteeksi. Niitä ei näytetä uusina, koska syöte ei tiedä, milloin ne rahoitettiin.`,
  historyBaseline: 'Hanke oli lähteessä jo syötteen ensimmäisellä ajolla (lähtötilanne).',
  newAwardsNote: 'Päivä on se, jona syöte havaitsi hankkeen, ei rahoituspäätöksen päivä.',
  moreChanges: (count) => `ja ${count} muuta (kaikki muutokset, JSON)`,
};

const sv: SelectionMessages = {
  organisation: 'Organisation',
  organisationIntro:
    'Alla projekt som den här organisationen är stödmottagare för, från alla program och källor.',
  objectivePage: (code) => `Specifikt mål ${code} (AMIF 2021–2027)`,
  objectiveIntro:
    'Alla projekt under programperioden 2021–2027 som finansieras under det här specifika målet.',
  totalsHeading: 'Finansiering sammanlagt',
  totalsNote:
    'Summorna räknas av den EU-finansiering som källorna anger; projekt som försvunnit från källan räknas med i antalet men inte i summan.',
  selectionTotal: (count, amount) => `${count} projekt, EU-finansiering sammanlagt ${amount}`,
  withoutAmount: (count) => `För ${count} projekt anger källan inget belopp.`,
  removedNotSummed: (count) => `${count} projekt har försvunnit från källan; de summeras inte.`,
  byProgramme: 'Per program',
  byObjective: 'Per specifikt mål',
  spellings: 'Namnet i källorna',
  spellingsIntro: 'Källorna skriver organisationens namn så här (antal projekt):',
  projectsHeading: 'Projekt',
  announcementProject: 'Projekt',
  follow: 'Följ organisationens projekt (Atom-flöde)',
  followNote: 'Flödet berättar om organisationens nya projekt och ändringar i dem.',
  csvOfPage: 'Projekten på den här sidan (CSV, samma kolumner som projects.csv)',
  jsonOfPage: 'Sidans uppgifter och projekt (JSON)',
  filtersToggle: 'Sökning, filter och ordning',
  downloadSelection: 'Ladda ned de valda projekten (CSV)',
  objectivesNav: 'Specifika mål',
  firstSeenByFeed: 'Flödet såg första gången',
  datesNote:
    'Start- och slutdatum är de som källan anger. ”Flödet såg första gången” är dagen då det här flödet först läste projektet, inte dagen för finansieringsbeslutet.',
  baseline: (count, date) =>
    `Flödets första körning ${date} registrerade ${count} projekt som utgångsläge. De visas inte som nya, eftersom flödet inte vet när de finansierades.`,
  historyBaseline: 'Projektet fanns i källan redan vid flödets första körning (utgångsläge).',
  newAwardsNote: 'Datumet är dagen då flödet upptäckte projektet, inte dagen för finansieringsbeslutet.',
  moreChanges: (count) => `och ${count} till (alla ändringar, JSON)`,
};

const en: SelectionMessages = {
  organisation: 'Organisation',
  organisationIntro:
    'Every project of which this organisation is the beneficiary, from every programme and source.',
  objectivePage: (code) => `Specific objective ${code} (AMIF 2021–2027)`,
  objectiveIntro: 'Every project of the 2021–2027 programme funded under this specific objective.',
  totalsHeading: 'Funding in total',
  totalsNote:
    'Sums of the EU funding the sources state; projects removed from their source are counted but not summed.',
  selectionTotal: (count, amount) => `${count} projects, EU funding in total ${amount}`,
  withoutAmount: (count) => `For ${count} projects the source states no amount.`,
  removedNotSummed: (count) => `${count} projects were removed from their source; they are not summed.`,
  byProgramme: 'By programme',
  byObjective: 'By specific objective',
  spellings: 'The name in the sources',
  spellingsIntro: "The sources spell the organisation's name like this (number of projects):",
  projectsHeading: 'Projects',
  announcementProject: 'Project',
  follow: "Follow this organisation's projects (Atom feed)",
  followNote: "The feed tells of the organisation's new projects and changes to them.",
  csvOfPage: 'The projects on this page (CSV, the columns of projects.csv)',
  jsonOfPage: "This page's data and projects (JSON)",
  filtersToggle: 'Search, filters and order',
  downloadSelection: 'Download the selected projects (CSV)',
  objectivesNav: 'Specific objectives',
  firstSeenByFeed: 'First seen by the feed',
  datesNote:
    'Start and end dates are as the source states them. "First seen by the feed" is the day this feed first read the project, not the date of the funding decision.',
  baseline: (count, date) =>
    `The feed's first run on ${date} recorded ${count} projects as its baseline. They are not shown as new: the feed does not know when they were funded.`,
  historyBaseline: "The project was in the source at the feed's first run (baseline).",
  newAwardsNote: 'The date is the day the feed noticed the project, not the date of the funding decision.',
  moreChanges: (count) => `and ${count} more (all changes, JSON)`,
};

export const SELECTION_MESSAGES: Readonly<Record<Lang, SelectionMessages>> = { fi, sv, en };
