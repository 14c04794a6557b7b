import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AmifFeedStack } from './amif-feed-stack';
import { readAppConfig } from './app-config';
import { FEATURE_FLAGS } from './feature-flags';

export const STACK_NAME = 'AmifFeed';

export interface CreateAppOptions {
  /**
   * Extra context (tests use it the way `-c key=value` is used on the command line).
   *
   * @default - none; the CLI's context still applies
   */
  readonly context?: Readonly<Record<string, unknown>>;
  /**
   * Cloud assembly directory.
   *
   * @default - the CLI's choice (CDK_OUTDIR), or a temporary directory
   */
  readonly outdir?: string;
  /**
   * Handler module of the harvester.
   *
   * @default functions/harvest/handler.ts
   */
  readonly harvesterEntry?: string;
  /**
   * CDK's built-in CloudFormation schema/rule validation of the synthesised template. It costs
   * about four seconds on a first synth; tests that check other things may switch it off.
   *
   * @default true
   */
  readonly cloudFormationValidation?: boolean;
}

export interface AmifFeedApp {
  readonly app: App;
  readonly stack: AmifFeedStack;
  readonly nag: AwsSolutionsChecks;
}

/**
 * Builds the app exactly as `cdk synth`/`cdk deploy` see it: feature flags, context-derived
 * configuration, the stack, and the cdk-nag AwsSolutions pack as a policy-validation plugin.
 * infra/app.ts and the tests both go through here, so the tests check what gets deployed.
 */
export function createApp(options: CreateAppOptions = {}): AmifFeedApp {
  const props: AppProps = {
    context: { ...FEATURE_FLAGS, ...options.context },
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
    ...(options.outdir !== undefined ? { outdir: options.outdir } : {}),
  };
  const app = new App(props);
  const config = readAppConfig(app.node);

  const stack = new AmifFeedStack(app, STACK_NAME, {
    notifyEmails: config.notifyEmails,
    notify: config.notify,
    opsEmails: config.opsEmails,
    collapseThreshold: config.collapseThreshold,
    scheduleExpression: config.scheduleExpression,
    scheduleTimeZone: config.scheduleTimeZone,
    pressReleaseUrls: config.pressReleaseUrls,
    ...(config.listingUrls !== undefined ? { listingUrls: config.listingUrls } : {}),
    reservedConcurrency: config.reservedConcurrency,
    contactEmail: config.contactEmail,
    ...(config.customDomain !== undefined ? { customDomain: config.customDomain } : {}),
    ...(options.harvesterEntry !== undefined ? { harvesterEntry: options.harvesterEntry } : {}),
  });

  // cdk-nag v3 runs as a policy-validation plugin at synth time: an unacknowledged error fails
  // `cdk synth`/`cdk deploy`; warnings are printed. Acknowledgements sit next to the resources.
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);

  return { app, stack, nag };
}
