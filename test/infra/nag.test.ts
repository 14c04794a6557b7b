import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type PolicyViolation, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FULL_CONTEXT, type Synthesised, synth } from './synth-once';

/**
 * Every AwsSolutions finding in the tree that no `Validations.of(…).acknowledge()` covers,
 * errors and warnings alike (the CLI only fails synth on errors; this suite fails on both).
 */
function unacknowledgedFindings(app: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.flatMap((v: PolicyViolation) =>
    v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath ?? '?'}`),
  );
}

/** Every finding, acknowledged or not: the pack with its acknowledgement lookup switched off. */
function allFindings(app: IConstruct): { rule: string; path: string }[] {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack
    .validateScope(app)
    .violations.flatMap((v) =>
      v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '?' })),
    );
}

/** The AwsSolutions acknowledgements recorded in the tree: construct path, rule id, reason. */
function acknowledgements(app: IConstruct): { path: string; id: string; reason: string }[] {
  const all = app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
  return all.filter((a) => a.id.startsWith('AwsSolutions-'));
}

describe('cdk-nag AwsSolutions', () => {
  let plain: Synthesised;
  let custom: Synthesised;

  beforeAll(() => {
    // Exactly what `cdk synth` runs, CloudFormation validation included.
    plain = synth({}, { cloudFormationValidation: true });
    custom = synth(FULL_CONTEXT, { cloudFormationValidation: true });
  });

  it('registers the pack on the app, so cdk synth/deploy run it', () => {
    expect(plain.nag).toBeInstanceOf(AwsSolutionsChecks);
    expect(plain.nag.name).toBe('AwsSolutions');
  });

  it('leaves no unacknowledged error or warning (default deployment)', () => {
    expect(unacknowledgedFindings(plain.app)).toEqual([]);
  });

  it('leaves no unacknowledged error or warning (custom domain and every option set)', () => {
    expect(unacknowledgedFindings(custom.app)).toEqual([]);
  });

  it('wrote a validation report without AwsSolutions violations', () => {
    const file = join(plain.outdir, 'validation-report.json');
    expect(existsSync(file)).toBe(true);
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      pluginReports: { pluginName: string; violations?: unknown[] }[];
    };
    const nag = report.pluginReports.filter((r) => r.pluginName === 'AwsSolutions');
    expect(nag.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('acknowledges exactly these findings, each on the one resource it concerns, with a reason', () => {
    const acks = acknowledgements(plain.app);
    const bucketId = plain.stack.getLogicalId(plain.stack.site.bucket.node.defaultChild as never);
    expect(acks.map((a) => `${a.id} @ ${a.path}`).sort()).toEqual(
      [
        'AwsSolutions-CFR1 @ AmifFeed/PublicSite/Distribution/Resource',
        'AwsSolutions-CFR2 @ AmifFeed/PublicSite/Distribution/Resource',
        'AwsSolutions-CFR4 @ AmifFeed/PublicSite/Distribution/Resource',
        `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*] @ AmifFeed/Harvester/Role/DefaultPolicy/Resource`,
        'AwsSolutions-SQS3 @ AmifFeed/Schedule/DeadLetterQueue/Resource',
      ].sort(),
    );
    for (const a of acks) expect(a.reason.length, a.id).toBeGreaterThan(60);
  });

  it('has no stale acknowledgement: each one covers a real finding on its own resource', () => {
    for (const s of [plain, custom]) {
      const findings = allFindings(s.app);
      const acks = acknowledgements(s.app);
      for (const a of acks) {
        expect(
          findings.some((f) => f.rule === a.id && f.path.startsWith(a.path)),
          `${a.id} @ ${a.path}`,
        ).toBe(true);
      }
      for (const f of findings) {
        expect(
          acks.some((a) => a.id === f.rule && f.path.startsWith(a.path)),
          `${f.rule} @ ${f.path}`,
        ).toBe(true);
      }
    }
  });

  it('does not need the default-certificate acknowledgement when a custom domain is set', () => {
    const ids = acknowledgements(custom.app).map((a) => a.id);
    expect(ids).not.toContain('AwsSolutions-CFR4');
    expect(allFindings(custom.app).map((f) => f.rule)).not.toContain('AwsSolutions-CFR4');
  });

  describe('would catch a new finding', () => {
    function leakyApp(): App {
      const app = new App({
        context: { 'aws:cdk:bundling-stacks': [] },
        builtinCloudFormationValidation: false,
      });
      const stack = new Stack(app, 'Leaky');
      // No TLS enforcement, no access logs: S10 and S1.
      new Bucket(stack, 'Leaky');
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      return app;
    }

    it('reports a non-compliant bucket through the same check', () => {
      const findings = unacknowledgedFindings(leakyApp());
      expect(findings.length).toBeGreaterThanOrEqual(1);
      expect(findings).toEqual(
        expect.arrayContaining([
          'error AwsSolutions-S1 at Leaky/Leaky/Resource',
          'error AwsSolutions-S10 at Leaky/Leaky/Resource',
        ]),
      );
    });

    it('fails synth the way cdk synth would', () => {
      expect(() => leakyApp().synth()).toThrow(/Validation failed|AwsSolutions-S10/);
    });

    it('clears only the acknowledged rule', () => {
      const app = leakyApp();
      const bucket = app.node.findAll().find((c) => c.node.path === 'Leaky/Leaky/Resource');
      if (bucket === undefined) throw new Error('no bucket');
      Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'test' });
      const findings = unacknowledgedFindings(app);
      expect(findings).not.toContain('error AwsSolutions-S1 at Leaky/Leaky/Resource');
      expect(findings).toContain('error AwsSolutions-S10 at Leaky/Leaky/Resource');
    });
  });
});
