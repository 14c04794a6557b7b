import type { Logger } from '../core/ports';

/** Human progress lines on stderr, for the command line. */
export function createStderrLogger(
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const line = (level: string, message: string, data?: Record<string, unknown>) => {
    const warnings = Array.isArray(data?.warnings) ? (data.warnings as string[]) : [];
    write(`${level === 'info' ? '' : `${level}: `}${message}`);
    for (const w of warnings) write(`  warning: ${w}`);
  };
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}

/** One JSON object per line on stdout (not console.log, which Lambda would wrap): CloudWatch Logs parses it as structured fields. */
export function createJsonLogger(
  context: Record<string, unknown> = {},
  write: (line: string) => void = (l) => void process.stdout.write(`${l}\n`),
): Logger {
  const line = (level: string, message: string, data?: Record<string, unknown>) =>
    write(JSON.stringify({ level, message, ...context, ...data }));
  return {
    info: (m, d) => line('INFO', m, d),
    warn: (m, d) => line('WARN', m, d),
    error: (m, d) => line('ERROR', m, d),
  };
}
