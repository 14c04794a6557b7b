import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER, HARVESTER_ENTRY } from '../../infra/constructs/harvester';
import { HARVESTER_BUNDLE_MAX_BYTES } from '../../infra/harvester-bundle-budget';
import { HARVESTER_BUNDLE_FILE, harvesterEsbuildOptions } from '../../infra/harvester-bundling';
import { onlyResource, synth } from './synth-once';

/** Bundles the real handler with esbuild, locally (no Docker), exactly as `cdk synth` does. */
describe('harvester bundle', () => {
  let dir: string;
  let code: string;

  beforeAll(() => {
    const s = synth({}, { bundle: true });
    const fn = onlyResource(s.template, 'AWS::Lambda::Function');
    const key = (fn.resource.Properties.Code as { S3Key: string }).S3Key;
    dir = join(s.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    code = readFileSync(join(dir, 'index.mjs'), 'utf8');
  });

  it('is one ESM file that defines require for CommonJS dependencies', () => {
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
  });

  it('is minified and carries a linked source map without embedded sources', () => {
    // Minified: no indented lines; the line breaks left are inside template literals (the site's HTML).
    expect(code.length / code.split('\n').length).toBeGreaterThan(500);
    expect(Math.max(...code.split('\n').map((l) => l.length))).toBeGreaterThan(100_000);
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sources.some((s) => s.endsWith('functions/harvest/handler.ts'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });

  it('bundles the AWS SDK instead of importing the runtime copy, and leaves out what it never calls', () => {
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(code).not.toMatch(/from\s*["']@smithy\//);
    // cheerio's browser build: no undici or iconv-lite (docs/deploy.md, "The Lambda bundle").
    expect(code).not.toContain('undici');
  });

  it('meets the size target (2.5 MiB, infra/harvester-bundle-budget.ts)', () => {
    expect(HARVESTER_BUNDLE_MAX_BYTES).toBe(2_621_440);
    expect(statSync(join(dir, 'index.mjs')).size).toBeLessThanOrEqual(HARVESTER_BUNDLE_MAX_BYTES);
  });

  it('stays well under Lambda’s 50 MB zipped / 250 MB unzipped limits', () => {
    const bytes = statSync(join(dir, 'index.mjs')).size;
    // 1 766 201 B when measured (docs/benchmark.md, "The Lambda bundle"); a jump means a dependency slipped in.
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });

  it('is what the shared esbuild options build, byte for byte (the end-to-end test and invoke-local use them)', async () => {
    const local = mkdtempSync(join(tmpdir(), 'amif-bundle-'));
    try {
      await build(harvesterEsbuildOptions(HARVESTER_ENTRY, local));
      expect(
        readFileSync(join(local, HARVESTER_BUNDLE_FILE)).equals(readFileSync(join(dir, 'index.mjs'))),
      ).toBe(true);
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  });

  it('loads on Node.js and exports the handler', () => {
    const href = pathToFileURL(join(dir, 'index.mjs')).href;
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(href)}); console.log(typeof m.handler);`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--enable-source-maps' } },
    );
    expect(out.trim()).toBe('function');
  });
});
