import { beforeAll, describe, expect, it } from 'vitest';
import { STATE_TABLE_SCHEMA as ADAPTER_SCHEMA } from '../../../functions/adapters/dynamodb-state';
import { STATE_TABLE_SCHEMA } from '../../../infra/constructs/state-table';
import { onlyResource, type Synthesised, synth } from '../synth-once';

describe('state table', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synth();
  });

  it('creates the table with the key names the DynamoDB adapter reads and writes by', () => {
    // Defined once (state-table-schema.ts); the stack must build the table from that definition.
    expect(STATE_TABLE_SCHEMA).toBe(ADAPTER_SCHEMA);
    const p = onlyResource(s.template, 'AWS::DynamoDB::Table').resource.Properties ?? {};
    expect(p.KeySchema).toEqual([
      { AttributeName: ADAPTER_SCHEMA.partitionKey, KeyType: 'HASH' },
      { AttributeName: ADAPTER_SCHEMA.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: ADAPTER_SCHEMA.ttlAttribute, Enabled: true });
  });

  it('has pk/sk string keys and one gsi1 (gsi1pk/gsi1sk) projecting ALL', () => {
    const { resource } = onlyResource(s.template, 'AWS::DynamoDB::Table');
    const p = resource.Properties ?? {};
    expect(p.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(p.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
    );
    expect(p.AttributeDefinitions).toHaveLength(4);
    expect(p.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('is on-demand, with PITR, deletion protection and the expiresAt TTL', () => {
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('is retained when the stack goes', () => {
    s.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});
