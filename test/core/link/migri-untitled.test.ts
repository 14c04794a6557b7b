import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkOutputs } from '../../../functions/core/link';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import { migriHankkeet } from '../../../functions/core/sources/migri-hankkeet';
import { textPage } from '../../helpers/text-page';

// Migri's 2025 project page gives its blocks no titles (test/fixtures/pages/migri-hankkeet-2025-fi.txt,
// read as in migri-hankkeet.test.ts). The second block, cut inside its description, runs 1.11.2023–
// 31.1.2026 like ENNACOI on the ministry table, and every word it has is in ENNACOI's summary.

const table = eusaAmif2021.extract(
  readFileSync(new URL('../../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8'),
);
const headings = [
  'EU:n sisäasioiden rahastot (EUSA) 2021–2027',
  'Maahanmuuttovirastossa käynnissä olevat hankkeet',
  'EU:n elpymis- ja palautumistukiväline (RRF) 2021–2024',
];
const migri = migriHankkeet.extract(
  textPage(
    readFileSync(new URL('../../fixtures/pages/migri-hankkeet-2025-fi.txt', import.meta.url), 'utf8'),
    { lang: 'fi', prelude: [], title: 'Hankkeet', headings },
    { linesAsBlocks: true },
  ),
);

describe('Migri 2025: an untitled block is linked by its dates and the words its description shares', () => {
  it("links the ENNACOI block to ENNACOI's row by agreeing dates and full containment; DVY stays its own", () => {
    const linked = linkOutputs([table, migri]);
    const name = (id: string) => linked.drafts.find((d) => d.id === id)!.name;
    expect(linked.links.map((l) => [l.item, l.matchedBy, name(l.projectId)])).toEqual([
      ['Digitaalinen vastuu ja yhteisvastuu (DVY)', null, 'Digitaalinen vastuu ja yhteisvastuu (DVY)'],
      [
        'Hankkeessa Maahanmuuttoviraston maatietopalvelu luo työprosessin Maahanmuuttoviraston',
        'dates+text-containment 1.00',
        'Ennakoiva maatieto (ENNACOI)',
      ],
    ]);
    const ennacoi = linked.drafts.find((d) => d.name === 'Ennakoiva maatieto (ENNACOI)')!;
    expect(ennacoi.migri?.schedule).toBe('1.11.2023–31.1.2026');
    expect(ennacoi.quality.filter((q) => q.code === 'date-mismatch')).toEqual([]);
  });
});
