import { Script } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qualityCodeSchema } from '../../../../functions/core/model/project';
import { SITE_JS } from '../../../../functions/core/render/site/assets/site-js';
import {
  formatCents,
  formatCentsShort,
  formatDate,
  formatTimestamp,
} from '../../../../functions/core/render/site/format';
import { escapeHtml, externalHref, html, join, trusted } from '../../../../functions/core/render/site/html';
import { LANGS } from '../../../../functions/core/render/site/i18n';
import { relativeHref } from '../../../../functions/core/render/site/paths';
import { QUALITY_TEXT } from '../../../../functions/core/render/site/quality-text';

describe('escaping', () => {
  it('turns markup in scraped text into text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('escapes every interpolated value, in content and in attributes', () => {
    const name = '"><script>alert(1)</script>';
    expect(html`<a title="${name}">${name}</a>`.html).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>',
    );
  });

  it('passes nested html through once, joins arrays and drops null, undefined and false', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}${['<', html`<i>x</i>`]}${null}${undefined}${false}${0}</p>`.html).toBe(
      '<p><b>a&amp;b</b>&lt;<i>x</i>0</p>',
    );
    expect(join(['<a>', trusted('<br>')], ', ').html).toBe('&lt;a&gt;, <br>');
  });

  it('drops control characters and repairs lone surrogates', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(escapeHtml('x\ud800y')).toBe('x\ufffdy');
    expect(escapeHtml('😀')).toBe('😀');
  });

  it('escapes in one pass exactly as the three regular-expression passes it replaced', () => {
    // The former implementation, kept here as the reference the one-pass loop must equal, with one
    // deliberate difference: lone surrogates are judged before control characters are dropped, so
    // "\ud800\u0000\udc00" gives two U+FFFD rather than a character the text never held.
    // Since issue 19 noncharacters are dropped too (the last pass), and direction controls are
    // balanced (tested below, so left out of the texts here).
    const threePasses = (text: string) =>
      text
        .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the reference removes them too
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
        .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? '&#39;')
        .replace(/[\u{fdd0}-\u{fdef}]|\p{Noncharacter_Code_Point}/gu, '');
    expect(escapeHtml('\udc00\ud800\udc00\ud800')).toBe('\ufffd\ud800\udc00\ufffd');
    expect(escapeHtml('a\u007f<\u0001')).toBe('a&lt;');
    expect(escapeHtml('\ud800\u0000\udc00')).toBe('\ufffd\ufffd');
    const pieces = fc.constantFrom(
      'a',
      'ä',
      '&',
      '<',
      '>',
      '"',
      "'",
      '\t',
      '\n',
      '\u0000',
      '\u007f',
      '\ud800',
      '\udc00',
      '😀',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary' }))), (parts) => {
        const text = parts.join('');
        fc.pre(!/[\u202a-\u202e\u2066-\u2069]/.test(text));
        expect(escapeHtml(text)).toBe(threePasses(text));
      }),
      { numRuns: 500 },
    );
  });

  it('closes direction controls a value leaves open, so it cannot reorder what follows (issue 19)', () => {
    expect(escapeHtml('Nimi \u202eabc')).toBe('Nimi \u202eabc\u202c');
    expect(escapeHtml('a\u2067b\u202dc')).toBe('a\u2067b\u202dc\u202c\u2069');
    expect(escapeHtml('a\u202cb\u2069c')).toBe('abc');
    expect(escapeHtml('\u202bok\u202c')).toBe('\u202bok\u202c');
    expect(html`<td>${'x\u202e'}</td><td>212 429,38 €</td>`.html).toBe(
      '<td>x\u202e\u202c</td><td>212 429,38 €</td>',
    );
    expect(escapeHtml('a\ufffe\uffffb\ufdd0')).toBe('ab');
  });

  it('only lets absolute http(s) URLs into links', () => {
    expect(externalHref('https://migri.fi/hankkeet')).toBe('https://migri.fi/hankkeet');
    expect(externalHref('javascript:alert(1)')).toBeNull();
    expect(externalHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(externalHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(externalHref('/relative')).toBeNull();
    expect(externalHref(null)).toBeNull();
  });
});

describe('formatting', () => {
  it('writes euros exactly from integer cents', () => {
    expect(formatCents('fi', 2605765623)).toBe('26\u00a0057\u00a0656,23\u00a0€');
    expect(formatCents('sv', 12610740)).toBe('126\u00a0107,40\u00a0€');
    expect(formatCents('en', 2605765623)).toBe('€26,057,656.23');
    expect(formatCentsShort('fi', 2605765623)).toBe('26,1\u00a0M€');
    expect(formatCentsShort('en', 43738086)).toBe('€437k');
  });

  it('writes dates and UTC times per language', () => {
    expect(formatDate('fi', '2024-03-05')).toBe('5.3.2024');
    expect(formatDate('en', '2024-03-05')).toBe('5 Mar 2024');
    expect(formatTimestamp('sv', '2026-11-22T04:00:00Z')).toBe('22.11.2026 04:00 UTC');
  });
});

describe('site parts', () => {
  it('explains every quality code in Finnish, Swedish and English', () => {
    for (const code of qualityCodeSchema.options) {
      for (const lang of LANGS)
        expect(QUALITY_TEXT[code][lang].length, `${code}/${lang}`).toBeGreaterThan(20);
    }
  });

  it('links relatively from any depth', () => {
    expect(relativeHref('index.html', 'v1/projects.json')).toBe('v1/projects.json');
    expect(relativeHref('sv/index.html', 'v1/projects.json')).toBe('../v1/projects.json');
    expect(relativeHref('en/projects/x.html', 'assets/site.css')).toBe('../../assets/site.css');
  });

  it('ships a script that parses and never builds markup from strings', () => {
    expect(() => new Script(SITE_JS)).not.toThrow();
    expect(SITE_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });
});
