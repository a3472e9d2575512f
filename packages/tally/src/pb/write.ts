import type { PbInstance } from './parse.js';
import { pbField } from './rows.js';

/**
 * Writes a `.pb` text (LF line ends) that parsePb reads back to the same instance. The counts
 * num_projects and num_votes are written from the data, so an export can never contradict itself.
 * This is the open-data export researchers recompute results from (docs/rules.md §15).
 */
export function writePb(pb: PbInstance): string {
  // The vote column lists ids separated by commas; an id with a comma could not be read back.
  for (const p of pb.projects)
    if (p.id.includes(','))
      throw new Error(`Project id "${p.id}" contains a comma, which .pb votes cannot express`);
  const lines: string[] = ['META', 'key;value'];
  const meta = { ...pb.meta, num_projects: String(pb.projects.length), num_votes: String(pb.votes.length) };
  for (const [k, v] of Object.entries(meta)) lines.push(`${pbField(k)};${pbField(v)}`);

  const projectCols = ['project_id', 'cost', ...unionKeys(pb.projects, ['id', 'cost'])];
  lines.push('PROJECTS', projectCols.map(pbField).join(';'));
  for (const p of pb.projects) {
    lines.push(
      projectCols
        .map((c) => {
          const v = c === 'project_id' ? p.id : p[c];
          return pbField(v === undefined ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
        })
        .join(';'),
    );
  }

  const voteCols = ['voter_id', 'vote', ...unionKeys(pb.votes, ['voterId', 'projectIds'])];
  lines.push('VOTES', voteCols.map(pbField).join(';'));
  for (const v of pb.votes) {
    lines.push(
      voteCols
        .map((c) => {
          const x = c === 'voter_id' ? v.voterId : c === 'vote' ? v.projectIds.join(',') : v[c];
          return pbField(x === undefined ? '' : String(x));
        })
        .join(';'),
    );
  }
  return lines.join('\n') + '\n';
}

/** Every optional column used by any row, in order of first appearance. */
function unionKeys(rows: object[], skip: string[]): string[] {
  const keys = new Set<string>();
  for (const r of rows)
    for (const [k, v] of Object.entries(r)) if (!skip.includes(k) && v !== undefined) keys.add(k);
  return [...keys];
}
