import type { Detection } from "../types";

/**
 * Names are found only after a cue (a form label, a greeting, a sign-off, a
 * self-introduction): without a dictionary of names, a capitalised word on
 * its own is as likely a product, a town or a sentence start. The cue itself
 * stays in the text; only the name is reported.
 */

const NAME_WORD = String.raw`\p{Lu}\p{Ll}{1,20}(?:-\p{Lu}\p{Ll}{1,20})?`;
const NAME = String.raw`${NAME_WORD}(?: ${NAME_WORD}){0,2}`;
const TITLE = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|g|ga|gdč|dr|prof)\.?|gospod|gospa|gospodična) `;

const LABELLED = new RegExp(
  String.raw`(?:[Nn]ame|[Ff]ull [Nn]ame|[Cc]ontact(?: [Pp]erson)?|[Cc]ustomer [Nn]ame|[Rr]equester|[Ii]me(?: in priimek)?|[Pp]riimek in ime|[Kk]ontaktna oseba|[Kk]ontakt|[Nn]aročnik|[Pp]odpisnik)[ \t]*:[ \t]*(?:${TITLE})?(${NAME})`,
  "gmud",
);
const GREETING = new RegExp(
  String.raw`(?:Hi|Hello|Hey|Dear|Good (?:morning|afternoon|day)|Pozdravljen[ia]?|Spoštovan[ia]?|Živjo|Zdravo|Dober dan|Dragi|Draga)[ \t]*,?[ \t]+(?:${TITLE})?(${NAME})(?=[ \t]*(?:[,!:.]|$))`,
  "gmud",
);
const SIGN_OFF = String.raw`(?:Best regards|Kind regards|Warm regards|Best wishes|Regards|Thanks|Thank you|Many thanks|Cheers|Sincerely|Yours sincerely|Lep pozdrav|Lepo pozdravljeni|Prijazen pozdrav|Hvala in lep pozdrav|Hvala lepa|Hvala|LP|Lp|S spoštovanjem|Pozdrav)`;
/**
 * The name alone on the line after a sign-off (one blank line allowed), or on
 * the same line ("Lp, Janez"). The sign-off starts a line or follows a sentence.
 */
const SIGNATURE = new RegExp(
  String.raw`${SIGN_OFF}[ \t]*[,!.]?(?:[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]{0,8}|[ \t]+)(${NAME})[ \t]*$`,
  "gmud",
);
const SELF_INTRODUCTION = new RegExp(
  String.raw`(?:[Mm]y name is|[Mm]oje ime je|[Ii]me mi je|[Jj]az sem|[Ss]em|[Ii]'m|I am)[ \t]+(${NAME})`,
  "gmud",
);

/** Capitalised words that follow the same cues but are not people. */
const NOT_A_NAME = new Set([
  "Team", "All", "There", "Support", "Sir", "Madam", "Customer", "Everyone", "Everybody", "Folks",
  "Colleagues", "Helpdesk", "Sales", "Admin", "Minidesk", "Ekipa", "Vsi", "Podpora", "Tehnična",
  "Spoštovani", "Kolegi", "Sodelavci", "Gospod", "Gospa", "Vam", "Vas", "Vi", "Vaš", "Vaše", "Vašo",
  "Vašega", "Vami", "Please", "Prosim", "Thanks", "Hvala", "Here", "Again", "The", "We", "I", "It",
  "Microsoft", "Windows", "Outlook", "Gmail", "Google", "WordPress", "Office", "Excel", "Word",
  "Ljubljana", "Maribor", "Celje", "Kranj", "Koper", "Slovenija", "Slovenia", "Monday", "Tuesday",
  "Wednesday", "Thursday", "Friday", "Ponedeljek", "Torek", "Sreda", "Četrtek", "Petek", "Sorry",
  "Oprostite", "Zadovoljen", "Zadovoljna", "Happy", "Sure", "Not", "Also", "Tukaj", "Doma",
]);

// Where a cue may start. Checked in code rather than as a lookbehind at the
// front of each pattern, so that V8 can scan for the cue's first letters.
type CueStart = "word" | "line" | "line-or-sentence";
const LETTER = /\p{L}/u;

function cueMayStartAt(text: string, index: number, rule: CueStart): boolean {
  if (index > 0 && LETTER.test(text[index - 1]!)) return false;
  if (rule === "word") return true;
  let i = index - 1;
  while (i >= 0 && index - i <= 8 && (text[i] === " " || text[i] === "\t")) i--;
  if (i < 0 || text[i] === "\n") return true;
  return rule === "line-or-sentence" && i < index - 1 && /[.!?]/.test(text[i]!);
}

export function detectPersons(text: string): Detection[] {
  const detections: Detection[] = [];
  const cues: Array<[RegExp, CueStart, number]> = [
    [LABELLED, "word", 0.9],
    [GREETING, "line", 0.8],
    [SIGNATURE, "line-or-sentence", 0.75],
    [SELF_INTRODUCTION, "word", 0.8],
  ];
  for (const [cue, rule, confidence] of cues) {
    for (const match of text.matchAll(cue)) {
      const span = match.indices?.[1];
      if (!span || !cueMayStartAt(text, match.index, rule)) continue;
      const words = match[1]!.split(" ");
      if (words.some((word) => NOT_A_NAME.has(word))) continue;
      detections.push({ type: "PERSON", start: span[0], end: span[1], confidence });
    }
  }
  return detections;
}
