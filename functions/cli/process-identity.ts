import { readFileSync } from 'node:fs';

/**
 * Who a process is, across PID reuse and restarts: its PID, its start time (field 22 of
 * /proc/<pid>/stat, clock ticks since boot) and the machine's boot id. A PID alone names
 * whichever process has it now: after a container restart the new run can have the PID a dead
 * run wrote down, even its own. Where /proc is missing (macOS), start and boot are null and
 * the PID alone is checked, as before.
 */
export interface ProcessIdentity {
  readonly pid: number;
  readonly start: string | null;
  readonly boot: string | null;
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** State (field 3) and start time (field 22) of a process; null when it does not exist. */
function procStat(pid: number): { state: string; start: string } | null {
  const text = readText(`/proc/${pid}/stat`);
  if (text === null) return null;
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const start = fields[19];
  return state !== undefined && start !== undefined ? { state, start } : null;
}

export function bootId(): string | null {
  return readText('/proc/sys/kernel/random/boot_id')?.trim() || null;
}

export function identityOf(pid: number): ProcessIdentity {
  return { pid, start: procStat(pid)?.start ?? null, boot: bootId() };
}

/** Whether the process named is still running: not gone, not a zombie, not another with its PID. */
export function isRunning(holder: ProcessIdentity): boolean {
  if (holder.boot !== null && bootId() !== null && holder.boot !== bootId()) return false;
  const stat = procStat(holder.pid);
  if (stat !== null) {
    if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return false;
    return holder.start === null || holder.start === stat.start;
  }
  if (readText('/proc/self/stat') !== null) return false; // /proc works, and has no such process
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `pid=12,start=3456,boot=…`: how a holder is written in a lock file and a lease. */
export function formatIdentity(id: ProcessIdentity): string {
  return `pid=${id.pid},start=${id.start ?? '-'},boot=${id.boot ?? '-'}`;
}

/** Reads formatIdentity's form anywhere in `text`, or a legacy lock's leading bare PID; null otherwise. */
export function parseIdentity(text: string): ProcessIdentity | null {
  const match = /pid=(\d+),start=(\d+|-),boot=([0-9a-f-]+|-)/.exec(text);
  if (match) {
    return {
      pid: Number(match[1]),
      start: match[2] === '-' ? null : match[2]!,
      boot: match[3] === '-' ? null : match[3]!,
    };
  }
  const legacy = /^(\d+)\s/.exec(text);
  const pid = legacy ? Number(legacy[1]) : Number.NaN;
  return Number.isInteger(pid) && pid > 0 ? { pid, start: null, boot: null } : null;
}
