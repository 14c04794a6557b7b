import { describe, expect, it } from 'vitest';
import { concurrencyLimit, forEachLimited } from '../../functions/core/worker-pool';

const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('forEachLimited', () => {
  it('runs every item, at most `limit` at once, starting them in order', async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing after the first failure, lets the ones in flight finish, then throws that failure', async () => {
    const finished: number[] = [];
    const run = forEachLimited([1, 2, 3, 4, 5], 2, async (n) => {
      if (n === 2) throw new Error('item 2 failed');
      await tick();
      finished.push(n);
    });
    await expect(run).rejects.toThrow('item 2 failed');
    expect(finished).toEqual([1]);
  });

  it('does nothing for no items', async () => {
    await expect(forEachLimited([], 4, async () => undefined)).resolves.toBeUndefined();
  });
});

describe('concurrencyLimit', () => {
  it('refuses a limit below one', () => {
    expect(() => concurrencyLimit(0)).toThrow(
      'concurrency limit must be a whole number of at least 1, found 0',
    );
  });
});
