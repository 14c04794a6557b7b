import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { STATE_TABLE_SCHEMA } from '../../functions/adapters/dynamodb/state-table-schema';

/** Defined once with the adapter that reads and writes by these names; re-exported for the stack's readers. */
export { STATE_TABLE_SCHEMA };

export interface StateTableProps {
  /**
   * What happens to the table when the stack is deleted or the table is replaced.
   * The table is the feed's only memory of past versions; it cannot be rebuilt from the sources.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The harvester's state: current projects, immutable versions, run reports, source states and the
 * run lease, all in one single-table design (access patterns live in the adapter).
 */
export class StateTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: StateTableProps = {}) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: STATE_TABLE_SCHEMA.partitionKey, type: AttributeType.STRING },
      sortKey: { name: STATE_TABLE_SCHEMA.sortKey, type: AttributeType.STRING },
      // One run a day writes a few hundred items at most: on-demand costs cents, provisioned
      // capacity would cost more idling than this table ever does working.
      billingMode: BillingMode.PAY_PER_REQUEST,
      // The lease and short-lived bookkeeping items carry an epoch-seconds expiry.
      timeToLiveAttribute: STATE_TABLE_SCHEMA.ttlAttribute,
      // History is the product; PITR gives 35 days of undo for a bad deploy or a bad parse.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Deleting the table needs two deliberate steps (disable protection, then delete).
      deletionProtection: true,
      // AWS-owned key: encrypted at rest at no cost; a CMK would add $1/month and key policy
      // management without protecting public data any better.
      encryption: TableEncryption.DEFAULT,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.table.addGlobalSecondaryIndex({
      indexName: STATE_TABLE_SCHEMA.index.name,
      partitionKey: { name: STATE_TABLE_SCHEMA.index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: STATE_TABLE_SCHEMA.index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }

  /** ARN of the one index, for IAM statements that must not use `index/*`. */
  get indexArn(): string {
    return `${this.table.tableArn}/index/${STATE_TABLE_SCHEMA.index.name}`;
  }
}
