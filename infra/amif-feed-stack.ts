import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DEFAULTS } from '../functions/core/defaults';
import { configuredSources } from '../functions/core/sources/built-in-sources';
import { configuredListings } from '../functions/core/sources/listing-sources';
import { HarvestAlarms } from './constructs/alarms';
import { Harvester } from './constructs/harvester';
import { Notifications } from './constructs/notifications';
import { type CustomDomain, PublicSite } from './constructs/public-site';
import { HarvestSchedule } from './constructs/schedule';
import { StateTable } from './constructs/state-table';
import type { NotifySubscription } from './notify-subscriptions';

export const METRICS_NAMESPACE = 'AmifFeed';

export interface AmifFeedStackProps extends StackProps {
  /**
   * E-mail subscribers of the new-awards topic.
   *
   * @default - none
   */
  readonly notifyEmails?: readonly string[];
  /**
   * E-mail subscribers of the new-awards topic with a filter policy each.
   *
   * @default - none
   */
  readonly notify?: readonly NotifySubscription[];
  /**
   * E-mail subscribers of the operations (alarm) topic.
   *
   * @default - none
   */
  readonly opsEmails?: readonly string[];
  /** Contact e-mail the feed publishes (site footer, DCAT, Atom, Data Package); required at deploy. */
  readonly contactEmail: string;
  /**
   * Share of a source's projects that may vanish in one run before removals are refused.
   *
   * @default 0.2
   */
  readonly collapseThreshold?: number;
  /**
   * EventBridge Scheduler expression of the harvest.
   *
   * @default 'cron(0 4 * * ? *)'
   */
  readonly scheduleExpression?: string;
  /**
   * Time zone of the schedule expression.
   *
   * @default 'Europe/Helsinki'
   */
  readonly scheduleTimeZone?: string;
  /**
   * Custom domain and its us-east-1 ACM certificate.
   *
   * @default - the CloudFront domain
   */
  readonly customDomain?: CustomDomain;
  /**
   * Extra press-release pages to harvest.
   *
   * @default - none
   */
  readonly pressReleaseUrls?: readonly string[];
  /**
   * The listings that lead to press releases, as LISTING_URLS (docs/discovery.md).
   *
   * @default - the harvester's DEFAULT_LISTINGS
   */
  readonly listingUrls?: string;
  /**
   * Reserved concurrency of the harvester; `undefined` reserves none.
   *
   * @default 1
   */
  readonly reservedConcurrency?: number | undefined;
  /**
   * Handler module of the harvester (tests may point at a fixture).
   *
   * @default functions/harvest/handler.ts
   */
  readonly harvesterEntry?: string;
}

/**
 * amif-feed in one stack. This file only wires constructs together; each construct explains its
 * own choices. Environment-agnostic on purpose: `cdk synth` needs no credentials and makes no
 * lookups, and `cdk deploy` targets whatever account/region the caller's credentials name.
 */
export class AmifFeedStack extends Stack {
  readonly state: StateTable;
  readonly site: PublicSite;
  readonly notifications: Notifications;
  readonly harvester: Harvester;
  readonly schedule: HarvestSchedule;
  readonly alarms: HarvestAlarms;

  constructor(scope: Construct, id: string, props: AmifFeedStackProps) {
    super(scope, id, {
      description:
        'amif-feed: open data on EU AMIF-funded projects in Finland (harvester, state, public feed)',
      ...props,
    });
    Tags.of(this).add('project', 'amif-feed');

    this.state = new StateTable(this, 'State');
    this.site = new PublicSite(this, 'PublicSite', {
      ...(props.customDomain !== undefined ? { customDomain: props.customDomain } : {}),
    });
    this.notifications = new Notifications(this, 'Notifications', {
      notifyEmails: props.notifyEmails ?? [],
      notify: props.notify ?? [],
      opsEmails: props.opsEmails ?? [],
    });

    this.harvester = new Harvester(this, 'Harvester', {
      table: this.state.table,
      tableIndexArn: this.state.indexArn,
      bucket: this.site.bucket,
      awardsTopic: this.notifications.awardsTopic,
      publicBaseUrl: this.site.baseUrl,
      collapseThreshold: props.collapseThreshold ?? DEFAULTS.collapseThreshold,
      metricsNamespace: METRICS_NAMESPACE,
      // `reservedConcurrency: undefined` given explicitly means "reserve none".
      reservedConcurrency: 'reservedConcurrency' in props ? props.reservedConcurrency : 1,
      contactEmail: props.contactEmail,
      ...(props.pressReleaseUrls !== undefined ? { pressReleaseUrls: props.pressReleaseUrls } : {}),
      ...(props.listingUrls !== undefined ? { listingUrls: props.listingUrls } : {}),
      ...(props.harvesterEntry !== undefined ? { entry: props.harvesterEntry } : {}),
    });

    this.schedule = new HarvestSchedule(this, 'Schedule', {
      target: this.harvester.function,
      ...(props.scheduleExpression !== undefined ? { expression: props.scheduleExpression } : {}),
      ...(props.scheduleTimeZone !== undefined ? { timeZone: props.scheduleTimeZone } : {}),
    });

    this.alarms = new HarvestAlarms(this, 'Alarms', {
      harvester: this.harvester.function,
      deadLetterQueue: this.schedule.deadLetterQueue,
      opsTopic: this.notifications.opsTopic,
      metricsNamespace: METRICS_NAMESPACE,
      // The sources and listings the harvester reads with this configuration, as the handler builds them: a
      // listing that moved or fails stops the award signal without touching the data, so it is watched too.
      sourceIds: [
        ...configuredSources({ pressReleaseUrls: props.pressReleaseUrls?.join(',') }).map((s) => s.id),
        ...configuredListings(props.listingUrls, 'context listingUrls').map((l) => l.id),
      ],
    });

    const { site, state, notifications, harvester } = this;
    new CfnOutput(this, 'FeedUrl', { value: site.baseUrl, description: 'Public base URL of the feed' });
    new CfnOutput(this, 'TableName', { value: state.table.tableName, description: 'DynamoDB state table' });
    new CfnOutput(this, 'BucketName', {
      value: site.bucket.bucketName,
      description: 'S3 bucket behind CloudFront',
    });
    new CfnOutput(this, 'AwardsTopicArn', {
      value: notifications.awardsTopic.topicArn,
      description: 'SNS topic announcing new awards',
    });
    new CfnOutput(this, 'OpsTopicArn', {
      value: notifications.opsTopic.topicArn,
      description: 'SNS topic receiving operational alarms',
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: site.distribution.distributionDomainName,
      description: 'Point the custom domain (CNAME or Route 53 alias) here',
    });
    new CfnOutput(this, 'HarvesterLogGroupName', {
      value: harvester.logGroup.logGroupName,
      description: 'Follow runs with: aws logs tail <this> --follow',
    });
    new CfnOutput(this, 'HarvesterFunctionName', {
      value: harvester.function.functionName,
      description: 'Invoke on demand with: aws lambda invoke --function-name <this> out.json',
    });
  }
}
