import { createHash } from 'node:crypto';

export interface DigestInput {
  rule: string;
  tieBreak: string;
  minVotes: number;
  categories: { id: number; fund: number }[];
  projects: { id: number; categoryId: number; cost: number; submittedAt: Date | null }[];
  votes: { voters: Int32Array; projects: Int32Array };
}

/**
 * SHA-256 of exactly what decides a result, in a fixed order, so that tallying the same votes under
 * the same rules gives the same digest (and anyone holding the open data can check it).
 */
export function inputsDigest(d: DigestInput): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: 1, rule: d.rule, tieBreak: d.tieBreak, minVotes: d.minVotes }));
  for (const c of d.categories) h.update(`c${c.id}:${c.fund};`);
  for (const p of d.projects)
    h.update(`p${p.id}:${p.categoryId}:${p.cost}:${p.submittedAt?.toISOString() ?? ''};`);
  // Votes arrive sorted by (project, voter): the same set always hashes the same.
  const buf = Buffer.alloc(8 * 4096);
  for (let i = 0; i < d.votes.voters.length; i += 4096) {
    const n = Math.min(4096, d.votes.voters.length - i);
    for (let k = 0; k < n; k++) {
      buf.writeInt32LE(d.votes.projects[i + k]!, k * 8);
      buf.writeInt32LE(d.votes.voters[i + k]!, k * 8 + 4);
    }
    h.update(buf.subarray(0, n * 8));
  }
  return h.digest('hex');
}
