import { closingParen, splitTopLevel, syntaxPositions } from "./regex-source";

/**
 * A pattern that starts with an alternation of words, `(?:[Kk]olega|[Kk]olegica|[Ss]in|Dr)…`,
 * rewritten with the words grouped by their first character: `(?:[Kk](?:olega|olegica)|[Ss]in|Dr)…`.
 * V8 tries the words of a plain alternation one by one at every position of the text; grouped,
 * one look at the first character rules most of them out (the person cues scan about twice as fast).
 *
 * The matches stay the same. Inside a group the words keep their order, and at any position at
 * most one group can match: groups are made by the first atom ("[Kk]", "D") when no character
 * belongs to two of them, otherwise by single characters ("[Ll]ep" counts as "L" and as "l").
 * Only for patterns without the "i" flag (under it "K" and "k" would be one character), and only
 * when every word starts with a plain character or a class of plain characters; anything else
 * comes back unchanged.
 */
export function groupLeadingAlternation(pattern: RegExp): RegExp {
  if (!pattern.source.startsWith("(?:")) return pattern;
  const end = closingParen(pattern.source, 0);
  if (end === -1) return pattern;
  const ignoreCase = pattern.flags.includes("i");
  const grouped = ignoreCase ? groupedAlternationIgnoringCase(pattern.source.slice(3, end)) : groupedAlternation(pattern.source.slice(3, end));
  if (grouped === null || grouped === pattern.source.slice(3, end)) return pattern;
  return new RegExp(`(?:${grouped})${pattern.source.slice(end + 1)}`, pattern.flags);
}

/** The words of an alternation grouped by first character, or null when they cannot be. */
export function groupedAlternation(source: string): string | null {
  // a word copied into two groups would copy its capturing groups and renumber the ones after it
  if (hasCapturingGroup(source)) return null;
  const alternatives = splitTopLevel(source);
  if (alternatives === null || alternatives.length < 2) return null;
  const heads: Array<{ atom: string; chars: string[]; rest: string }> = [];
  for (const alternative of alternatives) {
    const head = firstAtom(alternative);
    if (head === null) return null;
    heads.push({ ...head, rest: alternative.slice(head.atom.length) });
  }
  // by first atom when no character is in two different atoms, else by single character
  const owner = new Map<string, string>();
  let disjoint = true;
  for (const { atom, chars } of heads) {
    for (const char of chars) {
      const known = owner.get(char);
      if (known !== undefined && known !== atom) disjoint = false;
      owner.set(char, atom);
    }
  }
  const groups = new Map<string, string[]>();
  const add = (key: string, rest: string) => {
    let rests = groups.get(key);
    if (!rests) groups.set(key, (rests = []));
    rests.push(rest);
  };
  for (const { atom, chars, rest } of heads) {
    if (disjoint) add(atom, rest);
    else for (const char of chars) add(char, rest);
  }
  return groupedWords(groups).join("|");
}

/**
 * groupedAlternation for a pattern under the "i" flag, where a letter stands for its other case
 * too (and, under "u", "s" for "ſ" and "k" for the Kelvin sign): only when every word starts with
 * an ASCII letter, "ſ", "K" or a class of them, and no two first atoms share a character in any
 * case; then at most one group can match at a position, and its words keep their order. Else null.
 */
export function groupedAlternationIgnoringCase(source: string): string | null {
  if (hasCapturingGroup(source)) return null;
  const alternatives = splitTopLevel(source);
  if (alternatives === null || alternatives.length < 2) return null;
  const groups = new Map<string, string[]>();
  const owner = new Map<string, string>();
  for (const alternative of alternatives) {
    const head = firstLetterAtom(alternative);
    if (head === null) return null;
    for (const char of head.chars) {
      const known = owner.get(char);
      if (known !== undefined && known !== head.key) return null;
      owner.set(char, head.key);
    }
    let rests = groups.get(head.key);
    if (!rests) groups.set(head.key, (rests = []));
    rests.push(alternative.slice(head.atom.length));
  }
  return groupedWords(groups).join("|");
}

/** Every character a letter may match under "i" and "iu": both ASCII cases, and "ſ" with "s", "K" (Kelvin) with "k". */
function caseClosure(char: string): string[] | null {
  const lower = char === "ſ" ? "s" : char === "\u212a" ? "k" : char.toLowerCase();
  if (!/^[a-z]$/.test(lower)) return null;
  const chars = [lower, lower.toUpperCase()];
  if (lower === "s") chars.push("ſ");
  if (lower === "k") chars.push("\u212a");
  return chars;
}

/** The first atom of an alternative under "i": an ASCII letter, "ſ", "K", or a class of them ("[sſ]", "[k\u212a]"); null otherwise. */
function firstLetterAtom(alternative: string): { atom: string; key: string; chars: string[] } | null {
  let atom: string;
  let members: string[];
  if (alternative.startsWith("[")) {
    const close = alternative.indexOf("]");
    if (close === -1) return null;
    atom = alternative.slice(0, close + 1);
    const body = atom.slice(1, -1).replace(/\\u212[aA]/g, "\u212a");
    if (body === "" || /[\\^\-\]\[]/.test(body)) return null;
    members = [...body];
  } else {
    atom = alternative[0] ?? "";
    members = [atom];
  }
  const chars: string[] = [];
  for (const member of members) {
    const closure = caseClosure(member);
    if (closure === null) return null;
    for (const char of closure) if (!chars.includes(char)) chars.push(char);
  }
  const next = alternative[atom.length];
  if (next === "?" || next === "*" || next === "+" || next === "{") return null;
  // a single letter is keyed in lower case, so that "Best" and "best" share a group
  const key = /^[A-Za-z]$/.test(atom) ? atom.toLowerCase() : atom;
  return { atom, key, chars };
}

/** Each group's words behind their shared first atom: "v" with ["eri", "hod"] gives "v(?:eri|hod)", a lone word stays whole. */
export function groupedWords(groups: ReadonlyMap<string, readonly string[]>): string[] {
  return [...groups].map(([key, rests]) => (rests.length === 1 ? key + rests[0] : `${key}(?:${rests.join("|")})`));
}

function hasCapturingGroup(source: string): boolean {
  for (const i of syntaxPositions(source)) {
    if (source[i] === "(" && !(source[i + 1] === "?" && (source[i + 2] === ":" || source[i + 2] === "=" || source[i + 2] === "!" || (source[i + 2] === "<" && (source[i + 3] === "=" || source[i + 3] === "!"))))) return true;
  }
  return false;
}

/** Characters that mean themselves, in and out of a class. */
const PLAIN = /^[\p{L}\p{N} '’,_]$/u;

/** The first atom of an alternative when it is one plain character or a class of plain characters. */
function firstAtom(alternative: string): { atom: string; chars: string[] } | null {
  const class_ = /^\[([^\]\\^-]+)\]/u.exec(alternative);
  const atom = class_ ? class_[0] : [...alternative][0];
  if (atom === undefined) return null;
  const chars = class_ ? [...new Set(class_[1]!)] : [atom];
  if (!chars.every((c) => PLAIN.test(c))) return null;
  // a quantifier after the atom would make it optional or repeated
  const next = alternative[atom.length];
  if (next === "?" || next === "*" || next === "+" || next === "{") return null;
  return { atom, chars };
}
