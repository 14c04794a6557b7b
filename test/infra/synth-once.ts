import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type AmifFeedApp, createApp } from '../../infra/create-app';

/**
 * Synthesises the production app (infra/create-app.ts: feature flags, context parsing, the stack
 * and the cdk-nag plugin) once per distinct context and test worker, and hands out the template.
 *
 * esbuild bundling is skipped (`aws:cdk:bundling-stacks: []`, what `cdk synth --exclusively`
 * does for other stacks): it costs seconds per synth and changes nothing in the template but the
 * asset hash. bundling.test.ts bundles for real, once; nag.test.ts also runs CDK's built-in
 * CloudFormation validation, which the other files skip for speed.
 */
export interface Synthesised extends AmifFeedApp {
  readonly template: Template;
  readonly outdir: string;
}

export const SKIP_BUNDLING: Readonly<Record<string, unknown>> = { 'aws:cdk:bundling-stacks': [] };

const cache = new Map<string, Synthesised>();
const outdirs: string[] = [];
// A worker runs many test files in one module graph (vitest.config.ts: isolate false), so one
// synthesis per distinct context serves every file; the cloud assemblies go when the worker ends.
process.once('exit', () => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface SynthOptions {
  /** Run esbuild (default: skip; only bundling.test.ts needs the real asset). */
  readonly bundle?: boolean;
  /**
   * Run CDK's built-in CloudFormation validation (default: off; nag.test.ts runs the app exactly
   * as `cdk synth` does, with it on). It costs ~4 s per test file.
   */
  readonly cloudFormationValidation?: boolean;
}

export function synth(
  context: Readonly<Record<string, unknown>> = {},
  options: SynthOptions = {},
): Synthesised {
  const key = JSON.stringify([context, options.bundle === true, options.cloudFormationValidation === true]);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;

  const outdir = mkdtempSync(join(tmpdir(), 'amif-infra-'));
  outdirs.push(outdir);
  const built = createApp({
    outdir,
    // A deployment must name its contact (app-config.ts); the tests' default stands in for it.
    context: {
      ...(options.bundle === true ? {} : SKIP_BUNDLING),
      contactEmail: 'contact@example.fi',
      ...context,
    },
    cloudFormationValidation: options.cloudFormationValidation === true,
  });
  // fromStack synthesises the whole app, so the cdk-nag plugin runs here too: an unacknowledged
  // error would already throw in beforeAll.
  const template = Template.fromStack(built.stack);
  const result: Synthesised = { ...built, template, outdir };
  cache.set(key, result);
  return result;
}

/** Context of a fully configured deployment, as `cdk deploy -c …` would give it. */
export const FULL_CONTEXT: Readonly<Record<string, unknown>> = {
  notifyEmails: 'alice@example.fi,bob@example.org',
  opsEmails: 'ops@example.fi',
  contactEmail: 'data@example.fi',
  collapseThreshold: '0.35',
  schedule: 'cron(30 5 ? * MON-FRI *)',
  pressReleaseUrls: 'https://intermin.fi/-/press-1,https://migri.fi/-/press-2',
  domainName: 'amif.example.fi',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0d2b4a3c-1111-2222-3333-444455556666',
};

/** The logical id CloudFormation gives a construct's L1 resource. */
export function logicalId(stack: Stack, construct: IConstruct): string {
  const cfn = construct.node.defaultChild ?? construct;
  return stack.getLogicalId(cfn as CfnElement);
}

/** The only resource of a type, with its logical id; fails when there are none or several. */
export function onlyResource(
  template: Template,
  type: string,
  props: Record<string, unknown> = {},
): { id: string; resource: { Properties: Record<string, unknown>; [k: string]: unknown } } {
  const found = Object.entries(template.findResources(type, props));
  if (found.length !== 1) {
    throw new Error(
      `expected exactly one ${type}, found ${found.length}: ${found.map(([id]) => id).join(', ')}`,
    );
  }
  const [entry] = found;
  if (entry === undefined) throw new Error('unreachable');
  return { id: entry[0], resource: { Properties: {}, ...entry[1] } };
}

/** `{ "Fn::GetAtt": [id, "Arn"] }`, the form CDK writes an ARN reference in. */
export const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
