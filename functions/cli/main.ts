// Only small modules are imported statically: the compile cache covers what loads after it is on.
import { cliMain } from './cli-main';
import { enableCompileCache } from './compile-cache';

enableCompileCache();

process.exitCode = await cliMain(process.argv.slice(2));
