/** One record of a `;`-separated pabulib file, with the 1-based line it starts on. */
export interface PbRow {
  line: number;
  fields: string[];
}

export class PbParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'PbParseError';
  }
}

/**
 * Splits the text into records. Handles a UTF-8 BOM, CRLF/LF/CR, and CSV quoting with doubled
 * quotes (`"""Przystanek zdrowie"" - Kawiarenka"` in Katowice), including a quoted field that spans
 * lines. Unquoted fields are trimmed, as pabutools does; quoted ones are kept verbatim.
 */
export function pbRows(text: string): PbRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = src.split(/\r\n|\n|\r/);
  const out: PbRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i]!;
    if (!line.includes('"')) {
      // Fast path: the vote rows of a large file carry no quotes.
      if (line.trim() !== '') out.push({ line: start, fields: line.split(';').map((f) => f.trim()) });
      continue;
    }
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let inQuotes = false;
    for (let j = 0; ; j++) {
      if (j === line.length) {
        if (!inQuotes) break;
        if (i + 1 >= lines.length) throw new PbParseError(start, 'a quoted field is never closed');
        field += '\n';
        line = lines[++i]!;
        j = -1;
        continue;
      }
      const ch = line[j]!;
      if (inQuotes) {
        if (ch !== '"') field += ch;
        else if (line[j + 1] === '"') {
          field += '"';
          j++;
        } else inQuotes = false;
      } else if (ch === '"' && field.trim() === '') {
        inQuotes = true;
        quoted = true;
        field = '';
      } else if (ch === ';') {
        fields.push(quoted ? field : field.trim());
        field = '';
        quoted = false;
      } else field += ch;
    }
    fields.push(quoted ? field : field.trim());
    out.push({ line: start, fields });
  }
  return out;
}

/** The text of one field for the writer: quoted only when it must be, so files stay diffable. */
export function pbField(value: string): string {
  return /[;"\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
