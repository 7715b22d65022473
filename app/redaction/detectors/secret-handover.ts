import type { Detection } from "../types";
import { scanAll } from "./candidate-scan";
import { isChosen, looksLikeIdentifier } from "./secret-prose";
import { looksMadeUp } from "./secret-topic";

/**
 * A password or code handed over in a chat as a message of its own, after a message about it
 * (issue 18, the tenth development set):
 *
 *   Hannah: new wifi pw for the studio, write it down      Matej  16:03
 *   Hannah: Sonnen                                         vault pass ti pošljem posebej
 *   Hannah: blume77                                        Matej  16:05
 *                                                          Zmaj-na-Ljubljanskem-gradu-1144
 *
 * The value opens or closes one of the next two messages ("ja sin je dal Koder.salon22", "9182,
 * it's on the SIM card"). Only in a chat: lines led by a time in brackets, a Slack-style header
 * ("Matej  16:05") or a speaker's label, when it or the topic's speaker leads more than one line;
 * so a form's "Incoming: outlook.office365.com" or "clientId: plc-l3-0007" under a password line
 * is no handover.
 */

const TOPIC =
  /(?<![\p{L}])(?:passw\p{L}*|pass|pw|pwd|gesl\p{L}*|kennw\p{L}*|passwort\p{L}*|lozink\p{L}*|zaporka|passphrase|passcode|pin|puk|kod[aeiou]?|code\p{L}*|šifr\p{L}*|wi-?fi\p{L}*|wlan)(?![\p{L}])/giu;
/** A topic about a code, after which four to eight digits are one. */
const CODE_TOPIC = /(?<![\p{L}])(?:pin|puk|kod[aeiou]?|code\p{L}*|šifr\p{L}*|alarm\p{L}*)(?![\p{L}])/iu;
/** A chat line's lead: a time in brackets, then a speaker's label ("[09:17] Tadej: ", "Hannah: "). */
const LEAD = /^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:([\p{L}][\p{L} .'-]{0,28}):[ \t]+)?/u;
const TIME_LEAD = /^[ \t]*\[\d[^\]\n]{0,19}\]/;
/** Slack's and Teams' header above a message: a name and the time, alone on their line. */
const MESSAGE_HEADER = /^[\p{L} .'-]{2,30} {1,3}\d{1,2}:\d{2}(?: ?[AP]M)?[ \t]*$/u;
const MESSAGES_AFTER = 2;
const LINES_AFTER = 6;
/** A message longer than this is prose: only a value before its comma counts. */
const SHORT_MESSAGE_WORDS = 6;
/** Letters with digits, in one case or both ("blume77", "m29pbt"): in a handover that is enough. */
const LETTERS_WITH_DIGITS = /^(?=[^\d]*\d)(?=\P{L}*\p{L})[\p{L}\d]{6,64}$/u;
const HEX = /^[0-9a-f]+$/i;

export function detectHandedOverSecrets(text: string): Detection[] {
  const detections: Detection[] = [];
  let labels: Map<string, number> | null = null;
  let doneUpTo = -1;
  for (const topic of scanAll(TOPIC, text)) {
    const topicLineEnd = lineEnd(text, topic.index);
    if (topicLineEnd <= doneUpTo) continue; // one look per line: a line full of topic words is read once
    doneUpTo = topicLineEnd;
    const topicLine = text.slice(text.lastIndexOf("\n", topic.index) + 1, topicLineEnd);
    const codeTopic = CODE_TOPIC.test(topicLine);
    labels ??= speakerLabels(text);
    // A topic said by a speaker who leads several lines makes every labelled line after it a message.
    const topicSpeaker = LEAD.exec(topicLine)![1];
    const topicInChat = topicSpeaker !== undefined && (labels.get(topicSpeaker) ?? 0) > 1;
    let afterHeader = false;
    for (let lineStart = topicLineEnd + 1, messages = 0, lines = 0; lineStart <= text.length && messages < MESSAGES_AFTER && lines < LINES_AFTER; lines++) {
      const end = lineEnd(text, lineStart);
      const line = text.slice(lineStart, end).replace(/\r$/, "");
      const from = lineStart;
      lineStart = end + 1;
      if (line.trim() === "") continue;
      if (MESSAGE_HEADER.test(line)) {
        afterHeader = true;
        continue;
      }
      messages++;
      const lead = LEAD.exec(line)!;
      const inChat = afterHeader || TIME_LEAD.test(line) || (lead[1] !== undefined && (topicInChat || (labels.get(lead[1]) ?? 0) > 1));
      afterHeader = false;
      if (!inChat) continue;
      const body = line.slice(lead[0].length).trimEnd();
      for (const value of handedOver(body)) {
        if (!isHandedOverValue(value.text, codeTopic)) continue;
        const start = from + lead[0].length + value.at;
        detections.push({ type: "SECRET", start, end: start + value.text.length, confidence: 0.7 });
      }
    }
  }
  return detections;
}

/** The message's first and last words when it is short, else its first word before a comma. */
function handedOver(body: string): Array<{ text: string; at: number }> {
  const words = [...body.matchAll(/\S+/g)];
  if (words.length === 0) return [];
  const picked = words.length <= SHORT_MESSAGE_WORDS ? [words[0]!, words[words.length - 1]!] : /^\S+,\s/.test(body) ? [words[0]!] : [];
  const values: Array<{ text: string; at: number }> = [];
  for (const word of new Set(picked)) {
    const lead = /^["'„“(]*/.exec(word[0])![0].length;
    const text = word[0].slice(lead).replace(/[.,;:!?)"'“”]+$/, "");
    if (text !== "" && !/[,=]/.test(text)) values.push({ text, at: word.index + lead });
  }
  return values;
}

function isHandedOverValue(value: string, codeTopic: boolean): boolean {
  if (codeTopic && /^\d{4,8}$/.test(value)) return !/^(?:19|20)\d{2}$/.test(value); // not a year
  // isChosen also asks for a symbol or both cases, which a handed-over value need not have.
  if (LETTERS_WITH_DIGITS.test(value)) return !HEX.test(value) && !looksLikeIdentifier(value);
  return isChosen(value) || looksMadeUp(value);
}

/** How many lines each speaker's label leads. */
function speakerLabels(text: string): Map<string, number> {
  const labels = new Map<string, number>();
  for (const line of text.split("\n")) {
    const label = LEAD.exec(line)![1];
    if (label !== undefined) labels.set(label, (labels.get(label) ?? 0) + 1);
  }
  return labels;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline === -1 ? text.length : newline;
}
