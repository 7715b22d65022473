/**
 * Keyed fields in whatever syntax a form, an export or a log used: "key: value" (also "key =
 * value" and a printed form's dot leaders, "Street/No ..... Ob Savinji 3"), JSON ("first":
 * "Tanja"), XML (<FirstName>Hannes</FirstName>) and the rows of an SQL INSERT (the column's name
 * is the key). One pass; the key comes back as written, the span is the value's.
 */

export interface FieldSpan {
  start: number;
  end: number;
}

export interface KeyedField extends FieldSpan {
  key: string;
}

// "key: value" (also "key = value" and dot leaders), "\"key\": \"value\"", "<Key>value</Key>", and
// FHIR's <city value="Celje"/>
const FIELD =
  /(?:^[ \t]*([A-Za-zÀ-žß][\wÀ-žß /.-]{0,30}?)(?:[ \t]*[:=]|[ \t]*\.{2,})[ \t.]*([^\s.][^\n]{0,80}?)[ \t]*\r?$)|(?:"([A-Za-z_][\w-]{0,30})"[ \t]*:[ \t]*"([^"\n]{1,80})")|(?:<([A-Za-z][\w:.-]{0,40})>([^<\n]{1,80})<\/\5>)|(?:<([A-Za-z][\w:.-]{0,40})[ \t]+value="([^"\n]{1,80})"[ \t]*\/?>)/gm;

export function* keyedFields(text: string): Generator<KeyedField> {
  const rows = SQL_INSERT_HINT.test(text) ? sqlInsertFields(text) : [];
  let row = 0;
  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(text); m !== null; m = FIELD.exec(text)) {
    const key = m[1] ?? m[3] ?? m[5] ?? m[7]!;
    const value = m[2] ?? m[4] ?? m[6] ?? m[8]!;
    const start = m.index + m[0].lastIndexOf(value);
    // in text order: the readers keep state from field to field (a street, then its town)
    while (row < rows.length && rows[row]!.start < start) yield rows[row++]!;
    yield { key, start, end: start + value.length };
  }
  while (row < rows.length) yield rows[row++]!;
}

export const SQL_INSERT_HINT = /insert[ \t]+into/i;
const SQL_INSERT = /insert[ \t]+into[ \t]+[`"\w.]{1,64}[ \t]*\(([^()\n]{1,400})\)[ \t\r\n]*values[ \t\r\n]*/gi;
/** One value of a row: a quoted string ('' escapes a quote) or a bare token (a number, NULL). */
const SQL_VALUE = /[ \t\r\n]*(?:'((?:[^'\n]|''){0,200})'|([^,()'\n]{0,60}))[ \t\r\n]*([,)])/y;
const MAX_SQL_ROWS = 5000;

/**
 * "INSERT INTO stranke (ime, priimek, naslov) VALUES ('Uroš', 'Pečnik', 'Cesta na Brdo 85'), (…)":
 * each quoted value with its column's name as the key, in text order.
 */
export function sqlInsertFields(text: string): KeyedField[] {
  const fields: KeyedField[] = [];
  SQL_INSERT.lastIndex = 0;
  for (let insert = SQL_INSERT.exec(text); insert !== null; insert = SQL_INSERT.exec(text)) {
    const columns = insert[1]!.split(",").map((column) => column.trim().replace(/^[`"[]|[`"\]]$/g, ""));
    let at = insert.index + insert[0].length;
    for (let rows = 0; rows < MAX_SQL_ROWS && text[at] === "("; rows++) {
      SQL_VALUE.lastIndex = at + 1;
      for (let column = 0; ; column++) {
        const value = SQL_VALUE.exec(text);
        if (value === null) break;
        if (value[1] !== undefined && value[1].trim() !== "" && column < columns.length) {
          const start = value.index + value[0].indexOf("'") + 1;
          fields.push({ key: columns[column]!, start, end: start + value[1].length });
        }
        at = SQL_VALUE.lastIndex;
        if (value[3] === ")") break;
      }
      // the next row: ", (" after blanks
      const next = /^[ \t\r\n]*,[ \t\r\n]*\(/.exec(text.slice(at, at + 40));
      if (next === null) break;
      at += next[0].length - 1;
    }
    SQL_INSERT.lastIndex = Math.max(SQL_INSERT.lastIndex, at);
  }
  return fields;
}

/** "BuyerCity" → "buyer city", "address_1" → "address 1", "Town / City" → "town/city", "cbc:CityName" → "city name". */
export function plainKey(key: string): string {
  return key
    .replace(/^[A-Za-z]{1,8}:(?=[A-Za-z])/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[_-]+/g, " ")
    .replace(/[ \t]*\/[ \t]*/g, "/")
    .replace(/(\p{L})(\d)$/u, "$1 $2")
    .trim();
}
