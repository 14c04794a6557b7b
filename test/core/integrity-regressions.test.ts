import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryObjectStore } from '../../functions/adapters/dir-objects';
import type { DynamoDbStateStore } from '../../functions/adapters/dynamodb-state';
import { LeaseHeldError } from '../../functions/core/errors';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { ProjectDraft } from '../../functions/core/model/project';
import { exitCodeOf, runPipeline } from '../../functions/core/pipeline';
import type { AwardNotice, StateStore } from '../../functions/core/ports';
import { expectLatestFilesRenderCommittedState } from '../helpers/committed-render';
import { jsonListSource, pageFetcher, quietLogger } from '../helpers/doubles';
import { draft } from '../helpers/drafts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';
import { loadWholeSourceStates } from '../helpers/source-states';

/** Regressions for the rows of the integrity issue that concern the state, the diff and the lease. */

const LIST = jsonListSource;
const config = feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' });
const NAMES = [
  'Kotona Suomessa',
  'Kielitaitoa',
  'Osaava Suomi',
  'Turvallinen paluu',
  'Yhdessä',
  'Polkuja työhön',
  'Arjen taidot',
  'Vastaanotto kuntoon',
  'Perheet yhteen',
  'Nuoret mukaan',
  'Kotoutumisen tuki',
  'Kielen polku',
];
const pageOf = (amount: (i: number) => number, extra: ProjectDraft[] = []) => [
  ...NAMES.map((n, i) => draft(n, { euFundingEur: amount(i) })),
  ...extra,
];
const BASE = (i: number) => 100_000 + i * 1_000;

describe('Integrity regressions', () => {
  let dynamo: TestDynamo;
  const dirs: string[] = [];
  beforeAll(async () => {
    dynamo = await startTestDynamo();
  });
  afterAll(() => dynamo.close());
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  async function harness(options: { clock?: () => Date } = {}) {
    const { store: state } = await dynamo.newStore(options.clock ? { clock: options.clock } : {});
    const out = await mkdtemp(join(tmpdir(), 'amif-regress-'));
    dirs.push(out);
    let page = pageOf(BASE);
    const notices: AwardNotice[] = [];
    const run = (at: string, extra: { acceptMassChange?: boolean; state?: StateStore } = {}) =>
      runPipeline({
        sources: [LIST],
        fetcher: pageFetcher(() => JSON.stringify(page)),
        state: extra.state ?? state,
        store: createDirectoryObjectStore(out),
        notifier: { notify: async (n) => void notices.push(n) },
        logger: quietLogger,
        now: new Date(at),
        config,
        ...(extra.acceptMassChange ? { acceptMassChange: true } : {}),
      });
    const read = async (key: string) => {
      try {
        return await readFile(join(out, ...key.split('/')));
      } catch {
        return null;
      }
    };
    return {
      state: state as DynamoDbStateStore,
      notices,
      run,
      read,
      setPage: (p: ProjectDraft[]) => {
        page = p;
      },
      invariant: () => expectLatestFilesRenderCommittedState(state, read, { config, sources: [LIST] }),
    };
  }

  it('a 1 MB description is cut to 20 000 characters with a flag holding its SHA-256; the commit fits, and the page going back is an ordinary change', async () => {
    const t = await harness();
    await t.run('2026-11-20T04:00:00Z');
    const huge = `Tavoite: ${'kotoutuminen ja työllistyminen '.repeat(34_000)}`.slice(0, 1_048_576);
    expect(huge.length).toBe(1_048_576);
    t.setPage(pageOf(BASE).map((d, i) => (i === 0 ? { ...d, summary: huge } : d)));
    const report = await t.run('2026-11-21T04:00:00Z');
    expect(report).toMatchObject({ status: 'published', counts: { changed: 1 } });
    const record = (await t.state.loadCurrent()).find((r) => r.name === NAMES[0])!;
    expect(record.summary).toBe(huge.slice(0, 20_000));
    expect(record.quality).toContainEqual({
      code: 'text-truncated',
      field: 'summary',
      message: 'summary was 1048576 characters long; the first 20000 are kept',
      raw: `sha256:${createHash('sha256').update(huge).digest('hex')}`,
      source: 'eusa-amif-2021',
    });
    // The source's last reading keeps the full text (stored in chunks beside its item).
    const [reading] = await loadWholeSourceStates(t.state);
    expect(reading?.output?.drafts[0]?.summary).toBe(huge);
    await t.invariant();
    // The same page again costs a hash: unchanged, nothing rendered.
    expect((await t.run('2026-11-22T04:00:00Z')).status).toBe('unchanged');

    t.setPage(pageOf(BASE));
    expect(await t.run('2026-11-23T04:00:00Z')).toMatchObject({
      status: 'published',
      counts: { changed: 1 },
    });
    const back = (await t.state.loadCurrent()).find((r) => r.name === NAMES[0])!;
    expect(back.summary).toBe(`${NAMES[0]}: tavoite ja tulokset.`);
    expect(back.quality).toEqual([]);
    await t.invariant();
  });

  it('every amount ×100 is refused like a collapse (exit 3, nothing changes) unless the mass change is accepted', async () => {
    const t = await harness();
    await t.run('2026-11-20T04:00:00Z');
    const before = await t.read('v1/projects.csv');

    t.setPage(pageOf((i) => BASE(i) * 100));
    const refused = await t.run('2026-11-21T04:00:00Z');
    expect(exitCodeOf(refused)).toBe(3);
    expect(refused.status).toBe('failed');
    expect(refused.counts).toMatchObject({ changed: 0, unchanged: 12 });
    expect(refused.sources[0]).toMatchObject({ status: 'refused', records: 12 });
    expect(refused.sources[0]?.warnings).toEqual([
      'eusa-amif-2021: euFundingEur would change in 12 of 12 projects at once; more than 50 % looks like a broken page, so the change was refused and the previous records kept (run with --accept-mass-change, or invoke the harvester with {"acceptMassChange": true}, if the change is real)',
    ]);
    expect((await t.state.loadCurrent()).map((r) => r.euFundingEur).sort((a, b) => a! - b!)).toEqual(
      NAMES.map((_, i) => BASE(i)),
    );
    expect((await t.read('v1/projects.csv'))!.equals(before!)).toBe(true);

    // Six of twelve (50 %) is not more than half: an ordinary change.
    t.setPage(pageOf((i) => (i < 6 ? BASE(i) + 1 : BASE(i))));
    expect(await t.run('2026-11-22T04:00:00Z')).toMatchObject({
      status: 'published',
      counts: { changed: 6 },
    });

    t.setPage(pageOf((i) => BASE(i) * 100));
    const accepted = await t.run('2026-11-23T04:00:00Z', { acceptMassChange: true });
    expect(exitCodeOf(accepted)).toBe(0);
    expect(accepted).toMatchObject({ status: 'published', counts: { changed: 12 } });
    await t.invariant();
  });

  it('a new record without an amount or beneficiary (a row cut off mid-way) never triggers an award notice', async () => {
    const t = await harness();
    await t.run('2026-11-20T04:00:00Z');
    t.setPage(
      pageOf(BASE, [
        draft('Katkennut rivi', { euFundingEur: null }),
        draft('Uusi osaamiskeskus', { euFundingEur: 310_000 }),
      ]),
    );
    const report = await t.run('2026-11-21T04:00:00Z');
    expect(report.counts.new).toBe(2);
    expect(t.notices.map((n) => n.awards.map((a) => a.name))).toEqual([['Uusi osaamiskeskus']]);
  });

  it('a killed run with --now 2030 blocks the next run for the lease time on the wall clock, not until 2030', async () => {
    let wall = Date.parse('2026-12-01T08:00:00Z');
    const t = await harness({ clock: () => new Date(wall) });
    // Killed: it took the lease and never released it.
    const killed: StateStore = { ...t.state, releaseLease: async () => {} };
    await t.run('2030-01-01T00:00:00Z', { state: killed });

    wall += 60_000;
    const blocked = await t.run('2026-12-01T08:01:00Z').catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(LeaseHeldError);
    expect((blocked as LeaseHeldError).expiresAt).toBe('2026-12-01T08:15:00.000Z');
    expect((blocked as Error).message).toMatch(
      /^another run \(run-20300101T000000Z\/[0-9a-f-]+\) is active until 2026-12-01T08:15:00.000Z; this run changed nothing$/,
    );

    wall += 900_000;
    // Free again; the run's own time must still come after the 2030 run's (issue 19).
    await expect(t.run('2026-12-01T08:16:00Z')).rejects.toThrow(
      /is not after the last run's \(run-20300101T000000Z/,
    );
    expect((await t.run('2030-01-01T00:00:01Z')).status).toBe('unchanged');
  });

  it('two runs at once on one state: one publishes, the other changes nothing and says why', async () => {
    const t = await harness();
    const results = await Promise.allSettled([t.run('2026-11-20T04:00:00Z'), t.run('2026-11-20T04:00:00Z')]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(LeaseHeldError);
    await t.invariant();
    expect((await t.state.loadSnapshots()).map((s) => s.id)).toEqual(['2026-11-20T040000Z']);
  });
});
