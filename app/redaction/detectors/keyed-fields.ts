/**
 * Keyed fields in whatever syntax a form, an export or a log used: "key: value" (also "key =
 * value" and a printed form's dot leaders, "Street/No ..... Ob Savinji 3"), JSON ("first":
 * "Tanja") and XML (<FirstName>Hannes</FirstName>). One pass; the key comes back as written, the
 * span is the value's.
 */

export interface FieldSpan {
  start: number;
  end: number;
}

export interface KeyedField extends FieldSpan {
  key: string;
}

// "key: value" (also "key = value" and dot leaders), "\"key\": \"value\"", "<Key>value</Key>"
const FIELD =
  /(?:^[ \t]*([A-Za-zÀ-žß][\wÀ-žß /.-]{0,30}?)(?:[ \t]*[:=]|[ \t]*\.{2,})[ \t.]*([^\s.][^\n]{0,80}?)[ \t]*\r?$)|(?:"([A-Za-z_][\w-]{0,30})"[ \t]*:[ \t]*"([^"\n]{1,80})")|(?:<([A-Za-z][\w:.-]{0,40})>([^<\n]{1,80})<\/\5>)/gm;

export function* keyedFields(text: string): Generator<KeyedField> {
  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(text); m !== null; m = FIELD.exec(text)) {
    const key = m[1] ?? m[3] ?? m[5]!;
    const value = m[2] ?? m[4] ?? m[6]!;
    const start = m.index + m[0].lastIndexOf(value);
    yield { key, start, end: start + value.length };
  }
}

/** "BuyerCity" → "buyer city", "address_1" → "address 1", "Town / City" → "town/city". */
export function plainKey(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[_-]+/g, " ")
    .replace(/[ \t]*\/[ \t]*/g, "/")
    .replace(/(\p{L})(\d)$/u, "$1 $2")
    .trim();
}
