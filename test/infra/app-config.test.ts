import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigContextError, readAppConfig } from '../../infra/app-config';

const read = (context: Record<string, unknown>) =>
  readAppConfig(new App({ context: { contactEmail: 'data@x.fi', ...context } }).node);

describe('app context', () => {
  it('defaults to a daily 04:00 Helsinki run, threshold 0.2, no subscribers, reserved concurrency 1', () => {
    expect(read({})).toEqual({
      notifyEmails: [],
      notify: [],
      opsEmails: [],
      contactEmail: 'data@x.fi',
      collapseThreshold: 0.2,
      scheduleExpression: 'cron(0 4 * * ? *)',
      scheduleTimeZone: 'Europe/Helsinki',
      pressReleaseUrls: [],
      reservedConcurrency: 1,
    });
  });

  it('reads comma-separated command-line values and cdk.json arrays alike', () => {
    const fromCli = read({ notifyEmails: ' a@x.fi, b@y.fi ,,a@x.fi', opsEmails: 'ops@x.fi' });
    expect(fromCli.notifyEmails).toEqual(['a@x.fi', 'b@y.fi']);
    expect(fromCli.opsEmails).toEqual(['ops@x.fi']);
    expect(read({ notifyEmails: ['a@x.fi', 'b@y.fi'] }).notifyEmails).toEqual(['a@x.fi', 'b@y.fi']);
  });

  it('reads the optional settings', () => {
    const c = read({
      contactEmail: 'data@x.fi',
      collapseThreshold: '0.5',
      schedule: 'rate(12 hours)',
      scheduleTimeZone: 'UTC',
      domainName: 'Feed.Example.FI',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
      pressReleaseUrls: 'https://intermin.fi/a,https://migri.fi/b',
      reservedConcurrency: 'off',
    });
    expect(c).toEqual({
      notifyEmails: [],
      notify: [],
      opsEmails: [],
      contactEmail: 'data@x.fi',
      collapseThreshold: 0.5,
      scheduleExpression: 'rate(12 hours)',
      scheduleTimeZone: 'UTC',
      customDomain: {
        domainName: 'feed.example.fi',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
      },
      pressReleaseUrls: ['https://intermin.fi/a', 'https://migri.fi/b'],
      reservedConcurrency: undefined,
    });
  });

  it('reads -c notify: an address, then conditions joined by &, values by |', () => {
    expect(read({ notify: 'a@x.fi:objective=2|1&programme=amif-2021-2027, b@y.fi' }).notify).toEqual([
      { email: 'a@x.fi', filter: { objective: ['1', '2'], programme: ['amif-2021-2027'] } },
      { email: 'b@y.fi', filter: {} },
    ]);
    expect(read({ notify: ['c@x.fi:beneficiary=helsingin-diakonissalaitoksen-saatio-sr'] }).notify).toEqual([
      { email: 'c@x.fi', filter: { beneficiary: ['helsingin-diakonissalaitoksen-saatio-sr'] } },
    ]);
  });

  it.each([
    [{ notify: 'a@x.fi:objective=4' }, /objective "4" is not a 2021–2027 specific objective/],
    [{ notify: 'a@x.fi:organisation=x' }, /"organisation=x" is not a filter/],
    // The label, not its slug: the space also splits it, as in every list of the context.
    [{ notify: 'a@x.fi:programme=AMIF 2021-2027' }, /programme "AMIF" is not a programme key/],
    [{ notify: 'a@x.fi:programme=AMIF_2021' }, /programme "AMIF_2021" is not a programme key/],
    [{ notify: 'a@x.fi:objective=1&objective=2' }, /objective is given twice/],
    [{ notify: 'a@x.fi,a@x.fi:objective=1' }, /a@x.fi is subscribed twice/],
    [{ notify: 'A@x.fi', notifyEmails: 'a@x.fi' }, /A@x.fi is subscribed twice/],
    [
      { notify: `a@x.fi:beneficiary=${Array.from({ length: 151 }, (_, i) => `b${i}`).join('|')}` },
      /151 combinations of values; SNS accepts at most 150/,
    ],
    [
      { notify: Array.from({ length: 201 }, (_, i) => `u${i}@x.fi:objective=1`).join(',') },
      /201 filtered subscriptions; SNS allows 200/,
    ],
  ])('refuses -c notify %j', (context, message) => {
    expect(() => read(context)).toThrow(message);
    expect(() => read(context)).toThrow(/^context notify/);
  });

  it.each([
    [{ notifyEmails: 'a@x.fi;b@y.fi' }, /notifyEmails/],
    [{ opsEmails: 'not-an-address' }, /opsEmails/],
    [{ contactEmail: 'nobody' }, /contactEmail/],
    [{ contactEmail: undefined }, /contactEmail is required/],
    [{ collapseThreshold: '1.5' }, /collapseThreshold/],
    [{ collapseThreshold: 'lots' }, /collapseThreshold/],
    [{ schedule: '0 4 * * ? *' }, /schedule/],
    [{ domainName: 'feed.example.fi' }, /go together/],
    [{ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }, /go together/],
    [
      {
        domainName: 'feed.example.fi',
        certificateArn: 'arn:aws:acm:eu-north-1:123456789012:certificate/abc',
      },
      /us-east-1/,
    ],
    [
      { domainName: 'not a domain', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
      /domainName/,
    ],
    [{ pressReleaseUrls: 'http://intermin.fi/a' }, /https/],
    [{ pressReleaseUrls: 'intermin.fi/a' }, /not a URL/],
    [{ reservedConcurrency: '0' }, /reservedConcurrency/],
  ])('refuses %j', (context, message) => {
    expect(() => read(context)).toThrow(ConfigContextError);
    expect(() => read(context)).toThrow(message);
  });
});
