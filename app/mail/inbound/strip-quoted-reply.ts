// Cuts the quoted history and signature off a reply so the ticket shows what the client wrote
// this time, not the whole thread again (which would also store old personal data twice).
// Only apply it to mail that threads into an existing ticket: a new ticket is often a forward,
// where the quoted part is the whole point.
//
// Every rule recognises something a real mail client writes; anything unrecognised is kept.

const TIME_OR_DATE = /\d/;

// Attribution lines, each checked as a start and an end so matching stays linear in the line
// length (nested ".*" patterns backtrack quadratically on a hostile line).
// "On Mon, 3 Nov 2026 at 10:00, Jane <jane@example.com> wrote:" (Gmail),
// "On 03/11/2026 10:00, Jane wrote:" (Thunderbird), "On 3 Nov 2026, at 10:00, Jane wrote:" (Apple).
const ENGLISH_START = /^on\s/i;
const ENGLISH_END = /\s(?:wrote|writes)\s*:$/i;
// "V pon., 3. nov. 2026 ob 10:00 je oseba Jane Doe <x@y> napisala:" (Gmail),
// "Dne 03. 11. 2026 ob 10:00 je Jane Doe napisal(a):" (Thunderbird), "... je napisal/a:".
// "je ... napisal" alone would also match "Kolega je napisal:" before pasted text, hence the
// start every client uses ("V", "Dne", a weekday or the date) and the required digits.
const SLOVENIAN_START = /^(?:v\s|dne\s|\d|(?:pon|tor|sre|čet|pet|sob|ned)[a-zčšž]*\.?,?\s)/i;
const SLOVENIAN_END = /\snapisal(?:a|\/a|\(a\))?\s*:$/i;
// "Am 03.11.2026 um 10:00 schrieb Jane Doe <x@y>:" (German Outlook/Thunderbird, see AW:/WG:).
const GERMAN_START = /^am\s/i;
const GERMAN_MIDDLE = /\sschrieb\s/i;

const ORIGINAL_MESSAGE_SEPARATOR =
  /^\s*-{3,}\s*(?:original message|izvirno sporočilo|originalnachricht|izvorno sporočilo)\s*-{3,}\s*$/i;
const UNDERSCORE_SEPARATOR = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*\*?(?:from|od|von)\s*:\*?\s*\S/i;
const HEADER_SENT = /^\s*\*?(?:sent|date|poslano|datum|gesendet)\s*:\*?\s*\S/i;
// RFC 3676 section 4.3: "-- " on its own line; many clients lose the trailing space.
const SIGNATURE_SEPARATOR = /^-- ?$/;
const MOBILE_SIGNATURE =
  /^\s*(?:sent from my \S.{0,40}|sent from (?:outlook|mail|yahoo mail)\b.{0,40}|get outlook for \S.{0,30}|poslano iz (?:mojega|moje|naprave|aplikacije|outlooka?)\b.{0,40})$/i;
const QUOTED = /^\s*>/;

// Gmail wraps a long attribution over two or three lines in the plain-text part.
const MAX_ATTRIBUTION_LINES = 3;
const MAX_ATTRIBUTION_CHARACTERS = 400;

export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cut = firstCutLine(lines);
  if (cut === null) return text;
  const kept = lines.slice(0, cut).join("\n").replace(/\s+$/, "");
  // A mail that is nothing but quote (or starts with the attribution, as bottom-posters do)
  // keeps everything: an empty ticket entry would lose whatever the client meant to send.
  return kept.trim() === "" ? text : kept;
}

function firstCutLine(lines: string[]): number | null {
  const shape = quoteShape(lines);
  for (let i = 0; i < lines.length; i++) {
    if (startsQuotedHistoryOrSignature(lines, i, shape)) return i;
  }
  return null;
}

interface QuoteShape {
  /** First quoted line of the quote block that runs to the end of the mail; -1 when none. */
  trailingQuoteStart: number;
  /** answeredBelow[i]: from line i on, some quoted line is followed by the writer's own text. */
  answeredBelow: boolean[];
}

/** One backward pass, so every later question is answered in constant time (no quadratic scans). */
function quoteShape(lines: string[]): QuoteShape {
  const answeredBelow = new Array<boolean>(lines.length).fill(false);
  let trailingQuoteStart = -1;
  let inTrailingBlock = true;
  let textBelow = false;
  let answered = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const blank = line.trim() === "";
    const quoted = QUOTED.test(line);
    if (inTrailingBlock && quoted) trailingQuoteStart = i;
    else if (!blank && !quoted) inTrailingBlock = false;
    // A signature ends what belongs to the reply: text below it does not count as an answer.
    if (SIGNATURE_SEPARATOR.test(line) || MOBILE_SIGNATURE.test(line)) textBelow = answered = false;
    else if (quoted) answered ||= textBelow;
    else if (!blank) textBelow = true;
    answeredBelow[i] = answered;
  }
  return { trailingQuoteStart, answeredBelow };
}

function startsQuotedHistoryOrSignature(lines: string[], i: number, shape: QuoteShape): boolean {
  const line = lines[i]!;
  if (SIGNATURE_SEPARATOR.test(line) || MOBILE_SIGNATURE.test(line)) return true;
  if (ORIGINAL_MESSAGE_SEPARATOR.test(line)) return true;
  if (UNDERSCORE_SEPARATOR.test(line)) return HEADER_FROM.test(lines[nextNonBlank(lines, i)] ?? "");
  if (HEADER_FROM.test(line)) return isOutlookHeaderBlock(lines, i);
  const attribution = attributionLength(lines, i);
  // "On … wrote:" followed by quotes answered line by line: cutting at the attribution would
  // drop the answers, so such a mail is kept whole.
  if (attribution > 0) return !(shape.answeredBelow[i + attribution] ?? false);
  // Only a quote that runs to the end (top-posting) is history; an inline quote is context.
  return i === shape.trailingQuoteStart;
}

/** Outlook's "From: … / Sent: … / To: … / Subject: …" block; Sent/Date follows within a few lines. */
function isOutlookHeaderBlock(lines: string[], from: number): boolean {
  return lines.slice(from + 1, from + 5).some((line) => HEADER_SENT.test(line));
}

/** How many lines the attribution starting at `i` spans, 0 when there is none. */
function attributionLength(lines: string[], i: number): number {
  for (let span = 1; span <= MAX_ATTRIBUTION_LINES && i + span <= lines.length; span++) {
    // A wrapped attribution never contains an empty line; a paragraph break ends the search.
    if (lines[i + span - 1]!.trim() === "") return 0;
    const joined = lines.slice(i, i + span).map((line) => line.trim()).join(" ");
    // Cheap checks first: every attribution ends in ":" and is far shorter than this, and the
    // regular expressions below should never see a hostile megabyte-long line.
    if (joined.length > MAX_ATTRIBUTION_CHARACTERS || !joined.endsWith(":") || !TIME_OR_DATE.test(joined)) continue;
    if (isAttribution(joined)) return span;
  }
  return 0;
}

function isAttribution(line: string): boolean {
  if (ENGLISH_START.test(line) && ENGLISH_END.test(line)) return true;
  if (GERMAN_START.test(line) && GERMAN_MIDDLE.test(line)) return true;
  const slovenianEnd = SLOVENIAN_START.test(line) ? line.search(SLOVENIAN_END) : -1;
  return slovenianEnd > 0 && line.slice(0, slovenianEnd + 1).includes(" je ");
}

function nextNonBlank(lines: string[], from: number): number {
  let j = from + 1;
  while (j < lines.length && lines[j]!.trim() === "") j++;
  return j;
}
