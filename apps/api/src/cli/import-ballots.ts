import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { paperBallotBodySchema } from '@bu/shared';
import type { Db } from '../db/client.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../bootstrap.js';
import { isAppError, isDatabaseUnavailable, pgCode } from '../shared/errors.js';
import { editionsRepository } from '../modules/editions/editions.repository.js';
import { usersRepository } from '../modules/users/users.repository.js';
import { ballotsService } from '../modules/voting/ballots.service.js';
import { CsvError, parseCsv } from './csv.js';

const COLUMNS = ['taxId', 'fullName', 'serial', 'cnapLocationId', 'projectIds'] as const;

export interface RowReport {
  line: number;
  serial: string;
  status: 'accepted' | 'refused';
  code?: string;
  reason?: string;
  ballotId?: number;
  votes?: number;
}

export interface ImportOptions {
  db: Db;
  voterKeySecret: string;
  editionId: number;
  operatorEmail: string;
  csv: string;
  out?: (line: string) => void;
  progress?: (done: number, total: number) => void;
}

/**
 * Enters a file of paper ballots through the same service as the operator's page, one row at a time
 * and in file order, so a file gives the same result as typing it in. Every ballot is attributed to
 * the named operator and to the row's ЦНАП location, where that operator must work. A serial already
 * entered is refused, so running a file twice adds nothing the second time.
 */
export async function importBallots(o: ImportOptions): Promise<{ exitCode: number; rows: RowReport[] }> {
  const out = o.out ?? (() => {});
  const fail = (message: string) => (out(`error: ${message}`), { exitCode: 1, rows: [] as RowReport[] });
  let records;
  try {
    records = parseCsv(o.csv);
  } catch (e) {
    if (e instanceof CsvError) return fail(`malformed CSV, ${e.message}`);
    throw e;
  }
  const [header, ...data] = records;
  const names = header?.cells.map((c) => c.trim()) ?? [];
  const missing = COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length)
    return fail(
      `malformed CSV header: expected columns ${COLUMNS.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
    );
  const short = data.find((r) => r.cells.length !== names.length);
  if (short)
    return fail(
      `malformed CSV, line ${short.line}: ${short.cells.length} fields, the header has ${names.length}`,
    );

  const operator = await usersRepository(o.db).findByEmail(o.operatorEmail);
  if (!operator || !operator.roles.includes('operator'))
    return fail(`no operator account ${o.operatorEmail}`);
  if (!(await editionsRepository(o.db).findById(o.editionId))) return fail(`no edition ${o.editionId}`);

  const ballots = ballotsService(o.db, o.voterKeySecret);
  const rows: RowReport[] = [];
  for (const [i, r] of data.entries()) {
    const raw = Object.fromEntries(names.map((n, k) => [n, r.cells[k]!.trim()]));
    const parsed = paperBallotBodySchema.safeParse({
      ...raw,
      cnapLocationId: /^\d+$/.test(raw.cnapLocationId!) ? Number(raw.cnapLocationId) : raw.cnapLocationId,
      projectIds: raw.projectIds!.split('|').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s)),
    });
    let report: RowReport;
    // PostgreSQL text cannot hold a NUL byte: refused here, naming the column, like any bad field.
    const withNul = names.filter((n) => raw[n]!.includes('\u0000'));
    if (withNul.length) {
      const reason = withNul.map((n) => `${n}: недопустимий символ (NUL)`).join('; ');
      report = {
        line: r.line,
        serial: raw.serial!.replaceAll('\u0000', ''),
        status: 'refused',
        code: 'VALIDATION_FAILED',
        reason,
      };
    } else if (!parsed.success) {
      const reason = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
      report = { line: r.line, serial: raw.serial!, status: 'refused', code: 'VALIDATION_FAILED', reason };
    } else {
      try {
        const b = await ballots.submit(operator.id, o.editionId, parsed.data);
        report = {
          line: r.line,
          serial: b.serial,
          status: 'accepted',
          ballotId: b.id,
          votes: b.votes.length,
        };
      } catch (e) {
        // One bad row never stops the file: an unexpected failure is reported by its SQLSTATE only
        // (a database message can quote the row's personal data) and the import goes on. A database
        // that is away stops it: every later row would fail the same way.
        if (isDatabaseUnavailable(e)) throw e;
        report = {
          line: r.line,
          serial: parsed.data.serial,
          status: 'refused',
          code: isAppError(e) ? e.code : 'INTERNAL',
          reason: isAppError(e)
            ? e.message
            : `помилка бази даних ${pgCode(e) ?? 'без коду'}: рядок пропущено`,
        };
      }
    }
    rows.push(report);
    out(
      report.status === 'accepted'
        ? `line ${report.line}\t${report.serial}\taccepted\tballot ${report.ballotId}, ${report.votes} vote(s)`
        : `line ${report.line}\t${report.serial}\trefused\t${report.code}\t${report.reason}`,
    );
    o.progress?.(i + 1, data.length);
  }
  const accepted = rows.filter((r) => r.status === 'accepted').length;
  out(`${accepted} accepted, ${rows.length - accepted} refused, ${rows.length} row(s)`);
  return { exitCode: 0, rows };
}

/** A one-line bar on a terminal; on a pipe or a log, a line every 10 %. No dependency needed. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return (done: number, total: number) => {
    const share = total ? done / total : 1;
    if (stream.isTTY) {
      const width = 30;
      const full = Math.round(share * width);
      stream.write(
        `\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total}${done === total ? '\n' : ''}`,
      );
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      stream.write(`${done}/${total} (${Math.round(share * 100)} %)\n`);
    }
  };
}

export const importBallotsCommand = {
  help: 'enter paper ballots from a CSV: --edition ID --csv FILE --operator EMAIL',
  async run(args: string[]): Promise<number> {
    const { values } = parseArgs({
      args,
      options: { edition: { type: 'string' }, csv: { type: 'string' }, operator: { type: 'string' } },
    });
    const editionId = Number(values.edition);
    if (!Number.isSafeInteger(editionId) || editionId <= 0 || !values.csv || !values.operator) {
      console.error(
        'Usage: pnpm cli import-ballots --edition ID --csv FILE --operator EMAIL\n' +
          `CSV columns: ${COLUMNS.join(', ')} (projectIds separated by "|", e.g. 12|15)`,
      );
      return 2;
    }
    const config = loadConfig();
    const database = await openDatabase(config);
    try {
      await database.migrate();
      const { exitCode } = await importBallots({
        db: database.db,
        voterKeySecret: config.voterKeySecret,
        editionId,
        operatorEmail: values.operator.toLowerCase(),
        csv: readFileSync(values.csv, 'utf8'),
        out: (line) => (line.startsWith('error:') ? console.error(line) : console.log(line)),
        progress: progressBar(),
      });
      return exitCode;
    } finally {
      await database.close();
    }
  },
};
