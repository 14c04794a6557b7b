import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../functions/adapters/decode-html';
import { createSnapshotFetcher } from '../../functions/adapters/snapshot-fetch';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('decodeHtml', () => {
  it('follows the standard order: byte order mark, Content-Type header, <meta>, UTF-8', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ä', 'utf8')]);
    expect(decodeHtml(bom, 'iso-8859-1')).toEqual({ text: 'ä', encoding: 'utf-8', from: 'byte order mark' });
    const declared = latin1('<meta charset="utf-8">ä');
    expect(decodeHtml(declared, 'iso-8859-1')).toEqual({
      text: '<meta charset="utf-8">ä',
      encoding: 'windows-1252',
      from: 'Content-Type header',
    });
    expect(decodeHtml(latin1('<META CHARSET=iso-8859-1>Sisäministeriö'), null)).toEqual({
      text: '<META CHARSET=iso-8859-1>Sisäministeriö',
      encoding: 'windows-1252',
      from: '<meta> declaration',
    });
    expect(decodeHtml(Buffer.from('Sisäministeriö', 'utf8'), null)).toEqual({
      text: 'Sisäministeriö',
      encoding: 'utf-8',
      from: 'default',
    });
  });

  it('reads windows-1252 punctuation as the characters it stands for, not C1 controls', () => {
    const bytes = Buffer.concat([
      latin1('<meta charset="windows-1252">2021'),
      Buffer.from([0x96, 0x93, 0x80, 0x94]),
    ]);
    expect(decodeHtml(bytes, null).text).toBe('<meta charset="windows-1252">2021–“€”');
  });

  it('ignores a declaration inside a comment, past the first 1024 bytes, of an unknown label, or of UTF-16', () => {
    expect(decodeHtml(latin1('<!-- <meta charset="latin1"> -->ä'), null).from).toBe('default');
    expect(decodeHtml(latin1(`${' '.repeat(1024)}<meta charset="latin1">`), null).from).toBe('default');
    expect(decodeHtml(latin1('<meta charset="klingon">'), null).from).toBe('default');
    expect(decodeHtml(latin1('<meta charset="utf-16le">'), null).encoding).toBe('utf-8');
  });
});

describe('snapshot pages', () => {
  it('are decoded by their <meta charset>: an ISO-8859-1 copy reads "Sisäministeriö"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amif-charset-'));
    try {
      await writeFile(
        join(dir, 'eusa-amif-fund.html'),
        latin1('<html><head><meta charset="ISO-8859-1"></head><body><p>Sisäministeriö</p></body></html>'),
      );
      const result = await createSnapshotFetcher(dir).fetch(
        { id: 'eusa-amif-fund', url: 'https://x.fi/' },
        null,
      );
      expect(result.kind === 'page' && result.page.body).toBe(
        '<html><head><meta charset="ISO-8859-1"></head><body><p>Sisäministeriö</p></body></html>',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
