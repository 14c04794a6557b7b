// Only small modules are imported statically: the compile cache covers what loads after it is on.
import { enableCompileCache } from './compile-cache';
import { type DynaliteThread, spawnDynaliteThread } from './dynalite-thread';
import { UsageError } from './usage-error';

enableCompileCache();

const usage = (
  runUsage: string,
) => `Usage: amif-feed <run|serve> [options]   (npm start -- [options] runs "run")

${runUsage}`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const stdout = (s: string) => process.stdout.write(s);
  const stderr = (s: string) => process.stderr.write(`${s}\n`);
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

process.exitCode = await main(process.argv.slice(2));
