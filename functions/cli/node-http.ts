import { createRequire } from 'node:module';

/**
 * node:http for the command line's bundle, loaded with require(): scripts/build-cli.ts resolves
 * every import of node:http here. Importing it as an ES module makes Node build a module facade that
 * reads every export, and reading http's WebSocket, CloseEvent and MessageEvent loads undici, some
 * 0.1 s of a run's start-up that nothing in a run uses (the AWS SDK's handler imports node:http
 * on its first request). require() leaves those getters unread. Names the bundle does not import
 * fail the build.
 */
const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export default http;
export const { Agent, createServer, get, globalAgent, METHODS, request, STATUS_CODES } = http;
