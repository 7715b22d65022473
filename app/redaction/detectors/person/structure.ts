import type { Detection } from "../../types";
import { companyWords } from "./company";
import { ANY_NAME, COMMON_WORD, flagsOfWord, gazetteer, GIVEN, NOT_A_NAME, SURNAME } from "./gazetteer";
import { isGivenNameHandle, isHandleOfPerson, isPersonHandle } from "./handles";

/**
 * Names that their place in a structure gives away, whatever the words: the display name of a
 * mail header (From/To/Cc/Od/Za/Kp… with "Surname, Given" in quotes too), a chat speaker label
 * with a time, a vCard FN:/N: property, a column of a table whose other cells are names, and a
 * line holding nothing but a name above an e-mail address or a phone number. Each line is read
 * once; lines longer than MAX_LINE hold no structure and are skipped.
 */

const MAX_LINE = 1000;
const MAX_WORDS = 5;

const HEADER = /^[ \t>]*(?:From|To|Cc|CC|Bcc|BCC|Reply-To|Sender|Od|Za|Kp|Skp|Posredovano|Von|An|Kopie|Da|A|Mittente|Destinatario|Feladó|Címzett|Pošiljatelj|Prejemnik|Kontakt)[ \t]*:[ \t]*/;
const VCARD = /^(FN|N)(?:;[^:\n]{0,80})?:/;
/** "[10:42] ", "[12.01.24, 10:42:13] ", "12/01/2024, 10:42 - ", "10:42 ", "(10:42) " before a speaker. */
const TIME_PREFIX = /^[ \t]*(?:\[[^\]\n]{1,30}\]|\([0-9:. ]{4,12}\)|(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp][Mm])?)[ \t]*(?:[-–][ \t]*)?/;
/** A speaker and ", 10:42", " (10:42)", " 10:42" or Slack's "  10:32 AM", then a colon, a dash or the line's end. */
const NAME_THEN_TIME = /^(\p{Lu}[\p{L}'’.-]{0,30}(?: \p{Lu}[\p{L}'’.-]{0,30}){0,3})[ \t]*(?:,[ \t]*|\([ \t]*|[ \t])\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?\)?[ \t]*(?::|[-–]|$)/u;
/** What NAME_THEN_TIME needs somewhere in the line: a time ("10:42", "10.42"); tested first, it is cheaper. */
const TIME_IN_LINE = /\d[:.]\d\d/;
const CONTACT_LINE = /@|\+?\d[\d ()/.-]{5,}\d|^\s*(?:tel|phone|mob|gsm|fax|e-?mail|t|m|e)\b\.?\s*[:.]/i;
const SIGN_OFF_LINE = /^[ \t]*(?:--|—|–|-- |Cheers|Thanks|Thank you|Best|Regards|Best regards|Kind regards|Warm regards|Lep pozdrav|LP|Lp|Hvala|S spoštovanjem|Mit freundlichen Grüßen|Viele Grüße|LG|Cordiali saluti|Saluti|Üdvözlettel|Pozdrav|Srdačan pozdrav|Pozdrav)[ \t]*[,!.]?[ \t]*$/;

/** Greetings and sign-offs that put a name after them but are none: "Hi Jure", "LP, Jure". */
const NOT_A_NAME_START = new Set(["hi", "hey", "hello", "dear", "lp", "lep", "draga", "dragi", "živjo", "zdravo", "pozdravljeni", "pozdravljena", "pozdravljen", "spoštovani", "spoštovana", "thanks", "cheers", "best", "regards", "hvala", "pozdrav", "mit", "viele", "ciao"]);
const WORD = /^(?:\p{Lu}\.|\p{Lu}(?:\p{Ll}|['’]\p{L}|-\p{Lu})+|\p{Lu}{2,}(?:-\p{Lu}{2,})?|\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+)$/u;
const PARTICLE = /^(?:van|der|den|de|del|della|di|von|zu|ten|la|du|des|dos|bin|ibn|al|el)$/;

/**
 * Whether a whole field value is a person's name: up to five capitalised words (initials and
 * particles allowed, or "Surname, Given"), at least one a known name that is not a product or a
 * place, and when the only known words are also ordinary words, nothing unknown beside them.
 */
export function isNameValue(value: string): boolean {
  const trimmed = value.trim();
  // a tab or a run of blanks parts a table's cells (and a screenshot's columns): a value across one is no one name
  if (trimmed.length < 2 || trimmed.length > 80 || trimmed.includes("\t") || trimmed.includes("   ")) return false;
  const words = (trimmed.includes(",") ? trimmed.replace(/^(\S+),\s*(\S+)$/, "$1 $2") : trimmed).split(/\s+/);
  if (words.length > MAX_WORDS) return false;
  // Every word capitalised or a particle, tested first: most values fail here, and the checks
  // below are pure, so their order does not change the answer.
  for (const word of words) if (!PARTICLE.test(word) && !WORD.test(word)) return false;
  if (NOT_A_NAME_START.has(words[0]!.toLowerCase()) || companyWords(words)) return false;
  let strong = 0;
  let weak = 0;
  let unknown = 0;
  let initials = 0;
  for (const word of words) {
    if (PARTICLE.test(word)) continue;
    if (!WORD.test(word)) return false;
    if (word.length === 2 && word.endsWith(".")) {
      initials++;
      continue;
    }
    const flags = flagsOfNameWord(word);
    if ((flags & ANY_NAME) !== 0 && (flags & NOT_A_NAME) === 0) {
      if ((flags & COMMON_WORD) === 0) strong++;
      else weak++;
    } else if ((flags & NOT_A_NAME) !== 0 && (flags & ANY_NAME) === 0) return false;
    else unknown++;
  }
  // an unknown word beside a known one: after a given name ("Mateja Zgonc") or before a surname ("Regula Meier")
  if (strong > 0) return unknown === 0 || (unknown <= 2 && (hasStrongGiven(words) || lastIsStrongSurname(words)));
  // "J. Smith": an initial before a name that is also a word
  return weak >= 2 || (weak === 1 && unknown === 0 && words.length === 1 + initials && initials <= 1);
}

function flagsOfNameWord(word: string): number {
  return flagsOfWord(word.toLowerCase());
}

function hasStrongGiven(words: readonly string[]): boolean {
  const names = gazetteer();
  return words.some((w) => {
    const flags = w.includes("-") ? flagsOfNameWord(w) : names.flagsOf(w.toLowerCase());
    return (flags & GIVEN) !== 0 && (flags & (COMMON_WORD | NOT_A_NAME)) === 0;
  });
}

function lastIsStrongSurname(words: readonly string[]): boolean {
  const flags = gazetteer().flagsOf(words[words.length - 1]!.toLowerCase());
  return (flags & SURNAME) !== 0 && (flags & (COMMON_WORD | NOT_A_NAME)) === 0;
}

export function structuredNames(text: string, detections: Detection[]): void {
  const lines: Array<[number, number]> = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    lines.push([start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end]);
    if (newline === -1) break;
    start = newline + 1;
  }
  const chat = isChat(text, lines);
  for (let index = 0; index < lines.length; index++) {
    const [start, end] = lines[index]!;
    if (end - start > MAX_LINE || end === start) continue;
    // A header, a vCard property and a speaker need a colon, a bracket, a parenthesis or a digit
    // (a time); without any, only a short line can be a bare name: most prose lines are neither.
    if (!mayHoldStructure(text, start, end)) {
      if (end - start <= 90) bareNameLine(text, lines, index, detections);
      continue;
    }
    const line = text.slice(start, end);
    const header = HEADER.exec(line);
    if (header) {
      headerNames(line, start, header[0].length, detections);
      continue;
    }
    const vcard = VCARD.exec(line);
    if (vcard) {
      vcardNames(line, start, vcard[0].length, vcard[1] === "N", detections);
      continue;
    }
    if (speakerName(line, start, detections, chat)) continue;
    bareNameLine(text, lines, index, detections);
  }
  tableColumns(text, lines, detections);
}

/** Whether text[start, end) has a colon, "[", "(", "<" or an ASCII digit: what HEADER, VCARD and speakerName need. */
function mayHoldStructure(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 58 || unit === 91 || unit === 40 || unit === 60 || (unit >= 48 && unit <= 57)) return true;
  }
  return false;
}

function push(detections: Detection[], start: number, end: number, confidence: number): void {
  detections.push({ type: "PERSON", start, end, confidence });
}

/** Recipients after a header label: "Ana Novak <ana@x.si>, "Hribar, Mateja" <m@x.si>; Kos, Peter". */
function headerNames(line: string, lineStart: number, from: number, detections: Detection[]): void {
  // split at commas and semicolons outside quotes and angle brackets
  const parts: Array<[number, number]> = [];
  let quoted = false;
  let angle = false;
  let partStart = from;
  for (let i = from; i <= line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "<" || ch === "[") angle = true;
    else if (ch === ">" || ch === "]") angle = false;
    else if (i === line.length || ((ch === "," || ch === ";") && !quoted && !angle)) {
      parts.push([partStart, i]);
      partStart = i + 1;
    }
  }
  // "To: Hribar, Mateja; Novak, Janez": rejoin "Surname, Given" pairs that the split cut apart
  const semicolons = line.slice(from).includes(";");
  for (let p = 0; p < parts.length; p++) {
    let [s, e] = parts[p]!;
    let value = line.slice(s, e);
    if (semicolons && !line.slice(from).includes("<") && p + 1 < parts.length && line[e] === ",") {
      const joined = line.slice(s, parts[p + 1]![1]);
      if (isNameValue(joined)) {
        e = parts[p + 1]![1];
        value = joined;
        p++;
      }
    }
    const display = value.replace(/<[^>]*>|\[mailto:[^\]]*\]|\([^)]*@[^)]*\)/g, (m) => " ".repeat(m.length));
    if (display.includes("@")) continue;
    const match = /^([ \t"']*)(.*?)([ \t"']*)$/s.exec(display)!;
    const name = match[2]!;
    if (name !== "" && (isNameValue(name) || isDisplayName(name))) {
      const nameStart = lineStart + s + match[1]!.length;
      push(detections, nameStart, nameStart + name.length, 0.85);
    }
  }
}

/**
 * A header's display name need not be made of strong names: "June Carter", "Rose Marsh". Two to
 * four capitalised words, one of them a name of any strength, none only a product or a place,
 * and no company or team word.
 */
function isDisplayName(name: string): boolean {
  const words = name.replace(/^(\S+),\s*(\S+)$/, "$1 $2").split(/\s+/);
  if (words.length < 2 || words.length > 4 || COMPANY_WORD.test(name) || companyWords(words)) return false;
  if (!words.every((w) => WORD.test(w) || PARTICLE.test(w))) return false;
  const flags = words.map(flagsOfNameWord);
  if (flags.some((f) => (f & NOT_A_NAME) !== 0 && (f & ANY_NAME) === 0)) return false;
  return flags.some((f) => (f & ANY_NAME) !== 0);
}

/** Two to four capitalised words (particles between), none an ordinary word, a product, a place or a firm's. */
function isUnknownFullName(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 4 || COMPANY_WORD.test(name) || companyWords(words)) return false;
  const names = gazetteer();
  let named = 0;
  for (const word of words) {
    if (PARTICLE.test(word)) continue;
    if (!WORD.test(word) || word.length < 2) return false;
    if ((names.flagsOf(word.toLowerCase()) & (NOT_A_NAME | COMMON_WORD)) !== 0) return false;
    named++;
  }
  return named >= 2;
}

/** A legal form, or a word a team's or a role mailbox's name has: "Tesco Ltd", "Sales Team". */
export const COMPANY_WORD = /(?:^|\s)(?:j?\.?d\.o\.o\.|d\.d\.|s\.p\.|Ltd|LLC|Inc|GmbH|AG|S\.r\.l\.|Support|Team|Info|Office)\.?(?:\s|$)/;

function vcardNames(line: string, lineStart: number, from: number, isN: boolean, detections: Detection[]): void {
  const value = line.slice(from);
  const names = gazetteer();
  if (COMPANY_WORD.test(value) || companyWords(value.split(/[\s;,]+/).filter((w) => w !== "")) || value.split(/[\s;,]+/).some((w) => w !== "" && (names.flagsOf(w.toLowerCase()) & (NOT_A_NAME | ANY_NAME)) === NOT_A_NAME)) return;
  // N:Hribar;Mateja;;; as one span, from the first part to the last: a part on its own ("Hribar")
  // would be looked for again elsewhere in the text, in the company's name too
  const first = value.search(/\p{Lu}/u);
  const trimmed = value.replace(/[;\s]+$/, "");
  if (first === -1 || trimmed.length <= first) return;
  let start = first;
  // "Dr. Nkechi Eze": the title stays
  const title = /^(?:Mr|Mrs|Ms|Dr|Prof|Herr|Frau|mag|dr)\.?\s+/.exec(trimmed.slice(start));
  if (!isN && title) start += title[0].length;
  if (!/^\p{Lu}[\p{L}'’. ;,-]{0,80}$/u.test(trimmed.slice(start))) return;
  push(detections, lineStart + from + start, lineStart + from + trimmed.length, 0.9);
}

/**
 * A chat transcript: lines labelled "Name: " (or "<nick> ", "Name (role): ") by two or more
 * speakers, one of them no ordinary word; a speaker is a given name or a handle made of names
 * ("pablo:", "marta.r:"). A named speaker talking with a role ("support:", "tehnik:") is one too,
 * and so are given names that are also words when they take turns ("Rok:", "Vid:", "Rok:").
 */
const CHAT_LABEL = /^[ \t]*(?:<([\p{L}][\p{L}\d._-]{1,30})>|(\p{L}[\p{L}\d._-]{1,30}(?: \p{Lu}[\p{Ll}'’-]{1,30})?)(?:[ \t]+\([^)\n]{1,25}\))?:)[ \t]+\S/u;
function isChat(text: string, lines: ReadonlyArray<[number, number]>): boolean {
  if (!text.includes(": ") && !text.includes("> ")) return false;
  const names = gazetteer();
  const labels = new Map<string, number>();
  let strong = 0;
  let role = false;
  for (const [start, end] of lines) {
    if (end - start > MAX_LINE) continue;
    // A label ends in ":" or ">" within the 40 units read: most lines have neither, and are not sliced.
    const windowEnd = Math.min(end, start + 40);
    let mark = start;
    while (mark < windowEnd && text.charCodeAt(mark) !== 58 && text.charCodeAt(mark) !== 62) mark++;
    if (mark === windowEnd) continue;
    const label = CHAT_LABEL.exec(text.slice(start, windowEnd));
    if (label === null) continue;
    const value = label[1] ?? label[2]!;
    if (isRoleWord(value)) {
      role = true;
      if (strong >= 1) return true;
      continue;
    }
    if (value.includes(" ")) {
      // "Anže Pirc: …": a full name as the label
      if (!isNameValue(value)) continue;
      strong++;
    } else if (/^\p{Lu}\p{Ll}+$/u.test(value)) {
      const flags = names.flagsOf(value.toLowerCase());
      if ((flags & GIVEN) === 0 || (flags & NOT_A_NAME) !== 0) continue;
      if ((flags & COMMON_WORD) === 0) strong++;
    } else if (isPersonHandle(value) || isGivenNameHandle(value)) strong++;
    else if (!isGivenNameHandle(value, true)) continue; // "rok:", "luka:": a given name that is also a word
    labels.set(value, (labels.get(value) ?? 0) + 1);
    if (strong >= 1 && (labels.size >= 2 || role)) return true;
    // "Rok: … / Vid: … / Jasna: … / Vid: …": given names that are also words, taking turns
    if (labels.size >= 2 && [...labels.values()].some((count) => count >= 2)) return true;
  }
  return false;
}

/** A speaker label in lower case or as a handle ("tina:", "marta.r:", "<kaja_m>"): a person's when made of names. */
const LOWER_OR_HANDLE_LABEL = /^(?:\p{Ll}[\p{Ll}\d]*|\p{L}[\p{L}\d]*(?:[._-][\p{L}\d]+){1,3})$/u;

/** "[10:42] Mateja Hribar: …", "Mateja Hribar, 10:42", "12/01/2024, 10:42 - Mateja: …". */
/** Whether TIME_PREFIX can match: after blanks it needs "[", "(" or a digit (tested first, it is cheaper). */
function mayStartWithTime(line: string): boolean {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const unit = line.charCodeAt(i);
  return unit === 91 || unit === 40 || (unit >= 48 && unit <= 57);
}

function speakerName(line: string, lineStart: number, detections: Detection[], chat: boolean): boolean {
  const prefix = mayStartWithTime(line) ? TIME_PREFIX.exec(line) : null;
  let from = prefix ? prefix[0].length : 0;
  while (from < line.length && (line[from] === " " || line[from] === "\t")) from++;
  if (prefix) {
    // "[10:41] Zupančič, Urška" alone on its line, "<ahmed.k> ty", "mohammed.alfarsi: added"
    const rest = line.slice(from).replace(/[ \t]+$/, "");
    if (rest !== "" && rest.length <= 60 && isNameValue(rest)) {
      push(detections, lineStart + from, lineStart + from + rest.length, 0.8);
      return true;
    }
    const nick = /^<([\p{L}][\p{L}\d._-]{1,30})>|^([\p{Ll}]{2,20}[._][\p{Ll}]{1,20}):/u.exec(rest);
    if (nick) {
      const value = nick[1] ?? nick[2]!;
      const s = lineStart + from + (nick[1] ? 1 : 0);
      push(detections, s, s + value.length, 0.75);
      return true;
    }
  }
  const colon = line.indexOf(":", from);
  // "**Primož Lah** (Teams, 11:02)": a chat exported to Markdown, the speaker in bold before the
  // time; Slack's export marks it with one asterisk ("*Tilen* 08:55")
  const bold = line.startsWith("*", from) ? BOLD_SPEAKER.exec(line.slice(from)) : null;
  if (bold && isBracketedSpeaker(bold[2]!)) {
    push(detections, lineStart + from + bold[1]!.length, lineStart + from + bold[1]!.length + bold[2]!.length, 0.8);
    return true;
  }
  // "<Darja> anyone…", "<Klemen Bregar> done": an IRC-style speaker is as sure as one after a time
  const capitalisedNick = line.startsWith("<", from) ? CAPITALISED_NICK.exec(line.slice(from)) : null;
  if (capitalisedNick && isBracketedSpeaker(capitalisedNick[1]!)) {
    push(detections, lineStart + from + 1, lineStart + from + 1 + capitalisedNick[1]!.length, 0.8);
    return true;
  }
  // "tina: evo", "marta.r: sure", "<kaja_m> webhook": after a time, or in a chat whose other lines say so
  const nick = line.charCodeAt(from) === 60 ? /^<([\p{L}][\p{L}\d._-]{1,30})>[ \t]/u.exec(line.slice(from)) : null;
  if (prefix || chat || nick) {
    const label = nick ? nick[1]! : colon > from && colon - from <= 31 && /[ \t]/.test(line[colon + 1] ?? "") ? line.slice(from, colon) : "";
    if (label !== "" && LOWER_OR_HANDLE_LABEL.test(label) && isHandleOfPerson(label, prefix !== null || chat)) {
      const s = lineStart + from + (nick ? 1 : 0);
      push(detections, s, s + label.length, 0.75);
      return true;
    }
  }
  if (!prefix && colon > from && colon - from <= 40 && colon + 1 < line.length && /[ \t]/.test(line[colon + 1]!)) {
    // "Eva: sure, which email?": a chat line without a time, the speaker a known given name;
    // "Nina (office manager): …": the role in parentheses stays
    const name = line.slice(from, colon).replace(/[ \t]+\([^)\n]{1,25}\)$/, "");
    const flags = gazetteer().flagsOf(name.toLowerCase());
    // A given name that is also a word ("Rok:" deadline, "Cookie:" header) is a label here, not a
    // speaker, unless the text is a chat whose other speakers are plain names ("Grant: can you…").
    const commonOk = chat ? NOT_A_NAME : NOT_A_NAME | COMMON_WORD;
    if ((/^\p{Lu}\p{Ll}+$/u.test(name) && (flags & GIVEN) !== 0 && (flags & commonOk) === 0) || (/\s/.test(name) && isNameValue(name))) {
      push(detections, lineStart + from, lineStart + from + name.length, 0.75);
      return true;
    }
  }
  if (prefix && colon > from && colon - from <= 60) {
    const label = line.slice(from, colon).replace(/[ \t]+$/, "");
    // "Tehnik Marko:", "agent Nina:", "Podpora (dežurni Luka):": the role stays, the name goes
    const role = ROLE_BEFORE_SPEAKER.exec(label);
    const skip = role !== null && isRoleWord(role[1]!) ? role[0].length : 0;
    const name = label.slice(skip).replace(/\)$/, "");
    // "09:00  Meeting      Location:": cells of an aligned table, not a speaker
    if (name !== "" && !/\t| {2}/.test(name) && isSpeaker(name, true)) {
      push(detections, lineStart + from + skip, lineStart + from + skip + name.length, 0.8);
      return true;
    }
  }
  if (!prefix) {
    // "mojca 08:33  first the dentist": Slack's header in lower case, a name known to the gazetteer
    const lower = TIME_IN_LINE.test(line) ? LOWER_NAME_THEN_TIME.exec(line.slice(from)) : null;
    if (lower && isHandleOfPerson(lower[1]!, true)) {
      push(detections, lineStart + from, lineStart + from + lower[1]!.length, 0.75);
      return true;
    }
    // the time after the name: "Mateja Hribar, 10:42", "Mateja Hribar (10:42):"
    const m = TIME_IN_LINE.test(line) ? NAME_THEN_TIME.exec(line.slice(from)) : null;
    // "Mark Twyman  10:32 AM" alone on its line (Slack, Teams): two or three capitalised words
    // before a time that ends the line are a speaker header, known names or not.
    const headerLine = m !== null && /[\dMm.)][ \t]*$/.test(m[0]) && m[0].length === line.slice(from).replace(/[ \t]+$/, "").length && /^\S+(?: \S+){1,2}$/.test(m[1]!);
    if (m && isSpeaker(m[1]!, headerLine)) {
      push(detections, lineStart + from, lineStart + from + m[1]!.length, 0.8);
      return true;
    }
  }
  return false;
}

const LOWER_NAME_THEN_TIME = /^(\p{Ll}[\p{Ll}\d._-]{1,30})[ \t]+\d{1,2}:\d{2}(?:[ \t]?[ap]m)?(?=[ \t]|$)/u;
const BOLD_SPEAKER = /^(\*\*?)(\p{Lu}[^*\n]{1,58}?)\1[ \t]*(?:\([^)\n]{0,30}\d{1,2}[:.]\d{2}[^)\n]{0,12}\)|\d{1,2}[:.]\d{2}(?![\d.:]))/u;
const CAPITALISED_NICK = /^<(\p{Lu}\p{Ll}{1,30}(?: \p{Lu}[\p{Ll}'’-]{1,30}){0,2})>[ \t]/u;

/** One or two role words before a speaker's name, maybe in parentheses: "Tehnik ", "Podpora (dežurni ". */
const ROLE_BEFORE_SPEAKER = /^(\p{L}+)[ \t]+(?:\(?\p{Ll}+[ \t]+)?(?=\p{Lu})/u;
function isRoleWord(word: string): boolean {
  const flags = gazetteer().flagsOf(word.toLowerCase());
  return (flags & NOT_A_NAME) !== 0 && (flags & ANY_NAME) === 0;
}

/** A speaker set off by brackets or bold: two or three words as after a time, one word only when it is a given name ("**Status**" is a heading). */
function isBracketedSpeaker(name: string): boolean {
  return isSpeaker(name, true) && (/\s/.test(name) || (gazetteer().flagsOf(name.toLowerCase()) & GIVEN) !== 0);
}

/** A speaker after a time may be any capitalised words that are no product; without a time, a known name. */
function isSpeaker(name: string, afterTime: boolean): boolean {
  if (isNameValue(name)) return true;
  if (!afterTime) return false;
  const words = name.split(/\s+/);
  if (words.length > 4 || !words.every((w) => WORD.test(w) || PARTICLE.test(w))) return false;
  const names = gazetteer();
  return !companyWords(words) && !words.some((w) => (names.flagsOf(w.toLowerCase()) & NOT_A_NAME) !== 0);
}

/**
 * The first line of a postal address: a house number and a capitalised word ("45 King Fahd Road"),
 * words ending in a house number ("Vrtna ulica 6"), or a flat, unit or box.
 */
const ADDRESS_LINE = /^[ \t]*(?:\d{1,5}[A-Za-z]?[ \t]+\p{Lu}\p{Ll}|\p{Lu}[\p{L}.'’-]+(?:[ \t][\p{L}.'’-]+){0,4}[ \t]\d{1,4}[a-zA-Z]?(?:[/-][\dA-Za-z]{1,4})?[ \t]*$|(?:Flat|Unit|Office|Suite|Apt|Apartment|P\.?O\.? Box|PO Box|p\. ?p\.)[ \t.])/u;

function lineAt(text: string, lines: ReadonlyArray<[number, number]>, k: number): string {
  return k >= 0 && k < lines.length ? text.slice(lines[k]![0], lines[k]![1]) : "";
}

function contactOrAddress(line: string): boolean {
  return CONTACT_LINE.test(line) || ADDRESS_LINE.test(line);
}

/** Two words: a given name (also an ordinary word, never a product or a place) and a word no list knows. */
function givenThenUnknown(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (words.length !== 2 || !words.every((w) => WORD.test(w)) || companyWords(words)) return false;
  const [first, second] = words.map((w) => flagsOfNameWord(w));
  return (first! & GIVEN) !== 0 && (first! & NOT_A_NAME) === 0 && second === 0;
}

/** A line that is only a name, beside a line of contact details or an address, or under a sign-off. */
function bareNameLine(text: string, lines: ReadonlyArray<[number, number]>, index: number, detections: Detection[]): void {
  const [start, end] = lines[index]!;
  // a name line is short and starts with a capital (or a list mark): most lines are neither
  if (end - start > 90) return;
  const line = text.slice(start, end);
  if (!/^[ \t]*(?:[-*•·]|\d{1,2}[.)])?[ \t]*\p{Lu}/u.test(line)) return;
  // "Wei Zhang (he/him)", "Simona, 031 444 210": the name before pronouns or contact details
  const m = /^([ \t]*(?:[-*•·]|\d{1,2}[.)])?[ \t]*)(.*?)[ \t,]*(?:\([^)]{0,20}\)|,[ \t]*(?:\+?\d[\d ()/.-]{5,}\d|\S+@\S+))?[ \t]*$/s.exec(line);
  if (m === null) return;
  let name = m[2]!;
  const next = lineAt(text, lines, index + 1);
  const previous = lineAt(text, lines, index - 1);
  let nameValue = isNameValue(name);
  // "Petra Vidmar, Lipa IT d.o.o.", "Sašo Ribič | tajnik": under a sign-off or above contact
  // details, the name before the firm or the role
  if (!nameValue && (SIGN_OFF_LINE.test(previous) || CONTACT_LINE.test(next))) {
    const cut = NAME_BEFORE_AFFILIATION.exec(name);
    if (cut !== null && cut[1]!.includes(" ")) {
      name = cut[1]!;
      nameValue = isNameValue(name);
    }
  }
  if (name.length < 2 || name.length > 60) return;
  if (!nameValue) {
    // "Joost van Dijk", "Thandiwe Mokoena" under a sign-off and above a phone or an address:
    // there a full name is a name, known to the gazetteer or not
    if (SIGN_OFF_LINE.test(previous) && CONTACT_LINE.test(next) && isUnknownFullName(name)) {
      push(detections, start + m[1]!.length, start + m[1]!.length + name.length, 0.7);
      return;
    }
    // "Omar Haddad" above a street line: a given name that is also a word, and a surname the list lacks
    if (!(givenThenUnknown(name) && contactOrAddress(next))) return;
  }
  const single = !/\s/.test(name.trim());
  if (single) {
    // one word: a known given name only, where the structure says so
    const flags = gazetteer().flagsOf(name.toLowerCase());
    if ((flags & GIVEN) === 0 || (flags & NOT_A_NAME) !== 0) return;
  }
  // A line that is only a known given name, or only two to five name words, is a name wherever
  // it stands (a signature, a list); beside contact details or under a sign-off, any name is.
  const strongAlone = single ? (gazetteer().flagsOf(name.toLowerCase()) & COMMON_WORD) === 0 : true;
  if (strongAlone || contactOrAddress(next) || SIGN_OFF_LINE.test(previous) || (!single && CONTACT_LINE.test(previous)) || signsTheMessage(text, lines, index)) {
    const s = start + m[1]!.length;
    push(detections, s, s + name.length, 0.7);
  }
}

/**
 * "…firmware 5.1.7.\n\nHarry", "…Hvala za pomoč.\nVid": a name alone on the message's last line,
 * after a blank line or a sentence's end, signs it, even a given name that is also a word.
 */
function signsTheMessage(text: string, lines: ReadonlyArray<[number, number]>, index: number): boolean {
  if (text.slice(lines[index]![1]).trim() !== "") return false;
  const previous = lineAt(text, lines, index - 1).trimEnd();
  return index > 0 && (previous === "" || /[.!?)]$/u.test(previous) || /\p{Extended_Pictographic}$/u.test(previous));
}

/** The words before ", ", " | ", " – " or " - " that start a line: a name, then its firm or role. */
const NAME_BEFORE_AFFILIATION = /^([^,|–]{2,60}?)[ \t]*(?:,|[ \t]\|[ \t]|[ \t][–-][ \t])/;

const DELIMITERS = [";", "\t", "|", ","] as const;
const MAX_COLUMNS = 40;

/**
 * Consecutive lines split by the same delimiter into the same number of cells form a table; a
 * column where at least half the cells (two or more) are names is a name column, and every cell
 * of it that looks like a name is one ("Novak" on its own included).
 */
function tableColumns(text: string, lines: ReadonlyArray<[number, number]>, detections: Detection[]): void {
  let blockStart = 0;
  while (blockStart < lines.length) {
    const [s0, e0] = lines[blockStart]!;
    const first = e0 - s0 <= MAX_LINE ? text.slice(s0, e0) : "";
    const delimiter = DELIMITERS.find((d) => first.includes(d));
    if (!delimiter) {
      blockStart++;
      continue;
    }
    const columns = cellCount(first, delimiter);
    let blockEnd = blockStart + 1;
    while (blockEnd < lines.length) {
      const [s, e] = lines[blockEnd]!;
      if (e - s > MAX_LINE || cellCount(text.slice(s, e), delimiter) !== columns) break;
      blockEnd++;
    }
    if (blockEnd - blockStart >= 2 && columns <= MAX_COLUMNS && hasShortCells(text, lines, blockStart, blockEnd, columns)) nameColumnsOf(text, lines, blockStart, blockEnd, delimiter, detections);
    blockStart = blockEnd;
  }
}

const SAMPLE_ROWS = 64;
const PLACE_OR_FIRM_HEADER = /^(?:office|city|town|location|site|branch|country|state|region|company|employer|organi[sz]ation|vendor|supplier|kraj|mesto|pošta|država|podjetje|firma|dobavitelj|ort|stadt|firma)$/i;
const CELL_NAME_SHAPE = /^\p{Lu}[\p{L}'’.-]*,?(?: \p{L}[\p{L}'’.-]*){0,3}$/u;

function nameColumnsOf(
  text: string,
  lines: ReadonlyArray<[number, number]>,
  from: number,
  to: number,
  delimiter: string,
  detections: Detection[],
): void {
  const rows = [];
  for (let r = from; r < to; r++) {
    const [s, e] = lines[r]!;
    const cells: Array<{ start: number; value: string }> = [];
    let offset = s;
    for (const cell of splitCells(text.slice(s, e), delimiter)) {
      const trimmed = cell.trim().replace(/^"(.*)"$/, "$1");
      cells.push({ start: offset + cell.indexOf(trimmed), value: trimmed });
      offset += cell.length + delimiter.length;
    }
    rows.push(cells);
  }
  const names = gazetteer();
  const columns = rows[0]!.length;
  const marks: Array<[number, number, number, number]> = [];
  for (let c = 0; c < columns; c++) {
    // "office", "city", "company": a column of places or firms holds no names, though Austin and Lincoln are names too
    if (PLACE_OR_FIRM_HEADER.test(rows[0]![c]!.value)) continue;
    let filled = 0;
    let named = 0;
    // the first rows decide what a column holds: a long table costs one look per cell, not more
    for (const row of rows.length > SAMPLE_ROWS ? rows.slice(0, SAMPLE_ROWS) : rows) {
      const value = row[c]!.value;
      if (value === "") continue;
      filled++;
      if (isNameValue(value) || ((names.flagsOf(value.toLowerCase()) & ANY_NAME) !== 0 && CELL_NAME_SHAPE.test(value))) named++;
    }
    if (named < 2 || named * 2 < filled) continue;
    for (const [r, row] of rows.entries()) {
      const { start, value } = row[c]!;
      // the header row ("Ime;Priimek") is a name only when it is one
      if (r === 0 && !isNameValue(value) && (names.flagsOf(value.toLowerCase()) & ANY_NAME) === 0) continue;
      if (value === "" || COMPANY_WORD.test(value) || companyWords(value.split(" ")) || !CELL_NAME_SHAPE.test(value) || (names.flagsOf(value.toLowerCase()) & NOT_A_NAME) !== 0) continue;
      marks.push([r, c, start, start + value.length]);
    }
  }
  // adjacent name cells of a row make one finding ("Jana,Kovačič"): a surname found on its own
  // would be looked for again in the rest of the text, a company's name too
  marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let k = 0; k < marks.length; ) {
    let [row, column, start, end] = marks[k]!;
    let next = k + 1;
    while (next < marks.length && marks[next]![0] === row && marks[next]![1] === column + 1) {
      column++;
      end = marks[next]![3];
      next++;
    }
    push(detections, start, end, 0.75);
    k = next;
  }
}

/** splitCells(line, delimiter).length for a one-character delimiter, without building the cells. */
function cellCount(line: string, delimiter: string): number {
  let cells = 1;
  if (!line.includes('"')) {
    for (let at = line.indexOf(delimiter); at !== -1; at = line.indexOf(delimiter, at + 1)) cells++;
    return cells;
  }
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) cells++;
  }
  return cells;
}

/** Cells of a delimited line; a delimiter inside double quotes ("Mitchell, Grant") does not split. */
function splitCells(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const cells: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && line.startsWith(delimiter, i)) {
      cells.push(line.slice(start, i));
      start = i + delimiter.length;
    }
  }
  cells.push(line.slice(start));
  return cells;
}

/** A table of names has short cells: prose lines that happen to hold as many commas have long ones. */
function hasShortCells(text: string, lines: ReadonlyArray<[number, number]>, from: number, to: number, columns: number): boolean {
  let length = 0;
  for (let r = from; r < to; r++) length += lines[r]![1] - lines[r]![0];
  return length / ((to - from) * columns) <= 40;
}
