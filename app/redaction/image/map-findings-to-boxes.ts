import type { Detection, EntityType } from "..";
import { detectOcrShapes } from "./ocr-shapes";
import { tableCues } from "./table-cues";

/**
 * Turns OCR words into text for the text engine, and the engine's detections back into
 * pixel boxes. Pure: the detector is passed in, so this is tested without OCR or images.
 *
 * Pass 1 reads the words as a person would: words of a line joined by one space, lines
 * by "\n". An entity spanning several words ("Jana Novak", "041 123 456", an IBAN in
 * groups) covers every word it overlaps, and each word is blacked out whole, so a
 * detection that starts inside a word never leaves part of it readable.
 *
 * Pass 2 undoes two habits of OCR on screenshots, only on lines where they apply:
 * it splits tokens where the screen had none ("jana." "novak@example." "com", or a card
 * number read as "4111" "11111111" "1111" next to an IBAN group read as "SIS6"), and it
 * confuses look-alike characters (S/5, I/1, O/0, B/8). Adjacent words are glued when they
 * look like fragments of one token, and number-like words have look-alikes replaced one
 * character for one character, so offsets still map to words. Only entities that carry
 * their own evidence (checksums, fixed shapes) are taken from pass 2: a guessed name in
 * glued text is not evidence.
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWordInput {
  text: string;
  bbox: Box;
  /** The second half of a word split at an assignment: no separator before it, a cell of its own. */
  glued?: boolean;
  /** A table's vertical rule stood before it ("| 1052 | wdoyle@…"): it starts a cell. */
  afterRule?: boolean;
}

export interface OcrLineInput {
  words: OcrWordInput[];
}

export interface PlacedWord {
  line: number;
  /** Index of the word's cell over the whole screen (see cellGap). */
  cell: number;
  bbox: Box;
  /** [start, end) of this word in the pass-1 text. */
  start: number;
  end: number;
}

export interface OcrText {
  text: string;
  /** For each UTF-16 index of `text`, the index into `words`, or -1 for separators. */
  charWord: Int32Array;
}

export interface ImageFinding {
  type: EntityType;
  box: Box;
}

export type DetectFn = (text: string) => Detection[];

export interface LocateOptions {
  /** OCR coordinates ÷ scale = original coordinates (the OCR input may be upscaled). */
  scale: number;
  /** Pixels added on every side of a box, in original coordinates. */
  padding: number;
  width: number;
  height: number;
  /** Types to black out; the others are neither boxed nor counted. */
  shouldRedact?: (type: EntityType) => boolean;
}

/** Pass 2 would otherwise grow with a hostile image full of tiny number-like glyphs. */
export const MAX_PASS2_CHARS = 100_000;

const PASS2_TYPES = new Set<EntityType>(["IBAN", "CREDIT_CARD", "EMAIL", "EMSO", "SI_TAX_ID", "PHONE", "IP_ADDRESS", "SECRET"]);

/**
 * Whether the gap before `b` ends a cell: wider than the text is tall is a column or a tab
 * stop, not a space. Cells are joined with a tab for the text engine, so a phone number does
 * not run on into the house number of the next column ("+44 20 3610 0647 | 112 Marlborough
 * Close") and fail its length check, and a name does not take the next cell's word.
 */
export function cellGap(a: OcrWordInput, b: OcrWordInput): boolean {
  // The taller of the two: a word of digits has no ascenders, and "4386" "31" are one cell.
  const h = Math.max(1, b.bbox.y1 - b.bbox.y0, a.bbox.y1 - a.bbox.y0);
  return b.bbox.x0 - a.bbox.x1 > 1.2 * h;
}

export function placeWords(lines: OcrLineInput[]): { words: PlacedWord[]; ocrText: OcrText } {
  const words: PlacedWord[] = [];
  const parts: string[] = [];
  let offset = 0;
  let cell = -1;
  lines.forEach((line, li) => {
    if (li > 0) {
      parts.push("\n");
      offset += 1;
    }
    line.words.forEach((w, wi) => {
      const gap = wi > 0 && (cellGap(line.words[wi - 1]!, w) || w.afterRule === true);
      if (wi === 0 || gap || w.glued) cell++;
      if (wi > 0 && !w.glued) {
        parts.push(gap ? "\t" : " ");
        offset += 1;
      }
      words.push({ line: li, cell, bbox: w.bbox, start: offset, end: offset + w.text.length });
      parts.push(w.text);
      offset += w.text.length;
    });
  });
  const text = parts.join("");
  const charWord = new Int32Array(text.length).fill(-1);
  words.forEach((w, i) => charWord.fill(i, w.start, w.end));
  return { words, ocrText: { text, charWord } };
}

const TO_DIGIT: Record<string, string> = { O: "0", o: "0", D: "0", I: "1", l: "1", "|": "1", S: "5", s: "5", B: "8", Z: "2" };
// "l" and "|": OCR reads the I of "SI56" as a lower-case L in sans-serif fonts (leak test).
const TO_LETTER: Record<string, string> = { "0": "O", "1": "I", l: "I", "|": "I", "5": "S", "8": "B", "2": "Z", "6": "G" };
const DIGITISH = /^[0-9OoDIl|SsBZ]+$/;
/** An IBAN's two check digits: the look-alikes of TO_DIGIT and L, A for 1, 4. */
const CHECK_DIGIT: Record<string, string> = { ...TO_DIGIT, L: "1", A: "4" };
/** Countries whose IBANs are in the SWIFT registry: only these may start an IBAN head. */
const IBAN_COUNTRIES = new Set(
  ("AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL GR GT HR HU " +
    "IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI NL NO OM PK PL PS PT QA RO RS RU " +
    "SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE").split(" "),
);

/**
 * The word as digits where OCR likely misread digits as letters; same length, so offsets
 * hold. An IBAN's leading group ("SIS6", "S156") keeps two letters then two digits.
 */
export function normaliseLookalikes(word: string): string {
  // "$" or "§" for a leading S ("$190252322" is SI90252322, seen on dark panels); © ® for an
  // email's @ ("jana©example.com"). Same length, so offsets hold.
  if (/^[$§][0-9A-Za-z|]/.test(word)) word = "S" + word.slice(1);
  if (/^[^@\s©®]+[©®][A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(word)) word = word.replace(/[©®]/, "@");
  // An upper-case letter between a lower-case local part and a domain is OCR's "@" ("kosGt-2.net",
  // "kovacic.rokEguest.arnes.si": both seen in the screenshot corpus). Same length.
  const at = /^([a-z0-9._-]{2,})[GEQ]([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})$/.exec(word);
  if (at) word = `${at[1]}@${at[2]}`;
  // An address with a stray "/" or "|" (OCR's reading of l, 1 or 7: "mnyq/7-primer.si", seen in
  // the leak test) would not pass as an email; a letter in its place keeps it one, same length.
  if (/^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(word) && /[/|]/.test(word)) return word.replace(/[/|]/g, "l");
  // "DELA": an IBAN's head whose check digits were both misread has no digit left; with the
  // digit groups after it, the checksum says whether it was one
  if (!/[0-9]/.test(word) && !/^[A-Z]{2}[OoDIl|SsBZLA]{2}$/.test(word)) return word;
  // "(S156": a table's border or a bracket OCR glued before an IBAN's head stays, the head is read
  const lead = /^[(\[{'"‘“]/.test(word) ? word[0]! : "";
  if (lead) return lead + normaliseLookalikes(word.slice(1));
  // The check digits may also come out as L and A ("DELA 9657 …" for DE14 at a strip's edge):
  // only there, where two digits must stand, and the checksum decides after.
  const ibanHead = /^([A-Z0-9][A-Za-z0-9|])([0-9OoDIl|SsBZLA]{2})([0-9OoDIl|SsBZ]*)$/.exec(word);
  // The second letter may come out lower case ("Si21", "Sl67"): the leak test saw both.
  const country = ibanHead ? [...ibanHead[1]!].map((c) => TO_LETTER[c] ?? c).join("").toUpperCase() : "";
  if (ibanHead && /[A-Z]/.test(ibanHead[1]!) && IBAN_COUNTRIES.has(country)) {
    const rest = [...ibanHead[2]!].map((c) => CHECK_DIGIT[c] ?? c).join("") + [...ibanHead[3]!].map((c) => TO_DIGIT[c] ?? c).join("");
    return country + rest;
  }
  if (DIGITISH.test(word)) return [...word].map((c) => TO_DIGIT[c] ?? c).join("");
  return word;
}

const NUMBER_PART = /^[+(]?[0-9A-Za-z|)]*[0-9][0-9A-Za-z|)]*$/;

/** Whether two neighbouring words of a line are probably one token split by OCR. */
function looksSplit(a: OcrWordInput, b: OcrWordInput, lineGap: number): boolean {
  const height = Math.max(a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0, 1);
  // A gap wider than the text is tall is a column or a tab stop, not a misread space.
  if (b.bbox.x0 - a.bbox.x1 > 1.2 * height) return false;
  if (/[.@_-]$/.test(a.text) || /^[.@_-]/.test(b.text)) return true;
  // "sh@ic" "Loud." "com": an address whose domain has no dot yet goes on in the next word
  if (/@[^.\s@]{1,30}$/.test(a.text) && /^[A-Za-z]/.test(b.text)) return true;
  // A URL's scheme split from its authority: "postgres:" "//crm_admin:…@db", "postgres:/," "'/shop:…".
  if (/:[/\\|,'`]*$/.test(a.text) && /^[/\\|'`,]*[/\\]/.test(b.text)) return true;
  if (tightGap(a, b)) return true;
  // "char" "Lotte." "hol" "Loway@gmail.com" in a log's code font: a gap well under the line's
  // usual space between words is a cut OCR made, not a space
  if (lineGap > 0 && b.bbox.x0 - a.bbox.x1 < 0.8 * lineGap && /[A-Za-z0-9]$/.test(a.text) && /^[A-Za-z0-9]/.test(b.text)) return true;
  // An IBAN's country split from its check digits: "SI" "1" "3" "8690…" (leak test, 34 px DejaVu).
  if (IBAN_COUNTRIES.has(a.text) && /^[0-9]/.test(b.text)) return true;
  return NUMBER_PART.test(a.text) && NUMBER_PART.test(b.text);
}

/**
 * Whether the gap between two words is far narrower than a character of theirs: no space was
 * there, OCR cut one token ("rgovina&passwo" "rd=%38Pg…" in a code font). Overlapping readings
 * count too. The character width is the longer word's (a word of two narrow marks, "',", says
 * little); a space in a code font is a whole character, in a UI font more than half of one.
 */
export function tightGap(a: OcrWordInput, b: OcrWordInput): boolean {
  if (!a.text.length || !b.text.length) return false;
  const longer = a.text.length >= b.text.length ? a : b;
  const charW = (longer.bbox.x1 - longer.bbox.x0) / longer.text.length;
  return b.bbox.x0 - a.bbox.x1 < 0.5 * charW;
}

/**
 * The median space between a line's words, when it has enough of them to say (8 or more): what a
 * space is on that line; 0 otherwise. Gaps wider than two characters are a table's cells, not
 * spaces ("Basket    Details    Signed in as …"), nor are the gaps around a lone mark (a
 * breadcrumb's ">"): only gaps between two words of two characters or more count.
 */
const USUAL_GAP_WORDS = 8;
const SPACED_WORD = /[\p{L}\p{N}].*[\p{L}\p{N}]/u;
function usualGap(words: readonly OcrWordInput[]): number {
  if (words.length < USUAL_GAP_WORDS) return 0;
  const gaps: number[] = [];
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    // between words only: a breadcrumb's ">" or a lone mark has padding, not a space, around it
    if (!SPACED_WORD.test(a.text) || !SPACED_WORD.test(b.text)) continue;
    const gap = b.bbox.x0 - a.bbox.x1;
    const charW = (a.bbox.x1 - a.bbox.x0) / Math.max(1, a.text.length);
    if (gap > 0 && gap <= 2 * charW) gaps.push(gap);
  }
  if (gaps.length < USUAL_GAP_WORDS - 1) return 0;
  gaps.sort((x, y) => x - y);
  return gaps[gaps.length >> 1]!;
}

/** Pass-2 text: only the lines where gluing or look-alikes change something. */
export function buildPass2Text(lines: OcrLineInput[], maxChars = MAX_PASS2_CHARS): OcrText {
  const parts: string[] = [];
  const owners: number[] = [];
  let length = 0;
  let wordIndex = 0;
  for (const line of lines) {
    const first = wordIndex;
    wordIndex += line.words.length;
    let changed = false;
    const lineParts: string[] = [];
    const lineOwners: number[] = [];
    const lineGap = usualGap(line.words);
    line.words.forEach((w, i) => {
      if (i > 0 && !w.glued) {
        if (looksSplit(line.words[i - 1]!, w, lineGap)) changed = true;
        else {
          lineParts.push(cellGap(line.words[i - 1]!, w) ? "\t" : " ");
          lineOwners.push(-1);
        }
      }
      const normal = normaliseLookalikes(w.text);
      if (normal !== w.text) changed = true;
      lineParts.push(normal);
      for (let k = 0; k < normal.length; k++) lineOwners.push(first + i);
    });
    if (!changed) continue;
    const lineText = lineParts.join("");
    if (length + lineText.length + 1 > maxChars) break;
    if (parts.length) {
      parts.push("\n");
      owners.push(-1);
      length++;
    }
    parts.push(lineText);
    owners.push(...lineOwners);
    length += lineText.length;
  }
  return { text: parts.join(""), charWord: Int32Array.from(owners) };
}

function wordsIn(d: Detection, t: OcrText): number[] {
  const found = new Set<number>();
  for (let i = Math.max(0, d.start); i < Math.min(d.end, t.charWord.length); i++) {
    const w = t.charWord[i]!;
    if (w >= 0) found.add(w);
  }
  return [...found].sort((a, b) => a - b);
}

function toOriginal(b: Box, o: LocateOptions): Box {
  return {
    x0: Math.max(0, Math.floor(b.x0 / o.scale) - o.padding),
    y0: Math.max(0, Math.floor(b.y0 / o.scale) - o.padding),
    x1: Math.min(o.width, Math.ceil(b.x1 / o.scale) + o.padding),
    y1: Math.min(o.height, Math.ceil(b.y1 / o.scale) + o.padding),
  };
}

/**
 * One box per cell an entity touches: the union of its words there, padded, in original pixels.
 * Per cell, not per line: an entity that reaches into the next column must not paint the gap
 * and whatever OCR put on the line between (a neighbouring card's text).
 */
function boxesFor(type: EntityType, wordIds: number[], words: PlacedWord[], o: LocateOptions): ImageFinding[] {
  const byLine = new Map<number, Box>();
  for (const id of wordIds) {
    const w = words[id]!;
    const b = byLine.get(w.cell);
    byLine.set(
      w.cell,
      b
        ? { x0: Math.min(b.x0, w.bbox.x0), y0: Math.min(b.y0, w.bbox.y0), x1: Math.max(b.x1, w.bbox.x1), y1: Math.max(b.y1, w.bbox.y1) }
        : { ...w.bbox },
    );
  }
  return [...byLine.values()].map((box) => ({ type, box: toOriginal(box, o) }));
}

export interface LocatedFindings {
  findings: ImageFinding[];
  counts: Partial<Record<EntityType, number>>;
}

/**
 * OCR's reading of a table's rules, bullets and borders ("|", "—", "‘"): not text, and left in
 * they fill the gap between two cells so that a phone number runs on into the next column.
 */
const RULE_ONLY = /^[|—–‘’'"`~\[\]{}»«•·]+$/;

/** A vertical rule between a table's cells, read alone or glued to a cell's first or last word ("[bluefoxa2", "9174|"). */
const VERTICAL_RULE = /^[|[\]{}]+$/;
const RULE_BEFORE = /^[|[]/;
const RULE_AFTER = /[|\]]$/;

/**
 * The words without the rules OCR read as words; a word after a vertical rule starts a cell. The
 * padding of a bordered table's cells is narrower than cellGap's gap, so without the rules the
 * columns would run into one another ("+44 20 7681 5097 GhU…uH8 SI56 6201 …" as one cell).
 */
export function withoutRules(words: OcrWordInput[]): OcrWordInput[] {
  const out: OcrWordInput[] = [];
  let rule = false;
  for (const w of words) {
    if (RULE_ONLY.test(w.text)) {
      rule ||= VERTICAL_RULE.test(w.text);
      continue;
    }
    const before = rule || RULE_BEFORE.test(w.text) || (out.length > 0 && RULE_AFTER.test(out[out.length - 1]!.text));
    out.push(before && out.length > 0 ? { ...w, afterRule: true } : w);
    rule = false;
  }
  return out;
}

/**
 * "REDIS_PASSWORD=4y+37…", "ADMIN_PHONE-\"+386…" (OCR reads "=" as "-"): a config key glued to its
 * value is one OCR word, and painting the whole word loses the key, which is ordinary text. The
 * word is split where the value starts, its box in proportion to the characters; the text the
 * engine sees is unchanged (the halves are joined without a separator), but each half gets its own
 * cell, so the value is boxed alone and the key works as its label ("PHONE" names a phone).
 */
const ASSIGNMENT = /^(["'`]?[A-Za-z_][A-Za-z0-9_.]*["'`]?=|[A-Z][A-Z0-9_]{2,}(?:[-<](?=\S)|:(?=[^\p{L}\s:/-])))(.+)$/u;
export function splitAssignments(words: OcrWordInput[]): OcrWordInput[] {
  const out: OcrWordInput[] = [];
  for (const w of words) {
    const m = ASSIGNMENT.exec(w.text);
    if (!m || /^https?:|:\/\//i.test(w.text)) {
      out.push(w);
      continue;
    }
    const key = m[1]!;
    const x = w.bbox.x0 + ((w.bbox.x1 - w.bbox.x0) * key.length) / w.text.length;
    out.push({ text: key, bbox: { ...w.bbox, x1: x }, glued: w.glued, afterRule: w.afterRule }, { text: m[2]!, bbox: { ...w.bbox, x0: x }, glued: true });
  }
  return out;
}

export function locateFindings(allLines: OcrLineInput[], detect: DetectFn, o: LocateOptions): LocatedFindings {
  const shouldRedact = o.shouldRedact ?? (() => true);
  const lines = allLines.map((l) => ({ words: splitAssignments(withoutRules(l.words)) })).filter((l) => l.words.length);
  const { words, ocrText } = placeWords(lines);
  const findings: ImageFinding[] = [];
  const counts: Partial<Record<EntityType, number>> = {};
  const covered = new Set<number>();

  const found: { type: EntityType; ids: number[] }[] = [];
  const texts = lines.flatMap((l) => l.words.map((w) => w.text));
  const accept = (d: Detection, wordIds: number[]) => {
    const ids = withoutLabelCell(wordIds, words, texts);
    if (!ids.length || !shouldRedact(d.type)) return;
    // Growing a finding of the same type (a cell's rest, a split email) is not a second entity.
    const grows = found.some((f) => f.type === d.type && f.ids.some((id) => ids.includes(id)));
    found.push({ type: d.type, ids });
    ids.forEach((id) => covered.add(id));
    if (!grows) counts[d.type] = (counts[d.type] ?? 0) + 1;
    findings.push(...boxesFor(d.type, ids, words, o));
  };

  for (const d of detect(ocrText.text)) accept(d, wordsIn(d, ocrText));

  // Shapes OCR damaged (a URL's password without its "@", "&password-…"), as read and re-joined.
  for (const d of detectOcrShapes(ocrText.text)) {
    const ids = wordsIn(d, ocrText);
    if (!ids.every((id) => covered.has(id))) accept(d, ids);
  }
  const pass2 = buildPass2Text(lines);
  if (pass2.text) {
    for (const d of [...detect(pass2.text), ...detectOcrShapes(pass2.text)]) {
      if (!PASS2_TYPES.has(d.type)) continue;
      const ids = wordsIn(d, pass2);
      // Already blacked out by pass 1: the same entity seen twice, not a second one.
      if (ids.every((id) => covered.has(id))) continue;
      accept(d, ids);
    }
  }
  for (const f of assignmentValues(lines, words, found)) accept(f.detection, f.ids);
  // A secret runs to the end of its cell: OCR reads spaces into passwords ("word! word42").
  for (const f of [...secretTails(words, covered, found)]) accept(f.detection, f.ids);
  for (const f of secretAssignments(lines, words)) if (!f.ids.every((id) => covered.has(id))) accept(f.detection, f.ids);
  for (const f of nameColumn(lines, words, covered, found)) accept(f.detection, f.ids);
  for (const f of tableCues(lines, words, found)) accept(extra(f.type, f.ids).detection, f.ids);
  // only real words: a stray accent or dot read on its own must never cut a value's paint short
  const unpainted = words.filter((_, id) => !covered.has(id) && /[\p{L}\p{N}]{3}/u.test(texts[id]!)).map((w) => toOriginal(w.bbox, { ...o, padding: 0 }));
  for (const finding of findings) finding.box = clipToOwnLine(finding.box, unpainted);
  findings.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return { findings, counts };
}

/**
 * OCR sometimes boxes a word two lines tall ("Rok Kastelic" boxed from the line above), and the
 * paint then covers the words of that line ("Sestanek:"). A word nobody paints that lies wholly in
 * the upper or the lower half of a finding's box two lines tall or more, across its width, is
 * another line's: the box stops at it, keeping at least a line of paint. A word that reaches past the middle is left to the paint (it may be the same text
 * read twice).
 */
export function clipToOwnLine(box: Box, others: readonly Box[]): Box {
  const clipped = { ...box };
  const middle = (box.y0 + box.y1) / 2;
  for (const w of others) {
    const overlap = Math.min(w.x1, box.x1) - Math.max(w.x0, box.x0);
    const height = w.y1 - w.y0;
    // only a box two lines tall or more, and never below one line and a fifth of paint
    if (overlap < 0.5 * (w.x1 - w.x0) || w.y1 <= box.y0 || w.y0 >= box.y1 || box.y1 - box.y0 < 2.2 * height || height < (box.y1 - box.y0) / 4) continue;
    if (w.y1 <= middle && clipped.y1 - w.y1 >= 1.2 * height) clipped.y0 = Math.max(clipped.y0, w.y1);
    else if (w.y0 >= middle && w.y0 - clipped.y0 >= 1.2 * height) clipped.y1 = Math.min(clipped.y1, w.y0);
  }
  return clipped;
}

/** Labels of a card's rows that the engine may take into the value after them ("Naslov\tKoroška cesta 51"). */
const ROW_LABEL = /^(?:naslov|address|addr\.?|ship to|ime|name|from|to|od|za|kontakt|contact|account owner|owner|skrbnik|lastnik|customer|stranka|kupec)[:.]?$/i;
function withoutLabelCell(ids: number[], words: PlacedWord[], texts: string[]): number[] {
  if (ids.length < 2) return ids;
  const first = words[ids[0]!]!.cell;
  const head = ids.filter((id) => words[id]!.cell === first);
  if (head.length === ids.length) return ids;
  return ROW_LABEL.test(head.map((id) => texts[id]).join(" ")) ? ids.slice(head.length) : ids;
}

type Extra = { detection: Detection; ids: number[] };
const extra = (type: EntityType, ids: number[]): Extra => ({ detection: { type, start: 0, end: 0, confidence: 0.6 }, ids });

/** Word ids of each line split into cells where the gap is wider than the text is tall. */
export function cellsOf(lines: OcrLineInput[]): number[][][] {
  let id = 0;
  return lines.map((line) => {
    const cells: number[][] = [];
    line.words.forEach((w, i) => {
      const prev = line.words[i - 1];
      if (!prev || cellGap(prev, w)) cells.push([]);
      cells[cells.length - 1]!.push(id++);
    });
    return cells;
  });
}

const GROWS_TO_VALUE = new Set<EntityType>(["EMAIL", "SECRET", "IBAN", "PHONE", "CREDIT_CARD", "SI_TAX_ID"]);

/**
 * A config line's value is one token ("SMTP_USER=trgovina.podpora@trgovina.si"): when OCR lost a
 * character of it and read a space ("USER=" "t" "rgovina" "podpora@trgovina.si"), the engine finds
 * only the part after the gap. A structured finding inside the value after "KEY=" takes the value
 * whole, up to the next column.
 */
function assignmentValues(lines: OcrLineInput[], words: PlacedWord[], found: { type: EntityType; ids: number[] }[]): Extra[] {
  const typeOf = new Map<number, EntityType>();
  for (const f of found) if (GROWS_TO_VALUE.has(f.type)) for (const id of f.ids) if (!typeOf.has(id)) typeOf.set(id, f.type);
  const all = lines.flatMap((l) => l.words);
  const out: Extra[] = [];
  for (let id = 0; id < all.length; id++) {
    const next = all[id + 1];
    const isKey = /^[A-Za-z_][A-Za-z0-9_.]*=$/.test(all[id]!.text) || (/^[A-Z][A-Z0-9_]{2,}[=:<-]$/.test(all[id]!.text) && next?.glued);
    if (!isKey) continue;
    const value: number[] = [];
    for (let v = id + 1; v < all.length && words[v]!.line === words[id]!.line; v++) {
      if (v > id + 1 && !all[v]!.glued && cellGap(all[v - 1]!, all[v]!)) break;
      value.push(v);
    }
    const type = value.map((v) => typeOf.get(v)).find((t) => t !== undefined);
    if (type && value.length > 1 && value.some((v) => !typeOf.has(v))) out.push(extra(type, value));
  }
  return out;
}

function secretTails(words: PlacedWord[], covered: Set<number>, found: { type: EntityType; ids: number[] }[]): Extra[] {
  const out: Extra[] = [];
  for (const f of found) {
    if (f.type !== "SECRET") continue;
    const last = Math.max(...f.ids);
    const tail: number[] = [];
    for (let id = last + 1; id < words.length; id++) {
      const w = words[id]!;
      const prev = words[id - 1]!;
      const h = Math.max(1, w.bbox.y1 - w.bbox.y0);
      if (w.line !== prev.line || w.bbox.x0 - prev.bbox.x1 > 1.2 * h || covered.has(id)) break;
      tail.push(id);
    }
    if (tail.length) out.push(extra("SECRET", tail));
  }
  return out;
}

/** A key that names a secret, as code and config files write it: REDIS_PASSWORD, api_key, DB_PWD. */
const SECRET_KEY = /^["'`]?[A-Za-z0-9_.-]*(PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Za-z0-9_]*["'`]?\s*[:=]?$/i;
const ASSIGN = /^[:=]+$|^=>$/;
/** A later word of an upper-case key, split off by OCR: "KEY", "KEY-", "URL=". */
const KEY_PART = /^_?[A-Z][A-Z0-9_]{1,30}[-=:]?$/;

/** The value after a secret's key in the same cell, with or without "=" (the engine needs one). */
function secretAssignments(lines: OcrLineInput[], words: PlacedWord[]): Extra[] {
  const out: Extra[] = [];
  const all = lines.flatMap((l) => l.words);
  for (const cell of cellsOf(lines).flat()) {
    for (let k = 0; k < cell.length - 1; k++) {
      const key = all[cell[k]!]!.text;
      if (!SECRET_KEY.test(key) || !/[A-Z_]{2}|[a-z][A-Z]|_/.test(key)) continue;
      // "STRIPE SECRET KEY-" "sk_live…": OCR read the key's "_" as blanks; its later words are the key too
      let from = k + 1;
      while (from < cell.length - 1 && KEY_PART.test(all[cell[from]!]!.text)) from++;
      const value = cell.slice(from).filter((id) => !ASSIGN.test(all[id]!.text));
      if (value.length && words[value[0]!]) out.push(extra("SECRET", value));
      break;
    }
  }
  return out;
}

const NAME_WORD = /^\p{Lu}[\p{Ll}'’-]+[,.]?$/u;
const CONTACT = new Set<EntityType>(["EMAIL", "PHONE"]);

/**
 * A column of names beside emails or phones: in a row (a rebuilt line) where the engine found
 * an email or a phone, a cell of two or three capitalised words is a person's name. It takes
 * two such rows, so one caption beside one address does not count.
 */
function nameColumn(lines: OcrLineInput[], words: PlacedWord[], covered: Set<number>, found: { type: EntityType; ids: number[] }[]): Extra[] {
  const contactLines = new Set<number>();
  for (const f of found) if (CONTACT.has(f.type)) for (const id of f.ids) contactLines.add(words[id]!.line);
  const all = lines.flatMap((l) => l.words);
  const out: Extra[] = [];
  cellsOf(lines).forEach((cells, li) => {
    if (!contactLines.has(li)) return;
    for (const cell of cells) {
      if (cell.length < 2 || cell.length > 3 || cell.some((id) => covered.has(id))) continue;
      if (cell.every((id) => NAME_WORD.test(all[id]!.text))) out.push(extra("PERSON", cell));
    }
  });
  return out.length >= 2 ? out : [];
}
