/**
 * The literal starts a pattern's matches must begin with, read from its source: for
 * `(?<![\p{L}])(?:use|try|uporabi\p{L}{0,3})[ \t]+…` they are "use", "try" and "upo". An
 * alternation of short literals is what V8 scans fastest (it looks at one character and skips
 * on), while the full pattern, led by a lookbehind and a long alternation, costs a match attempt
 * at every position of the text; listing the positions where a start stands and trying the
 * pattern only there gives the same matches (see scanAll in candidate-scan.ts).
 *
 * Derived at run time from the source, so a cue word added to a pattern is never missed by a
 * hand-written prefilter. Only sure starts are kept: an atom that may be skipped (`x?`, `x*`,
 * `x{0,2}`) ends the start before it; lookarounds and `\b` are zero-width and skipped; anything
 * not understood (a backreference, a `.`, an anchor, the v flag, a character outside the BMP)
 * ends the start, and an alternative with no sure first atom makes the whole answer null.
 */

import { closingParen, splitTopLevel } from "./regex-source";

/** Atoms kept per start: four letters rule out most positions ("con" stands in every other line, "conf" seldom). */
const MAX_ATOMS = 4;

/** The sure literal starts of the pattern's matches as one regex source, or null when there are none. */
export function literalStartsSource(pattern: RegExp): string | null {
  if (pattern.flags.includes("v")) return null;
  const starts = alternativeStarts(pattern.source, 0, pattern.source.length);
  if (starts === null || starts.length === 0) return null;
  return [...new Set(starts)].join("|");
}

/** Starts of an alternation spanning source[from, to). */
function alternativeStarts(source: string, from: number, to: number): string[] | null {
  const alternatives = splitTopLevel(source.slice(from, to));
  if (alternatives === null) return null;
  const starts: string[] = [];
  for (const alternative of alternatives) {
    const found = sequenceStarts(alternative, 0, alternative.length);
    if (found === null) return null;
    starts.push(...found);
  }
  return starts;
}

/** Index after the "]" that closes the class opening at i, or -1. */
function classEnd(source: string, i: number, to: number): number {
  for (let j = i + 1; j < to; j++) {
    if (source[j] === "\\") j++;
    else if (source[j] === "]") return j + 1;
  }
  return -1;
}

/** Index after the ")" that closes the group opening at i, or -1. */
function groupEnd(source: string, i: number): number {
  const close = closingParen(source, i);
  return close === -1 ? -1 : close + 1;
}

/** Escapes that match no character (word boundaries). */
const ZERO_WIDTH_ESCAPE = /^\\[bB]$/;
/** Escapes that match one character and can be copied as they are. */
const COPYABLE_ESCAPE = /^\\(?:[dDsSwW.\\/\-^$*+?()[\]{}|tnrfv]|[pP]\{[A-Za-z_=]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2})$/;

/** Starts of one sequence source[from, to) (no top-level "|"), or null when it has no sure first atom. */
function sequenceStarts(source: string, from: number, to: number): string[] | null {
  let prefix = "";
  let atoms = 0;
  let i = from;
  while (i < to && atoms < MAX_ATOMS) {
    const ch = source[i]!;
    let atom: string;
    let end: number;
    if (ch === "(") {
      end = groupEnd(source, i);
      if (end === -1) return null;
      if (source.startsWith("(?=", i) || source.startsWith("(?!", i) || source.startsWith("(?<=", i) || source.startsWith("(?<!", i)) {
        i = end; // zero-width: the match starts at the same position
        continue;
      }
      if (isQuantifier(source[end])) break; // an optional or repeated group: no sure start past here
      const innerFrom = source.startsWith("(?:", i) ? i + 3 : source.startsWith("(?<", i) ? source.indexOf(">", i) + 1 : i + 1;
      const inner = alternativeStarts(source, innerFrom, end - 1);
      if (inner === null || inner.length === 0 || inner.some((start) => start === "")) break;
      return inner.map((start) => prefix + start);
    }
    if (ch === "\\") {
      const escape = /^\\(?:[pP]\{[^}]*\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)/su.exec(source.slice(i, to))?.[0];
      if (escape === undefined) break;
      end = i + escape.length;
      if (ZERO_WIDTH_ESCAPE.test(escape)) {
        i = end;
        continue;
      }
      if (!COPYABLE_ESCAPE.test(escape)) break;
      atom = escape;
    } else if (ch === "[") {
      end = classEnd(source, i, to);
      if (end === -1) return null;
      atom = source.slice(i, end);
    } else if (ch === "." || ch === "^" || ch === "$" || ch === "|" || ch === ")" || isQuantifier(ch)) break;
    else {
      const unit = ch.charCodeAt(0);
      if (unit >= 0xd800 && unit <= 0xdfff) break; // outside the BMP: left to the full scan
      atom = ch;
      end = i + 1;
    }
    const next = source[end];
    if (next === "?" || next === "*" || next === "{") break; // may match nothing: not a sure atom
    prefix += atom;
    atoms++;
    if (next === "+") break; // at least one, but what follows may start anywhere in the run
    i = end;
  }
  return prefix === "" ? null : [prefix];
}

function isQuantifier(ch: string | undefined): boolean {
  return ch === "?" || ch === "*" || ch === "+" || ch === "{";
}
