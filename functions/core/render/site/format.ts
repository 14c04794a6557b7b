/**
 * Number and date formatting for the site, written out by hand instead of Intl so the output is
 * byte-for-byte the same on every Node build (ICU data differs between builds).
 */

import { groupThousands } from '../../normalise/amount';
import type { Lang } from './i18n';

const NBSP = '\u00a0';

/** A whole number: "1 234" in Finnish and Swedish, "1,234" in English. */
export function formatInteger(lang: Lang, value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + groupThousands(String(Math.abs(Math.round(value))), lang === 'en' ? ',' : NBSP);
}

/** Integer cents as euros with two decimals: "1 444 708,32 €" / "€1,444,708.32". */
export function formatCents(lang: Lang, cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = groupThousands(String(Math.trunc(abs / 100)), lang === 'en' ? ',' : NBSP);
  const fraction = String(abs % 100).padStart(2, '0');
  return lang === 'en' ? `${sign}€${whole}.${fraction}` : `${sign}${whole},${fraction}${NBSP}€`;
}

export function formatEuros(lang: Lang, euros: number): string {
  return formatCents(lang, Math.round(euros * 100));
}

function oneDecimal(lang: Lang, value: number): string {
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return lang === 'en' ? text : text.replace('.', ',');
}

/** A short amount for chart labels: "1,4 M€", "850 k€" / "€1.4M", "€850k". */
export function formatCentsShort(lang: Lang, cents: number): string {
  const euros = cents / 100;
  if (Math.abs(euros) >= 1_000_000) {
    const m = oneDecimal(lang, euros / 1_000_000);
    return lang === 'en' ? `€${m}M` : `${m}${NBSP}M€`;
  }
  if (Math.abs(euros) >= 1_000) {
    const k = formatInteger(lang, Math.round(euros / 1_000));
    return lang === 'en' ? `€${k}k` : `${k}${NBSP}k€`;
  }
  return lang === 'en' ? `€${formatInteger(lang, euros)}` : `${formatInteger(lang, euros)}${NBSP}€`;
}

/** A share as a percentage with one decimal: "38,4 %" / "38.4%". */
export function formatPercent(lang: Lang, share: number): string {
  const text = oneDecimal(lang, share * 100);
  return lang === 'en' ? `${text}%` : `${text}${NBSP}%`;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date (YYYY-MM-DD): "5.3.2024" in Finnish and Swedish, "5 Mar 2024" in English. */
export function formatDate(lang: Lang, iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  if (lang === 'en') return `${Number(d)} ${EN_MONTHS[Number(m) - 1] ?? m} ${y}`;
  return `${Number(d)}.${Number(m)}.${y}`;
}

/** A year and month (YYYY-MM): "3/2024" / "Mar 2024". */
export function formatMonth(lang: Lang, yearMonth: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(yearMonth);
  if (!match) return yearMonth;
  const [, y, m] = match;
  return lang === 'en' ? `${EN_MONTHS[Number(m) - 1] ?? m} ${y}` : `${Number(m)}/${y}`;
}

/** An ISO UTC timestamp: "22.11.2026 04:00 UTC" / "22 Nov 2026 04:00 UTC". */
export function formatTimestamp(lang: Lang, iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${formatDate(lang, match[1]!)} ${match[2]}:${match[3]} UTC`;
}
