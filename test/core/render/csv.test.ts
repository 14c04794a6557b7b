import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMULA_ESCAPE, neutraliseFormula, restoreFormula, toCsv } from '../../../functions/core/render/csv';

describe('Render: CSV', () => {
  it('writes RFC 4180: CRLF rows, quotes only where needed, doubled quotes', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          ['line1\n\nline2', 'plain'],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line1\n\nline2",plain\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ['+358 40 123', "'+358 40 123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "'\rCR"],
    ['Maahanmuuttovirasto', 'Maahanmuuttovirasto'],
    ['KOTU- Koulutusta', 'KOTU- Koulutusta'],
    // A value that already begins with an apostrophe and a formula character gets one more, so the
    // escape can be undone.
    ["'=1", "''=1"],
    ["'quoted", "'quoted"],
  ])('neutralises a formula-like cell %j', (raw, safe) => {
    expect(neutraliseFormula(raw)).toBe(safe);
  });

  it('the escape is undone exactly by removing one apostrophe where the published pattern matches', () => {
    expect(restoreFormula("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)');
    expect(restoreFormula("''=1")).toBe("'=1");
    expect(restoreFormula("'quoted")).toBe("'quoted");
    expect(FORMULA_ESCAPE.pattern).toBe("^'+[=+\\-@\\t\\r]");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ') }),
        (v) => {
          expect(restoreFormula(neutraliseFormula(v))).toBe(v);
        },
      ),
    );
  });

  it('neutralises before quoting, so the quote still wraps the whole cell', () => {
    expect(toCsv(['h'], [['=1,2']])).toBe('h\r\n"\'=1,2"\r\n');
  });

  it('writes the Excel dialect with a BOM and semicolons', () => {
    expect(toCsv(['a', 'b'], [['1,5', 'x;y']], { separator: ';', lineEnding: '\r\n', bom: true })).toBe(
      '\ufeffa;b\r\n1,5;"x;y"\r\n',
    );
  });
});
