import { parseArgs } from 'node:util';

/** What `npm run bench -- …` was asked to do. */
export interface BenchArgs {
  /** Rows of the synthetic ministry page. */
  readonly rows: number;
  /** Measured rounds; each is a first, an unchanged and a 1 %-changed run, plus one floor run. */
  readonly iterations: number;
  /** Keep the work directory (pages, data, out, bundled floor) for a look afterwards. */
  readonly keep: boolean;
  /** Also bundle and cold-load the Lambda handler, and time `npm start` on the bundled pages (about a minute). */
  readonly bundle: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [--rows N] [--iterations K] [--keep] [--no-bundle]

Times the whole command line (npm start's own dist/cli/main.mjs) in fresh processes on a synthetic
ministry page of N rows: a first run, an unchanged run and a run with 1 % of the amounts changed,
against the cheerio floor of the same page. Prints wall time, CPU time, peak RSS and files written
for each; the last line is "ratio: <first run / floor> peak_rss_mb: <peak RSS of the first runs>".

  --rows N         rows of the synthetic page (default 20000; BENCH_ROWS)
  --iterations K   measured rounds, medians over them (default 3; BENCH_ITERATIONS)
  --keep           keep the work directory (BENCH_KEEP=1)
  --no-bundle      skip the start-up figures: the Lambda bundle's size and cold import, npm start on the bundled pages`;

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

function wholeNumber(option: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new BenchUsageError(`${option} expects a whole number from 1 to ${max}, found "${text}"`);
  }
  return value;
}

/** Reads the options, falling back to the environment variables the earlier bench used. */
export function parseBenchArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): BenchArgs | 'help' {
  let values: { rows?: string; iterations?: string; keep?: boolean; 'no-bundle'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rows: { type: 'string' },
        iterations: { type: 'string' },
        keep: { type: 'boolean' },
        'no-bundle': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  return {
    rows: wholeNumber('--rows', values.rows ?? env.BENCH_ROWS, 20_000, 1_000_000),
    iterations: wholeNumber('--iterations', values.iterations ?? env.BENCH_ITERATIONS, 3, 50),
    keep: values.keep ?? (env.BENCH_KEEP !== undefined && env.BENCH_KEEP !== '' && env.BENCH_KEEP !== '0'),
    bundle: !values['no-bundle'],
  };
}
