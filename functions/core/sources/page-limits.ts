/**
 * What a source page may cost before it is refused as hostile or broken, defined once for every
 * source, the fetcher and the handler.
 */
export const PAGE_LIMITS = {
  /**
   * Deepest element nesting a page may have. Real CMS pages nest about 20–30 deep; the HTML parser's
   * cost per tag grows with the depth (10 000 nested <div> take seconds, 30 000 over ten), and the
   * parsers walk the tree, so deeper pages are refused by a scan of the text before any tree is built.
   */
  maxDepth: 256,
  /** Largest page body the fetcher accepts, counted on the decoded bytes. */
  maxBodyBytes: 5 * 1024 * 1024,
  /**
   * How long parsing one page may take: this much, plus `parseBudgetMsPerMb` for each million
   * characters. The real pages (under 100 KB) parse in well under a second and a 26 MB synthetic
   * table of 20 000 rows in 3–9 s; markup on which the parser goes super-linear (5 MB of misnested
   * tables take parse5 over half a minute) runs out of it. The Lambda gives no page more time than
   * it has left (`sourceWithParseDeadline`).
   */
  parseBudgetMs: 20_000,
  parseBudgetMsPerMb: 2_000,
} as const;

/** The parse budget of a page of `chars` characters. */
export function parseBudgetMs(chars: number): number {
  return PAGE_LIMITS.parseBudgetMs + Math.ceil((chars / 1_000_000) * PAGE_LIMITS.parseBudgetMsPerMb);
}

/** Elements whose end tag HTML requires and that hold a source's rows or lists: a page that opens one and never closes it was cut off. */
export const REQUIRED_CLOSING_TAGS: ReadonlySet<string> = new Set(['table', 'ul', 'ol', 'main', 'article']);
