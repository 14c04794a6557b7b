/**
 * The state table's key schema, defined once: the DynamoDB adapter reads and writes by these names
 * and the CDK stack (infra/constructs/state-table.ts) creates the table with them. This file imports
 * nothing, so infra takes it without pulling the adapter in and the Lambda bundle without aws-cdk-lib.
 * Renaming any of them is a data migration.
 */
export const STATE_TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  index: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ttlAttribute: 'expiresAt',
} as const;
