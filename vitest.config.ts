import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start dynalite/s3rver/cdk synth/Chromium; with two workers on two cores
    // (and other work on the machine) a slow file may get half a core. Speed is measured in
    // benchmarks, not by these limits.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two workers on two cores (vitest's default is one fewer than the cores): much of the suite
    // waits on dynalite's thread, a browser, java or cfn-lint, so the other worker has a core.
    maxWorkers: 2,
    // A worker keeps its loaded modules from one file to the next instead of importing the product
    // (AWS SDK, cheerio, exceljs, n3) again for each file. Test files share no mutable module state:
    // the SDK mocks are restored in each file's afterAll.
    isolate: false,
  },
});
