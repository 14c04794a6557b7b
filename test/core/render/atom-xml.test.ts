import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import {
  emptyElement,
  escapeXml,
  escapeXmlAttribute,
  parentElement,
  stripIllegalXmlChars,
  textElement,
} from '../../../functions/core/render/xml';

describe('XML escaping', () => {
  it('escapes markup so a scraped name can never become an element', () => {
    expect(escapeXml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeXml('Tom & Jerry')).toBe('Tom &amp; Jerry');
    expect(escapeXml('already &amp; escaped')).toBe('already &amp;amp; escaped');
    expect(escapeXml(`"double" 'single'`)).toBe('&quot;double&quot; &apos;single&apos;');
    expect(escapeXml(']]>')).toBe(']]&gt;');
  });

  it('strips characters XML 1.0 forbids and keeps everything else', () => {
    expect(stripIllegalXmlChars('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\u007fh')).toBe('abcdefg\u007fh');
    expect(stripIllegalXmlChars('\ufffe\uffffok')).toBe('ok');
    expect(stripIllegalXmlChars('lone \ud800 high, lone \udfff low')).toBe('lone  high, lone  low');
    expect(stripIllegalXmlChars('tab\tLF\nCR\r é € 😀 \u00a0')).toBe('tab\tLF\nCR\r é € 😀 \u00a0');
    expect(escapeXml('bell\u0007<b>')).toBe('bell&lt;b&gt;');
  });

  it('keeps CR, and in attributes tab and LF, as character references a parser gives back', () => {
    expect(escapeXml('a\r\nb\tc')).toBe('a&#xD;\nb\tc');
    expect(escapeXmlAttribute('a\r\nb\tc"')).toBe('a&#xD;&#xA;b&#x9;c&quot;');
  });

  it('builds elements whose text and attributes parse back to the original values', () => {
    const nasty = `<img src=x onerror=alert(1)> & "quotes" 'too'\u0001 ]]> ok`;
    const xml = parentElement('root', [
      textElement('t', nasty, { a: nasty }),
      emptyElement('e', { href: 'https://x.example/?a=1&b=2', missing: null }),
    ]);
    expect(xml).toBe(
      [
        '<root>',
        `  <t a="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &apos;too&apos; ]]&gt; ok">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &apos;too&apos; ]]&gt; ok</t>`,
        '  <e href="https://x.example/?a=1&amp;b=2"/>',
        '</root>',
      ].join('\n'),
    );
    const $ = cheerio.load(xml, { xml: true });
    const clean = nasty.replace('\u0001', '');
    expect($('t').text()).toBe(clean);
    expect($('t').attr('a')).toBe(clean);
    expect($('e').attr('href')).toBe('https://x.example/?a=1&b=2');
    expect($('img')).toHaveLength(0);
  });
});
