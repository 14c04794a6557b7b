import { describe, expect, it } from 'vitest';
import { amifNameIn, otherFundsIn } from '../../../functions/core/discovery/fund-names';

describe('Discovery: the funds’ names', () => {
  it('finds the fund in each language and case ending, and gives the word as written', () => {
    expect(amifNameIn('Turvapaikka-, maahanmuutto- ja kotouttamisrahastosta myönnettiin')).toBe(
      'Turvapaikka-, maahanmuutto- ja kotouttamisrahastosta',
    );
    expect(amifNameIn('EU:n turvapaikka-, maahanmuutto- ja kotoutumisrahaston haku')).toBe(
      'turvapaikka-, maahanmuutto- ja kotoutumisrahaston',
    );
    expect(amifNameIn('ur asyl-, migrations- och integrationsfonden (AMIF)')).toBe('AMIF');
    expect(amifNameIn('ur asyl-, migrations- och integrationsfonden')).toBe(
      'asyl-, migrations- och integrationsfonden',
    );
    expect(amifNameIn('the Asylum, Migration and Integration Fund')).toBe(
      'Asylum, Migration and Integration Fund',
    );
    expect(amifNameIn('AMIF-rahaston haku')).toBe('AMIF');
    expect(amifNameIn('Sisäisen turvallisuuden rahasto ISF')).toBeNull();
    expect(amifNameIn('amifin')).toBeNull();
  });

  it('names ISF and BMVI by their names in Finnish, Swedish and English', () => {
    expect(otherFundsIn('Sisäisen turvallisuuden rahastosta myönnettiin')).toEqual(['ISF']);
    expect(otherFundsIn('fonden för inre säkerhet')).toEqual(['ISF']);
    expect(otherFundsIn('rajaturvallisuus- ja viisumipolitiikan rahoitusvälineestä')).toEqual(['BMVI']);
    expect(otherFundsIn('rajaturvallisuuden ja viisumipolitiikan rahoitustukiväline (BMVI)')).toEqual([
      'BMVI',
    ]);
    expect(otherFundsIn('instrumentet för gränsförvaltning och visering')).toEqual(['BMVI']);
    expect(otherFundsIn('the Internal Security Fund and the Border Management and Visa Instrument')).toEqual([
      'ISF',
      'BMVI',
    ]);
    expect(otherFundsIn('AMIF-rahasto')).toEqual([]);
  });
});
