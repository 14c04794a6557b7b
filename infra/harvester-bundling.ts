import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { ESM_REQUIRE_BANNER, harvesterBundleAliases } from './bundle-aliases';
import { NODE_ESBUILD_TARGET } from './node-runtime';

/**
 * How the harvester is bundled, in one place: the CDK construct turns these settings into
 * NodejsFunction bundling options (infra/constructs/harvester.ts), and `harvesterEsbuildOptions`
 * into the esbuild call NodejsFunction makes with them, for the local invoker and the end-to-end
 * test (test/infra/bundling.test.ts checks that both produce the same bytes).
 */
export interface HarvesterBundleSettings {
  readonly target: string;
  readonly mainFields: readonly string[];
  readonly banner: string;
  readonly minify: true;
  readonly sourceMap: true;
  /** Mappings are enough for stack traces; embedding the sources would double the asset. */
  readonly sourcesContent: false;
  readonly externalModules: readonly string[];
  readonly alias: Readonly<Record<string, string>>;
}

/**
 * Runtime and esbuild target move together: the newest Node.js Lambda runtime in aws-cdk-lib
 * 2.276 is nodejs24.x (cdk-nag AwsSolutions-L1 asks for the newest), and targeting the same
 * major lets esbuild leave modern syntax alone. Local runs and tests use the same major
 * (infra/node-runtime.ts; test/infra/runtime.test.ts fails when the two part).
 */
export const HARVESTER_ESBUILD_TARGET = NODE_ESBUILD_TARGET;

/** The file NodejsFunction writes an ESM bundle to, in the asset directory. */
export const HARVESTER_BUNDLE_FILE = 'index.mjs';

export function harvesterBundleSettings(bundleAwsSdk = true): HarvesterBundleSettings {
  return {
    target: HARVESTER_ESBUILD_TARGET,
    mainFields: ['module', 'main'],
    banner: ESM_REQUIRE_BANNER,
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    externalModules: bundleAwsSdk ? [] : ['@aws-sdk/*', '@smithy/*'],
    alias: harvesterBundleAliases(),
  };
}

/**
 * The esbuild options NodejsFunction's local bundling passes for these settings (its
 * `--bundle <entry> --target --platform=node --format=esm --outfile=<dir>/index.mjs --minify
 * --sourcemap --sources-content=false --external --log-level --banner:js --main-fields --alias`).
 */
export function harvesterEsbuildOptions(
  entry: string,
  outdir: string,
  settings: HarvesterBundleSettings = harvesterBundleSettings(),
): BuildOptions {
  return {
    // NodejsFunction runs esbuild from the project root.
    absWorkingDir: fileURLToPath(new URL('../', import.meta.url)),
    entryPoints: [entry],
    bundle: true,
    target: settings.target,
    platform: 'node',
    format: 'esm',
    outfile: `${outdir}/${HARVESTER_BUNDLE_FILE}`,
    minify: settings.minify,
    sourcemap: settings.sourceMap,
    sourcesContent: settings.sourcesContent,
    external: [...settings.externalModules],
    logLevel: 'warning',
    banner: { js: settings.banner },
    mainFields: [...settings.mainFields],
    alias: { ...settings.alias },
  };
}
