/**
 * The one worker pool: bounded concurrency for I/O the core and the adapters start in bulk (files
 * to publish, histories to query, batches to write, requests to an object store).
 */

/**
 * A counting semaphore: the returned function runs at most `limit` pieces of work at once and
 * queues the rest in call order. The object stores use it so that however many writes a caller
 * starts, only that many files are open or requests in flight.
 */
export function concurrencyLimit(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  if (!(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(`concurrency limit must be a whole number of at least 1, found ${limit}`);
  }
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= limit) await new Promise<void>((go) => waiting.push(go));
    else active++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, so `active` never dips below a full pool.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * Runs `work` on each item, at most `limit` at once, starting them in order. After the first
 * failure no further item starts; the ones in flight finish, then that first failure is thrown.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const run = concurrencyLimit(Math.max(1, Math.min(limit, items.length)));
  let failure: { readonly error: unknown } | null = null;
  await Promise.all(
    items.map((item) =>
      run(async () => {
        if (failure !== null) return;
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
        }
      }),
    ),
  );
  if (failure !== null) throw (failure as { readonly error: unknown }).error;
}
