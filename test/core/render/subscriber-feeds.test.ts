import { describe, expect, it } from 'vitest';
import type { ProjectVersion } from '../../../functions/core/model/history';
import { unchangedFeedKeys } from '../../../functions/core/publication/unchanged-feeds';
import { type JsonFeedDocument, renderJsonFeedFile } from '../../../functions/core/render/json-feed';
import { renderSubscriberFeeds } from '../../../functions/core/render/subscriber-feeds';
import {
  BASE_URL,
  baselineProject,
  contextOf,
  firstVersion,
  lifeOfAProject,
  nextVersion,
  RUN_AT,
  record,
  T0,
  T2,
  T3,
} from './feed-fixtures';

const text = (body: string | Uint8Array) =>
  typeof body === 'string' ? body : Buffer.from(body).toString('utf8');

/** A 2014–2020 project (objective "2" of that programme) whose only version is outside the window. */
function olderProject(): ProjectVersion {
  return firstVersion(
    record({
      id: 'amif14-puijola',
      programme: 'AMIF 2014-2020',
      name: 'Puijolan hanke',
      beneficiary: { id: 'kuopion-setlementti-puijola-ry', name: 'Kuopion Setlementti Puijola ry' },
      specificObjective: { code: '2', name: 'Kotouttaminen ja laillinen maahanmuutto' },
      firstSeenAt: T0,
      lastChangedAt: T0,
    }),
  );
}

/** A project moved from objective 1 to 3 at T3, with its funding changed: two entries, one per objective. */
function movedProject(): ProjectVersion[] {
  const v1 = firstVersion(
    record({
      id: 'amif21-siirto',
      name: 'Siirto',
      beneficiary: { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
      specificObjective: { code: '1', name: 'Euroopan yhteinen turvapaikkajärjestelmä' },
      firstSeenAt: T2,
      lastChangedAt: T2,
    }),
  );
  const v2 = nextVersion(v1, 'changed', T3, [
    {
      field: 'specificObjective',
      old: v1.record.specificObjective,
      new: { code: '3', name: 'Laittoman maahanmuuton torjunta ja paluu' },
    },
    { field: 'euFundingEur', old: 1_000_000, new: 900_000 },
  ]);
  return [v1, v2];
}

function filesOf(histories: readonly (readonly ProjectVersion[])[], window?: readonly ProjectVersion[]) {
  const ctx = contextOf(histories, []);
  const files = renderSubscriberFeeds(window ? { ...ctx, recentChanges: window } : ctx);
  return new Map(files.map((f) => [f.key, text(f.body)]));
}

describe('per-subscriber feeds', () => {
  const life = lifeOfAProject();
  const histories = [[baselineProject()], life, movedProject(), [olderProject()]];
  const files = filesOf(histories);
  const json = (key: string) => JSON.parse(files.get(key)!) as JsonFeedDocument;

  it('writes an Atom and a JSON Feed per objective 1–3, programme and beneficiary with a project', () => {
    expect([...files.keys()]).toEqual([
      'v1/feeds/beneficiary/kuopion-setlementti-puijola-ry.atom',
      'v1/feeds/beneficiary/kuopion-setlementti-puijola-ry.json',
      'v1/feeds/beneficiary/maahanmuuttovirasto.atom',
      'v1/feeds/beneficiary/maahanmuuttovirasto.json',
      'v1/feeds/beneficiary/nivalan-kaupunki.atom',
      'v1/feeds/beneficiary/nivalan-kaupunki.json',
      'v1/feeds/beneficiary/turun-kaupunki.atom',
      'v1/feeds/beneficiary/turun-kaupunki.json',
      'v1/feeds/objective/1.atom',
      'v1/feeds/objective/1.json',
      'v1/feeds/objective/2.atom',
      'v1/feeds/objective/2.json',
      'v1/feeds/objective/3.atom',
      'v1/feeds/objective/3.json',
      'v1/feeds/programme/amif-2014-2020.atom',
      'v1/feeds/programme/amif-2014-2020.json',
      'v1/feeds/programme/amif-2021-2027.atom',
      'v1/feeds/programme/amif-2021-2027.json',
    ]);
  });

  it('carries the main feed’s own items, byte for byte, filtered by the reported version’s topics', () => {
    const main = JSON.parse(text(renderJsonFeedFile(contextOf(histories, []))[0]!.body)) as JsonFeedDocument;
    const byId = new Map(main.items.map((i) => [i.id, i]));
    const ids = (key: string) => json(key).items.map((i) => i.id);
    const tag = (id: string, v: number) => `tag:amif.example.fi,2026:amif-feed/${id}/v${v}`;
    // The move to objective 3 came with a funding change: that entry is objective 3's; the award was 1's.
    expect(ids('v1/feeds/objective/1.json')).toEqual([tag('amif21-siirto', 1)]);
    expect(ids('v1/feeds/objective/3.json')).toEqual([tag('amif21-siirto', 2)]);
    // Objective 2 of 2021–2027: not the 2014–2020 project, whose objective is also numbered 2.
    expect(ids('v1/feeds/objective/2.json')).toEqual([
      tag('amif21-kotona-suomessa', 6),
      tag('amif21-kotona-suomessa', 5),
      tag('amif21-kotona-suomessa', 3),
      tag('amif21-kotona-suomessa', 2),
      tag('amif21-kotona-suomessa', 1),
      tag('amif21-baseline', 1),
    ]);
    expect(ids('v1/feeds/programme/amif-2014-2020.json')).toEqual([tag('amif14-puijola', 1)]);
    for (const key of files.keys()) {
      if (!key.endsWith('.json')) continue;
      for (const item of json(key).items) expect(item, `${key} ${item.id}`).toEqual(byId.get(item.id));
    }
  });

  it('names itself in its head, and takes `updated` from its newest entry', () => {
    const atom = files.get('v1/feeds/objective/3.atom')!;
    expect(atom).toContain('<id>tag:amif.example.fi,2026:amif-feed/feeds/objective/3</id>');
    expect(atom).toContain('<title>AMIF 2021–2027, erityistavoite 3: uudet hankkeet ja muutokset</title>');
    expect(atom).toContain(
      `<link rel="self" type="application/atom+xml" href="${BASE_URL}/v1/feeds/objective/3.atom"/>`,
    );
    expect(atom).toContain(`<updated>${T3}</updated>`);
    expect(atom).not.toContain(RUN_AT);
    expect(json('v1/feeds/beneficiary/maahanmuuttovirasto.json')).toMatchObject({
      title: 'Maahanmuuttovirasto: AMIF-hankkeet, uudet hankkeet ja muutokset',
      feed_url: `${BASE_URL}/v1/feeds/beneficiary/maahanmuuttovirasto.json`,
    });
  });

  it('still publishes a feed without entries: a beneficiary whose changes are all out of the window', () => {
    const empty = filesOf(histories, life);
    const atom = empty.get('v1/feeds/beneficiary/kuopion-setlementti-puijola-ry.atom')!;
    expect(atom).not.toContain('<entry>');
    // No entry: the newest change of its records, never the clock.
    expect(atom).toContain(`<updated>${T0}</updated>`);
    expect(JSON.parse(empty.get('v1/feeds/beneficiary/kuopion-setlementti-puijola-ry.json')!).items).toEqual(
      [],
    );
    // An objective with no project at all has its feed too, dated at the epoch.
    expect(empty.get('v1/feeds/objective/1.atom')).toContain('<updated>1970-01-01T00:00:00Z</updated>');
  });

  it('knows which feeds a change leaves byte for byte as published: only the changed project’s topics differ', () => {
    const before = contextOf(histories, []);
    const raised = nextVersion(movedProject()[1]!, 'changed', RUN_AT, [
      { field: 'euFundingEur', old: 900_000, new: 950_000 },
    ]);
    const after = contextOf([[baselineProject()], life, [...movedProject(), raised], [olderProject()]], []);
    const rendered = renderSubscriberFeeds(after);
    const unchanged = unchangedFeedKeys(rendered, after, before);
    expect(rendered.filter((f) => !unchanged.has(f.key)).map((f) => f.key)).toEqual([
      'v1/feeds/beneficiary/maahanmuuttovirasto.atom',
      'v1/feeds/beneficiary/maahanmuuttovirasto.json',
      'v1/feeds/objective/3.atom',
      'v1/feeds/objective/3.json',
      'v1/feeds/programme/amif-2021-2027.atom',
      'v1/feeds/programme/amif-2021-2027.json',
    ]);
    expect(unchangedFeedKeys(rendered, after, after).size).toBe(rendered.length);
  });
});
