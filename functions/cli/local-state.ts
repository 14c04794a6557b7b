import { resolve } from 'node:path';

/** The state table's name in a local run's embedded DynamoDB. */
export const LOCAL_STATE_TABLE = 'amif-feed';

/** Where in a --data directory the embedded DynamoDB keeps its store, and the outbox its notices. */
export const localStorePath = (dataDir: string): string => resolve(dataDir, 'dynamodb');
export const localOutboxPath = (dataDir: string): string => resolve(dataDir, 'outbox');
