/**
 * The harvester Lambda's bundle: its size with esbuild's production settings and the time a fresh
 * Node process takes to import it (the module part of a cold start). Skipped while the handler
 * does not exist.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { harvesterBundleAliases } from '../infra/bundle-aliases';
import { HARVESTER_BUNDLE_MAX_BYTES, HARVESTER_COLD_LOAD_MAX_MS } from '../infra/harvester-bundle-budget';
import { NODE_ESBUILD_TARGET } from '../infra/node-runtime';
import { median } from './stats';

export const HANDLER_PATH = 'functions/harvest/handler.ts';

export interface BundleVariant {
  readonly label: string;
  readonly bytes: number;
  /** Wall time of `node -e "await import(bundle)"`, median over the runs, ms. */
  readonly coldLoadMs: number | null;
  /** The import alone, measured inside that process, median, ms. */
  readonly importMs: number | null;
  readonly error: string | null;
}

/** Environment the handler reads at cold start; dummy values, nothing is contacted on import. */
const HANDLER_ENV = {
  TABLE_NAME: 'amif-feed-bench',
  BUCKET_NAME: 'amif-feed-bench',
  PUBLIC_BASE_URL: 'https://amif-feed.example.org',
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};

const IMPORT_SCRIPT =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

function coldLoad(file: string, runs: number): { wall: number[]; inside: number[]; error: string | null } {
  const wall: number[] = [];
  const inside: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', IMPORT_SCRIPT, pathToFileURL(file).href],
      { encoding: 'utf8', env: { ...process.env, ...HANDLER_ENV }, timeout: 30_000 },
    );
    const elapsed = performance.now() - start;
    if (child.status !== 0) {
      return { wall, inside, error: (child.stderr || child.error?.message || 'import failed').trim() };
    }
    wall.push(elapsed);
    inside.push(Number(child.stdout));
  }
  return { wall, inside, error: null };
}

/**
 * Bundles the handler twice, with @aws-sdk/* left to the Lambda runtime and with it bundled, into
 * `dir` (which gets a node_modules link to the repository's, so the external SDK resolves).
 */
export async function measureBundle(root: string, dir: string, runs = 5): Promise<BundleVariant[] | null> {
  const entry = join(root, HANDLER_PATH);
  if (!existsSync(entry)) return null;
  mkdirSync(dir, { recursive: true });
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(root, 'node_modules'), modules, 'dir');

  const variants: BundleVariant[] = [];
  for (const [label, external] of [
    ['@aws-sdk/* external', ['@aws-sdk/*']],
    ['@aws-sdk/* bundled', []],
  ] as const) {
    const outfile = join(dir, `${external.length > 0 ? 'external' : 'bundled'}`, 'handler.mjs');
    try {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: NODE_ESBUILD_TARGET,
        minify: true,
        sourcemap: false,
        write: false,
        outfile,
        external: [...external],
        alias: harvesterBundleAliases(),
        // As the CDK construct bundles it: ESM entry points first, so sideEffects-free packages
        // such as n3 are tree-shaken.
        mainFields: ['module', 'main'],
        logLevel: 'silent',
        // ESM output of CommonJS dependencies needs a require().
        banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
      });
      let bytes = 0;
      for (const file of result.outputFiles) {
        mkdirSync(dirname(file.path), { recursive: true });
        writeFileSync(file.path, file.contents);
        bytes += file.contents.byteLength;
      }
      const load = coldLoad(outfile, runs);
      variants.push({
        label,
        bytes,
        coldLoadMs: load.wall.length > 0 ? median(load.wall) : null,
        importMs: load.inside.length > 0 ? median(load.inside) : null,
        error: load.error,
      });
    } catch (error) {
      variants.push({
        label,
        bytes: 0,
        coldLoadMs: null,
        importMs: null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return variants;
}

/** One variant's figures against the budget (infra/harvester-bundle-budget.ts), as the bench prints them. */
export function bundleLine(v: BundleVariant): string {
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const size = `${v.bytes} B (≤ ${HARVESTER_BUNDLE_MAX_BYTES}: ${verdict(v.bytes <= HARVESTER_BUNDLE_MAX_BYTES)})`;
  const loadOk = (v.coldLoadMs ?? Number.POSITIVE_INFINITY) <= HARVESTER_COLD_LOAD_MAX_MS;
  const load = `cold import ${v.coldLoadMs?.toFixed(0) ?? 'n/a'} ms, fresh-process median`;
  const error = v.error ? `: ${v.error}` : '';
  return `Lambda bundle [${v.label}]: ${size}, ${load} (≤ ${HARVESTER_COLD_LOAD_MAX_MS}: ${verdict(loadOk)})${error}`;
}
