/**
 * Finland's AMIF allocation for 2021–2027, which the front page compares the awards with.
 *
 * The fund's own page ("Turvapaikka-, maahanmuutto- ja kotouttamisrahasto AMIF", eusa-rahastot2021.fi,
 * snapshot in seeds/pages/eusa-amif-fund.html and seeds/text/004_*.txt) says: "Suomen AMIF-rahaston
 * rahoitusosuus on 67,9 miljoonaa euroa ohjelmakaudella 2021-2027." When the render context carries
 * the fund page's reference data (ctx.reference, also published as v1/reference.json), its figure and
 * programme win; otherwise this constant is used.
 */
export const AMIF_2021_2027_ALLOCATION_EUR = 67_900_000;

/** The programme the allocation belongs to, as records name it. */
export const ALLOCATION_PROGRAMME = 'AMIF 2021-2027';

export interface Allocation {
  readonly eur: number;
  readonly programme: string;
  /** The page the figure was read from this run; null for the built-in constant. */
  readonly sourceUrl: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The allocation from the reference data ({ programme, allocationEur, source: { url } }), read
 * structurally so a missing or partial reference falls back to the fund page's figure.
 */
export function allocationFrom(reference: unknown): Allocation {
  if (isObject(reference)) {
    const eur = reference.allocationEur;
    if (typeof eur === 'number' && Number.isFinite(eur) && eur > 0) {
      const programme = typeof reference.programme === 'string' ? reference.programme : ALLOCATION_PROGRAMME;
      const source = reference.source;
      const sourceUrl = isObject(source) && typeof source.url === 'string' ? source.url : null;
      return { eur, programme, sourceUrl };
    }
  }
  return { eur: AMIF_2021_2027_ALLOCATION_EUR, programme: ALLOCATION_PROGRAMME, sourceUrl: null };
}
