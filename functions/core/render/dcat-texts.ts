import type { Texts } from './dcat-graph';

/** The catalogue's own texts, in the three languages of the site. */

export const DATASET_TITLE: Texts = {
  fi: 'AMIF-rahoitetut hankkeet Suomessa',
  sv: 'AMIF-finansierade projekt i Finland',
  en: 'AMIF-funded projects in Finland',
};

export const DATASET_DESCRIPTION: Texts = {
  fi: 'Euroopan unionin turvapaikka-, maahanmuutto- ja kotouttamisrahastosta (AMIF) rahoitetut hankkeet Suomessa: hankkeen nimi, tuensaaja, erityistavoite, EU-rahoitus, alkamis- ja päättymispäivä sekä tavoitteet ja tulokset. Tiedot kootaan sisäministeriön ja Maahanmuuttoviraston verkkosivuilta, ja jokaisen hankkeen muutoshistoria säilytetään.',
  sv: 'Projekt i Finland som finansieras av Europeiska unionens asyl-, migrations- och integrationsfond (AMIF): projektets namn, stödmottagare, specifikt mål, EU-finansiering, start- och slutdatum samt mål och resultat. Uppgifterna sammanställs från inrikesministeriets och Migrationsverkets webbplatser, och varje projekts ändringshistorik bevaras.',
  en: 'Projects in Finland funded by the EU Asylum, Migration and Integration Fund (AMIF): project name, beneficiary, specific objective, EU funding, start and end dates, objectives and results. Compiled from the web pages of the Ministry of the Interior and the Finnish Immigration Service; the change history of every project is kept.',
};

export const DATASET_KEYWORDS: Readonly<Record<keyof Texts, readonly string[]>> = {
  fi: ['AMIF', 'maahanmuutto', 'kotouttaminen', 'turvapaikka', 'EU-rahoitus', 'hankkeet', 'sisäministeriö'],
  sv: ['AMIF', 'migration', 'integration', 'asyl', 'EU-finansiering', 'projekt', 'inrikesministeriet'],
  en: ['AMIF', 'migration', 'integration', 'asylum', 'EU funding', 'projects', 'Ministry of the Interior'],
};

export const CATALOGUE_TITLE: Texts = {
  fi: 'amif-feed: avoin data Suomen AMIF-hankkeista',
  sv: 'amif-feed: öppna data om AMIF-projekt i Finland',
  en: 'amif-feed: open data on AMIF-funded projects in Finland',
};

export const CATALOGUE_DESCRIPTION: Texts = {
  fi: 'Luettelo amif-feedin julkaisemista avoimista tietoaineistoista: AMIF-rahoitetut hankkeet Suomessa ja niiden muuttumattomat versiot.',
  sv: 'Katalog över de öppna data som amif-feed publicerar: AMIF-finansierade projekt i Finland och deras oföränderliga versioner.',
  en: 'Catalogue of the open data published by amif-feed: AMIF-funded projects in Finland and their immutable versions.',
};

export const PROVENANCE: Texts = {
  fi: 'Koottu automaattisesti lähdesivuilta (dct:relation) kerran päivässä: taulukot jäsennetään, arvot normalisoidaan (päivämäärät ISO 8601 -muotoon, summat euroiksi) ja tulkitsemattomat arvot merkitään laatuliputuksin. Sivu, jonka rakenne on muuttunut, hylätään eikä sen aiemmin julkaistuja tietoja muuteta.',
  sv: 'Sammanställd automatiskt en gång om dagen från källsidorna (dct:relation): tabellerna tolkas, värdena normaliseras (datum till ISO 8601, belopp till euro) och värden som inte kan tolkas märks med kvalitetsflaggor. En sida vars struktur har ändrats avvisas och tidigare publicerade uppgifter från den ändras inte.',
  en: 'Compiled automatically once a day from the source pages (dct:relation): their tables are parsed, values normalised (dates to ISO 8601, amounts to euros) and values that cannot be interpreted are kept with data-quality flags. A page whose layout has changed is refused, and nothing it published before is changed.',
};

/** A snapshot's title: the dataset's, with the snapshot id. */
export function snapshotTitle(id: string): Texts {
  return {
    fi: `${DATASET_TITLE.fi}, versio ${id}`,
    sv: `${DATASET_TITLE.sv}, version ${id}`,
    en: `${DATASET_TITLE.en}, snapshot ${id}`,
  };
}

export interface SnapshotFacts {
  readonly createdAt: string;
  readonly records: number;
  readonly changes: {
    readonly new: number;
    readonly changed: number;
    readonly removed: number;
    readonly reinstated: number;
  };
}

export function snapshotDescription(s: SnapshotFacts): Texts {
  const c = s.changes;
  return {
    fi: `Muuttumaton kopio aineistosta sellaisena kuin se julkaistiin ${s.createdAt}: ${s.records} hanketta; uusia ${c.new}, muuttuneita ${c.changed}, poistuneita ${c.removed}, palanneita ${c.reinstated}.`,
    sv: `Oföränderlig kopia av datamängden så som den publicerades ${s.createdAt}: ${s.records} projekt; nya ${c.new}, ändrade ${c.changed}, borttagna ${c.removed}, återkomna ${c.reinstated}.`,
    en: `Immutable copy of the dataset as published at ${s.createdAt}: ${s.records} projects; ${c.new} new, ${c.changed} changed, ${c.removed} removed, ${c.reinstated} reinstated.`,
  };
}
