/** One entry of a listing as the listing gives it, before it is judged. */
export interface ListingItem {
  /** The title, as plain text; empty when the item has none. */
  readonly title: string;
  /** The link as written (maybe relative); null when the item has none. */
  readonly link: string | null;
  /** The publication date the listing gives, ISO (Helsinki time for a feed's timestamp); null when none. */
  readonly date: string | null;
  /** The description or snippet, as plain text (a feed's HTML description with its tags removed). */
  readonly text: string;
}
