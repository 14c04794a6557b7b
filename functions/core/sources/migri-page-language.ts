/**
 * How Migri's projects page reads in each language it is published in: the labels of a block, the
 * heading of the EUSA section, and the headings over several blocks. The parser (migri-hankkeet.ts)
 * is one; only these words differ.
 */
export interface MigriPageLanguage {
  readonly sourceId: string;
  readonly lang: 'fi' | 'sv' | 'en';
  /** The label words, lower-case, as the page writes them before a colon. */
  readonly labels: { readonly schedule: string; readonly description: string; readonly goals: string };
  /** The heading of the section whose blocks are read ("EU:n sisäasioiden rahastot (EUSA) 2021–2027"). */
  readonly eusaSection: RegExp;
  /** A heading over several blocks ("Maahanmuuttovirastossa käynnissä olevat hankkeet"), not a title. */
  readonly sectionTitle: RegExp;
  /** The page is one list of blocks without funding sections (the English list of completed projects). */
  readonly sectionless: boolean;
  /** What the page should look like, for the error that refuses it. */
  readonly expected: string;
}

export const MIGRI_HANKKEET_ID = 'migri-hankkeet';
export const MIGRI_PROJEKT_SV_ID = 'migri-projekt-sv';
export const MIGRI_PROJECTS_EN_ID = 'migri-projects-en';
export const MIGRI_COMPLETED_EN_ID = 'migri-completed-projects-en';

export const MIGRI_FI: MigriPageLanguage = {
  sourceId: MIGRI_HANKKEET_ID,
  lang: 'fi',
  labels: { schedule: 'aikataulu', description: 'kuvaus', goals: 'tavoitteet' },
  eusaSection: /\bEUSA\b|sisäasioiden rahast/i,
  sectionTitle: /\bhankkeet\b|\bprojekt(?:en)?\b/i,
  sectionless: false,
  expected:
    'a section headed "EU:n sisäasioiden rahastot (EUSA) …" with titled blocks that read "Aikataulu: …", "Kuvaus: …", "Tavoitteet: …"',
};

export const MIGRI_SV: MigriPageLanguage = {
  sourceId: MIGRI_PROJEKT_SV_ID,
  lang: 'sv',
  labels: { schedule: 'tidsplan', description: 'beskrivning', goals: 'mål' },
  eusaSection: /\bEUSA\b|fonder för inrikes frågor/i,
  sectionTitle: /\bprojekt(?:en)?\b/i,
  sectionless: false,
  expected:
    'a section headed "EU:s fonder för inrikes frågor (EUSA) …" with blocks that read "Tidsplan: …", "Beskrivning: …", "Mål: …"',
};

export const MIGRI_EN: MigriPageLanguage = {
  sourceId: MIGRI_PROJECTS_EN_ID,
  lang: 'en',
  labels: { schedule: 'timetable', description: 'description', goals: 'goals' },
  eusaSection: /\bEUSA\b|home affairs funds?\b/i,
  sectionTitle: /\bprojects?\b/i,
  sectionless: false,
  expected:
    'a section headed "EU Home Affairs Funds …" with blocks that read "Timetable: …", "Description: …", "Goals: …"',
};

export const MIGRI_EN_COMPLETED: MigriPageLanguage = {
  ...MIGRI_EN,
  sourceId: MIGRI_COMPLETED_EN_ID,
  sectionless: true,
  expected: 'blocks that read "Timetable: …", "Description: …", "Goals: …" under "Completed projects"',
};
