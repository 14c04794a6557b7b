import type { NamedNode } from '@rdfjs/types';
import type { FeedConfig } from '../feed-config';
import { dct, foaf, type GraphBuilder, skos, type Texts } from './dcat-graph';

/**
 * The terms of other vocabularies that the catalogue uses (EU Vocabularies' authority tables, IANA
 * media types, ADMS publisher types, web pages), each given the class DCAT-AP 3's ranges require of
 * it. A validator that has not loaded those vocabularies (SEMIC's "Range" and "Full" profiles run
 * offline, avoindata.fi's shapes) can then still see that `dct:language` names a
 * `dct:LinguisticSystem`. Membership of the authority tables (`skos:inScheme`) is left to the tables
 * themselves: that is what a controlled-vocabulary check verifies, so the catalogue does not
 * assert it about itself.
 */

const AUTHORITY = 'http://publications.europa.eu/resource/authority';
export const EU = {
  language: (code: 'FIN' | 'SWE' | 'ENG') => `${AUTHORITY}/language/${code}`,
  country: (code: string) => `${AUTHORITY}/country/${code}`,
  dataTheme: (code: string) => `${AUTHORITY}/data-theme/${code}`,
  dataThemeScheme: `${AUTHORITY}/data-theme`,
  frequency: (code: string) => `${AUTHORITY}/frequency/${code}`,
  fileType: (code: string) => `${AUTHORITY}/file-type/${code}`,
  licence: (code: string) => `${AUTHORITY}/licence/${code}`,
  accessRight: (code: string) => `${AUTHORITY}/access-right/${code}`,
  plannedAvailability: (code: string) => `${AUTHORITY}/planned-availability/${code}`,
} as const;
export const ianaMediaType = (type: string) => `http://www.iana.org/assignments/media-types/${type}`;

/**
 * Themes from the EU data-theme vocabulary: GOVE (Government and public sector), because the data
 * are funding decisions of a ministry and how public money is spent; SOCI (Population and society),
 * because the projects are about asylum, migration and the integration of migrants. The labels are
 * the vocabulary's own.
 */
export const DATASET_THEMES: Readonly<Record<'GOVE' | 'SOCI', Texts>> = {
  GOVE: {
    fi: 'Valtioneuvosto ja julkinen sektori',
    sv: 'Regeringen och den offentliga sektorn',
    en: 'Government and public sector',
  },
  SOCI: { fi: 'Väestö ja yhteiskunta', sv: 'Befolkning och samhälle', en: 'Population and society' },
};

/** ADMS publisher types (the vocabulary DCAT-AP names for an agent's `dct:type`), with their labels. */
export const PUBLISHER_TYPES = {
  NationalAuthority: 'National authority',
  NonProfitOrganisation: 'Non-Profit Organisation',
} as const;
export type PublisherType = keyof typeof PUBLISHER_TYPES;

/** SPDX licence ids whose EU licence authority URI is known; any other licence keeps its own URL. */
const EU_LICENCES: Readonly<Record<string, string>> = {
  'CC-BY-4.0': 'CC_BY_4_0',
  'CC0-1.0': 'CC0',
  'CC-BY-SA-4.0': 'CC_BYSA_4_0',
};

/** ADMS licence types (DCAT-AP's vocabulary for a licence's `dct:type`) of the known licences, with labels. */
const LICENCE_TYPES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  'CC-BY-4.0': [['Attribution', 'Attribution']],
  'CC0-1.0': [['PublicDomain', 'Public domain']],
  'CC-BY-SA-4.0': [
    ['Attribution', 'Attribution'],
    ['ViralEffect-ShareAlike', 'Viral effect (a.k.a. Share-alike)'],
  ],
};

export function licenceUri(licence: FeedConfig['licence']): string {
  const code = EU_LICENCES[licence.id];
  return code ? EU.licence(code) : licence.url;
}

/** A term of class `cls`, described the first time it is used. */
function classed(g: GraphBuilder, iri: string, cls: string, more?: (node: NamedNode) => void): NamedNode {
  const node = g.iri(iri);
  g.once(iri, () => {
    g.type(node, cls);
    more?.(node);
  });
  return node;
}

export const terms = {
  language: (g: GraphBuilder, code: 'FIN' | 'SWE' | 'ENG') =>
    classed(g, EU.language(code), dct('LinguisticSystem')),
  country: (g: GraphBuilder, code: string) => classed(g, EU.country(code), dct('Location')),
  licence: (g: GraphBuilder, licence: FeedConfig['licence']) =>
    classed(g, licenceUri(licence), dct('LicenseDocument'), (n) => {
      g.text(n, dct('title'), licence.title);
      for (const [code, label] of LICENCE_TYPES[licence.id] ?? []) {
        g.add(
          n,
          dct('type'),
          classed(g, `http://purl.org/adms/licencetype/${code}`, skos('Concept'), (t) =>
            g.text(t, skos('prefLabel'), label, 'en'),
          ),
        );
      }
    }),
  frequency: (g: GraphBuilder, code: string) => classed(g, EU.frequency(code), dct('Frequency')),
  accessRight: (g: GraphBuilder, code: string) => classed(g, EU.accessRight(code), dct('RightsStatement')),
  fileType: (g: GraphBuilder, code: string) => classed(g, EU.fileType(code), dct('MediaTypeOrExtent')),
  mediaType: (g: GraphBuilder, type: string) => classed(g, ianaMediaType(type), dct('MediaType')),
  document: (g: GraphBuilder, url: string) => classed(g, url, foaf('Document')),
  standard: (g: GraphBuilder, url: string) => classed(g, url, dct('Standard')),
  theme: (g: GraphBuilder, code: keyof typeof DATASET_THEMES) =>
    classed(g, EU.dataTheme(code), skos('Concept'), (n) =>
      g.texts(n, skos('prefLabel'), DATASET_THEMES[code]),
    ),
  themeScheme: (g: GraphBuilder) =>
    classed(g, EU.dataThemeScheme, skos('ConceptScheme'), (n) => g.text(n, dct('title'), 'Data theme', 'en')),
  availability: (g: GraphBuilder, code: 'STABLE') =>
    classed(g, EU.plannedAvailability(code), skos('Concept'), (n) =>
      g.text(n, skos('prefLabel'), code.toLowerCase(), 'en'),
    ),
  publisherType: (g: GraphBuilder, code: PublisherType) =>
    classed(g, `http://purl.org/adms/publishertype/${code}`, skos('Concept'), (n) =>
      g.text(n, skos('prefLabel'), PUBLISHER_TYPES[code], 'en'),
    ),
};
