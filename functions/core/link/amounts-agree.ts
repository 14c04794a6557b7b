import { amountAgrees } from '../normalise/amount-reader';

/**
 * A listed amount agrees with a mention's when they differ by less than a euro (releases give whole
 * euros, rounded or truncated), or, when the release rounds ("n. 2,2 miljoonaa euroa"), by at most
 * half its precision. A mention without an amount agrees with nothing.
 */
export function amountsAgree(
  listed: number | null,
  announced: {
    readonly amountEur: number | null;
    readonly approximate?: boolean;
    readonly precisionEur?: number | null;
  },
): boolean {
  if (announced.amountEur === null) return false;
  return amountAgrees(listed, {
    eur: announced.amountEur,
    approximate: announced.approximate ?? false,
    precisionEur: announced.precisionEur ?? 1,
  });
}
