/**
 * The harvester Lambda bundle's budget, stated once. test/infra/bundling.test.ts checks the size on
 * the asset `cdk synth` builds; `npm run bench` checks both figures (docs/deploy.md, "The Lambda bundle").
 */

/**
 * `index.mjs`, AWS SDK bundled: 2.5 MiB (1.5 MiB until the workbook writer, about 500 KB, came in; 1.75 MiB
 * until the listings' feed parser, about 160 KB, and snowball-stemmers, about 350 KB: one file of all its
 * languages, for the search index's and the subject linker's stems).
 */
export const HARVESTER_BUNDLE_MAX_BYTES = 2.5 * 1024 * 1024;

/** A fresh Node.js process importing that file, median wall time, ms: the module part of a cold start. */
export const HARVESTER_COLD_LOAD_MAX_MS = 300;
