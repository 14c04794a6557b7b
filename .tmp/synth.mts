import { createApp } from '../infra/create-app';
const FULL_CONTEXT = {
  notifyEmails: 'alice@example.fi,bob@example.org', opsEmails: 'ops@example.fi', contactEmail: 'data@example.fi',
  collapseThreshold: '0.35', schedule: 'cron(30 5 ? * MON-FRI *)', pressReleaseUrls: 'https://intermin.fi/-/press-1,https://migri.fi/-/press-2',
  domainName: 'amif.example.fi', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0d2b4a3c-1111-2222-3333-444455556666',
};
for (const [name, ctx] of [['base', {}], ['full', FULL_CONTEXT]] as const) {
  const { app } = createApp({ outdir: `/tmp/n24synth-${name}`, context: { 'aws:cdk:bundling-stacks': [], ...ctx }, cloudFormationValidation: false });
  app.synth();
}
