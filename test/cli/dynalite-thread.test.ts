import { describe, expect, it } from 'vitest';
import { spawnDynaliteThread } from '../../functions/cli/dynalite-thread';

describe('the embedded DynamoDB thread', () => {
  it('serves a store once opened, and only once', async () => {
    const thread = spawnDynaliteThread();
    const server = await thread.open(undefined);
    expect(server.port).toBeGreaterThan(0);
    await expect(thread.open(undefined)).rejects.toThrow('the embedded DynamoDB thread was already opened');
    await server.close();
  });

  it('that has ended (discarded, or dynalite failed to load) refuses to open instead of waiting forever', async () => {
    const thread = spawnDynaliteThread();
    thread.discard();
    await new Promise((done) => setTimeout(done, 500));
    await expect(thread.open(undefined)).rejects.toThrow(
      /ended before its store was opened|the embedded DynamoDB thread exited/,
    );
  });
});
