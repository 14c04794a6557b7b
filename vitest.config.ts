import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start dynalite/s3rver/cdk synth; two cores leave little headroom.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
