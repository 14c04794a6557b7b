import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunArgs, runCommand } from '../../functions/cli/run-command';

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

export interface TestFeed {
  readonly dir: string;
  readonly out: string;
  readonly log: string[];
}

function replaceOnce(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (text.split(from).length !== 2) throw new Error(`expected exactly one "${from}" in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

async function run(dir: string, pages: string, out: string, now: string, log: string[]): Promise<void> {
  const options = parseRunArgs(['--pages', pages, '--out', out, '--data', join(dir, 'data'), '--now', now]);
  if (options === 'help') throw new Error('unexpected help');
  const outcome = await runCommand(
    options,
    (s) => log.push(s),
    (s) => log.push(s),
  );
  if (outcome.exitCode !== 0)
    throw new Error(`pipeline run at ${now} exited ${outcome.exitCode}:\n${log.join('\n')}`);
}

/**
 * A feed built by the real pipeline from a temp copy of the bundled snapshots, in two runs:
 * the first with one project renamed to markup, the second with ADERE's amount changed, so ADERE
 * has two versions and its page a history.
 */
export async function buildTestFeed(): Promise<TestFeed> {
  const dir = mkdtempSync(join(tmpdir(), 'amif-site-'));
  const pages = join(dir, 'pages');
  const out = join(dir, 'out');
  const log: string[] = [];
  cpSync('seeds/pages', pages, { recursive: true });
  const table = join(pages, 'eusa-amif-2021.html');
  replaceOnce(table, '<td>Puheesta tekstiksi</td>', '<td>&lt;img src=x onerror=alert(1)&gt;</td>');
  await run(dir, pages, out, '2026-11-21T04:00:00Z', log);
  replaceOnce(table, '<td>1444708,32</td>', '<td>1500000,50</td>');
  await run(dir, pages, out, '2026-11-22T04:00:00Z', log);
  return { dir, out, log };
}
