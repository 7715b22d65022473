import { SQL_INSERT_HINT, sqlInsertFields } from "./keyed-fields";

/**
 * Values in a column of a pasted table whose header names what they are ("dob", "datum_rojstva",
 * "davcna", "tax_no"): in the rows the cue word is not on the value's line, it is in the header.
 * A header is a line with a delimiter (",", ";", tab or "|", or blanks aligning the columns) and a
 * field that `isCueField` accepts; the rows are the following lines with the same number of fields
 * (in an aligned table: a cell starting where the header's field starts; a table's rules and rows
 * with a delimiter typed inside a cell do not end it). One pass over the
 * lines; only tables with a cue header are split into fields.
 *
 * `lineHint`, when given, must match (anywhere, any case) every line that holds a field
 * `isCueField` accepts, and never across a line break: outside a table the scan jumps to the
 * next line it matches, and only such lines are split to look for a header, which is most of
 * the cost on prose full of commas. It changes nothing that is found.
 *
 * The rows of an SQL INSERT are columns too; keyed-fields reads them.
 */

/** What a database or an export writes in an empty cell (an SQL dump's NULL, COPY's \\N): no value. */
export const EMPTY_CELL = /^(?:null|none|nil|undefined|n\/a|n\.a\.|empty|\\N)$/i;

export interface ColumnValue {
  start: number;
  end: number;
}

const DELIMITERS = [",", ";", "\t", "|"] as const;
/**
 * A table aligned with blanks, as a terminal, a fixed-width export or a pasted report lays it out
 * ("#  Otrok              Rojen          Starost"): two or more blanks separate the cells, and a
 * column's cells start where its header starts.
 */
const ALIGNED = "  ";
const ALIGNED_GAP = / {2,}/g;

export function columnValues(
  text: string,
  headerHint: RegExp,
  isCueField: (field: string) => boolean,
  lineHint?: RegExp,
): ColumnValue[] {
  if (!headerHint.test(text)) return [];
  // An SQL dump's rows: the column's name in the INSERT heads each quoted value.
  const values: ColumnValue[] = SQL_INSERT_HINT.test(text) ? sqlInsertFields(text).filter((field) => isCueField(field.key.toLowerCase())) : [];
  const hintScan = lineHint === undefined ? null : globalCopy(lineHint);
  let header: Header | null = null;
  for (let lineStart = 0; lineStart <= text.length; ) {
    if (header === null && hintScan !== null) {
      // No table open: lines before the next hint can be no header.
      hintScan.lastIndex = lineStart;
      const hint = hintScan.exec(text);
      if (hint === null) break;
      lineStart = text.lastIndexOf("\n", hint.index) + 1;
    }
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const line = text.slice(lineStart, contentEnd);
    if (header !== null && header.delimiter === ALIGNED) {
      const cells = header.columns.map((index) => alignedCellAt(line, header!.starts![index]!));
      if (cells.some((cell) => cell === null)) header = null;
      else for (const cell of cells) if (!EMPTY_CELL.test(line.slice(cell!.start, cell!.end))) values.push({ start: lineStart + cell!.start, end: lineStart + cell!.end });
    } else if (header !== null) {
      const fields = splitFields(line, header.delimiter);
      if (fields.length < header.fields && !TABLE_RULE.test(line)) header = null;
      else if (fields.length >= header.fields) {
        for (const index of header.columns) {
          const field = cellOf(fields, index, header.fields);
          if (field === undefined) continue;
          const trimmed = unquoted(field.text.trim());
          if (trimmed && !EMPTY_CELL.test(trimmed)) {
            const at = lineStart + field.offset + field.text.indexOf(trimmed);
            values.push({ start: at, end: at + trimmed.length });
          }
        }
      }
    }
    if (header === null && (lineHint === undefined || lineHint.test(line))) header = headerOf(line, isCueField);
    lineStart = lineEnd + 1;
  }
  return values;
}

/** A table's rule under its header or between rows: "+------+-----+", "|---|:--:|", "=====". */
const TABLE_RULE = /^[ \t]*[-+=:|]{3,}[-+=:| \t]*$/;

/**
 * A row's cell in the header's column `index`. A row with more fields than the header has a
 * delimiter typed inside a cell ("Flat 3/1, 45 Hyndland Road" unquoted): its first and last cells
 * are still known, the others are not.
 */
function cellOf<T>(fields: T[], index: number, headerFields: number): T | undefined {
  if (fields.length === headerFields || index === 0) return fields[index];
  return index === headerFields - 1 ? fields[fields.length - 1] : undefined;
}

/**
 * A row's fields and where each starts in the line. A field in double quotes may hold the
 * delimiter ("Kidričeva ulica 3, 4220 Škofja Loka"; "" is a quote inside it), as RFC 4180 and
 * every spreadsheet's export write it. Written here rather than taken from csv-parse: the
 * detectors need each field's offset in the text, which a CSV parser does not report.
 */
export function splitFields(line: string, delimiter: string): Array<{ text: string; offset: number }> {
  if (!line.includes('"')) {
    let offset = 0;
    return line.split(delimiter).map((text) => {
      const field = { text, offset };
      offset += text.length + delimiter.length;
      return field;
    });
  }
  const fields: Array<{ text: string; offset: number }> = [];
  let start = 0;
  let quoted = false;
  let blankSoFar = true; // only blanks since the field's start: a quote here opens it
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === '"') {
      // inside a quoted field, "" is a quote
      if (quoted && line[i + 1] === '"') i++;
      else if (quoted || blankSoFar) quoted = !quoted;
      blankSoFar = false;
    } else if (!quoted && line.startsWith(delimiter, i)) {
      fields.push({ text: line.slice(start, i), offset: start });
      start = i + delimiter.length;
      i = start - 1;
      blankSoFar = true;
    } else if (char !== " " && char !== "\t") blankSoFar = false;
  }
  fields.push({ text: line.slice(start), offset: start });
  return fields;
}

/**
 * The field without one leading and one trailing double quote: what `.replace(/^"|"$/g, "")` gives
 * (a lone `"` becomes ""), without a regex call per field, which on prose full of commas was most
 * of the header search.
 */
function unquoted(field: string): string {
  const from = field.charCodeAt(0) === 34 ? 1 : 0;
  const to = field.length > from && field.charCodeAt(field.length - 1) === 34 ? field.length - 1 : field.length;
  return from === 0 && to === field.length ? field : field.slice(from, to);
}

const globalCopies = new WeakMap<RegExp, RegExp>();

function globalCopy(pattern: RegExp): RegExp {
  let copy = globalCopies.get(pattern);
  if (copy === undefined) globalCopies.set(pattern, (copy = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "") + "g")));
  return copy;
}

interface Header {
  delimiter: string;
  fields: number;
  columns: number[];
  /** In an aligned table: where each field starts in the line. */
  starts?: number[];
}

/**
 * A PostgreSQL dump's COPY header: the columns are named in the statement and the rows that
 * follow are tab-separated, up to the "\." line ("COPY public.customers (id, name, postcode) FROM stdin;").
 */
const COPY_HEADER = /^COPY[ \t]+[\w."]{1,120}[ \t]*\(([^()]{1,1500})\)[ \t]+FROM[ \t]+stdin;?[ \t]*$/i;

function headerOf(line: string, isCueField: (field: string) => boolean): Header | null {
  if (line.length > 2000) return null;
  const copy = COPY_HEADER.exec(line);
  if (copy !== null) {
    const fields = copy[1]!.split(",").map((field) => field.trim().replace(/^"|"$/g, "").toLowerCase());
    const columns = fields.flatMap((field, index) => (isCueField(field) ? [index] : []));
    return columns.length > 0 ? { delimiter: "\t", fields: fields.length, columns } : null;
  }
  for (const delimiter of DELIMITERS) {
    if (!line.includes(delimiter)) continue;
    const fields = splitFields(line, delimiter).map((field) => unquoted(field.text.trim()).toLowerCase());
    const columns = fields.flatMap((field, index) => (isCueField(field) ? [index] : []));
    if (columns.length > 0) return { delimiter, fields: fields.length, columns };
  }
  return line.includes(ALIGNED) ? alignedHeaderOf(line, isCueField) : null;
}

/** A header of three or more fields separated by runs of blanks, one of them a cue field. */
function alignedHeaderOf(line: string, isCueField: (field: string) => boolean): Header | null {
  const starts: number[] = [];
  const fields: string[] = [];
  let from = line.length - line.trimStart().length;
  ALIGNED_GAP.lastIndex = from;
  for (let gap = ALIGNED_GAP.exec(line); ; gap = ALIGNED_GAP.exec(line)) {
    const to = gap === null ? line.trimEnd().length : gap.index;
    if (to > from) {
      starts.push(from);
      fields.push(line.slice(from, to).toLowerCase());
    }
    if (gap === null) break;
    from = gap.index + gap[0].length;
  }
  const columns = fields.flatMap((field, index) => (isCueField(field) ? [index] : []));
  return fields.length >= 3 && columns.length > 0 ? { delimiter: ALIGNED, fields: fields.length, columns, starts } : null;
}

/** The cell of an aligned row that starts at `at` (after a blank), up to the next run of blanks; null when none starts there. */
function alignedCellAt(line: string, at: number): { start: number; end: number } | null {
  if (at >= line.length || line[at] === " " || (at > 0 && line[at - 1] !== " ")) return null;
  ALIGNED_GAP.lastIndex = at;
  const gap = ALIGNED_GAP.exec(line);
  const end = gap === null ? line.trimEnd().length : gap.index;
  return end > at ? { start: at, end } : null;
}
