/** A word that reads as an acronym or a brand: two or more capitals ("ADERE", "MoniTieto", "GBV-Tuva2"). */
function isAcronymLike(word: string): boolean {
  return (word.match(/\p{Lu}/gu) ?? []).length >= 2;
}

/**
 * The short name a project goes by, when its published name shows one:
 * "ADERE - Päätöstoimenpiteen…" → "ADERE", "Ennakoiva maatieto (ENNACOI)" → "ENNACOI",
 * "IKUT 2 Ihmiskaupan…" → "IKUT 2", "TASE; Tasa-arvo…" → "TASE". Null when there is none.
 */
export function extractAcronym(name: string): string | null {
  const trailing = /\(([\p{L}\p{N}-]{2,20})\)\s*$/u.exec(name);
  if (trailing && trailing[1] !== name) return trailing[1]!;

  const lead = /^(.{2,20}?)(?:\s*[-–;]\s+|\s+[-–]\s*)/u.exec(name);
  if (lead) {
    const words = lead[1]!.trim().split(/\s+/);
    if (words.length <= 2 && isAcronymLike(words[0]!) && (words.length === 1 || /^\d+$/.test(words[1]!))) {
      return lead[1]!.trim();
    }
  }

  const caps = /^(\p{Lu}[\p{Lu}\p{N}-]+!?)(?:\s+(\d+))?(?=\s|$)/u.exec(name);
  if (caps && isAcronymLike(caps[1]!)) return caps[2] ? `${caps[1]} ${caps[2]}` : caps[1]!;
  return null;
}
