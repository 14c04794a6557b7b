/**
 * Builds the command line into dist/cli/ (the `prepare` script runs it at `npm ci`), so
 * `npm start` and `npm run serve` run plain JavaScript and start-up is node's own, with no
 * TypeScript compiler in the process. `npm run build` rebuilds it after an edit.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { ESM_REQUIRE_BANNER, harvesterBundleAliases } from '../infra/bundle-aliases';
import { NODE_ESBUILD_TARGET } from '../infra/node-runtime';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT_DIR = 'dist/cli';

/** Every import of node:http resolved to functions/cli/node-http.ts (why: see there). */
const httpByRequire: Plugin = {
  name: 'node-http-by-require',
  setup(b) {
    b.onResolve({ filter: /^(?:node:)?http$/ }, () => ({ path: `${ROOT}/functions/cli/node-http.ts` }));
  },
};

rmSync(`${ROOT}/${CLI_OUT_DIR}`, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'functions/cli/main.ts' },
  outdir: CLI_OUT_DIR,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: NODE_ESBUILD_TARGET,
  // One file loads several times faster than node resolving the AWS SDK's and cheerio's hundreds
  // of files. dynalite stays in node_modules: it is require()d at run time and its LevelDB binding
  // is native. The same aliases and entry-point order as the Lambda (infra/bundle-aliases.ts).
  external: ['dynalite'],
  alias: harvesterBundleAliases(),
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  sourcemap: 'linked',
  plugins: [httpByRequire],
  logLevel: 'warning',
});
