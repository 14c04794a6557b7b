/**
 * Finland's AMIF allocation for 2021–2027, which the front page compares the awards with.
 *
 * The fund's own page ("Turvapaikka-, maahanmuutto- ja kotouttamisrahasto AMIF", eusa-rahastot2021.fi,
 * snapshot in seeds/pages/eusa-amif-fund.html and seeds/text/004_*.txt) says: "Suomen AMIF-rahaston
 * rahoitusosuus on 67,9 miljoonaa euroa ohjelmakaudella 2021-2027." When the render context
 * carries reference data (v1/reference.json), its figure wins; otherwise this constant is used.
 */
export const AMIF_2021_2027_ALLOCATION_EUR = 67_900_000;

/** The programme the allocation belongs to, as records name it. */
export const ALLOCATION_PROGRAMME = 'AMIF 2021-2027';

export interface Allocation {
  readonly eur: number;
  readonly fromReference: boolean;
}

/**
 * The allocation in euros: the first amount of at least a million found under a key that mentions
 * "allocation" in the reference data, else the constant from the fund page.
 */
export function allocationFrom(reference: unknown): Allocation {
  const found = findAllocation(reference, false, 0);
  return found === null
    ? { eur: AMIF_2021_2027_ALLOCATION_EUR, fromReference: false }
    : { eur: found, fromReference: true };
}

function findAllocation(value: unknown, underAllocation: boolean, depth: number): number | null {
  if (depth > 6 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const hit = underAllocation || /allocation/i.test(key);
    if (hit && typeof inner === 'number' && Number.isFinite(inner) && inner >= 1_000_000) return inner;
    const nested = findAllocation(inner, hit, depth + 1);
    if (nested !== null) return nested;
  }
  return null;
}
