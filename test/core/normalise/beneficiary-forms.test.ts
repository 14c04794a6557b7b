import { describe, expect, it } from 'vitest';
import { findBeneficiaries } from '../../../functions/core/normalise/beneficiary';

/** The ministry list's names, as the linker passes them to the search. */
const LISTED = [
  {
    id: 'tampereen-seudun-tyollistamisyhdistys-etappi-ry',
    name: 'Tampereen seudun Työllistämisyhdistys Etappi ry',
  },
  { id: 'tyovaen-sivistysliitto-tsl-ry', name: 'Työväen Sivistysliitto TSL ry' },
];

describe('Normalise: organisations in the forms the real releases write them', () => {
  it.each([
    ['Turun kaupungin Maahanmuuttajanaisten …', 'turun-kaupunki', 'Turun kaupungin'],
    ['Maahanmuuttovirastolle (Migri) myönnettiin …', 'maahanmuuttovirasto', 'Maahanmuuttovirastolle'],
    [
      'Tampereen seudun työllistämisyhdistys Etappi ry:n VAU! …',
      'tampereen-seudun-tyollistamisyhdistys-etappi-ry',
      'Tampereen seudun työllistämisyhdistys Etappi ry n',
    ],
    [
      'Tampereen seudun työllistämisyhdistys Etappi ry:s projekt …',
      'tampereen-seudun-tyollistamisyhdistys-etappi-ry',
      'Tampereen seudun työllistämisyhdistys Etappi ry s',
    ],
    [
      'Helsingin Diakonissalaitoksen Säätiön Vamos-Stay and Study- hankkeessa',
      'helsingin-diakonissalaitoksen-saatio-sr',
      'Helsingin Diakonissalaitoksen Säätiön',
    ],
    [
      'Syftet med yrkeshögskolan Diakonias projekt …',
      'diakonia-ammattikorkeakoulu',
      'yrkeshögskolan Diakonias',
    ],
    [
      'Diakonia-ammattikorkeakoulun Polkuni Satakunnassa …',
      'diakonia-ammattikorkeakoulu',
      'Diakonia ammattikorkeakoulun',
    ],
    ['Målet för Åbo stads projekt …', 'turun-kaupunki', 'Åbo stads'],
    ['Työväen Sivistysliiton Arvosta osaamista …', 'tyovaen-sivistysliitto-tsl-ry', 'Työväen Sivistysliiton'],
    ['Migrin VOK-valmius hankkeessa …', 'maahanmuuttovirasto', 'Migrin'],
    ['… Poliisihallituksen hanke', 'poliisihallitus', 'Poliisihallituksen'],
  ])('%s', (text, id, written) => {
    const found = findBeneficiaries(text, LISTED)[0];
    expect(found).toMatchObject({ id, text: written });
  });

  it('gives the base form of an inflected name, keeping case and accents', () => {
    expect(findBeneficiaries('Turun kaupungin hanke')[0]!.name).toBe('Turun kaupunki');
    expect(findBeneficiaries('Helsingin Diakonissalaitoksen Säätiön hanke')[0]!.name).toBe(
      'Helsingin Diakonissalaitoksen Säätiö',
    );
  });

  it('does not read other words as an organisation', () => {
    expect(findBeneficiaries('Turun seudulla ja Satakunnassa')).toEqual([]);
  });
});
