import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Module aliases for bundling the harvester. cheerio's main entry also loads `undici` and
 * `iconv-lite` (about 1 MB) for `fromURL` and encoding sniffing, which the harvester never calls:
 * it fetches with its own adapter and parses strings. The package's browser build is the same
 * parser (parse5 + htmlparser2) without them. Shared by the CDK construct and `npm run bench`.
 */
export function harvesterBundleAliases(): Record<string, string> {
  const cheerioPackage = createRequire(import.meta.url).resolve('cheerio/package.json');
  return { cheerio: join(dirname(cheerioPackage), 'dist/browser/index.js') };
}

/**
 * ESM bundles have no `require`; a few CommonJS dependencies (cheerio's parse5/htmlparser2
 * helpers, parts of the AWS SDK) call it at run time. The alias keeps the name from colliding
 * with anything esbuild emits. Shared by the Lambda bundle and the command line's (dist/).
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __amifCreateRequire } from 'node:module'; const require = __amifCreateRequire(import.meta.url);";
