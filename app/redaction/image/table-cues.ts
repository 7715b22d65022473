import { isValidSiTaxId } from "../checksums";
import type { EntityType } from "../types";
import type { Box, OcrLineInput, PlacedWord } from "./map-findings-to-boxes";

/**
 * What a screen's table says about a value the text engine could not judge alone. Pure: works
 * on OCR words and the engine's findings, so it is tested without OCR.
 *
 *  - A column is the cells stacked under one another with a shared left or right edge (a table
 *    column, the values of a label/value card). A column where the engine found two or more
 *    emails, phones, IBANs, cards or tax numbers is a column of them: its other cells that have
 *    the shape (an email whose "@" OCR read as "e", a US number with an exchange the engine's
 *    rules reject, an email whose "_" became a space) are taken as the same kind, whole.
 *  - A column of bare eight-digit numbers most of which pass the davčna številka checksum is a
 *    column of tax numbers, whatever OCR made of its header ("Dewéma št.").
 *  - A label names its values: the column's header or the cell left of the value ("Davéna",
 *    "Phone", "E-pošta"), read with OCR's usual misreadings tolerated.
 */

export interface Cell {
  line: number;
  ids: number[];
  box: Box;
  text: string;
}

export interface CueFinding {
  type: EntityType;
  ids: number[];
}

export function cellsOf(lines: OcrLineInput[], words: PlacedWord[]): Cell[] {
  const texts = lines.flatMap((l) => l.words.map((w) => w.text));
  const cells: Cell[] = [];
  words.forEach((w, id) => {
    const last = cells[cells.length - 1];
    if (last && words[last.ids[0]!]!.cell === w.cell) {
      last.ids.push(id);
      last.text += " " + texts[id]!;
      last.box = { x0: Math.min(last.box.x0, w.bbox.x0), y0: Math.min(last.box.y0, w.bbox.y0), x1: Math.max(last.box.x1, w.bbox.x1), y1: Math.max(last.box.y1, w.bbox.y1) };
    } else cells.push({ line: w.line, ids: [id], box: { ...w.bbox }, text: texts[id]! });
  });
  return cells;
}

/** How many lines up a column's next cell may be (a row OCR missed, a wrapped cell). */
const COLUMN_REACH = 4;

/** Columns as lists of cell indices, top to bottom. */
export function columnsOf(cells: Cell[]): number[][] {
  const parent = cells.map((_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  };
  const byLine = new Map<number, number[]>();
  cells.forEach((c, i) => byLine.set(c.line, [...(byLine.get(c.line) ?? []), i]));
  cells.forEach((c, i) => {
    const h = Math.max(1, c.box.y1 - c.box.y0);
    const w = c.box.x1 - c.box.x0;
    for (let l = c.line - 1; l >= c.line - COLUMN_REACH; l--) {
      let above: number | undefined;
      // A line's cells run left to right: past this cell's right edge none can overlap it.
      for (const j of byLine.get(l) ?? []) {
        const b = cells[j]!.box;
        if (b.x0 >= c.box.x1) break;
        const bw = b.x1 - b.x0;
        const overlap = Math.min(b.x1, c.box.x1) - Math.max(b.x0, c.box.x0);
        const aligned = Math.abs(b.x0 - c.box.x0) <= 1.5 * h || Math.abs(b.x1 - c.box.x1) <= 1.5 * h;
        if (overlap > 0 && aligned && Math.min(w, bw) >= 0.15 * Math.max(w, bw)) {
          above = j;
          break;
        }
      }
      if (above !== undefined) {
        const a = find(above);
        const b = find(i);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        break;
      }
    }
  });
  const groups = new Map<number, number[]>();
  cells.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()].filter((g) => g.length >= 2);
}

const TO_DIGIT: Record<string, string> = { O: "0", o: "0", D: "0", Q: "0", I: "1", l: "1", "|": "1", i: "1", S: "5", s: "5", B: "8", Z: "2", z: "2" };
const digitsOf = (s: string) => [...s].map((c) => TO_DIGIT[c] ?? c).join("").replace(/\D/g, "");
const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** A bare tax number as OCR may show it: eight digits (look-alikes allowed), an "SI" before them. */
export function taxDigits(text: string): string | null {
  const t = text.replace(/\s+/g, "").replace(/^[S5$][I1l|]/, "");
  if (!/^[0-9OoDQIl|iSsBZz]{8}$/.test(t)) return null;
  const d = digitsOf(t);
  return /^[0-9]{8}$/.test(d) ? d : null;
}

/** Does a cell's text have the shape of this kind of value (loosely: OCR misreads it)? */
export function fits(type: EntityType, text: string): boolean {
  let t = text.replace(/["'`“”„‘’]/g, "").trim().replace(/^[^\p{L}\p{N}+(<]+|[^\p{L}\p{N})>]+$/gu, "");
  switch (type) {
    case "SI_TAX_ID":
      return taxDigits(t) !== null;
    case "PHONE": {
      const d = digitsOf(t).length;
      const other = t.replace(/[0-9OoIl|SsBZ +().\/-]/g, "").length;
      return d >= 6 && d <= 15 && other <= (d >= 7 ? 2 : 0);
    }
    case "EMAIL": {
      // OCR's spaces around an address's dots ("polonaegnail. com") are not the cell's words.
      t = t.replace(/\s*([.@])\s*/g, "$1");
      return t.split(/\s+/).filter((x) => /[\p{L}\p{N}]/u.test(x)).length <= 3 && (/@/.test(t) || /[A-Za-z0-9][.,][a-z]{2,6}$/.test(t)) && !/^\p{Lu}\p{Ll}+ \p{Lu}/u.test(t);
    }
    case "IBAN":
      return /^[A-Z0-9$§][A-Za-z0-9|]/.test(t) && digitsOf(t).length >= 12 && digitsOf(t).length <= 32;
    case "CREDIT_CARD": {
      const d = digitsOf(t).length;
      return d >= 13 && d <= 19 && !/[A-Za-z]{2}/.test(t.replace(/[OoIlSsBZ]/g, ""));
    }
    case "SECRET": {
      const parts = t.split(/\s+/).filter(Boolean);
      return parts.length >= 1 && parts.length <= 3 && t.replace(/\s/g, "").length >= 6 && /[0-9!#$%&*+=?@^_~-]/.test(t);
    }
    case "PERSON":
      return /^(\p{Lu}[\p{Ll}'’-]+[,.]? ){1,2}\p{Lu}[\p{Ll}'’-]+[,.]?$/u.test(t);
    case "POSTAL_ADDRESS":
      return t.split(/\s+/).length <= 8 && /\d/.test(t) && /\p{Lu}\p{Ll}{2,}/u.test(t);
    default:
      return false;
  }
}

/** Labels naming a kind, after lower-casing and dropping diacritics; loose where OCR is ("Davéna"). */
const LABELS: [EntityType, RegExp][] = [
  ["SI_TAX_ID", /dav.{0,2}n|(?<![a-z])(?:ddv|tax|vat|tin|d\.?s\.?)(?![a-z])|identifikacij/],
  // an address book's labels for its numbers too: "work", "home", "main"
  ["PHONE", /[pf]h[o0]ne|telef|(?<![a-z])(?:tel|gsm|fax|mob|mobil\w*|work|home|main|pager|sluzbeni|domaci)(?![a-z])/],
  ["EMAIL", /e-?ma[il1|]{1,2}(?![a-z])|e-?mail|e-?po[s5]ta|(?<![a-z])(?:mail|user)(?![a-z])/],
  ["SECRET", /pass(?:word|wd)?(?![a-z])|secret|token|api.?key|(?<![a-z])pwd(?![a-z])|geslo/],
  ["IBAN", /iban|(?<![a-z])trr(?![a-z])|bank account|ban[ck]/],
];
export function labelKind(text: string): EntityType | null {
  const t = plain(text);
  if (t.length > 40) return null;
  for (const [type, re] of LABELS) if (re.test(t)) return type;
  return null;
}

/** A town's or a postcode's column header, and what its cells hold: a town of up to three words, or a postcode. */
const TOWN_HEADER = /^[^a-z]*(?:city|town|kraj|mesto|posta|ort|wohnort|postcode|post code|zip)[^a-z]*$/;
const TOWN_CELL = /^(?:\p{Lu}[\p{Ll}'’.-]+(?:[ -]\p{Lu}?[\p{Ll}'’.-]+){0,2}|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|\d{4,5})$/u;

const PROPAGATE: EntityType[] = ["EMAIL", "PHONE", "SI_TAX_ID", "IBAN", "CREDIT_CARD", "POSTAL_ADDRESS", "PERSON"];

export function tableCues(lines: OcrLineInput[], words: PlacedWord[], found: CueFinding[]): CueFinding[] {
  const cells = cellsOf(lines, words);
  const typeOf = new Map<number, EntityType>();
  for (const f of found) for (const id of f.ids) if (!typeOf.has(id)) typeOf.set(id, f.type);
  const cellType = (c: Cell): EntityType | null => {
    const counts = new Map<EntityType, number>();
    for (const id of c.ids) {
      const t = typeOf.get(id);
      if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    let best: EntityType | null = null;
    let n = 0;
    for (const [t, k] of counts) if (k > n) [best, n] = [t, k];
    return best;
  };
  const fullyCovered = (c: Cell) => c.ids.every((id) => typeOf.has(id));
  const out: CueFinding[] = [];
  const taken = new Set<number>();
  const take = (type: EntityType, c: Cell, ci: number) => {
    if (taken.has(ci) || fullyCovered(c)) return;
    taken.add(ci);
    out.push({ type, ids: c.ids });
  };

  // Per line, where the first address found on it starts: a town cell comes after its street.
  const addressStart = new Map<number, number>();
  for (const f of found) {
    if (f.type !== "POSTAL_ADDRESS") continue;
    for (const id of f.ids) addressStart.set(words[id]!.line, Math.min(addressStart.get(words[id]!.line) ?? Infinity, words[id]!.bbox.x0));
  }
  const columns = columnsOf(cells);
  for (const col of columns) {
    const types = col.map((ci) => cellType(cells[ci]!));
    for (const t of PROPAGATE) {
      const n = types.filter((x) => x === t).length;
      if (n < 2 || n < 0.3 * col.length) continue;
      col.forEach((ci, k) => {
        const c = cells[ci]!;
        if ((types[k] === t || !types[k]) && fits(t, c.text)) take(t, c, ci);
      });
    }
    // A column of checksum-valid eight-digit numbers is one of tax numbers.
    const shaped = col.filter((ci) => taxDigits(cells[ci]!.text) !== null);
    const valid = shaped.filter((ci) => isValidSiTaxId(taxDigits(cells[ci]!.text)!));
    // the labels of the column's top three cells, read once: the tax rule looks at the first, the
    // other kinds at the first labelled one
    const topKinds = col.slice(0, 3).map((ci) => labelKind(cells[ci]!.text));
    const header = topKinds[0] === "SI_TAX_ID";
    if ((valid.length >= 2 && valid.length >= 0.5 * shaped.length) || (header && valid.length >= 1)) {
      for (const ci of shaped) take("SI_TAX_ID", cells[ci]!, ci);
    }
    // Other kinds under their header: the column's first labelled cell among its top three (a
    // line of text above a table may stand at the column's edge: "SELECT * FROM users …").
    const headerAt = topKinds.findIndex((k) => k !== null);
    const headerText = headerAt >= 0 ? cells[col[headerAt]!]!.text : "";
    const kind = headerAt >= 0 ? topKinds[headerAt]! : null;
    // Secrets only under a header that is a word ("password", "Geslo"): a column of config keys
    // under "REDIS_PASSWORD=" is keys, not passwords.
    const secretHeader = kind === "SECRET" && /^[^\p{L}]*\p{L}+(?: \p{L}+)?[^\p{L}]*$/u.test(headerText) && !/[=_:]/.test(headerText);
    if (kind && kind !== "SI_TAX_ID" && (kind !== "SECRET" || secretHeader)) {
      for (const ci of col.slice(headerAt + 1)) if (fits(kind, cells[ci]!.text) && !cellType(cells[ci]!)) take(kind, cells[ci]!, ci);
    }
    // A town or postcode column of a table that holds addresses ("City" beside "Address"): its
    // cells are parts of the address found before them on their row, though a town alone elsewhere is not.
    if (headerAt < 0 && TOWN_HEADER.test(plain(cells[col[0]!]!.text))) {
      for (const ci of col.slice(1)) {
        const c = cells[ci]!;
        if ((addressStart.get(c.line) ?? Infinity) < c.box.x0 && TOWN_CELL.test(c.text.trim()) && !cellType(c)) take("POSTAL_ADDRESS", c, ci);
      }
    }
  }
  // An email OCR split at its "_" or "." ("katarina, krajnc@guest.arnes.si"): the whole cell.
  cells.forEach((c, ci) => {
    if (!c.ids.some((id) => typeOf.get(id) === "EMAIL")) return;
    const fragments = c.text.split(/\s+/).every((w) => /@/.test(w) || /^[a-z0-9._%+-]+[.,]?$/.test(w));
    if ((c.ids.length <= 3 && fits("EMAIL", c.text)) || (c.ids.length <= 6 && fragments)) take("EMAIL", c, ci);
  });
  // A label left of its value on the same line: "Davéna št.  12345679", "Phone  (a15) 989-2130".
  cells.forEach((c, ci) => {
    const prev = cells[ci - 1];
    if (!prev || prev.line !== c.line || cellType(c)) return;
    const kind = labelKind(prev.text);
    if (!kind || !fits(kind, c.text)) return;
    if (kind === "SI_TAX_ID" && !isValidSiTaxId(taxDigits(c.text)!)) return;
    take(kind, c, ci);
  });
  return out;
}
