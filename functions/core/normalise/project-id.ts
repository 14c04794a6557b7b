import { createHash } from 'node:crypto';
import { foldKey } from './text';

const PROGRAMME_PREFIX: Readonly<Record<string, string>> = {
  'AMIF 2021-2027': 'amif21',
  'AMIF 2014-2020': 'amif14',
};

/**
 * A project's id: the programme and a hash of the folded name, so it does not depend on row
 * order and survives edits of white space, case and punctuation. Renames keep their old id
 * through the diff (see diff.ts), not through this function.
 */
export function projectId(programme: string, name: string): string {
  const prefix = PROGRAMME_PREFIX[programme] ?? foldKey(programme).replace(/ /g, '') ?? 'project';
  const digest = createHash('sha256')
    .update(`${foldKey(programme)}|${foldKey(name)}`)
    .digest('hex');
  return `${prefix}-${digest.slice(0, 10)}`;
}
