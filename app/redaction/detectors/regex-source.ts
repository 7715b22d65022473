/**
 * Reading a regex's source as syntax: which characters are operators (not escaped, not inside a
 * [class]), where a group closes, its top-level alternatives. Shared by the rewrites that speed
 * patterns up (grouped-alternation.ts) and the literal starts read from them (literal-prefixes.ts).
 */

/**
 * The positions in `source`, from `from`, of the characters that are regex syntax: not escaped and
 * not inside a [class]. Its return value says whether the source ended inside a class.
 */
export function* syntaxPositions(source: string, from = 0): Generator<number, boolean> {
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else yield i;
  }
  return inClass;
}

/** Index of the ")" that closes the group opening at `open`, or -1. */
export function closingParen(source: string, open: number): number {
  let depth = 0;
  for (const i of syntaxPositions(source, open)) {
    if (source[i] === "(") depth++;
    else if (source[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** The top-level alternatives of a source, or null when its brackets do not balance. */
export function splitTopLevel(source: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const positions = syntaxPositions(source);
  let next = positions.next();
  for (; !next.done; next = positions.next()) {
    const i = next.value;
    const ch = source[i];
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return null;
    else if (ch === "|" && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0 || next.value) return null;
  parts.push(source.slice(start));
  return parts;
}
