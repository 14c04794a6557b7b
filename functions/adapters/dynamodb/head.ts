import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { LeaseHeldError, LeaseLostError, RetryNextRunError, StateLimitError } from '../../core/errors';
import { currentSummarySchema } from '../../core/model/current-summary';
import { publicationSchema } from '../../core/model/publication';
import { approximateItemSize, DYNAMODB_MAX_ITEM_BYTES } from '../dynamodb-item-size';
import { edgeError, isConditionalCheckFailed } from './errors';
import type { TableClient } from './table-client';
import { HEAD_SK, itemKey, keyNames, PK, stripKeys } from './table-schema';

/**
 * The head: one item holding the run lease, the last publication, and the journal of a commit
 * still to apply. DynamoDB (and dynalite) make a single item's conditional write atomic, so
 * holding all three in one item makes "commit only while holding the lease" one conditional put.
 * Every write names the revision it read (`rev`), so no two writers can interleave.
 */
export const headSchema = z.object({
  rev: z.number().int().nonnegative(),
  holder: z.string().nullable(),
  /** Epoch seconds on the wall clock. */
  leaseExpiresAt: z.number().nullable(),
  acquiredAt: z.string().nullable(),
  /** A commit whose journal is complete but whose items may not all be written yet. */
  journal: z
    .object({ runId: z.string(), chunks: z.number().int().positive(), sha256: z.string() })
    .nullable(),
  publication: publicationSchema.nullable(),
  /**
   * The current records' summary after the commit (set at the commit point, with the journal), so
   * a run that changes nothing does not load them. Null when unknown: a head written before it was
   * kept, or by a version that did not keep it (which drops it on its next write, never leaving it
   * stale); then the records are read once.
   */
  summary: currentSummarySchema.nullable().default(null),
});
export type Head = z.infer<typeof headSchema>;

const EMPTY: Head = {
  rev: 0,
  holder: null,
  leaseExpiresAt: null,
  acquiredAt: null,
  journal: null,
  publication: null,
  summary: null,
};

export interface HeadStore {
  read(): Promise<Head | null>;
  /** Takes the lease (LeaseHeldError when another unexpired holder has it) and returns the head. */
  acquire(holder: string, ttlSeconds: number): Promise<Head>;
  release(holder: string): Promise<void>;
  /** Rewrites the head only while `holder` holds an unexpired lease (LeaseLostError otherwise). */
  update(holder: string, change: (head: Head) => Head): Promise<Head>;
}

/**
 * `holderIsGone` tells a lease whose holder is known to have died (a local run killed hard: the
 * command line names its process in the holder) from one held by a live run; such a lease is taken
 * over at once instead of after its expiry. Without it, only expiry frees a lease.
 */
export function createHeadStore(
  table: TableClient,
  clock: () => Date,
  holderIsGone: (holder: string) => boolean = () => false,
): HeadStore {
  return new DynamoDbHead(table, clock, holderIsGone);
}

/** A conditional put's condition, names and values. */
interface PutCondition {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/** The head item on the table; it keeps no state of its own: every operation reads the item first. */
export class DynamoDbHead implements HeadStore {
  constructor(
    private readonly table: TableClient,
    private readonly clock: () => Date,
    private readonly holderIsGone: (holder: string) => boolean,
  ) {}

  async read(): Promise<Head | null> {
    const item = await this.table.get(PK.head, HEAD_SK);
    return item ? this.table.parse(headSchema, stripKeys(item), item) : null;
  }

  async acquire(holder: string, ttlSeconds: number): Promise<Head> {
    // Programming errors of the caller, not conditions of the state: no caller decides on them.
    if (holder.length === 0) throw new Error('acquireLease: the holder is empty');
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
      throw new Error(`acquireLease: ttlSeconds must be positive, got ${ttlSeconds}`);
    }
    // Three tries: the head may change between our read and our write.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const seen = await this.read();
      const now = this.nowSeconds();
      const current = seen ?? EMPTY;
      if (this.heldByAnother(current, holder, now)) {
        throw new LeaseHeldError(
          current.holder ?? '',
          new Date((current.leaseExpiresAt ?? 0) * 1000).toISOString(),
        );
      }
      const next: Head = {
        ...current,
        rev: current.rev + 1,
        holder,
        leaseExpiresAt: now + Math.ceil(ttlSeconds),
        acquiredAt: this.clock().toISOString(),
      };
      if (await this.put(seen, next)) return next;
    }
    throw new RetryNextRunError(
      `acquireLease: the lease in ${this.table.tableName} kept changing hands; try again`,
    );
  }

  async release(holder: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const seen = await this.read();
      // Not ours (any more), or already gone: nothing to release.
      if (seen === null || seen.holder !== holder) return;
      const next = { ...seen, rev: seen.rev + 1, holder: null, leaseExpiresAt: null, acquiredAt: null };
      if (await this.put(seen, next)) return;
    }
  }

  async update(holder: string, change: (head: Head) => Head): Promise<Head> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const seen = await this.read();
      if (seen === null || seen.holder !== holder || (seen.leaseExpiresAt ?? 0) <= this.nowSeconds()) {
        throw new LeaseLostError(holder);
      }
      const next = { ...change(seen), rev: seen.rev + 1 };
      if (await this.put(seen, next, holder)) return next;
    }
    throw new LeaseLostError(holder);
  }

  private nowSeconds(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  /** Another holder's lease that has not expired and whose holder is not known to be gone. */
  private heldByAnother(current: Head, holder: string, now: number): boolean {
    return (
      current.holder !== null &&
      current.holder !== holder &&
      (current.leaseExpiresAt ?? 0) >= now &&
      !this.holderIsGone(current.holder)
    );
  }

  /** Writes `next` if the head is still at `seen` (and, with `holder`, still leased to it); false otherwise. */
  private async put(seen: Head | null, next: Head, holder?: string): Promise<boolean> {
    const item = { ...itemKey(PK.head, HEAD_SK), ...next };
    const size = approximateItemSize(item);
    if (size > DYNAMODB_MAX_ITEM_BYTES) {
      throw new StateLimitError(
        `the state's head item would be about ${size} bytes, above DynamoDB's ${DYNAMODB_MAX_ITEM_BYTES}`,
      );
    }
    const { expression, names, values } = this.conditionOf(seen, holder);
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: item,
          ConditionExpression: expression,
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw edgeError(`writing the head of ${this.table.tableName}`, err);
    }
  }

  /** The head is still the revision read (or still absent), and with `holder`, still leased to it. */
  private conditionOf(seen: Head | null, holder: string | undefined): PutCondition {
    const names: Record<string, string> = { '#rev': 'rev' };
    const values: Record<string, unknown> = {};
    let expression: string;
    if (seen === null) {
      expression = 'attribute_not_exists(#pk)';
      names['#pk'] = keyNames['#pk'];
      delete names['#rev'];
    } else {
      expression = '#rev = :rev';
      values[':rev'] = seen.rev;
    }
    if (holder !== undefined) {
      expression += ' AND #holder = :holder AND #leaseExpiresAt > :now';
      names['#holder'] = 'holder';
      names['#leaseExpiresAt'] = 'leaseExpiresAt';
      values[':holder'] = holder;
      values[':now'] = this.nowSeconds();
    }
    return { expression, names, values };
  }
}
