/**
 * Candidate numbers are matched greedily across separators ("4111 1111 1111 1111 2026"
 * takes the year too). These are the readings that end at a group boundary,
 * longest first, with their digit counts, so a validator can find the real
 * number inside and skip lengths that cannot be valid without looking at them.
 */
export function readingsAtGroupBoundaries(candidate: string): Array<{ end: number; digitCount: number }> {
  const readings: Array<{ end: number; digitCount: number }> = [];
  let digitCount = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (!isDigit(candidate[i]!)) continue;
    digitCount++;
    const next = candidate[i + 1];
    if (next === undefined || !isDigit(next)) readings.push({ end: i + 1, digitCount });
  }
  return readings.reverse();
}

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, "");
}

function isDigit(char: string): boolean {
  return char >= "0" && char <= "9";
}
