import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_NAME } from '../../infra/create-app';
import { FULL_CONTEXT, synth } from './synth-once';

/**
 * An independent linter on the templates `cdk deploy` would send: cfn-lint (AWS's CloudFormation
 * linter, Python). `.ci/run` installs it when missing (scripts/ensure-cfn-lint.sh); on a developer's
 * machine without it this file says so and runs nothing (docs/infrastructure-hygiene.md).
 */
const CFN_LINT = process.env.CFN_LINT_PATH ?? 'cfn-lint';
const version = spawnSync(CFN_LINT, ['--version'], { encoding: 'utf8' });
const available = version.status === 0;
const versionText = available ? version.stdout.trim() : 'absent';
if (!available) {
  console.warn(
    `cfn-lint not found (${CFN_LINT}): the template lint is not run. Install it with 'bash scripts/ensure-cfn-lint.sh'.`,
  );
}

interface Finding {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Filename: string;
  readonly Location: { readonly Path: readonly (string | number)[] };
}

/** cfn-lint's findings on the given templates, as "<rule> <path>: <message>" lines. */
function lint(files: readonly string[]): string[] {
  // The deployment region (docs/deploy.md, "Prerequisites"); every rule, warnings and informational ones included.
  const run = spawnSync(CFN_LINT, ['--format', 'json', '--regions', 'eu-north-1', '--', ...files], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.error !== undefined || run.stdout.trim() === '') {
    throw new Error(`cfn-lint did not run: ${run.error?.message ?? run.stderr}`);
  }
  return (JSON.parse(run.stdout) as Finding[]).map(
    (f) => `${f.Rule.Id} ${f.Location.Path.join('/')}: ${f.Message}`,
  );
}

describe.runIf(available)(`cfn-lint (${versionText})`, () => {
  it('finds nothing in the template, minimal and fully configured (custom domain, e-mails, press releases)', () => {
    const files = [synth(), synth(FULL_CONTEXT)].map((s) => join(s.outdir, `${STACK_NAME}.template.json`));
    expect(lint(files)).toEqual([]);
  });
});
