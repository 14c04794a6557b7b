import { readFileSync } from 'node:fs';
import { CURRENT_VERSION_EXPIRED_FLAGS, FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../infra/create-app';
import { CDK_JSON_PATH, FEATURE_FLAGS } from '../../infra/feature-flags';

interface CdkJson {
  readonly notices: unknown;
  readonly versionReporting: unknown;
  readonly context: Readonly<Record<string, unknown>>;
}
const cdkJson = JSON.parse(readFileSync(CDK_JSON_PATH, 'utf8')) as CdkJson;

/** Every flag this aws-cdk-lib knows that can still be set (the expired ones are fixed to true). */
const KNOWN_FLAGS = Object.keys(FLAGS).filter((flag) => !CURRENT_VERSION_EXPIRED_FLAGS.includes(flag));

describe('CDK feature flags and CLI settings (cdk.json)', () => {
  it('sets every feature flag aws-cdk-lib knows, so an upgrade that adds one asks for a decision', () => {
    expect(KNOWN_FLAGS.length).toBeGreaterThan(100);
    expect(KNOWN_FLAGS.filter((flag) => !(flag in FEATURE_FLAGS))).toEqual([]);
    expect(Object.keys(FEATURE_FLAGS).filter((flag) => !KNOWN_FLAGS.includes(flag))).toEqual([]);
  });

  it('sets each to its recommended value but the one that widens usage data sent to AWS', () => {
    const differing = KNOWN_FLAGS.filter(
      (flag) => JSON.stringify(FEATURE_FLAGS[flag]) !== JSON.stringify(FLAGS[flag]!.recommendedValue),
    );
    expect(differing).toEqual(['@aws-cdk/core:enableAdditionalMetadataCollection']);
    expect(FEATURE_FLAGS['@aws-cdk/core:enableAdditionalMetadataCollection']).toBe(false);
  });

  it('the app the tests synthesize carries the same flags as `cdk synth` reads from cdk.json', () => {
    const { app } = createApp({
      context: { 'aws:cdk:bundling-stacks': [], contactEmail: 'data@example.fi' },
    });
    for (const flag of KNOWN_FLAGS) expect(app.node.tryGetContext(flag)).toEqual(cdkJson.context[flag]);
  });

  it('turns off CLI telemetry, notices and the template’s version-reporting resource', () => {
    expect(cdkJson.context['cli-telemetry']).toBe(false);
    expect(cdkJson.notices).toBe(false);
    expect(cdkJson.versionReporting).toBe(false);
  });
});
