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
   * Longest one page's extraction may take. A page within the limits above parses in well under a
   * second; this catches what they do not foresee. The Lambda gives no page more time than it has
   * left (see `parseDeadline`).
   */
  parseBudgetMs: 30_000,
} as const;

/** Elements whose end tag HTML requires and that hold a source's rows or lists: a page that opens one and never closes it was cut off. */
export const REQUIRED_CLOSING_TAGS: ReadonlySet<string> = new Set(['table', 'ul', 'ol', 'main', 'article']);
