import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../functions/cli/serve-command';

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string | undefined;
  /** The connection broke before the body was complete. */
  readonly aborted: boolean;
}

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise it). */
function get(server: Server, path: string, method = 'GET'): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let aborted = false;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => {
        aborted = true;
      });
      res.on('error', () => {
        aborted = true;
      });
      res.on('close', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: res.headers['content-type'],
          aborted: aborted || !res.complete,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npm run serve: the published directory over HTTP on 127.0.0.1', () => {
  let dir: string;
  let out: string;
  let server: Server;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amif-serve-'));
    out = join(dir, 'out');
    await mkdir(join(out, 'v1'), { recursive: true });
    await writeFile(join(out, 'index.html'), '<!doctype html><title>AMIF</title>');
    await writeFile(join(out, 'v1', 'status.json'), '{"ok":true}');
    await writeFile(join(dir, 'secret.txt'), 'outside the published directory');
    await symlink('/etc/passwd', join(out, 'passwd.html'));
    await symlink(join(dir, 'secret.txt'), join(out, 'secret.json'));
    await symlink(dir, join(out, 'parent'));
    await symlink(join(out, 'v1', 'status.json'), join(out, 'status-link.json'));
    server = await startServer(out, 0);
  });

  afterEach(async () => {
    await new Promise((done) => server.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the files with their types', async () => {
    expect(await get(server, '/')).toMatchObject({
      status: 200,
      body: '<!doctype html><title>AMIF</title>',
      contentType: 'text/html; charset=utf-8',
    });
    expect(await get(server, '/v1/status.json')).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(await get(server, '/v1/status.json', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('answers 400 to a malformed escape and keeps serving', async () => {
    // GET /%E0%A4%A used to throw URIError in the request handler and end the process.
    expect(await get(server, '/%E0%A4%A')).toMatchObject({ status: 400, body: 'bad path' });
    // Encoded dots are resolved by the URL parser: this names /secret.txt in the directory, which is not there.
    expect(await get(server, '/v1/%2e%2e/%2e%2e/secret.txt')).toMatchObject({ status: 404 });
    expect(await get(server, '/.meta/index.html.json')).toMatchObject({ status: 400 });
    expect(await get(server, '/v1/status.json')).toMatchObject({ status: 200 });
  });

  it('serves nothing outside the directory, symlinks included', async () => {
    expect(await get(server, '/passwd.html')).toMatchObject({ status: 404, body: 'not found' });
    expect(await get(server, '/secret.json')).toMatchObject({ status: 404 });
    expect(await get(server, '/parent/secret.txt')).toMatchObject({ status: 404 });
    expect(await get(server, '/../secret.txt')).toMatchObject({ status: 404 });
    expect(await get(server, '/v1')).toMatchObject({ status: 404 });
    // A link that stays inside the directory is an ordinary file.
    expect(await get(server, '/status-link.json')).toMatchObject({ status: 200, body: '{"ok":true}' });
  });

  it('cuts the response off when the file stream fails, and keeps serving', async () => {
    let started = false;
    await new Promise((done) => server.close(done));
    server = await startServer(out, 0, '127.0.0.1', {
      stream: () =>
        new Readable({
          read() {
            if (this.readableLength === 0 && !this.destroyed && !started) {
              started = true;
              this.push('<!doc');
            } else setTimeout(() => this.destroy(new Error('EIO: i/o error, read')), 10);
          },
        }),
    });
    const answer = await get(server, '/index.html');
    expect(answer.status).toBe(200);
    expect(answer.aborted).toBe(true);
    expect(answer.body.length).toBeLessThan('<!doctype html><title>AMIF</title>'.length);
    expect(await get(server, '/v1/status.json', 'HEAD')).toMatchObject({ status: 200 });
  });

  it('answers 405 to other methods', async () => {
    expect(await get(server, '/', 'POST')).toMatchObject({ status: 405 });
  });
});
