import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an S3 request is billed as: PUT (and LIST, COPY, POST) at one rate, GET and HEAD at another. */
export type S3RequestKind = 'put' | 'get' | 'head' | 'list' | 'other';

export interface S3Counts {
  put: number;
  get: number;
  head: number;
  list: number;
  other: number;
}

/** DynamoDB requests and the capacity units they consumed, as the store computes them. */
export interface DynamoCounts {
  requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

export interface CountingProxy {
  readonly endpoint: string;
  close(): Promise<void>;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WITH_CAPACITY = new Set([
  ...READS,
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

export function emptyS3Counts(): S3Counts {
  return { put: 0, get: 0, head: 0, list: 0, other: 0 };
}

export function emptyDynamoCounts(): DynamoCounts {
  return { requests: {}, readUnits: 0, writeUnits: 0 };
}

/** The billing kind of a path-style S3 request: `/<bucket>` alone is a list, `/<bucket>/<key>` an object. */
export function s3RequestKind(method: string, path: string): S3RequestKind {
  const onObject = /^\/[^/?]+\/[^?]+/.test(path);
  if (method === 'PUT' && onObject) return 'put';
  if (method === 'HEAD' && onObject) return 'head';
  if (method === 'GET') return onObject ? 'get' : 'list';
  return 'other';
}

/**
 * A loopback proxy in front of a local S3 (s3rver) that counts the requests by billing kind. `before`
 * sees each request first: returning false drops it (the connection is destroyed), which is how a
 * test stops a run in the middle of publishing.
 */
export function countS3(target: string, counts: S3Counts, before?: (kind: S3RequestKind) => boolean) {
  return proxy(target, async (req, body, forward) => {
    const kind = s3RequestKind(req.method ?? 'GET', req.url ?? '/');
    if (before && !before(kind)) return null;
    counts[kind]++;
    return forward(body);
  });
}

/**
 * A loopback proxy in front of a local DynamoDB (dynalite) that asks for and adds up the consumed
 * capacity of every request (ReturnConsumedCapacity=TOTAL; dynalite computes it by item size as
 * DynamoDB does: a read unit per 4 KB, halved for an eventually consistent read, a write unit per KB).
 */
export function countDynamo(target: string, counts: DynamoCounts) {
  return proxy(target, async (req, body, forward) => {
    const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    counts.requests[action] = (counts.requests[action] ?? 0) + 1;
    let sent = body;
    if (WITH_CAPACITY.has(action)) {
      sent = Buffer.from(
        JSON.stringify({ ...JSON.parse(body.toString('utf8')), ReturnConsumedCapacity: 'TOTAL' }),
      );
    }
    const answer = await forward(sent);
    if (answer && WITH_CAPACITY.has(action) && answer.status === 200) {
      const parsed = JSON.parse(answer.body.toString('utf8')) as { ConsumedCapacity?: unknown };
      const consumed = [parsed.ConsumedCapacity ?? []].flat() as { CapacityUnits?: number }[];
      const units = consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (READS.has(action)) counts.readUnits += units;
      else counts.writeUnits += units;
    }
    return answer;
  });
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

type Handle = (
  req: IncomingMessage,
  body: Buffer,
  forward: (body: Buffer) => Promise<Answer | null>,
) => Promise<Answer | null>;

async function proxy(target: string, handle: Handle): Promise<CountingProxy> {
  const to = new URL(target);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = (body: Buffer) =>
        new Promise<Answer | null>((resolve) => {
          const headers = { ...req.headers, 'content-length': String(body.length) };
          const upstream = request(
            { host: to.hostname, port: to.port, method: req.method, path: req.url, headers },
            (up) => {
              const parts: Buffer[] = [];
              up.on('data', (c: Buffer) => parts.push(c));
              up.on('end', () =>
                resolve({ status: up.statusCode ?? 502, headers: up.headers, body: Buffer.concat(parts) }),
              );
            },
          );
          upstream.on('error', () => resolve(null));
          upstream.end(body);
        });
      handle(req, Buffer.concat(chunks), forward).then(
        (answer) => {
          if (answer === null) return void req.socket.destroy();
          res.writeHead(answer.status, answer.headers).end(answer.body);
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
