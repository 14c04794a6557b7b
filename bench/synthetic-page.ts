/**
 * A synthetic "Rahoitetut AMIF-hankkeet" page of any size, built from the real snapshot's markup:
 * the same page chrome and table header (helper texts included), and rows that cycle through the
 * snapshot's 47 rows with a unique name and deterministically varied amounts and dates.
 * Same inputs, same bytes: the only "randomness" is a PRNG with a fixed seed.
 */

/** mulberry32: a tiny PRNG, good enough to vary figures, fully determined by its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SnapshotParts {
  /** Everything up to and including `<tbody>` and its line break. */
  readonly head: string;
  /** Each `<tr>…</tr>` of the body, verbatim. */
  readonly rows: readonly string[];
  /** Everything from `</tbody>` on. */
  readonly tail: string;
}

export function splitSnapshot(html: string): SnapshotParts {
  const open = html.indexOf('<tbody>');
  const close = html.indexOf('</tbody>');
  if (open < 0 || close < open) throw new Error('snapshot has no <tbody>');
  const bodyStart = open + '<tbody>'.length + (html[open + '<tbody>'.length] === '\n' ? 1 : 0);
  const rows = html.slice(bodyStart, close).match(/<tr>[\s\S]*?<\/tr>\n?/g) ?? [];
  if (rows.length === 0) throw new Error('snapshot has no rows');
  return { head: html.slice(0, bodyStart), rows, tail: html.slice(close) };
}

const CELL = /<td>([\s\S]*?)<\/td>/g;
const FINNISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const AMOUNT = /^(\d+)(?:,(\d{1,2}))?$/;
const DAY_MS = 86_400_000;

/** Shifts a "D.M.YYYY" date by whole days, keeping the cell's zero-padding style. */
function shiftDate(text: string, days: number): string {
  const m = FINNISH_DATE.exec(text.trim());
  if (!m) return text;
  const padded = m[1]!.length === 2;
  const d = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) + days * DAY_MS);
  const pad = (n: number) => (padded ? String(n).padStart(2, '0') : String(n));
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** Scales a Finnish euro amount ("2200120,8") by a factor, plus `extraCents`, with a decimal comma. */
function scaleAmount(text: string, factor: number, extraCents = 0): string {
  const m = AMOUNT.exec(text.trim());
  if (!m) return text;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  const scaled = Math.max(100, Math.round(cents * factor)) + extraCents;
  return `${Math.trunc(scaled / 100)},${String(scaled % 100).padStart(2, '0')}`;
}

/**
 * One synthetic row from a snapshot row: " #<n>" appended to the name, the amount scaled by
 * 0.5–1.5 (and one euro more when `bumped`) and both dates moved by the same 0–729 days (so the
 * end never precedes the start).
 */
export function varyRow(row: string, n: number, random: () => number, bumped = false): string {
  const factor = 0.5 + random();
  const days = Math.floor(random() * 730);
  let index = 0;
  return row.replace(CELL, (whole, inner: string) => {
    const column = index++;
    switch (column) {
      case 0:
        return `<td>${inner} #${n}</td>`;
      case 4:
        return `<td>${scaleAmount(inner, factor, bumped ? 100 : 0)}</td>`;
      case 5:
      case 6:
        return `<td>${shiftDate(inner, days)}</td>`;
      default:
        return whole;
    }
  });
}

/**
 * A page of `rowCount` rows derived from the snapshot `html`; row n (1-based) is named "… #n".
 * `bumped(i)` picks rows (0-based) whose amount is one euro higher than on the page without it:
 * everything else, the other rows' figures included, stays byte for byte the same.
 */
export function syntheticPage(
  html: string,
  rowCount: number,
  seed = 2021,
  bumped: (row: number) => boolean = () => false,
): string {
  const { head, rows, tail } = splitSnapshot(html);
  const random = seededRandom(seed);
  const out: string[] = [head];
  for (let i = 0; i < rowCount; i++) out.push(varyRow(rows[i % rows.length]!, i + 1, random, bumped(i)));
  out.push(tail);
  return out.join('');
}
