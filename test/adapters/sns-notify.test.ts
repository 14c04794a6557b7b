import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnsNotifier, fitText } from '../../functions/adapters/sns-notify';
import { buildAwardNotice } from '../../functions/core/award-notice';
import type { ProjectRecord } from '../../functions/core/model/project';
import { BASE_URL, record } from '../core/render/feed-fixtures';

const TOPIC = 'arn:aws:sns:eu-north-1:123456789012:amif-feed-awards';
const RUN = 'run-20261122T040000Z';
const NBSP = '\u00a0';

function awards(n: number, summary = 'Hanke tukee kotoutumista.'): ProjectRecord[] {
  const names = ['Kotona Suomessa', 'Työllä kotiin', 'Kielipolku'];
  return Array.from({ length: n }, (_, i) =>
    record({
      id: `amif21-award-${i + 1}`,
      name: names[i] ?? `Hanke ${i + 1}`,
      beneficiary: { id: `tuensaaja-${i + 1}`, name: `Tuensaaja ${i + 1} ry` },
      euFundingEur: 1_153_584.12 + i,
      summary,
    }),
  );
}

describe('Adapter: SNS award notifier', () => {
  let sns: AwsClientStub<SNSClient>;

  beforeEach(() => {
    sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });

  afterEach(() => {
    sns.restore();
  });

  async function publish(list: readonly ProjectRecord[]): Promise<PublishCommandInput> {
    await createSnsNotifier(new SNSClient({ region: 'eu-north-1' }), TOPIC).notify(
      buildAwardNotice(RUN, list, BASE_URL),
    );
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    return calls[0]!.args[0].input;
  }

  it('publishes one message to the topic with a readable bilingual subject and count attributes', async () => {
    const input = await publish(awards(3));
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe('3 uutta AMIF-hanketta / 3 new AMIF awards');
    expect(input.MessageAttributes).toEqual({
      awardCount: { DataType: 'Number', StringValue: '3' },
      runId: { DataType: 'String', StringValue: RUN },
      programme: { DataType: 'String.Array', StringValue: '["amif-2021-2027"]' },
      objective: { DataType: 'String.Array', StringValue: '["2"]' },
      beneficiary: { DataType: 'String.Array', StringValue: '["tuensaaja-1","tuensaaja-2","tuensaaja-3"]' },
    });
  });

  it('sends one message for awards of several objectives, with every objective, programme and beneficiary', async () => {
    const [a, b] = awards(2);
    const other = record({
      ...b!,
      specificObjective: { code: '3', name: 'Palauttaminen' },
    });
    const older = record({ ...a!, id: 'amif14-x', programme: 'AMIF 2014-2020', specificObjective: null });
    const input = await publish([a!, other, older]);
    const attrs = input.MessageAttributes!;
    expect(JSON.parse(attrs.objective!.StringValue!)).toEqual(['2', '3']);
    expect(JSON.parse(attrs.programme!.StringValue!)).toEqual(['amif-2014-2020', 'amif-2021-2027']);
    expect(JSON.parse(attrs.beneficiary!.StringValue!)).toEqual(['tuensaaja-1', 'tuensaaja-2']);
  });

  it('leaves out an attribute no award has: a 2014–2020 award names no 2021–2027 objective', async () => {
    const older = record({ ...awards(1)[0]!, programme: 'AMIF 2014-2020' });
    const attrs = (await publish([older])).MessageAttributes!;
    expect(Object.keys(attrs).sort()).toEqual(['awardCount', 'beneficiary', 'programme', 'runId']);
  });

  it('lists each award in Finnish and in English, then the awards as JSON for programs', async () => {
    const list = awards(3);
    const message = (await publish(list)).Message!;
    const [text, json] = message.split('\n\n---\n');
    expect(text).toContain('Uudet AMIF-rahoitetut hankkeet (3):');
    expect(text).toContain('New AMIF-funded projects (3):');
    expect(text).toContain(
      [
        '- Kotona Suomessa',
        '  Tuensaaja: Tuensaaja 1 ry',
        `  EU-rahoitus: 1${NBSP}153${NBSP}584,12${NBSP}€`,
        '  Aika: 1.1.2024–31.12.2025',
        `  ${BASE_URL}/v1/projects/amif21-award-1.json`,
      ].join('\n'),
    );
    expect(text).toContain('- Kotona Suomessa — Tuensaaja 1 ry, EUR 1,153,584.12, 2024-01-01–2025-12-31');
    for (const award of list) {
      expect(text).toContain(`- ${award.name}\n`);
      expect(text).toContain(`- ${award.name} — ${award.beneficiary.name}, `);
    }
    expect(text).toContain(`Atom: ${BASE_URL}/v1/feed.atom`);
    expect(JSON.parse(json!)).toEqual({ runId: RUN, awards: list });
  });

  it('says "1 new award" for one', async () => {
    expect((await publish(awards(1))).Subject).toBe('1 uusi AMIF-hanke / 1 new AMIF award');
  });

  it('sends the text alone when the JSON would make the message too large for SNS', async () => {
    const list = awards(3, 'Pitkä kuvaus. '.repeat(10_000));
    const input = await publish(list);
    const notice = buildAwardNotice(RUN, list, BASE_URL);
    expect(input.Message).toBe(notice.text);
    expect(input.MessageAttributes?.awardCount?.StringValue).toBe('3');
  });

  it('cuts a text that alone is too large at a line break, keeping the links to the full list', async () => {
    const input = await publish(awards(2_000));
    const message = input.Message!;
    // SNS counts the attributes too: 2 000 beneficiary ids are about 30 KB of them.
    const attributes = Object.entries(input.MessageAttributes!).map(
      ([name, a]) => `${name}${a.DataType}${a.StringValue}`,
    );
    expect(Buffer.byteLength(attributes.join(''))).toBeGreaterThan(28_000);
    expect(Buffer.byteLength(message + attributes.join(''))).toBeLessThanOrEqual(250_000);
    expect(message.startsWith('Uudet AMIF-rahoitetut hankkeet (2000):')).toBe(true);
    expect(message).toContain('Message truncated because it was too long');
    expect(message.endsWith(`only one organisation, objective or programme: ${BASE_URL}/#follow`)).toBe(true);
    expect(input.MessageAttributes?.awardCount?.StringValue).toBe('2000');
  });

  it('leaves a text that fits untouched, and cuts one that does not without breaking a line', () => {
    expect(fitText('a\nb\n\nfooter', 100)).toBe('a\nb\n\nfooter');
    const cut = fitText(`${'line ä\n'.repeat(100)}\nfooter`, 400);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(400);
    expect(cut).toMatch(/^(line ä\n)+\n\[Viesti katkaistiin[^\n]*\]\n\nfooter$/);
  });

  it('passes an SNS failure on to the pipeline', async () => {
    sns.on(PublishCommand).rejects(new Error('AuthorizationError'));
    await expect(
      createSnsNotifier(new SNSClient({ region: 'eu-north-1' }), TOPIC).notify(
        buildAwardNotice(RUN, awards(1), BASE_URL),
      ),
    ).rejects.toThrow('AuthorizationError');
  });

  it('says what to do about an SNS failure: wait for the next run when throttled, alert when refused', async () => {
    const notifier = createSnsNotifier(new SNSClient({ region: 'eu-north-1' }), TOPIC);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
    sns.on(PublishCommand).rejects(throttled);
    await expect(notifier.notify(buildAwardNotice(RUN, awards(1), BASE_URL))).rejects.toMatchObject({
      name: 'NotifyUnavailableError',
      action: 'retry-next-run',
      cause: throttled,
      message: `SNS: publishing the award notice of ${RUN} to ${TOPIC} failed: ThrottledException: Rate exceeded`,
    });
    const denied = Object.assign(new Error('not authorised'), { name: 'AuthorizationErrorException' });
    sns.on(PublishCommand).rejects(denied);
    await expect(notifier.notify(buildAwardNotice(RUN, awards(1), BASE_URL))).rejects.toMatchObject({
      name: 'NotifyRefusedError',
      action: 'stop-and-alert',
      cause: denied,
    });
  });
});
