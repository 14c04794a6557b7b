import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../../functions/core/diff';
import { PageLayoutError } from '../../../functions/core/errors';
import { linkOutputs } from '../../../functions/core/link';
import type { MigriTranslationOutput } from '../../../functions/core/model/source-output';
import { siteAssets } from '../../../functions/core/render/site/assets';
import { renderProjectPage } from '../../../functions/core/render/site/project-page';
import { migriHankkeet } from '../../../functions/core/sources/migri-hankkeet';
import {
  migriCompletedEn,
  migriProjectsEn,
  migriProjektSv,
} from '../../../functions/core/sources/migri-translations';
import { renderContext } from '../../helpers/render-context';

const seed = (id: string) =>
  readFileSync(new URL(`../../../seeds/pages/${id}.html`, import.meta.url), 'utf8');
const fi = migriHankkeet.extract(seed('migri-hankkeet'));
const sv = migriProjektSv.extract(seed('migri-projekt-sv')) as MigriTranslationOutput;
const en = migriProjectsEn.extract(seed('migri-projects-en')) as MigriTranslationOutput;
const done = migriCompletedEn.extract(seed('migri-completed-projects-en')) as MigriTranslationOutput;
const ADERE = 'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä';
const AURA = 'AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen';

describe('Sources migri-projekt-sv, migri-projects-en, migri-completed-projects-en: the bundled snapshots', () => {
  it('reads the Swedish block with its "Tidsplan / Beskrivning / Mål" labels; no record of its own', () => {
    expect(sv).toMatchObject({
      kind: 'migri-translation',
      lang: 'sv',
      list: 'current',
      drafts: [],
      warnings: [],
    });
    expect(sv.blocks.map((b) => [b.title, b.schedule, b.startDate, b.endDate])).toEqual([
      [null, '1.5.2023–30.4.2025', '2023-05-01', '2025-04-30'],
    ]);
    expect(sv.blocks[0]!.description).toMatch(
      /^Asylansökningarna ska handläggas snabbare .* högre kvalitet\.$/,
    );
    expect(sv.blocks[0]!.goals).toMatch(/^Systemets åtgärd för asylbeslut förnyas .* snabbare\.$/);
  });

  it('reads the English dates written DD/MM/YYYY', () => {
    expect(en.blocks.map((b) => [b.schedule, b.startDate, b.endDate, b.goals === null])).toEqual([
      ['01/05/2023–30/04/2025', '2023-05-01', '2025-04-30', false],
      ['01/11/2022–30/04/2025', '2022-11-01', '2025-04-30', true],
    ]);
  });

  it('reads the completed list without funding sections, its goals list kept as items', () => {
    expect(done).toMatchObject({ lang: 'en', list: 'completed' });
    expect(done.blocks.map((b) => [b.startDate, b.endDate])).toEqual([
      ['2022-11-01', '2025-04-30'],
      ['2023-01-01', '2024-12-31'],
    ]);
    expect(done.blocks[0]!.goals!.split('\n\n').filter((p) => p.startsWith('- '))).toHaveLength(2);
  });

  it('refuses a page without its section or labels, naming the source and the label it looked for', () => {
    const page =
      '<html><body><main><h1>Projekt</h1><h2>Nyheter</h2><p>Sidan har förnyats.</p></main></body></html>';
    expect(() => migriProjektSv.extract(page)).toThrow(PageLayoutError);
    expect(() => migriProjektSv.extract(page)).toThrow(
      /^migri-projekt-sv: page layout changed: expected .*"Tidsplan: …"/,
    );
    expect(() => migriCompletedEn.extract('<main><h1>Completed projects</h1><p>None.</p></main>')).toThrow(
      /^migri-completed-projects-en: .* found the page without any block that has a "Timetable:" line$/,
    );
  });
});

describe('Migri in three languages: each block joins the record of its Finnish twin', () => {
  const linked = linkOutputs([fi, sv, en, done]);
  const record = (name: string) => linked.drafts.find((d) => d.migri?.title === name)!;
  const recordOfFinnish = (name: string) =>
    linked.links.find((l) => l.sourceId === 'migri-hankkeet' && l.item === name)!.projectId;

  it('links the Swedish and English blocks one-to-one to the records of their Finnish twins', () => {
    const twins = linked.links.filter((l) => l.sourceId !== 'migri-hankkeet');
    expect(twins.map((l) => [l.sourceId, l.projectId, l.matchedBy])).toEqual([
      ['migri-projects-en', recordOfFinnish(ADERE), 'dates+position 1'],
      ['migri-projects-en', recordOfFinnish(AURA), 'dates'],
      ['migri-projekt-sv', recordOfFinnish(ADERE), 'dates+position 1'],
      ['migri-completed-projects-en', recordOfFinnish(AURA), 'dates'],
      ['migri-completed-projects-en', '', null],
    ]);
    for (const page of ['migri-projekt-sv', 'migri-projects-en', 'migri-completed-projects-en']) {
      const ids = twins.filter((l) => l.sourceId === page && l.projectId).map((l) => l.projectId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("gives the records the Swedish and English texts and the pages as sources; the current page's English wins", () => {
    const adere = record(ADERE);
    expect(adere.migri!.sv).toMatchObject({
      url: 'https://migri.fi/sv/projekt',
      title: null,
      schedule: '1.5.2023–30.4.2025',
    });
    expect(adere.migri!.en).toMatchObject({
      url: 'https://migri.fi/en/projects',
      schedule: '01/05/2023–30/04/2025',
    });
    expect(adere.migri!.en!.description).toContain('(UMA)');
    expect(adere.sources.map((s) => s.id)).toEqual([
      'migri-hankkeet',
      'migri-projects-en',
      'migri-projekt-sv',
    ]);
    const aura = record(AURA);
    expect(aura.migri!.sv).toBeUndefined();
    expect(aura.migri!.en!.url).toBe('https://migri.fi/en/projects');
    expect(linked.links.find((l) => l.sourceId === 'migri-completed-projects-en' && l.matchedBy)!.note).toBe(
      'the en text of migri-projects-en is kept',
    );
    // A record without twins serialises as before: no sv/en keys at all.
    expect(Object.keys(record('VOK-valmius').migri!)).not.toContain('sv');
  });

  it('writes the texts in the schema order (sv, then en) though the English page is read first', () => {
    // The state gives the record back in the schema's order, and the diff compares bytes: another
    // order here made ADERE "changed" on every run that linked again.
    expect(Object.keys(record(ADERE).migri!).slice(-2)).toEqual(['sv', 'en']);
  });

  it('leaves a block whose dates two Finnish blocks share unlinked, naming them', () => {
    expect(linked.warnings).toContain(
      'migri-completed-projects-en: the block "01/01/2023–31/12/2024: Testing with customers, interviews and observation show whet" was not linked to a block of the Finnish page: 2 Finnish blocks run 01/01/2023–31/12/2024: "IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen", "Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki"',
    );
  });

  it('tells two blocks with the same dates apart by a shared code word (synthetic English page)', () => {
    const page = `<main><h2>EU Home Affairs Funds 2021–2027</h2><h3>Current projects</h3>
      <p>Timetable: 01/04/2023–31/03/2025</p><p>Description: Return cooperation with Iraq and Somalia (SOIRE), invented text.</p>
      <p>Timetable: 01/04/2023–31/03/2025</p><p>Description: Statistics of the assistance system in UMA, invented text.</p></main>`;
    const synthetic = migriProjectsEn.extract(page) as MigriTranslationOutput;
    const result = linkOutputs([fi, synthetic]);
    expect(result.links.filter((l) => l.sourceId === 'migri-projects-en').map((l) => l.matchedBy)).toEqual([
      'dates+acronym SOIRE',
      // The other block is then the only one left with those dates.
      'dates',
    ]);
  });

  it('shows the Swedish text on the Swedish project page and the Finnish text on the Finnish one', () => {
    const records = diffProjects({
      drafts: linked.drafts,
      current: [],
      readSources: new Set(),
      run: { runId: 'r', at: '2026-11-22T04:00:00Z', sources: [] },
    }).records;
    const adere = records.find((r) => r.migri?.title === ADERE)!;
    const page = (lang: 'fi' | 'sv' | 'en') =>
      renderProjectPage({
        ctx: renderContext(records),
        lang,
        assets: siteAssets(),
        record: adere,
        history: [],
      });
    const svPage = page('sv');
    expect(svPage).toContain('Från Migrationsverkets projektsida på svenska.');
    expect(svPage).toContain(`<dd class="text-block"><p>${adere.migri!.sv!.description}</p></dd>`);
    expect(page('en')).toContain(`<dd class="text-block"><p>${adere.migri!.en!.description}</p></dd>`);
    expect(page('fi')).toContain(`<p>${adere.migri!.description}</p>`);
    expect(page('fi')).not.toContain(adere.migri!.sv!.description!);
  });
});
