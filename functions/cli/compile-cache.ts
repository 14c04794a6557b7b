import module from 'node:module';

/**
 * Turns on Node's module compile cache (Node 22.1+) for this process and the threads it starts, so
 * a run after the first loads V8's compiled code for the bundle's chunks and dynalite's modules
 * from disk instead of compiling them again (docs/node-runtime.md, "Start-up").
 *
 * The directory is Node's default, `<os tmpdir>/node-compile-cache`, as Node's documentation
 * recommends: the system cleans it, nothing is written into the checkout (a read-only one works),
 * and entries are keyed by the file's path, its content and the Node.js version, so worktrees,
 * rebuilds and upgrades never read each other's. NODE_COMPILE_CACHE=<dir> moves it and
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off. A cache that cannot be used is skipped silently by Node.
 */
export function enableCompileCache(): void {
  const { directory } = module.enableCompileCache();
  // Worker threads (the embedded DynamoDB's) inherit the cache through the environment.
  if (directory !== undefined) process.env.NODE_COMPILE_CACHE ??= directory;
}
