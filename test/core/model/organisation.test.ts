import { describe, expect, it } from 'vitest';
import {
  fundingTotal,
  organisationOf,
  organisationSchema,
  organisationsOf,
} from '../../../functions/core/model/organisation';
import type { ProjectRecord } from '../../../functions/core/model/project';
import { seedRecords } from '../../helpers/site-fixture';

const HDL = 'helsingin-diakonissalaitoksen-saatio-sr';

function hdlRecords(): ProjectRecord[] {
  return seedRecords().filter((r) => r.beneficiary.id === HDL);
}

describe('the organisation of a beneficiary (bundled 2021–2027 table)', () => {
  it('sums its five projects per programme and objective, in cents, and keeps both spellings', () => {
    const org = organisationOf(hdlRecords());
    expect(organisationSchema.parse(org)).toEqual(org);
    expect(org.id).toBe(HDL);
    expect(org.name).toBe('Helsingin Diakonissalaitoksen säätiö sr.');
    expect(org.names).toEqual([
      { name: 'Helsingin Diakonissalaitoksen säätiö sr.', projectCount: 3 },
      { name: 'Helsingin Diakonissalaitoksen Säätiö sr', projectCount: 2 },
    ]);
    // 143 398,16 + 437 934,77 (objective 1); 270 222,49 + 337 517,94 + 843 945,60 (objective 2).
    expect(org.total).toEqual({ projectCount: 5, euFundingEur: 2033018.96, withoutAmount: 0 });
    expect(org.byProgramme).toEqual([
      { programme: 'AMIF 2021-2027', projectCount: 5, euFundingEur: 2033018.96, withoutAmount: 0 },
    ]);
    expect(org.byObjective.map((o) => [o.specificObjective?.code, o.projectCount, o.euFundingEur])).toEqual([
      ['1', 2, 581332.93],
      ['2', 3, 1451686.03],
    ]);
  });

  it('counts a removed project but does not sum it, and says how many have no amount', () => {
    const [a, b, c] = hdlRecords();
    const removed = { ...a!, status: 'removed' as const, removedAt: '2026-11-23T04:00:00Z' };
    const noAmount = { ...b!, euFundingEur: null };
    const org = organisationOf([removed, noAmount, c!]);
    expect(org.removedCount).toBe(1);
    expect(org.total).toEqual({ projectCount: 3, euFundingEur: c!.euFundingEur, withoutAmount: 1 });
    expect(fundingTotal([removed, noAmount, c!])).toEqual(org.total);
  });

  it('lists its announcements newest first with the project they announce', () => {
    const [a, b] = hdlRecords();
    const url = 'https://intermin.fi/-/example';
    const org = organisationOf([
      { ...a!, announcements: [{ date: '2023-04-12', url, lang: 'sv', amountEur: 143398 }] },
      { ...b!, announcements: [{ date: '2024-01-05', url, lang: 'fi', amountEur: null }] },
    ]);
    expect(org.announcements.map((x) => [x.date, x.projectId])).toEqual([
      ['2024-01-05', b!.id],
      ['2023-04-12', a!.id],
    ]);
  });

  it('groups the whole table by beneficiary id and refuses a project of another one', () => {
    const records = seedRecords();
    const orgs = organisationsOf(records);
    expect(orgs.reduce((s, o) => s + o.projectIds.length, 0)).toBe(records.length);
    expect(new Set(orgs.map((o) => o.id)).size).toBe(orgs.length);
    expect(orgs.find((o) => o.id === 'maahanmuuttovirasto')?.total.projectCount).toBe(12);
    const other = records.find((r) => r.beneficiary.id !== HDL)!;
    expect(() => organisationOf([...hdlRecords(), other])).toThrow(
      `belongs to ${other.beneficiary.id}, not to ${HDL}`,
    );
  });
});
