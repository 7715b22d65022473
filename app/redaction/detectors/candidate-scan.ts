/**
 * Running a pattern over the whole text costs a match attempt at every position,
 * which for a pattern that starts with a lookbehind, a Unicode class or a long
 * alternation is most of a detector's time. When a cheap scan (indexOf, a plain
 * literal pattern) can list every position where a match could start, trying a
 * sticky copy of the pattern only there gives the same matches.
 */

const stickyCopies = new WeakMap<RegExp, RegExp>();

/**
 * Candidates closer together than this on average ("password: " a hundred thousand
 * times): one call per candidate then costs more than the full scan, which gives
 * the same matches, so the full scan is used.
 */
const DENSE_SPACING = 16;

/** Whether `count` candidates in a text of `length` are too many to try one by one. */
export function tooDense(count: number, length: number): boolean {
  return count * DENSE_SPACING > length;
}

/**
 * Exactly what text.matchAll(pattern) returns (pattern global), given every
 * position (ascending) where a match could start: a sticky copy is tried at each
 * start, skipping starts inside an earlier match, as a global scan resumes after
 * the match it found. With `starts` null, or too dense, the full scan runs.
 */
export function matchesAt(pattern: RegExp, text: string, starts: readonly number[] | null): Iterable<RegExpExecArray> {
  if (starts === null || tooDense(starts.length, text.length)) return text.matchAll(pattern);
  let sticky = stickyCopies.get(pattern);
  if (sticky === undefined) {
    sticky = new RegExp(pattern.source, pattern.flags.replace("g", "") + "y");
    stickyCopies.set(pattern, sticky);
  }
  const matches: RegExpExecArray[] = [];
  let resumeAt = 0;
  for (const start of starts) {
    if (start < resumeAt) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match === null) continue;
    matches.push(match);
    resumeAt = Math.max(start + match[0].length, start + 1);
  }
  return matches;
}
