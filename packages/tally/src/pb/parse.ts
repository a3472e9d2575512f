import { PbParseError, pbRows, type PbRow } from './rows.js';

export interface PbProject {
  id: string;
  /** Whole currency units, as the file gives them. */
  cost: number;
  votes?: number;
  name?: string;
  selected?: boolean;
  /** Any other column (category, latitude, score, ...) as its raw text. */
  [column: string]: string | number | boolean | undefined;
}

export interface PbVote {
  voterId: string;
  /** The `vote` column split on commas, in file order. */
  projectIds: string[];
  [column: string]: string | string[] | undefined;
}

export interface PbInstance {
  meta: Record<string, string>;
  projects: PbProject[];
  votes: PbVote[];
}

const SECTIONS = ['meta', 'projects', 'votes'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Parses a pabulib `.pb` file (Faliszewski et al., arXiv:2305.11035). Pure: takes the text, so the
 * same code serves the CLI, the API import and the tests. Errors name the line.
 */
export function parsePb(text: string): PbInstance {
  const parts = new Map<Section, { header: PbRow; rows: PbRow[] }>();
  let current: { header: PbRow; rows: PbRow[] } | undefined;
  const rows = pbRows(text);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const name =
      row.fields.length === 1 || row.fields.slice(1).every((f) => f === '')
        ? row.fields[0]!.toLowerCase()
        : '';
    if ((SECTIONS as readonly string[]).includes(name)) {
      if (parts.has(name as Section))
        throw new PbParseError(row.line, `section ${name.toUpperCase()} appears twice`);
      const header = rows[++i];
      if (!header) throw new PbParseError(row.line, `section ${name.toUpperCase()} has no header row`);
      current = { header, rows: [] };
      parts.set(name as Section, current);
    } else if (!current) {
      throw new PbParseError(row.line, 'expected the META section first');
    } else current.rows.push(row);
  }
  for (const s of SECTIONS)
    if (!parts.has(s)) throw new PbParseError(rows.at(-1)?.line ?? 1, `missing section ${s.toUpperCase()}`);

  const meta: Record<string, string> = {};
  for (const r of parts.get('meta')!.rows) meta[r.fields[0]!] = r.fields[1] ?? '';
  const projects = parseProjects(parts.get('projects')!);
  const known = new Set(projects.map((p) => p.id));
  const votes = parseVotes(parts.get('votes')!, known);
  return { meta, projects, votes };
}

function columns(part: { header: PbRow }, required: string[], section: string): string[] {
  const cols = part.header.fields.map((f) => f.trim());
  for (const c of required)
    if (!cols.includes(c)) throw new PbParseError(part.header.line, `${section} header has no "${c}" column`);
  return cols;
}

function record(cols: string[], row: PbRow): Record<string, string> {
  if (row.fields.slice(cols.length).some((f) => f !== ''))
    throw new PbParseError(row.line, `more fields than the ${cols.length} columns of the header`);
  const rec: Record<string, string> = {};
  cols.forEach((c, i) => (rec[c] = row.fields[i] ?? ''));
  return rec;
}

function parseProjects(part: { header: PbRow; rows: PbRow[] }): PbProject[] {
  const cols = columns(part, ['project_id', 'cost'], 'PROJECTS');
  const seen = new Set<string>();
  return part.rows.map((row) => {
    const { project_id: id = '', cost, votes, name, selected, ...extra } = record(cols, row);
    if (id === '') throw new PbParseError(row.line, 'empty project_id');
    if (seen.has(id)) throw new PbParseError(row.line, `duplicate project id "${id}"`);
    seen.add(id);
    const p: PbProject = { id, cost: wholeNumber(cost ?? '', row, `cost of project "${id}"`) };
    if (votes !== undefined && votes !== '') p.votes = wholeNumber(votes, row, `votes of project "${id}"`);
    if (name !== undefined) p.name = name;
    if (selected !== undefined && selected !== '') {
      if (selected !== '0' && selected !== '1')
        throw new PbParseError(row.line, `bad selected value "${selected}" (expected 0 or 1)`);
      p.selected = selected === '1';
    }
    return Object.assign(p, extra);
  });
}

function parseVotes(part: { header: PbRow; rows: PbRow[] }, known: Set<string>): PbVote[] {
  const cols = columns(part, ['voter_id', 'vote'], 'VOTES');
  const seen = new Set<string>();
  return part.rows.map((row) => {
    const { voter_id: voterId = '', vote = '', ...extra } = record(cols, row);
    if (voterId === '') throw new PbParseError(row.line, 'empty voter_id');
    if (seen.has(voterId)) throw new PbParseError(row.line, `duplicate voter_id "${voterId}"`);
    seen.add(voterId);
    const projectIds = vote === '' ? [] : vote.split(',').map((s) => s.trim());
    const inBallot = new Set<string>();
    for (const id of projectIds) {
      if (!known.has(id))
        throw new PbParseError(row.line, `voter "${voterId}" votes for unknown project "${id}"`);
      if (inBallot.has(id))
        throw new PbParseError(row.line, `voter "${voterId}" names project "${id}" twice`);
      inBallot.add(id);
    }
    return { voterId, projectIds, ...extra };
  });
}

function wholeNumber(text: string, row: PbRow, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n))
    throw new PbParseError(row.line, `bad ${what}: "${text}" is not a whole number`);
  return n;
}
