import { readFileSync } from 'node:fs';

/**
 * CDK feature flags, read from the `context` block of cdk.json, so `cdk synth`/`cdk deploy` (which
 * read cdk.json) and the tests (which build the app through createApp, without the CLI) synthesize
 * the same template.
 *
 * Every flag aws-cdk-lib knows is set there, on purpose (test/infra/feature-flags.test.ts fails when
 * an upgrade brings one that is not), to its recommended value: with all of them the templates are
 * byte for byte the ones the seven flags set before gave, so no deployed resource changes. The one
 * exception is `@aws-cdk/core:enableAdditionalMetadataCollection`, false: it only widens the usage
 * data sent to AWS. docs/infrastructure-hygiene.md says which flags matter to which resources. Pinned
 * values (not CURRENTLY_RECOMMENDED_FLAGS spread at synth time) so that upgrading aws-cdk-lib can
 * never silently rewrite the deployed template.
 */
export const CDK_JSON_PATH = new URL('../cdk.json', import.meta.url);

interface CdkJson {
  readonly context: Readonly<Record<string, unknown>>;
}

function readFeatureFlags(): Readonly<Record<string, unknown>> {
  const { context } = JSON.parse(readFileSync(CDK_JSON_PATH, 'utf8')) as CdkJson;
  // CLI settings such as "cli-telemetry" share the block; flags are the "@aws-cdk…" keys.
  return Object.fromEntries(Object.entries(context).filter(([key]) => key.startsWith('@aws-cdk')));
}

export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = readFeatureFlags();
