// Preloaded (`node --import`) into each process the bench times: at exit it writes the process's
// own resource usage (peak RSS, CPU times) to the file named by AMIF_BENCH_USAGE_FILE, as
// /usr/bin/time reports a child's. Plain JavaScript, so the measured process needs no loader.
import { writeFileSync } from 'node:fs';

const file = process.env.AMIF_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', (code) => {
    writeFileSync(file, JSON.stringify({ ...process.resourceUsage(), exitCode: code }));
  });
}
