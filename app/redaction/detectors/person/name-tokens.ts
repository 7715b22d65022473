import { flagsOfWord, gazetteer, NOMINATIVE, SURNAME } from "./gazetteer";

/**
 * Capitalised words of a text, with what the gazetteer knows of each and where it stands: one
 * pass over the characters, every token bounded in length, so the scan stays linear whatever the
 * input. Tokens that belong to an e-mail address, a path or an identifier ("Novak@", "Word.exe",
 * "getName") are not tokens.
 */
export interface NameToken {
  start: number;
  end: number;
  /** Lower-case text, the key into the gazetteer. */
  lower: string;
  flags: number;
  /** "J." — end includes the full stop. */
  initial: boolean;
  /** Upper-case first letter, lower-case letters after (internal capitals only in known names: McDonald). */
  capitalised: boolean;
  allCaps: boolean;
  /** "Sarah's": end stops before the apostrophe. */
  possessive: boolean;
  /** First word of the text, of a line or of a sentence (after . ! ? :), where capitals say little. */
  sentenceInitial: boolean;
  lineInitial: boolean;
  /** Joined to the previous token by one space, or by a particle ("van der", "de"). */
  linked: boolean;
  /** An Irish surname's particle ("Ó", "Ní"): it and the capitalised word after it are the surname. */
  irishParticle?: boolean;
}

const MAX_TOKEN = 48;

// Character classes per UTF-16 unit, asked of the regexes once per unit: 0 not yet asked.
const UPPER = 1;
const LOWER = 2; // any other letter
const DIGIT = 3;
const OTHER = 4;
const CLASSES = new Uint8Array(65536);
const IS_UPPER = /\p{Lu}/u;
const IS_LETTER = /\p{L}|\p{M}/u;
const IS_DIGIT = /\p{N}/u;

export function charClass(unit: number): number {
  let known = CLASSES[unit]!;
  if (known === 0) {
    const char = String.fromCharCode(unit);
    known = IS_UPPER.test(char) ? UPPER : IS_LETTER.test(char) ? LOWER : IS_DIGIT.test(char) ? DIGIT : OTHER;
    CLASSES[unit] = known;
  }
  return known;
}

const isLetter = (unit: number) => {
  const c = charClass(unit);
  return c === UPPER || c === LOWER;
};

/** Units before a token that make it part of something else: a path, an address, an identifier. */
const GLUED_BEFORE = new Set([..."_@./\\-'’#$%&*+=~^|`"].map((c) => c.charCodeAt(0)));

const APOSTROPHES = new Set([39, 0x2019]);
const isWordUnit = (unit: number) => isLetter(unit) || charClass(unit) === DIGIT;
const HYPHEN = 45;

/** The particles of Irish surnames (Ó, Ní, Nic, Uí, Ua, Mhic): "Máire Ní Bhriain", "Seán Ó Conghaile". */
const IRISH_PARTICLES = new Set(["Ó", "Ní", "Nic", "Uí", "Ua", "Mhic"]);
/** Lower-case words that join the parts of a name: "van der Berg", "de Luca", "von Trapp". */
const PARTICLES = new Set(["van", "der", "den", "de", "del", "della", "di", "von", "zu", "ten", "la", "du", "des", "dos", "das", "bin", "ibn", "al", "el"]);

export function nameTokens(text: string): NameToken[] {
  const tokens: NameToken[] = [];
  const names = gazetteer();
  const n = text.length;
  // A long text repeats its capitalised words: each distinct one is lower-cased and looked up once
  // (for a short ticket the map costs more than it saves).
  const seen = n > 8192 ? new Map<string, { lower: string; flags: number }>() : null;
  let i = 0;
  while (i < n) {
    const unit = text.charCodeAt(i);
    const cls = charClass(unit);
    if (cls !== UPPER) {
      if (cls === LOWER || cls === DIGIT) {
        // skip the rest of the word: a capital inside it ("iPhone", "x64Bit") starts no name
        i++;
        while (i < n && charClass(text.charCodeAt(i)) <= DIGIT) i++;
      } else i++;
      continue;
    }
    const start = i;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    // an apostrophe glues only after a letter or a digit ("l'Aquila"); after a blank it opens a quote ('Tadej Oblak')
    const quoteOpens = APOSTROPHES.has(before) && (start < 2 || !isWordUnit(text.charCodeAt(start - 2)));
    const glued = start > 0 && !quoteOpens && (charClass(before) === DIGIT || GLUED_BEFORE.has(before));
    let j = i + 1;
    let possessive = false;
    let hasLower = false;
    let innerUpper = false;
    while (j < n && j - start <= MAX_TOKEN) {
      const u = text.charCodeAt(j);
      const c = charClass(u);
      if (c === LOWER) {
        hasLower = true;
        j++;
      } else if (c === UPPER) {
        innerUpper = true;
        j++;
      } else if (APOSTROPHES.has(u) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) {
        const next = text.charCodeAt(j + 1);
        if ((next === 115 || next === 83) && (j + 2 >= n || !isLetter(text.charCodeAt(j + 2)))) {
          possessive = true; // "Sarah's"
          break;
        }
        j++; // "O'Brien", "D'Angelo"
      } else if (u === HYPHEN && j + 1 < n && charClass(text.charCodeAt(j + 1)) === UPPER) {
        j++; // "Novak-Kos", "Jean-Luc"
      } else break;
    }
    // the whole word, if it ran on past the bound: too long for a name
    if (j - start > MAX_TOKEN) {
      i = j;
      while (i < n && charClass(text.charCodeAt(i)) <= DIGIT) i++;
      continue;
    }
    const end = j;
    i = j;
    const after = end < n ? text.charCodeAt(end) : 32;
    if (glued || charClass(after) === DIGIT || after === 64 /* @ */ || after === 95 /* _ */) continue;
    // "Fritz!Box": a product name glued by "!"
    if (after === 33 && end + 1 < n && isLetter(text.charCodeAt(end + 1))) continue;
    // "Word.exe", "Novak.si": a dot followed by a letter or digit joins a file or host name
    if (after === 46 && end + 1 < n && charClass(text.charCodeAt(end + 1)) <= DIGIT && !(end - start === 1)) continue;
    const length = end - start;
    const word = text.slice(start, end);
    let known = seen?.get(word);
    if (known === undefined) {
      const lowerCase = word.toLowerCase();
      known = { lower: lowerCase, flags: lowerCase.includes("-") ? flagsOfWord(lowerCase) : names.flagsOf(lowerCase) };
      seen?.set(word, known);
    }
    const lower = known.lower;
    const initial = length === 1 && after === 46;
    // "Orla Ní Bhriain", "Seán Ó Conghaile": the particle before a capitalised word says a surname
    const irishParticle = IRISH_PARTICLES.has(word) && after === 32 && end + 1 < n && charClass(text.charCodeAt(end + 1)) === UPPER;
    const flags = irishParticle ? SURNAME | NOMINATIVE : known.flags;
    const allCaps = !hasLower && length >= 2;
    const capitalised = irishParticle || (hasLower && (!innerUpper || flags !== 0 || /^(?:Mc|Mac|O'|O’|D'|D’)/.test(word) || word.includes("-")));
    tokens.push({
      start,
      end: initial ? end + 1 : end,
      lower,
      flags,
      initial,
      capitalised,
      allCaps,
      possessive,
      sentenceInitial: false,
      lineInitial: false,
      linked: false,
      ...(irishParticle ? { irishParticle } : {}),
    });
    if (initial) i = end + 1;
    markPosition(text, tokens[tokens.length - 1]!, tokens.length > 1 ? tokens[tokens.length - 2]! : null);
  }
  return tokens;
}

const OPENERS = new Set([..." \t\"'“„«»‘([*•·–—-"].map((c) => c.charCodeAt(0)));
const SENTENCE_END = new Set([..."!?:;…"].map((c) => c.charCodeAt(0)));

/** Fills in sentenceInitial, lineInitial and linked by looking back at most a few characters. */
function markPosition(text: string, token: NameToken, previous: NameToken | null): void {
  let k = token.start - 1;
  const limit = Math.max(0, token.start - 12);
  while (k >= limit && OPENERS.has(text.charCodeAt(k))) k--;
  if (k < 0 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13) {
    token.lineInitial = token.sentenceInitial = true;
  } else if (k >= limit) {
    const unit = text.charCodeAt(k);
    // "1. Ana", a numbered list, is a line start too; "dr. Novak" or "J. Novak" is not a sentence end
    if (SENTENCE_END.has(unit)) token.sentenceInitial = true;
    else if (unit === 46) token.sentenceInitial = !abbreviationBefore(text, k) && !(previous?.initial && previous.end === k + 1);
  }
  if (previous === null || previous.end > token.start) return;
  const gap = token.start - previous.end;
  if (gap === 1) {
    const unit = text.charCodeAt(previous.end);
    token.linked = unit === 32 || unit === 0xa0;
  } else if (gap === 2 && isNicknameGap(text, previous, token)) {
    token.linked = true;
  } else if (gap <= 12) {
    const between = text.slice(previous.end, token.start);
    if (!/^ [a-z ]+ $/.test(between)) return; // most gaps: a comma, a full stop, more than blanks and particles
    const words = between.trim().split(/ +/);
    token.linked = words.length <= 2 && words.every((w) => PARTICLES.has(w));
  }
}

/**
 * A nickname in quotes between a given name and a surname ('Rosalind "Roz" Whitaker', "Ana „Anči“
 * Novak"): the quoted word is linked to the name before it (' "' before it and its closing quote
 * and a blank after it) and the surname to it ('" ' after the nickname opened by a quote).
 */
const OPENING_QUOTES = new Set([..."\"“„'‘"].map((c) => c.charCodeAt(0)));
const CLOSING_QUOTES = new Set([..."\"”“'’"].map((c) => c.charCodeAt(0)));
function isNicknameGap(text: string, previous: NameToken, token: NameToken): boolean {
  const first = text.charCodeAt(previous.end);
  const second = text.charCodeAt(previous.end + 1);
  // ' "Roz': the nickname opens, and closes right after itself before a blank
  if (first === 32 && OPENING_QUOTES.has(second)) return CLOSING_QUOTES.has(text.charCodeAt(token.end)) && text.charCodeAt(token.end + 1) === 32;
  // 'Roz" W': the surname after a nickname that a quote opened
  return CLOSING_QUOTES.has(first) && second === 32 && OPENING_QUOTES.has(text.charCodeAt(previous.start - 1));
}

/** Abbreviations after which a full stop does not end the sentence ("dr. Novak", "g. Kos", "npr. Ana"). */
const ABBREVIATIONS = new Set(["g", "ga", "gdč", "dr", "prof", "mr", "mrs", "ms", "st", "sv", "npr", "itd", "oz", "tj", "mag", "ing", "dipl", "univ", "doc", "mag", "jr", "sr", "ul", "c"]);

function abbreviationBefore(text: string, dot: number): boolean {
  let k = dot - 1;
  while (k >= 0 && dot - k <= 5 && isLetter(text.charCodeAt(k))) k--;
  return ABBREVIATIONS.has(text.slice(k + 1, dot).toLowerCase());
}
