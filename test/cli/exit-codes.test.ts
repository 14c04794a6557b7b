import { describe, expect, it } from 'vitest';
import { CorruptStateError, StateStoreUnavailableError } from '../../functions/adapters/dynamodb/errors';
import { DataDirBusyError } from '../../functions/cli/data-dir-lock';
import { StoreStoppedError } from '../../functions/cli/embedded-dynalite';
import { EXIT, exitCodeOfError } from '../../functions/cli/exit-codes';
import {
  ConfigError,
  LeaseHeldError,
  LeaseLostError,
  PublishError,
  RunTimeError,
  StateLimitError,
} from '../../functions/core/errors';

const erofs = Object.assign(new Error("EROFS: read-only file system, mkdir '/out/v1'"), { code: 'EROFS' });

describe('exit code of an error, by what the operator should do (docs/operations.md)', () => {
  it.each([
    [
      'a --now not after the last run',
      new RunTimeError('2026-11-20T04:00:00Z', 'run-x', '2026-11-20T04:00:00Z'),
      EXIT.usage,
    ],
    ['a malformed option', new ConfigError('--base-url: expected https'), EXIT.usage],
    ['another run holds the data directory', new DataDirBusyError('held by pid=1'), EXIT.busy],
    ['another run holds the lease', new LeaseHeldError('run-b', '2026-11-20T04:15:00Z'), EXIT.busy],
    ['the lease passed to another run', new LeaseLostError('run-a'), EXIT.busy],
    ['a throttled state store', new StateStoreUnavailableError('DynamoDB: querying t failed'), EXIT.busy],
    [
      'a read-only disk under a publication',
      new PublishError('v1/projects.json', { cause: erofs }),
      EXIT.environment,
    ],
    ['a system error no adapter wrapped', erofs, EXIT.environment],
    [
      'an embedded store that stopped',
      new StoreStoppedError('/d', 'stopped', new Error('worker died')),
      EXIT.environment,
    ],
    ['a corrupt state item', new CorruptStateError('t: item pk="CURRENT" sk="x" is corrupted'), EXIT.failed],
    ['a state item past a limit', new StateLimitError('the head item would be too large'), EXIT.failed],
    ['something unexpected', new TypeError('x is undefined'), EXIT.failed],
  ])('%s', (_what, error, code) => {
    expect(exitCodeOfError(error)).toBe(code);
  });
});
