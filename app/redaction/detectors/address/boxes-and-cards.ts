import { addressData } from "../../address-data/load";
import type { Span } from "./street-before-number";

/**
 * Two address shapes that carry no street name: a post-office box ("p.p. 123", "PO Box 456",
 * "Postfach 12 34", a US rural route's "RR 2 Box 152") and a vCard ADR property ("ADR;TYPE=WORK:;;Dunajska cesta 5;Ljubljana;;1000;
 * Slovenija"), whose fields are PO box; extended address; street; locality; region; postal code;
 * country (RFC 6350 §6.3.1). The country is not part of the value: it identifies no one.
 */

const BOX_NUMBER = /[ \t]*:?[ \t]*\d{1,6}(?:[ \t]\d{2,4})?(?![\p{L}\d])/uy;

let boxWords: RegExp | null = null;

export function poBoxes(text: string): Span[] {
  // One pass for all box words (built once from the data), longest first.
  boxWords ??= new RegExp(
    addressData()
      .poBoxes.filter((word) => word.length >= 3) // "pp" alone is too common a token
      .sort((a, b) => b.length - a.length)
      .map((word) => word.replace(/[.]/g, "\\."))
      .join("|"),
    "g",
  );
  const boxes: Span[] = [];
  boxWords.lastIndex = 0;
  for (let hit = boxWords.exec(text); hit !== null; hit = boxWords.exec(text)) {
    const at = hit.index;
    if (at > 0 && /[\p{L}\d]/u.test(text[at - 1]!)) continue;
    BOX_NUMBER.lastIndex = at + hit[0].length;
    const number = BOX_NUMBER.exec(text);
    if (number !== null) boxes.push({ start: at, end: at + hit[0].length + number[0].length });
  }
  if (/Box /.test(text)) {
    RURAL_ROUTE.lastIndex = 0;
    for (let hit = RURAL_ROUTE.exec(text); hit !== null; hit = RURAL_ROUTE.exec(text)) boxes.push({ start: hit.index, end: hit.index + hit[0].length });
  }
  return boxes;
}

/** US rural and military delivery (USPS Publication 28): "RR 2 Box 152", "HC 68 Box 23", "PSC 1234, Box 5678". */
const RURAL_ROUTE = /(?<![\p{L}\d])(?:RR|HC|Rural Route|Highway Contract|PSC|CMR)[ \t]?\d{1,4},?[ \t]+Box[ \t]+\d{1,6}(?![\p{L}\d])/gu;

/** "ADR" at a line start (optionally "item1."), parameters, then the value up to the line end. */
const ADR_LINE = /^(?:item\d{1,3}\.)?ADR(?:;[^:\r\n]{0,200})?:([^\r\n]{1,1000})/gim;

export function vcardAddresses(text: string): Span[] {
  if (!/ADR[;:]/i.test(text)) return [];
  const spans: Span[] = [];
  ADR_LINE.lastIndex = 0;
  for (let line = ADR_LINE.exec(text); line !== null; line = ADR_LINE.exec(text)) {
    const value = line[1]!;
    const valueStart = line.index + line[0].length - value.length;
    // Field boundaries: ";" not escaped with a backslash.
    const fields: Span[] = [];
    let fieldStart = 0;
    for (let i = 0; i <= value.length && fields.length < 7; i++) {
      if (i === value.length || (value[i] === ";" && value[i - 1] !== "\\")) {
        fields.push({ start: fieldStart, end: i });
        fieldStart = i + 1;
      }
    }
    const personal = fields.slice(0, 6).filter((field) => field.end > field.start && /[\p{L}\d]/u.test(value.slice(field.start, field.end)));
    if (personal.length === 0) continue;
    spans.push({ start: valueStart + personal[0]!.start, end: valueStart + personal[personal.length - 1]!.end });
  }
  return spans;
}
