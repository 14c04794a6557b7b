import type { Beneficiary } from '../model/project';
import { collapseWhitespace, slugify } from './text';

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
