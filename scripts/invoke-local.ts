/**
 * `npm run invoke-local [-- --pages DIR]`: bundles the harvester as the stack does, invokes the
 * bundle in a fresh Node process as Lambda would, against a local S3 and DynamoDB, on the bundled
 * pages (seeds/pages) or DIR, twice (a first run and the next day's unchanged one), and says what
 * each published and which requests it made. Nothing leaves the machine.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBundledHandler, invokeBundled, removeDir, scratchDir, startLocalAws } from './local-lambda';

const { values } = parseArgs({ options: { pages: { type: 'string' } } });
const pagesDir = values.pages ?? fileURLToPath(new URL('../seeds/pages/', import.meta.url));
const outdir = await scratchDir('amif-invoke-local-');
const local = await startLocalAws();
try {
  const bundle = await buildBundledHandler(outdir);
  process.stdout.write(`bundled ${bundle} with the stack's esbuild settings; pages from ${pagesDir}\n`);
  for (const label of ['first run', 'next run (same pages)']) {
    local.resetCounts();
    const run = await invokeBundled(bundle, local, { pagesDir });
    if (run.report === null) {
      process.stdout.write(`${label}: the handler failed: ${run.error ?? `killed by ${run.signal}`}\n`);
      process.exitCode = 1;
      break;
    }
    const { status, counts, sources, published } = run.report;
    const projectFiles = published.filter((k) => k.startsWith('v1/projects/')).length;
    process.stdout.write(
      `${label}: ${status}; ${counts.total} projects (${counts.new} new, ${counts.changed} changed, ${counts.removed} removed); ` +
        `published ${published.length} files (${projectFiles} per-project JSON) to s3://${local.bucket}/, e.g. ${published.slice(0, 3).join(', ')}\n` +
        `  sources: ${sources.map((s) => `${s.id} ${s.status} ${s.records}`).join('; ')}\n` +
        `  S3: ${local.s3.put} PUT, ${local.s3.get} GET, ${local.s3.head} HEAD, ${local.s3.list} LIST; ` +
        `DynamoDB: ${local.dynamo.readUnits} read units, ${local.dynamo.writeUnits} write units in ` +
        `${Object.values(local.dynamo.requests).reduce((a, b) => a + b, 0)} requests\n`,
    );
  }
} finally {
  await local.close();
  await removeDir(outdir);
}
