import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutboxNotifier } from '../../functions/adapters/outbox-notify';
import { buildAwardNotice } from '../../functions/core/award-notice';
import { BASE_URL, record } from '../core/render/feed-fixtures';

const RUN = 'run-20261122T040000Z';

describe('Adapter: outbox notifier', () => {
  let parent: string;
  let dir: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'amif-feed-outbox-'));
    dir = join(parent, 'data', 'outbox');
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(parent, { recursive: true, force: true });
  });

  const notice = buildAwardNotice(
    RUN,
    [record({ id: 'amif21-a', name: 'A' }), record({ id: 'amif21-b', name: 'B' })],
    BASE_URL,
  );

  it('writes <dir>/<runId>.json, creating the directory, and says so in one line', async () => {
    const lines: string[] = [];
    await createOutboxNotifier(dir, (line) => lines.push(line)).notify(notice);
    const path = join(dir, `${RUN}.json`);
    expect(await readdir(dir)).toEqual([`${RUN}.json`]);
    const body = await readFile(path, 'utf8');
    expect(body.endsWith('}\n')).toBe(true);
    expect(JSON.parse(body)).toEqual({
      subject: notice.subject,
      // The attributes SNS would carry, so a local run shows which filtered subscriptions get it.
      attributes: { programme: ['amif-2021-2027'], objective: ['2'], beneficiary: ['turun-kaupunki'] },
      text: notice.text,
      awards: notice.awards,
    });
    expect(lines).toEqual([`notice: 2 uutta AMIF-hanketta / 2 new AMIF awards (written to ${path})`]);
  });

  it('writes the line to stderr by default', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await createOutboxNotifier(dir).notify(notice);
      expect(write).toHaveBeenCalledWith(
        `notice: 2 uutta AMIF-hanketta / 2 new AMIF awards (written to ${join(dir, `${RUN}.json`)})\n`,
      );
    } finally {
      write.mockRestore();
    }
  });

  it('never replaces a different notice of the same run id, leaving no temporary file (issue 19)', async () => {
    const say = () => {};
    await createOutboxNotifier(dir, say).notify(notice);
    const one = buildAwardNotice(RUN, [record({ id: 'amif21-c', name: 'C' })], BASE_URL);
    await createOutboxNotifier(dir, say).notify(one);
    expect(await readdir(dir)).toEqual([`${RUN}-2.json`, `${RUN}.json`]);
    expect(JSON.parse(await readFile(join(dir, `${RUN}.json`), 'utf8')).subject).toBe(
      '2 uutta AMIF-hanketta / 2 new AMIF awards',
    );
    expect(JSON.parse(await readFile(join(dir, `${RUN}-2.json`), 'utf8')).subject).toBe(
      '1 uusi AMIF-hanke / 1 new AMIF award',
    );
  });

  it('writes the same notice sent again (a run killed before marking it sent) once', async () => {
    const lines: string[] = [];
    await createOutboxNotifier(dir, (l) => lines.push(l)).notify(notice);
    await createOutboxNotifier(dir, (l) => lines.push(l)).notify(notice);
    expect(await readdir(dir)).toEqual([`${RUN}.json`]);
    expect(lines[1]).toContain(`(written to ${join(dir, `${RUN}.json`)})`);
  });
});
