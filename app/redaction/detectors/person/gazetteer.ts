import { feminineForms, masculineForms, surnameForms } from "./declension";

/**
 * The name gazetteer: every given name and surname of the lists in app/redaction/data (see its
 * README.md for where each list comes from), in every Slovenian case form the declension rules
 * give, as one Map from the lower-case form to what it can be. Built once, on first use, from
 * plain text files; after that a look-up is one Map.get. Loading reads files but does not change
 * what the engine returns: the same text still gives the same findings.
 */

export const GIVEN_MALE = 1;
export const GIVEN_FEMALE = 2;
export const SURNAME = 4;
/** Also an ordinary word ("rok", "will", "kosa"): a name only beside another name or after a cue. */
export const COMMON_WORD = 8;
/** A product, company, place or month ("Office", "Kranj", "Tesla"): never evidence of a name. */
export const NOT_A_NAME = 16;
/** The form is a nominative as listed ("Novak"), not a generated case form ("Novaka"). */
export const NOMINATIVE = 32;
/** A trade or business word ("Transport", "Joinery", "Tiskarna"): the capitalised words beside it name a company. */
export const COMPANY = 64;

export const GIVEN = GIVEN_MALE | GIVEN_FEMALE;
export const ANY_NAME = GIVEN | SURNAME;

type ListKind = "given-male" | "given-female" | "given-any" | "surname" | "common" | "not-a-name" | "company";
interface NameList {
  file: string;
  kind: ListKind;
  /** Generate the Slovenian possessive adjectives too (Matejev, Petrin): for names Slovenes write often. */
  possessives?: boolean;
}

export const NAME_LISTS: readonly NameList[] = [
  { file: "given-sl-male.txt", kind: "given-male", possessives: true },
  { file: "given-sl-female.txt", kind: "given-female", possessives: true },
  { file: "given-region-male.txt", kind: "given-male", possessives: true },
  { file: "given-region-female.txt", kind: "given-female", possessives: true },
  { file: "given-en-male.txt", kind: "given-male" },
  { file: "given-en-female.txt", kind: "given-female" },
  { file: "surnames-sl.txt", kind: "surname", possessives: true },
  { file: "surnames-region.txt", kind: "surname", possessives: true },
  { file: "surnames-en.txt", kind: "surname" },
  { file: "given-world-male.txt", kind: "given-male" },
  { file: "given-world-female.txt", kind: "given-female" },
  { file: "given-world-any.txt", kind: "given-any" },
  { file: "surnames-world.txt", kind: "surname" },
  { file: "common-word-names.txt", kind: "common" },
  { file: "common-word-forms.txt", kind: "common" },
  { file: "not-names.txt", kind: "not-a-name" },
  { file: "company-words.txt", kind: "company" },
];

/** A neuter trade word's singular cases: "čebelarstvo" → čebelarstva, čebelarstvu, čebelarstvom ("pri Čebelarstvu Rojc"). */
function neuterForms(lower: string): Set<string> {
  const stem = lower.slice(0, -1);
  return new Set([lower, `${stem}a`, `${stem}u`, `${stem}${lower.endsWith("o") ? "om" : "em"}`]);
}

export interface Gazetteer {
  /** Flags of a lower-case word; 0 when the word is in no list. */
  flagsOf(lowerCaseWord: string): number;
  /** Firms named like people ("morgan stanley", "calvin klein"): lower-case words joined by one blank. */
  companyNames: ReadonlySet<string>;
  /**
   * Flags of a word typed in ASCII, South Slavic letters included ("bostjan", "zupancic"): only
   * the listed nominatives, and only for places where a name is expected anyway (a handle), since
   * without č, š, ž many names are words ("basic").
   */
  asciiNominativeFlagsOf(lowerCaseWord: string): number;
  /**
   * False only when no key of the gazetteer's maps (the forms, their letters without marks, the
   * ASCII nominatives) has this unitsHash: then asciiNominativeFlagsOf gives 0 for a word in
   * ASCII or with a South Slavic letter, and the word need not be sliced out and looked up.
   */
  mayBeListed(hash: number): boolean;
  /** Every form with its flags (for scripts/build-name-common-words.ts). */
  entries(): IterableIterator<[string, number]>;
  stats: { names: Record<"givenMale" | "givenFemale" | "givenAny" | "surnames", number>; forms: number; commonWords: number; notNames: number };
}

let loaded: Gazetteer | undefined;

/** The gazetteer, read from the data files the first time it is asked for. */
export function gazetteer(): Gazetteer {
  return (loaded ??= buildGazetteer(readList));
}

/**
 * Flags of a lower-case word, a hyphenated name ("klaus-dieter", "jean-luc", "ani-mariji",
 * "chopra-singh") as known as its parts: every part a name and none a product or a place; a firm's
 * two names ("harley-davidson") are not a person's.
 */
export function flagsOfWord(lowerCaseWord: string): number {
  const names = gazetteer();
  const flags = names.flagsOf(lowerCaseWord);
  if (flags !== 0 || !lowerCaseWord.includes("-")) return flags;
  const parts = lowerCaseWord.split("-");
  // "Harley-Davidson", "Rolls-Royce": a firm named after two people
  if (names.companyNames.has(parts.join(" "))) return NOT_A_NAME;
  const partFlags = parts.map((part) => names.flagsOf(part));
  if (partFlags.some((f) => (f & ANY_NAME) === 0 || (f & NOT_A_NAME) !== 0)) return 0;
  return partFlags.reduce((a, b) => a & b) & (ANY_NAME | COMMON_WORD) || partFlags[0]! & ANY_NAME;
}

const HASH_BITS = 20;
/** A hash of text[start, end) in HASH_BITS bits, computed from its code units (no slice): the key of Gazetteer.mayBeListed. */
export function unitsHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash ^ (hash >>> HASH_BITS)) & ((1 << HASH_BITS) - 1);
}

/** Entries of a list file: one a line, "#" starts a comment line, blank lines skipped. */
export function parseList(content: string): string[] {
  const entries: string[] = [];
  for (const raw of content.split("\n")) {
    const line = raw.trim();
    if (line !== "" && !line.startsWith("#")) entries.push(line.normalize("NFC"));
  }
  return entries;
}

/** Builds the gazetteer from list contents; `read` gives a list file's entries (tests pass their own). */
const NON_ASCII = /[^\x00-\x7f]/;
const SOUTH_SLAVIC = /[čšžćđ]/;
const MARKS = /\p{M}+/gu;
/** The word's letters without diacritics: "lászló" → "laszlo", "kovač" → "kovac"; "ł", "ø", "đ" too. */
function fold(word: string): string {
  return word.normalize("NFD").replace(MARKS, "").replace(/ł/g, "l").replace(/ø/g, "o").replace(/đ/g, "d").replace(/ß/g, "ss");
}

export function buildGazetteer(read: (file: string) => string[]): Gazetteer {
  const flags = new Map<string, number>();
  const add = (form: string, flag: number) => flags.set(form, (flags.get(form) ?? 0) | flag);
  const counts = { givenMale: 0, givenFemale: 0, givenAny: 0, surnames: 0 };
  let commonWords = 0;
  let notNames = 0;
  for (const list of NAME_LISTS) {
    for (const entry of read(list.file)) {
      // "De Luca", "van der Berg": the last word carries the declension and is the one looked up.
      const words = entry.split(/\s+/);
      const name = words[words.length - 1]!;
      const lower = name.toLowerCase();
      if (list.kind === "company") {
        // "pri Mlakar Transportu", "od Tiskarne Pirc": the singular case forms too
        const forms = lower.endsWith("a") ? feminineForms(lower, false) : /[oe]$/.test(lower) ? neuterForms(lower) : /[aeiou]$/.test(lower) ? new Set([lower]) : masculineForms(lower, false);
        for (const form of forms) add(form, COMPANY);
        continue;
      }
      if (list.kind === "not-a-name" && ((flags.get(lower) ?? 0) & SURNAME) !== 0) {
        // "Hofer", "Mercator": a firm named like a surname is none in its case forms either ("pri Hoferju")
        for (const form of masculineForms(lower, false)) add(form, NOT_A_NAME);
      }
      if (list.kind === "common" || list.kind === "not-a-name") {
        add(lower, list.kind === "common" ? COMMON_WORD : NOT_A_NAME);
        if (list.kind === "common") commonWords++;
        else notNames++;
        continue;
      }
      const withPossessives = list.possessives === true;
      let flag: number;
      let forms: Set<string>;
      if (list.kind === "given-male") {
        flag = GIVEN_MALE;
        forms = masculineForms(name, withPossessives);
        counts.givenMale++;
      } else if (list.kind === "given-female") {
        flag = GIVEN_FEMALE;
        forms = feminineForms(name, withPossessives);
        counts.givenFemale++;
      } else if (list.kind === "given-any") {
        // a name of either sex, as written: no declension is guessed for it
        flag = GIVEN;
        forms = new Set([lower]);
        counts.givenAny++;
      } else {
        flag = SURNAME;
        forms = surnameForms(name, withPossessives);
        counts.surnames++;
      }
      for (const form of forms) add(form, form === lower ? flag | NOMINATIVE : flag);
    }
  }
  // Names typed without their diacritics ("Laszlo", "Jimenez") or with ones the list lacks
  // ("Siobhán"): a word that is not listed is looked up by its letters without marks. Not for the
  // South Slavic letters (č, š, ž, ć, đ): without them too many names are words ("Bašić" →
  // "basic", "Župan" → the surname "Zupan").
  const folded = new Map<string, number>();
  for (const [form, flag] of flags) {
    if (!NON_ASCII.test(form) || SOUTH_SLAVIC.test(form)) continue;
    const key = fold(form);
    if (key !== form) folded.set(key, (folded.get(key) ?? 0) | flag);
  }
  const lookup = (word: string): number => {
    const direct = flags.get(word);
    if (direct !== undefined) return direct;
    if (!NON_ASCII.test(word)) return folded.get(word) ?? 0;
    if (SOUTH_SLAVIC.test(word)) return 0;
    const key = fold(word);
    return flags.get(key) ?? folded.get(key) ?? 0;
  };
  const asciiNominatives = new Map<string, number>();
  for (const [form, flag] of flags) {
    if ((flag & NOMINATIVE) === 0 || !SOUTH_SLAVIC.test(form)) continue;
    const key = fold(form);
    asciiNominatives.set(key, (asciiNominatives.get(key) ?? 0) | flag);
  }
  const listed = new Int32Array(1 << (HASH_BITS - 5));
  for (const map of [flags, folded, asciiNominatives]) {
    for (const key of map.keys()) {
      const hash = unitsHash(key, 0, key.length);
      listed[hash >> 5]! |= 1 << (hash & 31);
    }
  }
  const companyNames = new Set(read("company-names.txt").map((entry) => entry.toLowerCase().split(/\s+/).join(" ")));
  return {
    flagsOf: lookup,
    asciiNominativeFlagsOf: (word) => lookup(word) || (asciiNominatives.get(word) ?? 0),
    companyNames,
    mayBeListed: (hash) => (listed[hash >> 5]! & (1 << (hash & 31))) !== 0,
    entries: () => flags.entries(),
    stats: { names: counts, forms: flags.size, commonWords, notNames },
  };
}

/**
 * The data folder: beside this module when run from source (tests, scripts), under the working
 * directory's app/redaction/data when the server runs from a bundle (remix build puts app/ code
 * into build/, not the data files). node:fs is asked for at run time, so that no browser bundle
 * that imports the engine's types ever has to resolve it.
 */
function dataDirectory(): string {
  const fs = process.getBuiltinModule("node:fs");
  const path = process.getBuiltinModule("node:path");
  const url = process.getBuiltinModule("node:url");
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(url.fileURLToPath(import.meta.url)), "../../data"));
  } catch {
    // import.meta.url is not a file URL in some bundles; the working directory still works
  }
  candidates.push(path.join(process.cwd(), "app/redaction/data"));
  for (const candidate of candidates) if (fs.existsSync(path.join(candidate, "README.md"))) return candidate;
  throw new Error("the name gazetteer's data folder (app/redaction/data) was not found");
}

let directory: string | undefined;

function readList(file: string): string[] {
  const fs = process.getBuiltinModule("node:fs");
  const path = process.getBuiltinModule("node:path");
  directory ??= dataDirectory();
  const full = path.join(directory, file);
  // The derived list of common-word forms is optional: without it names are only less cautious.
  if (file === "common-word-forms.txt" && !fs.existsSync(full)) return [];
  return parseList(fs.readFileSync(full, "utf8"));
}
