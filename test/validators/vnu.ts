import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The W3C Nu Html Checker (vnu.jar from the vnu-jar package) over every page of a directory, in one
 * JVM. Run with Debian's Java (scripts/ensure-java.sh), never through the package's wrapper, which
 * would download a runtime when it finds none.
 */

export interface VnuMessage {
  readonly type: 'error' | 'info' | 'non-document-error';
  readonly subType?: string;
  readonly url: string;
  readonly message: string;
  readonly lastLine?: number;
}

const JAR = join(
  dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')),
  'build/dist/vnu.jar',
);

/** Every message for every `.html` under the given directories or files (SVG and CSS are skipped). */
export function checkHtml(paths: readonly string[]): VnuMessage[] {
  const java = process.env.JAVA_PATH ?? 'java';
  const run = spawnSync(
    java,
    ['-Xss2m', '-jar', JAR, '--format', 'json', '--skip-non-html', '--exit-zero-always', ...paths],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.error)
    throw new Error(`could not run ${java} (scripts/ensure-java.sh installs it): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`vnu.jar exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
  return report.messages;
}
