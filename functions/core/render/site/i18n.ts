/**
 * The site's interface text in Finnish (default), Swedish and English. Data (project names,
 * summaries, Migri's texts) stays in the language the source wrote it in.
 */
import type { ChangeKind } from '../../model/history';
import type { ProjectStatus } from '../../model/project';

export const LANGS = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in itself, for the language switch. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = {
  fi: 'Suomeksi',
  sv: 'På svenska',
  en: 'In English',
};

export interface Messages {
  readonly siteTitle: string;
  readonly siteIntro: string;
  readonly skipLink: string;
  readonly languageNav: string;
  readonly pageNav: string;
  readonly frontPage: string;
  readonly keyFigures: string;
  readonly projects: string;
  readonly projectsNote: (removed: number) => string;
  readonly totalFunding: string;
  readonly totalFundingNote: string;
  readonly allocationShare: string;
  readonly allocationNote: (awarded: string, allocation: string) => string;
  readonly allocationSource: string;
  readonly lastUpdate: string;
  readonly lastCheck: string;
  readonly lastCheckNote: string;
  readonly charts: string;
  readonly chartBySo: string;
  readonly chartByYear: string;
  readonly chartTopBeneficiaries: string;
  readonly chartTimeline: string;
  readonly chartCumulative: string;
  readonly chartCumulativeNote: string;
  readonly chartTimelineNote: string;
  readonly showNumbers: string;
  readonly total: string;
  readonly share: string;
  readonly projectCount: string;
  readonly euFunding: string;
  readonly cumulative: string;
  readonly month: string;
  readonly year: string;
  readonly running: string;
  readonly starting: string;
  readonly ending: string;
  readonly unknown: string;
  readonly checkedAt: string;
  readonly descBySo: (parts: string) => string;
  readonly descByYear: (parts: string) => string;
  readonly descTop: (parts: string) => string;
  readonly descTimeline: (count: number, first: string, last: string) => string;
  readonly descCumulative: (first: string, last: string, total: string) => string;
  readonly noData: string;
  readonly allProjects: string;
  readonly tableCaption: string;
  readonly search: string;
  readonly searchHint: string;
  readonly programme: string;
  readonly fund: string;
  readonly specificObjective: string;
  readonly specificObjectiveShort: string;
  readonly nationalObjective: string;
  readonly beneficiary: string;
  readonly beneficiaryId: string;
  readonly status: string;
  readonly startYear: string;
  readonly sortBy: string;
  readonly all: string;
  readonly none: string;
  readonly applyFilters: string;
  readonly clearFilters: string;
  readonly sortOptions: Readonly<Record<SortKey, string>>;
  readonly sortButtonHint: string;
  readonly shownCount: (shown: number | string, total: number | string) => string;
  readonly noScriptFilters: string;
  /** The table holds only the first rows (FRONT_PAGE_TABLE_ROWS); followed by links to the full lists. */
  readonly tablePartial: (shown: string, total: string) => string;
  readonly showAll: (total: string) => string;
  readonly project: string;
  readonly start: string;
  readonly end: string;
  readonly statusLabels: Readonly<Record<ProjectStatus, string>>;
  readonly objectiveLabels: Readonly<Record<'1' | '2' | '3', string>>;
  readonly noObjective: string;
  readonly latestChanges: string;
  readonly newAwards: string;
  readonly otherChanges: string;
  readonly noChanges: string;
  readonly changeKinds: Readonly<Record<ChangeKind, string>>;
  readonly changesFeedNote: string;
  readonly downloads: string;
  readonly downloadsIntro: string;
  readonly files: Readonly<Record<DownloadKey, string>>;
  readonly licenceHeading: string;
  readonly licenceText: (licence: string) => string;
  readonly citationHeading: string;
  readonly citationText: string;
  readonly sourcesHeading: string;
  readonly sourcesIntro: string;
  readonly pageUpdated: (date: string) => string;
  readonly footerData: string;
  readonly footerStatus: string;
  readonly backToList: string;
  readonly projectDetails: string;
  readonly id: string;
  readonly name: string;
  readonly acronym: string;
  readonly summary: string;
  readonly website: string;
  readonly removedAt: string;
  readonly firstSeenAt: string;
  readonly lastChangedAt: string;
  readonly version: string;
  readonly sources: string;
  readonly migriHeading: string;
  readonly migriIntro: string;
  /** Above Migri's text when its page in the site's language gives it (sv, en). */
  readonly migriIntroOwnLang: string;
  readonly migriTitle: string;
  readonly migriSchedule: string;
  readonly migriDescription: string;
  readonly migriGoals: string;
  readonly migriMatchedBy: string;
  readonly migriNone: string;
  readonly announcementsHeading: string;
  readonly announcementsNone: string;
  readonly announcementDate: string;
  readonly announcementLang: string;
  readonly announcementAmount: string;
  readonly announcementLink: string;
  readonly qualityHeading: string;
  readonly qualityNone: string;
  readonly qualityField: string;
  readonly qualityRaw: string;
  readonly historyHeading: string;
  readonly historyIntro: string;
  readonly historyField: string;
  readonly historyOld: string;
  readonly historyNew: string;
  readonly historyFirst: string;
  readonly historyNoFields: string;
  readonly versionLabel: (version: number) => string;
  readonly empty: string;
  readonly projectJson: string;
  readonly fieldLabels: Readonly<Record<string, string>>;
  readonly languageNames: Readonly<Record<'fi' | 'sv' | 'en', string>>;
}

export type SortKey = '' | 'name' | 'beneficiary' | '-eu' | 'eu' | '-start' | 'start';
export const SORT_KEYS: readonly SortKey[] = ['', 'name', 'beneficiary', '-eu', 'eu', '-start', 'start'];

export type DownloadKey =
  | 'projectsJson'
  | 'projectsCsv'
  | 'projectsExcelCsv'
  | 'projectsXlsx'
  | 'datapackage'
  | 'catalogTtl'
  | 'catalogJsonld'
  | 'feedAtom'
  | 'feedJson'
  | 'changes'
  | 'snapshots'
  | 'status';

const fi: Messages = {
  siteTitle: 'AMIF-hankkeet Suomessa',
  siteIntro:
    'Avoin, versioitu aineisto hankkeista, joita EU:n turvapaikka-, maahanmuutto- ja kotouttamisrahasto (AMIF) rahoittaa Suomessa. Tiedot kootaan sisäministeriön ja Maahanmuuttoviraston verkkosivuilta.',
  skipLink: 'Siirry sisältöön',
  languageNav: 'Kieli',
  pageNav: 'Tällä sivulla',
  frontPage: 'Etusivu',
  keyFigures: 'Tunnusluvut',
  projects: 'Hankkeita',
  projectsNote: (removed) =>
    removed > 0 ? `lisäksi ${removed} lähteistä poistunutta` : 'lähteiden mukaan rahoitettuja',
  totalFunding: 'EU-rahoitus yhteensä',
  totalFundingNote: 'kaikki ohjelmakaudet, poistuneet hankkeet pois lukien',
  allocationShare: 'Myönnetty Suomen AMIF-määrärahasta 2021–2027',
  allocationNote: (awarded, allocation) => `${awarded} / ${allocation}`,
  allocationSource: 'Lähde: rahaston esittelysivu',
  lastUpdate: 'Tiedot muuttuneet viimeksi',
  lastCheck: 'Lähteet tarkistettu viimeksi',
  lastCheckNote: 'tarkistus tehdään säännöllisesti',
  charts: 'Kaaviot',
  chartBySo: 'EU-rahoitus erityistavoitteittain',
  chartByYear: 'EU-rahoitus hankkeen aloitusvuoden mukaan',
  chartTopBeneficiaries: 'Kymmenen suurinta tuensaajaa',
  chartTimeline: 'Hankkeiden toteutusajat',
  chartCumulative: 'Myönnetty rahoitus kumulatiivisesti',
  chartCumulativeNote:
    'Lähteet eivät kerro päätöspäiviä, joten kaavio kasvaa hankkeiden alkamiskuukausien mukaan.',
  chartTimelineNote:
    'Yksi palkki hanketta kohden, alkamispäivän mukaan järjestettynä. Pystyviiva on tarkistushetki.',
  showNumbers: 'Näytä luvut taulukkona',
  total: 'Yhteensä',
  share: 'Osuus',
  projectCount: 'Hankkeita',
  euFunding: 'EU-rahoitus',
  cumulative: 'Kumulatiivinen rahoitus',
  month: 'Kuukausi',
  year: 'Vuosi',
  running: 'Käynnissä',
  starting: 'Alkaa',
  ending: 'Päättyy',
  unknown: 'Ei tiedossa',
  checkedAt: 'tarkistushetki',
  descBySo: (parts) => `EU-rahoitus erityistavoitteittain: ${parts}.`,
  descByYear: (parts) => `EU-rahoitus aloitusvuoden mukaan: ${parts}.`,
  descTop: (parts) => `Suurimmat tuensaajat EU-rahoituksen mukaan: ${parts}.`,
  descTimeline: (count, first, last) =>
    `${count} hankkeen toteutusajat. Ensimmäinen alkaa ${first}, viimeinen päättyy ${last}.`,
  descCumulative: (first, last, total) =>
    `Myönnetty rahoitus kasvaa ajalla ${first} – ${last}, ja sitä on lopulta yhteensä ${total}.`,
  noData: 'Ei tietoja.',
  allProjects: 'Kaikki hankkeet',
  tableCaption: 'Hankkeet, joiden rahoituksesta lähteet kertovat',
  search: 'Hae',
  searchHint: 'Nimi, tuensaaja, lyhenne tai kuvauksen teksti',
  programme: 'Ohjelmakausi',
  fund: 'Rahasto',
  specificObjective: 'Erityistavoite',
  specificObjectiveShort: 'ET',
  nationalObjective: 'Kansallinen tavoite',
  beneficiary: 'Tuensaaja',
  beneficiaryId: 'Tuensaajan tunniste',
  status: 'Tila',
  startYear: 'Aloitusvuosi',
  sortBy: 'Järjestys',
  all: 'Kaikki',
  none: 'Ei tiedossa',
  applyFilters: 'Näytä',
  clearFilters: 'Tyhjennä valinnat',
  sortOptions: {
    '': 'Suurin EU-rahoitus ensin (oletus)',
    name: 'Nimi A–Ö',
    beneficiary: 'Tuensaaja A–Ö',
    '-eu': 'EU-rahoitus, suurin ensin',
    eu: 'EU-rahoitus, pienin ensin',
    '-start': 'Alkamispäivä, uusin ensin',
    start: 'Alkamispäivä, vanhin ensin',
  },
  sortButtonHint: 'järjestä',
  shownCount: (shown, total) => `Näytetään ${shown} / ${total} hanketta.`,
  tablePartial: (shown, total) =>
    `Sivulla ovat ${total} hankkeesta ensimmäiset ${shown}; haku, suodattimet ja järjestys hakevat loput. Kaikki hankkeet:`,
  showAll: (total) => `Näytä kaikki ${total} hanketta`,
  noScriptFilters:
    'Haku, suodattimet ja järjestys toimivat JavaScriptillä. Ilman sitä taulukossa ovat kaikki hankkeet suurimmasta EU-rahoituksesta alkaen.',
  project: 'Hanke',
  start: 'Alkaa',
  end: 'Päättyy',
  statusLabels: { listed: 'Hankelistalla', announced: 'Vain tiedotteessa', removed: 'Poistunut lähteestä' },
  objectiveLabels: {
    '1': 'Euroopan yhteinen turvapaikkajärjestelmä',
    '2': 'Laillinen maahanmuutto ja kotoutuminen',
    '3': 'Laittoman maahanmuuton torjunta ja paluu',
  },
  noObjective: 'Ei erityistavoitetta',
  latestChanges: 'Viimeisimmät muutokset',
  newAwards: 'Uudet hankkeet',
  otherChanges: 'Muut muutokset',
  noChanges: 'Ei muutoksia viimeisen vuoden aikana.',
  changeKinds: {
    new: 'Uusi hanke',
    changed: 'Tiedot muuttuivat',
    removed: 'Poistui lähteestä',
    reinstated: 'Palasi lähteeseen',
  },
  changesFeedNote: 'Kaikki muutokset ovat muutoslistassa ja syötteissä (Atom ja JSON Feed).',
  downloads: 'Lataa aineisto',
  downloadsIntro: 'Tiedostot päivittyvät aina, kun lähteet muuttuvat. Tiedostojen osoitteet pysyvät samoina.',
  files: {
    projectsJson: 'Kaikki hankkeet (JSON)',
    projectsCsv: 'Kaikki hankkeet (CSV, RFC 4180)',
    projectsExcelCsv: 'Kaikki hankkeet (CSV suomenkieliselle Excelille: puolipisteet ja desimaalipilkut)',
    projectsXlsx:
      'Kaikki hankkeet (Excel-työkirja: luvut lukuina ja päivämäärät päivämäärinä, mille tahansa taulukkolaskentaohjelmalle)',
    datapackage: 'Tietopaketin kuvaus (Frictionless Data Package)',
    catalogTtl: 'Aineiston kuvailutiedot (DCAT, Turtle)',
    catalogJsonld: 'Aineiston kuvailutiedot (DCAT, JSON-LD)',
    feedAtom: 'Muutossyöte (Atom)',
    feedJson: 'Muutossyöte (JSON Feed)',
    changes: 'Viimeisimmät muutokset (JSON)',
    snapshots: 'Aiemmat versiot (tilannekuvien luettelo, JSON)',
    status: 'Ajon tila ja lähteiden kunto (JSON)',
  },
  licenceHeading: 'Lisenssi',
  licenceText: (licence) =>
    `Aineisto on vapaasti käytettävissä lisenssillä ${licence}. Mainitse lähteenä sisäministeriö ja Maahanmuuttovirasto sekä tämä aineisto.`,
  citationHeading: 'Näin viittaat aineistoon',
  citationText:
    'AMIF-rahoitetut hankkeet Suomessa (amif-feed). Lähteet: sisäministeriö ja Maahanmuuttovirasto.',
  sourcesHeading: 'Lähteet',
  sourcesIntro: 'Aineisto kootaan näiltä sivuilta:',
  pageUpdated: (date) => `sivu päivitetty ${date}`,
  footerData: 'Tiedot: sisäministeriö (EU:n sisäasioiden rahastot) ja Maahanmuuttovirasto.',
  footerStatus: 'Ajon tila',
  backToList: 'Kaikki hankkeet',
  projectDetails: 'Hankkeen tiedot',
  id: 'Tunniste',
  name: 'Nimi',
  acronym: 'Lyhenne',
  summary: 'Tavoite ja tulokset',
  website: 'Verkkosivu',
  removedAt: 'Poistui lähteestä',
  firstSeenAt: 'Syöte näki ensimmäisen kerran',
  lastChangedAt: 'Muuttunut viimeksi',
  version: 'Versio',
  sources: 'Lähteet',
  migriHeading: 'Maahanmuuttoviraston kuvaus',
  migriIntro: 'Maahanmuuttoviraston hankesivulta, alkuperäisellä kielellä.',
  migriIntroOwnLang: 'Maahanmuuttoviraston suomenkieliseltä hankesivulta.',
  migriTitle: 'Otsikko',
  migriSchedule: 'Aikataulu',
  migriDescription: 'Kuvaus',
  migriGoals: 'Tavoitteet',
  migriMatchedBy: 'Miten kuvaus yhdistettiin hankkeeseen',
  migriNone: 'Maahanmuuttoviraston sivulla ei ole tähän hankkeeseen yhdistettyä kuvausta.',
  announcementsHeading: 'Tiedotteet',
  announcementsNone: 'Hankkeesta ei ole yhdistettyä tiedotetta.',
  announcementDate: 'Päivämäärä',
  announcementLang: 'Kieli',
  announcementAmount: 'Tiedotteen summa',
  announcementLink: 'Tiedote',
  qualityHeading: 'Tietojen laatu',
  qualityNone: 'Hankkeen tiedoissa ei ole huomautettavaa.',
  qualityField: 'Kenttä',
  qualityRaw: 'Lähteen teksti',
  historyHeading: 'Versiohistoria',
  historyIntro: 'Mitä hankkeen tiedoissa on muuttunut ja milloin, uusin ensin.',
  historyField: 'Tieto',
  historyOld: 'Ennen',
  historyNew: 'Jälkeen',
  historyFirst: 'Hanke ilmestyi lähteeseen.',
  historyNoFields: 'Ei muutoksia yksittäisissä tiedoissa.',
  versionLabel: (version) => `Versio ${version}`,
  empty: '(tyhjä)',
  projectJson: 'Hankkeen tiedot ja historia (JSON)',
  fieldLabels: {
    programme: 'Ohjelmakausi',
    fund: 'Rahasto',
    name: 'Nimi',
    acronym: 'Lyhenne',
    beneficiary: 'Tuensaaja',
    specificObjective: 'Erityistavoite',
    nationalObjective: 'Kansallinen tavoite',
    summary: 'Tavoite ja tulokset',
    euFundingEur: 'EU-rahoitus',
    startDate: 'Alkamispäivä',
    endDate: 'Päättymispäivä',
    website: 'Verkkosivu',
    status: 'Tila',
    sources: 'Lähteet',
    migri: 'Maahanmuuttoviraston kuvaus',
    announcements: 'Tiedotteet',
    quality: 'Laatuhuomautukset',
  },
  languageNames: { fi: 'suomi', sv: 'ruotsi', en: 'englanti' },
};

const sv: Messages = {
  siteTitle: 'AMIF-projekt i Finland',
  siteIntro:
    'Öppna, versionerade data om projekt i Finland som finansieras av EU:s asyl-, migrations- och integrationsfond (AMIF). Uppgifterna samlas från inrikesministeriets och Migrationsverkets webbplatser.',
  skipLink: 'Hoppa till innehållet',
  languageNav: 'Språk',
  pageNav: 'På den här sidan',
  frontPage: 'Startsida',
  keyFigures: 'Nyckeltal',
  projects: 'Projekt',
  projectsNote: (removed) =>
    removed > 0 ? `dessutom ${removed} som försvunnit från källorna` : 'finansierade enligt källorna',
  totalFunding: 'EU-finansiering totalt',
  totalFundingNote: 'alla programperioder, borttagna projekt ej medräknade',
  allocationShare: 'Beviljat av Finlands AMIF-anslag 2021–2027',
  allocationNote: (awarded, allocation) => `${awarded} / ${allocation}`,
  allocationSource: 'Källa: fondens presentationssida',
  lastUpdate: 'Uppgifterna ändrades senast',
  lastCheck: 'Källorna kontrollerades senast',
  lastCheckNote: 'kontrolleras regelbundet',
  charts: 'Diagram',
  chartBySo: 'EU-finansiering per specifikt mål',
  chartByYear: 'EU-finansiering per projektets startår',
  chartTopBeneficiaries: 'De tio största stödmottagarna',
  chartTimeline: 'Projektens genomförandetider',
  chartCumulative: 'Beviljad finansiering kumulativt',
  chartCumulativeNote:
    'Källorna anger inga beslutsdatum, så diagrammet växer enligt projektens startmånader.',
  chartTimelineNote:
    'En stapel per projekt, ordnade efter startdatum. Det lodräta strecket är kontrolltidpunkten.',
  showNumbers: 'Visa siffrorna som tabell',
  total: 'Totalt',
  share: 'Andel',
  projectCount: 'Projekt',
  euFunding: 'EU-finansiering',
  cumulative: 'Kumulativ finansiering',
  month: 'Månad',
  year: 'År',
  running: 'Pågår',
  starting: 'Börjar',
  ending: 'Slutar',
  unknown: 'Okänt',
  checkedAt: 'kontrolltidpunkt',
  descBySo: (parts) => `EU-finansiering per specifikt mål: ${parts}.`,
  descByYear: (parts) => `EU-finansiering per startår: ${parts}.`,
  descTop: (parts) => `De största stödmottagarna enligt EU-finansiering: ${parts}.`,
  descTimeline: (count, first, last) =>
    `Genomförandetiderna för ${count} projekt. Det första börjar ${first}, det sista slutar ${last}.`,
  descCumulative: (first, last, total) =>
    `Den beviljade finansieringen växer ${first} – ${last} till totalt ${total}.`,
  noData: 'Inga uppgifter.',
  allProjects: 'Alla projekt',
  tableCaption: 'Projekt vars finansiering källorna redovisar',
  search: 'Sök',
  searchHint: 'Namn, stödmottagare, förkortning eller text i beskrivningen',
  programme: 'Programperiod',
  fund: 'Fond',
  specificObjective: 'Specifikt mål',
  specificObjectiveShort: 'SM',
  nationalObjective: 'Nationellt mål',
  beneficiary: 'Stödmottagare',
  beneficiaryId: 'Stödmottagarens identifierare',
  status: 'Status',
  startYear: 'Startår',
  sortBy: 'Ordning',
  all: 'Alla',
  none: 'Okänt',
  applyFilters: 'Visa',
  clearFilters: 'Rensa valen',
  sortOptions: {
    '': 'Största EU-finansiering först (standard)',
    name: 'Namn A–Ö',
    beneficiary: 'Stödmottagare A–Ö',
    '-eu': 'EU-finansiering, störst först',
    eu: 'EU-finansiering, minst först',
    '-start': 'Startdatum, nyast först',
    start: 'Startdatum, äldst först',
  },
  sortButtonHint: 'sortera',
  shownCount: (shown, total) => `Visar ${shown} av ${total} projekt.`,
  tablePartial: (shown, total) =>
    `Sidan visar de första ${shown} av ${total} projekt; sökning, filter och sortering hämtar resten. Alla projekt:`,
  showAll: (total) => `Visa alla ${total} projekt`,
  noScriptFilters:
    'Sökning, filter och sortering kräver JavaScript. Utan det visar tabellen alla projekt, den största EU-finansieringen först.',
  project: 'Projekt',
  start: 'Börjar',
  end: 'Slutar',
  statusLabels: {
    listed: 'På projektlistan',
    announced: 'Endast i pressmeddelande',
    removed: 'Borttaget ur källan',
  },
  objectiveLabels: {
    '1': 'Gemensamma europeiska asylsystemet',
    '2': 'Laglig migration och integration',
    '3': 'Bekämpning av irreguljär migration och återvändande',
  },
  noObjective: 'Inget specifikt mål',
  latestChanges: 'Senaste ändringar',
  newAwards: 'Nya projekt',
  otherChanges: 'Andra ändringar',
  noChanges: 'Inga ändringar under det senaste året.',
  changeKinds: {
    new: 'Nytt projekt',
    changed: 'Uppgifterna ändrades',
    removed: 'Försvann från källan',
    reinstated: 'Återkom till källan',
  },
  changesFeedNote: 'Alla ändringar finns i ändringslistan och i flödena (Atom och JSON Feed).',
  downloads: 'Ladda ner data',
  downloadsIntro: 'Filerna uppdateras när källorna ändras. Filernas adresser förblir desamma.',
  files: {
    projectsJson: 'Alla projekt (JSON)',
    projectsCsv: 'Alla projekt (CSV, RFC 4180)',
    projectsExcelCsv: 'Alla projekt (CSV för Excel på finska: semikolon och decimalkomma)',
    projectsXlsx: 'Alla projekt (Excel-arbetsbok: tal som tal och datum som datum, för alla kalkylprogram)',
    datapackage: 'Beskrivning av datapaketet (Frictionless Data Package)',
    catalogTtl: 'Metadata om datamängden (DCAT, Turtle)',
    catalogJsonld: 'Metadata om datamängden (DCAT, JSON-LD)',
    feedAtom: 'Ändringsflöde (Atom)',
    feedJson: 'Ändringsflöde (JSON Feed)',
    changes: 'Senaste ändringar (JSON)',
    snapshots: 'Tidigare versioner (förteckning över ögonblicksbilder, JSON)',
    status: 'Körningens status och källornas skick (JSON)',
  },
  licenceHeading: 'Licens',
  licenceText: (licence) =>
    `Uppgifterna får användas fritt enligt licensen ${licence}. Ange inrikesministeriet och Migrationsverket samt denna datamängd som källa.`,
  citationHeading: 'Så här hänvisar du till datamängden',
  citationText:
    'AMIF-finansierade projekt i Finland (amif-feed). Källor: inrikesministeriet och Migrationsverket.',
  sourcesHeading: 'Källor',
  sourcesIntro: 'Uppgifterna samlas från dessa sidor:',
  pageUpdated: (date) => `sidan uppdaterad ${date}`,
  footerData: 'Uppgifter: inrikesministeriet (EU:s fonder för inrikes frågor) och Migrationsverket.',
  footerStatus: 'Körningens status',
  backToList: 'Alla projekt',
  projectDetails: 'Projektets uppgifter',
  id: 'Identifierare',
  name: 'Namn',
  acronym: 'Förkortning',
  summary: 'Mål och resultat',
  website: 'Webbplats',
  removedAt: 'Försvann från källan',
  firstSeenAt: 'Flödet såg första gången',
  lastChangedAt: 'Ändrades senast',
  version: 'Version',
  sources: 'Källor',
  migriHeading: 'Migrationsverkets beskrivning',
  migriIntro: 'Från Migrationsverkets projektsida, på originalspråket.',
  migriIntroOwnLang: 'Från Migrationsverkets projektsida på svenska.',
  migriTitle: 'Rubrik',
  migriSchedule: 'Tidsplan',
  migriDescription: 'Beskrivning',
  migriGoals: 'Mål',
  migriMatchedBy: 'Hur beskrivningen kopplades till projektet',
  migriNone: 'Migrationsverkets sida har ingen beskrivning som kopplats till detta projekt.',
  announcementsHeading: 'Pressmeddelanden',
  announcementsNone: 'Inget pressmeddelande har kopplats till projektet.',
  announcementDate: 'Datum',
  announcementLang: 'Språk',
  announcementAmount: 'Belopp i meddelandet',
  announcementLink: 'Meddelande',
  qualityHeading: 'Datakvalitet',
  qualityNone: 'Inga anmärkningar om projektets uppgifter.',
  qualityField: 'Fält',
  qualityRaw: 'Källans text',
  historyHeading: 'Versionshistorik',
  historyIntro: 'Vad som har ändrats i projektets uppgifter och när, nyast först.',
  historyField: 'Uppgift',
  historyOld: 'Före',
  historyNew: 'Efter',
  historyFirst: 'Projektet dök upp i källan.',
  historyNoFields: 'Inga ändringar i enskilda uppgifter.',
  versionLabel: (version) => `Version ${version}`,
  empty: '(tomt)',
  projectJson: 'Projektets uppgifter och historik (JSON)',
  fieldLabels: {
    programme: 'Programperiod',
    fund: 'Fond',
    name: 'Namn',
    acronym: 'Förkortning',
    beneficiary: 'Stödmottagare',
    specificObjective: 'Specifikt mål',
    nationalObjective: 'Nationellt mål',
    summary: 'Mål och resultat',
    euFundingEur: 'EU-finansiering',
    startDate: 'Startdatum',
    endDate: 'Slutdatum',
    website: 'Webbplats',
    status: 'Status',
    sources: 'Källor',
    migri: 'Migrationsverkets beskrivning',
    announcements: 'Pressmeddelanden',
    quality: 'Kvalitetsanmärkningar',
  },
  languageNames: { fi: 'finska', sv: 'svenska', en: 'engelska' },
};

const en: Messages = {
  siteTitle: 'AMIF projects in Finland',
  siteIntro:
    'Open, versioned data on the projects in Finland funded by the EU Asylum, Migration and Integration Fund (AMIF), compiled from the web pages of the Ministry of the Interior and the Finnish Immigration Service.',
  skipLink: 'Skip to content',
  languageNav: 'Language',
  pageNav: 'On this page',
  frontPage: 'Home',
  keyFigures: 'Key figures',
  projects: 'Projects',
  projectsNote: (removed) =>
    removed > 0 ? `plus ${removed} no longer in the sources` : 'funded according to the sources',
  totalFunding: 'Total EU funding',
  totalFundingNote: 'all programme periods, removed projects excluded',
  allocationShare: "Awarded of Finland's 2021–2027 AMIF allocation",
  allocationNote: (awarded, allocation) => `${awarded} of ${allocation}`,
  allocationSource: "Source: the fund's page",
  lastUpdate: 'Data last changed',
  lastCheck: 'Sources last checked',
  lastCheckNote: 'checked on a schedule',
  charts: 'Charts',
  chartBySo: 'EU funding by specific objective',
  chartByYear: 'EU funding by project start year',
  chartTopBeneficiaries: 'The ten largest beneficiaries',
  chartTimeline: 'Project periods',
  chartCumulative: 'Cumulative awards over time',
  chartCumulativeNote:
    'The sources give no decision dates, so the chart grows with the month each project starts.',
  chartTimelineNote: 'One bar per project, ordered by start date. The vertical line marks the last check.',
  showNumbers: 'Show the numbers as a table',
  total: 'Total',
  share: 'Share',
  projectCount: 'Projects',
  euFunding: 'EU funding',
  cumulative: 'Cumulative funding',
  month: 'Month',
  year: 'Year',
  running: 'Running',
  starting: 'Starting',
  ending: 'Ending',
  unknown: 'Unknown',
  checkedAt: 'last check',
  descBySo: (parts) => `EU funding by specific objective: ${parts}.`,
  descByYear: (parts) => `EU funding by start year: ${parts}.`,
  descTop: (parts) => `The largest beneficiaries by EU funding: ${parts}.`,
  descTimeline: (count, first, last) =>
    `The periods of ${count} projects. The first starts on ${first}, the last ends on ${last}.`,
  descCumulative: (first, last, total) =>
    `Awarded funding grows from ${first} to ${last} to a total of ${total}.`,
  noData: 'No data.',
  allProjects: 'All projects',
  tableCaption: 'Projects whose funding the sources report',
  search: 'Search',
  searchHint: 'Name, beneficiary, acronym or text of the description',
  programme: 'Programme',
  fund: 'Fund',
  specificObjective: 'Specific objective',
  specificObjectiveShort: 'SO',
  nationalObjective: 'National objective',
  beneficiary: 'Beneficiary',
  beneficiaryId: 'Beneficiary identifier',
  status: 'Status',
  startYear: 'Start year',
  sortBy: 'Order',
  all: 'All',
  none: 'Unknown',
  applyFilters: 'Show',
  clearFilters: 'Clear choices',
  sortOptions: {
    '': 'Largest EU funding first (default)',
    name: 'Name A–Z',
    beneficiary: 'Beneficiary A–Z',
    '-eu': 'EU funding, largest first',
    eu: 'EU funding, smallest first',
    '-start': 'Start date, newest first',
    start: 'Start date, oldest first',
  },
  sortButtonHint: 'sort',
  shownCount: (shown, total) => `Showing ${shown} of ${total} projects.`,
  tablePartial: (shown, total) =>
    `The page lists the first ${shown} of ${total} projects; search, filters and sorting fetch the rest. All projects:`,
  showAll: (total) => `Show all ${total} projects`,
  noScriptFilters:
    'Search, filters and sorting need JavaScript. Without it, the table lists every project, the largest EU funding first.',
  project: 'Project',
  start: 'Start',
  end: 'End',
  statusLabels: {
    listed: 'On the project list',
    announced: 'Press release only',
    removed: 'Removed from the source',
  },
  objectiveLabels: {
    '1': 'Common European Asylum System',
    '2': 'Legal migration and integration',
    '3': 'Countering irregular migration and return',
  },
  noObjective: 'No specific objective',
  latestChanges: 'Latest changes',
  newAwards: 'New projects',
  otherChanges: 'Other changes',
  noChanges: 'No changes in the past year.',
  changeKinds: {
    new: 'New project',
    changed: 'Details changed',
    removed: 'Removed from the source',
    reinstated: 'Back in the source',
  },
  changesFeedNote: 'Every change is in the change list and the feeds (Atom and JSON Feed).',
  downloads: 'Download the data',
  downloadsIntro: 'The files are updated whenever the sources change; their addresses stay the same.',
  files: {
    projectsJson: 'All projects (JSON)',
    projectsCsv: 'All projects (CSV, RFC 4180)',
    projectsExcelCsv: 'All projects (CSV for Excel in Finnish: semicolons and decimal commas)',
    projectsXlsx:
      'All projects (Excel workbook: numbers as numbers and dates as dates, for any spreadsheet program)',
    datapackage: 'Data package description (Frictionless Data Package)',
    catalogTtl: 'Dataset metadata (DCAT, Turtle)',
    catalogJsonld: 'Dataset metadata (DCAT, JSON-LD)',
    feedAtom: 'Change feed (Atom)',
    feedJson: 'Change feed (JSON Feed)',
    changes: 'Latest changes (JSON)',
    snapshots: 'Earlier versions (snapshot index, JSON)',
    status: 'Run status and source health (JSON)',
  },
  licenceHeading: 'Licence',
  licenceText: (licence) =>
    `The data may be reused freely under ${licence}. Credit the Ministry of the Interior of Finland, the Finnish Immigration Service and this dataset.`,
  citationHeading: 'How to cite',
  citationText:
    'AMIF-funded projects in Finland (amif-feed). Sources: Ministry of the Interior of Finland and Finnish Immigration Service.',
  sourcesHeading: 'Sources',
  sourcesIntro: 'The data is compiled from these pages:',
  pageUpdated: (date) => `page updated ${date}`,
  footerData:
    'Data: Ministry of the Interior of Finland (EU home affairs funds) and Finnish Immigration Service.',
  footerStatus: 'Run status',
  backToList: 'All projects',
  projectDetails: 'Project details',
  id: 'Identifier',
  name: 'Name',
  acronym: 'Acronym',
  summary: 'Objectives and results',
  website: 'Website',
  removedAt: 'Removed from the source',
  firstSeenAt: 'First seen by the feed',
  lastChangedAt: 'Last changed',
  version: 'Version',
  sources: 'Sources',
  migriHeading: "The Finnish Immigration Service's description",
  migriIntro: "From the Finnish Immigration Service's projects page, in the original language.",
  migriIntroOwnLang: "From the Finnish Immigration Service's projects page in English.",
  migriTitle: 'Title',
  migriSchedule: 'Schedule',
  migriDescription: 'Description',
  migriGoals: 'Goals',
  migriMatchedBy: 'How the description was linked to the project',
  migriNone: "The Finnish Immigration Service's page has no description linked to this project.",
  announcementsHeading: 'Press releases',
  announcementsNone: 'No press release is linked to this project.',
  announcementDate: 'Date',
  announcementLang: 'Language',
  announcementAmount: 'Amount in the release',
  announcementLink: 'Release',
  qualityHeading: 'Data quality',
  qualityNone: "Nothing to note about this project's data.",
  qualityField: 'Field',
  qualityRaw: 'Text in the source',
  historyHeading: 'Version history',
  historyIntro: "What changed in the project's data and when, newest first.",
  historyField: 'Field',
  historyOld: 'Before',
  historyNew: 'After',
  historyFirst: 'The project appeared in the source.',
  historyNoFields: 'No change in individual fields.',
  versionLabel: (version) => `Version ${version}`,
  empty: '(empty)',
  projectJson: "The project's data and history (JSON)",
  fieldLabels: {
    programme: 'Programme',
    fund: 'Fund',
    name: 'Name',
    acronym: 'Acronym',
    beneficiary: 'Beneficiary',
    specificObjective: 'Specific objective',
    nationalObjective: 'National objective',
    summary: 'Objectives and results',
    euFundingEur: 'EU funding',
    startDate: 'Start date',
    endDate: 'End date',
    website: 'Website',
    status: 'Status',
    sources: 'Sources',
    migri: "Finnish Immigration Service's description",
    announcements: 'Press releases',
    quality: 'Quality flags',
  },
  languageNames: { fi: 'Finnish', sv: 'Swedish', en: 'English' },
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { fi, sv, en };
