import { type DynaliteThread, spawnDynaliteThread } from './dynalite-thread';
import { UsageError } from './usage-error';

/** Where the command line writes: the process's streams, or a test's buffers (it runs in-process). */
export interface CliStreams {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

const PROCESS_STREAMS: CliStreams = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

const usage = (
  runUsage: string,
) => `Usage: amif-feed <run|serve> [options]   (npm start -- [options] runs "run")

${runUsage}`;

/** Runs one command line (`run …` or `serve …`) and answers its exit code. */
export async function cliMain(
  argv: readonly string[],
  streams: CliStreams = PROCESS_STREAMS,
): Promise<number> {
  const [command, ...rest] = argv;
  const stdout = streams.stdout;
  const stderr = (s: string) => streams.stderr(`${s}\n`);
  // Spawned before the run's own modules load, so dynalite loads on the other core meanwhile.
  const thread: DynaliteThread | null = command === 'run' ? spawnDynaliteThread() : null;
  const { parseRunArgs, RUN_USAGE, runCommand } = await import('./run-command');
  try {
    if (command === 'run') {
      const options = parseRunArgs(rest);
      if (options === 'help') {
        stdout(`${RUN_USAGE}\n`);
        return 0;
      }
      return (await runCommand(options, stdout, stderr, thread ?? undefined)).exitCode;
    }
    if (command === 'serve') {
      const { serveCommand } = await import('./serve-command');
      return await serveCommand(rest, stderr);
    }
    throw new UsageError(`unknown command "${command ?? ''}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`error: ${error.message}\n\n${usage(RUN_USAGE)}`);
      return 2;
    }
    stderr(`error: ${error instanceof Error ? error.message : String(error)}`);
    const { exitCodeOfError } = await import('./exit-codes');
    return exitCodeOfError(error);
  } finally {
    thread?.discard();
  }
}
