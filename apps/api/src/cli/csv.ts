/** A malformed file: the whole import stops before entering anything (exit code 1). */
export class CsvError extends Error {}

/**
 * RFC 4180 CSV: quoted fields may hold the delimiter, quotes ("") and line breaks. The delimiter is
 * ',' or ';' (a spreadsheet saved with a Ukrainian locale writes ';'), read from the header line.
 * Returns rows with their line numbers; blank lines are skipped.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delim = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') {
      if (cell.trim() !== '') throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
      cell = '';
    } else if (c === delim) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      rowLine = ++line;
    } else cell += c;
  }
  if (quoted) throw new CsvError(`line ${rowLine}: a quoted field is not closed`);
  if (cell !== '' || cells.length) endRow();
  return rows;
}
