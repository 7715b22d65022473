/**
 * Running a pattern over the whole text costs a match attempt at every position,
 * which for a pattern that starts with a lookbehind, a Unicode class or a long
 * alternation is most of a detector's time. When a cheap scan (indexOf, a plain
 * literal pattern) can list every position where a match could start, trying a
 * sticky copy of the pattern only there gives the same matches.
 */
import { groupedWords } from "./grouped-alternation";
import { literalStartsSource } from "./literal-prefixes";
import { splitTopLevel } from "./regex-source";

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

/**
 * An alternation of literal starts ("veri|secu|sign|…") with the starts that begin with the same
 * letter or digit grouped behind it ("v(?:eri|hod)|s(?:ecu|ign)|…"): V8 tries a plain
 * alternation's words one by one at every position, and sixty of them made the longest start
 * scans cost more than a pattern each. A scan only says where some start matches, and a union
 * keeps its positions however its words are grouped; under the "i" flag a letter is grouped
 * with its other case. Starts led by anything else (a class, an escape) stay as they are.
 */
export function groupedStarts(source: string, ignoreCase: boolean): string {
  const alternatives = splitTopLevel(source);
  if (alternatives === null || alternatives.length < 2) return source;
  const groups = new Map<string, string[]>();
  const others: string[] = [];
  for (const alternative of alternatives) {
    const first = alternative[0];
    if (first === undefined || !/[A-Za-z0-9]/.test(first) || /^[?*+{]/.test(alternative.slice(1))) {
      others.push(alternative);
      continue;
    }
    const key = ignoreCase ? first.toLowerCase() : first;
    let rests = groups.get(key);
    if (rests === undefined) groups.set(key, (rests = []));
    rests.push(alternative.slice(1));
  }
  return groupedWords(groups).concat(others).join("|");
}

const startScans = new WeakMap<RegExp, RegExp | null>();

/**
 * Exactly what text.matchAll(pattern) returns (pattern global), found faster when the pattern's
 * matches must begin with one of a few literal starts (literal-prefixes.ts): one scan for those
 * starts lists the candidates, and the pattern is tried only there. Without such starts, or with
 * candidates too dense, the full scan runs.
 */
export function scanAll(pattern: RegExp, text: string): Iterable<RegExpExecArray> {
  let scan = startScans.get(pattern);
  if (scan === undefined) {
    const source = literalStartsSource(pattern);
    scan = source === null ? null : new RegExp(groupedStarts(source, pattern.flags.includes("i")), pattern.flags.replace(/[gyd]/g, "") + "g");
    startScans.set(pattern, scan);
  }
  return matchesAt(pattern, text, scan === null ? null : startsOf(scan, text, pattern.flags.includes("u")));
}

/** Every position where `scan` matches, overlapping ones too; null (full scan) as soon as they are too dense. */
function startsOf(scan: RegExp, text: string, unicode: boolean): number[] | null {
  const starts: number[] = [];
  const limit = text.length / DENSE_SPACING;
  let from = 0;
  scan.lastIndex = 0;
  for (let hit = scan.exec(text); hit !== null; hit = scan.exec(text)) {
    const at = hit.index;
    if (at < from) return null; // a unicode scan stepping back: not expected, and the full scan is always right
    // A unicode pattern never starts a match inside a surrogate pair; neither may a candidate.
    if (!(unicode && isTrailInPair(text, at))) {
      starts.push(at);
      if (starts.length > limit) return null;
    }
    // Overlapping starts count ("pin" inside "ppin"); a unicode scan steps over a whole pair.
    from = unicode && isLeadOfPair(text, at) ? at + 2 : at + 1;
    scan.lastIndex = from;
  }
  return starts;
}

function isTrailInPair(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  if (unit < 0xdc00 || unit > 0xdfff || at === 0) return false;
  const before = text.charCodeAt(at - 1);
  return before >= 0xd800 && before <= 0xdbff;
}

function isLeadOfPair(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  return unit >= 0xd800 && unit <= 0xdbff && isTrailInPair(text, at + 1);
}

const markerScans = new WeakMap<
  readonly { marker: string }[],
  { scan: RegExp | null; long: string[]; short: string[]; byFirst: Map<number, string[]> }
>();

/**
 * Which of the entries' literal markers stand in the text, from one scan: a `text.includes` per
 * marker reads the whole text once for each absent one (thirty provider-token markers, most
 * absent, were a tenth of the engine's time on a long text). Same answers as
 * `text.includes(marker)`. One-character markers ("-") stand nearly everywhere: includes finds
 * them at once, and in the scan they would be a hit at every other word.
 */
export function presentMarkers(text: string, entries: readonly { marker: string }[]): Set<string> {
  let markers = markerScans.get(entries);
  if (markers === undefined) {
    const unique = [...new Set(entries.map((entry) => entry.marker))];
    const long = unique.filter((marker) => marker.length > 1);
    const escaped = long.map((marker) => marker.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&"));
    // The markers by their first unit: only those can start where that unit stands.
    const byFirst = new Map<number, string[]>();
    for (const marker of long) {
      const first = marker.charCodeAt(0);
      let list = byFirst.get(first);
      if (list === undefined) byFirst.set(first, (list = []));
      list.push(marker);
    }
    markers = { scan: long.length ? new RegExp(groupedStarts(escaped.join("|"), false), "g") : null, long, short: unique.filter((marker) => marker.length <= 1), byFirst };
    markerScans.set(entries, markers);
  }
  const present = new Set<string>();
  for (const marker of markers.short) if (text.includes(marker)) present.add(marker);
  const { scan, long, byFirst } = markers;
  if (scan === null) return present;
  let found = 0;
  scan.lastIndex = 0;
  for (let hit = scan.exec(text); hit !== null && found < long.length; hit = scan.exec(text)) {
    // The alternation reports one marker per position; others may start at the same place
    // ("gl" and "glsa_") or inside it, so every marker that starts with this unit is checked
    // here and the scan steps on by one.
    for (const marker of byFirst.get(text.charCodeAt(hit.index)) ?? []) {
      if (!present.has(marker) && text.startsWith(marker, hit.index)) {
        present.add(marker);
        found++;
      }
    }
    scan.lastIndex = hit.index + 1;
  }
  return present;
}

/**
 * Exactly what text.matchAll(pattern) returns (pattern global), for a pattern whose every match
 * starts at most `before` units before a match of `anchor` (global, the pattern's own flags):
 * "(?:[A-Za-z]{1,20}[_.-])?password…" has no sure literal start, but each of its matches starts
 * at most 21 units before a password word. Every position in that reach is a candidate.
 */
export function scanAround(pattern: RegExp, text: string, anchor: RegExp, before: number): Iterable<RegExpExecArray> {
  const anchors = startsOf(anchor, text, anchor.flags.includes("u"));
  if (anchors === null || tooDense(anchors.length * (before + 1), text.length)) return text.matchAll(pattern);
  const starts: number[] = [];
  let next = 0; // the first position not yet listed
  for (const at of anchors) {
    for (let start = Math.max(next, at - before); start <= at; start++) starts.push(start);
    next = Math.max(next, at + 1);
  }
  return matchesAt(pattern, text, starts);
}

/**
 * Exactly what text.matchAll(pattern) returns (pattern global), for a pattern whose every match
 * has `literal` at `offset` units from its start ("AAAAA-BBBBB-…" has its first "-" at 5): the
 * candidates are the literal's positions less the offset, found with indexOf.
 */
export function scanBefore(pattern: RegExp, text: string, literal: string, offset: number): Iterable<RegExpExecArray> {
  const starts: number[] = [];
  const limit = text.length / DENSE_SPACING;
  for (let at = text.indexOf(literal, offset); at !== -1; at = text.indexOf(literal, at + 1)) {
    starts.push(at - offset);
    if (starts.length > limit) return text.matchAll(pattern);
  }
  return matchesAt(pattern, text, starts);
}
