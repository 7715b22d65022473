import type { Detection } from "../types";
import { matchesAt } from "./candidate-scan";
import { keyedFields, plainKey, SQL_INSERT_HINT } from "./keyed-fields";
import { columnValues, EMPTY_CELL } from "./csv-columns";
import { groupLeadingAlternation } from "./grouped-alternation";
import { isLetterUnit } from "./letter-units";
import { companyAfter, companyWords, isCompanyWord } from "./person/company";
import { gazetteer, GIVEN, NOT_A_NAME as NOT_A_NAME_FLAG, SURNAME } from "./person/gazetteer";
import { isFullNameHandle, isHandleOfPerson } from "./person/handles";
import { lowerCaseGivenNames, lowerCaseNames } from "./person/lower-case-names";
import { nameTokens } from "./person/name-tokens";
import { runningTextNames } from "./person/running-text";
import { COMPANY_WORD, isNameValue, structuredNames } from "./person/structure";

/**
 * Names are found only after a cue (a form label, a greeting, a sign-off, a
 * self-introduction): without a dictionary of names, a capitalised word on
 * its own is as likely a product, a town or a sentence start. The cue itself
 * stays in the text; only the name is reported.
 */

// "Novak-Kos", "O'Connor", "D’Angelo", "McDonald", "DeShawn", "LaToya" (an inner capital after a short head)
const NAME_WORD = String.raw`(?:\p{Lu}\p{Ll}{1,2}\p{Lu}\p{Ll}{2,20}|\p{Lu}(?:['’]\p{Lu})?\p{Ll}{1,20})(?:-\p{Lu}\p{Ll}{1,20})?`;
// "van der Berg", "de Luca": lower-case particles inside a name, before the word they belong to;
// "Maeve Ó Conaill", "Róisín Ní Dhomhnaill": the Irish ones are capitalised
const PARTICLES = String.raw`(?:(?:van|von|der|den|de|del|della|di|da|du|la|le|ten|ter|zu|Ó|Ní|Nic|Uí|Ua) ){0,2}`;
// "H. Lindqvist", "J. Novak": an initial may stand for the given name; "Gregor K.": for the surname
// (Particles only between its words: tried before every first word, after every "sem" or "g."
// followed by a lower-case word, they cost the cues a tenth of their time; after a courtesy title
// a name may start with them, see TITLE_IN_PROSE.)
const NAME = String.raw`(?:\p{Lu}\. )?${NAME_WORD}(?: ${PARTICLES}${NAME_WORD}){0,2}(?: \p{Lu}\.(?![\p{L}\d]))?`;
const TITLE = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|g|ga|gdč|dr|prof)\.?|gospod|gospa|gospodična) `;

// Form labels, also as "name=" in form data, and the person fields of ticket and HR exports
// ("Assignee:", "Reported by:", "Prijavitelj:", "Dodeljeno:"). "Stranka", "Plačnik" and the like
// label a person or a company; a company name rarely has 2–3 capitalised words
// without "d.o.o." or "Ltd", which the name pattern does not take.
const LABELLED = groupLeadingAlternation(new RegExp(
  String.raw`(?:[Nn]ame(?: on card)?|[Ff]ull [Nn]ame|[Ff]irst [Nn]ame|[Ll]ast [Nn]ame|[Ss]urname|[Cc]ontact(?: [Pp]erson)?|[Cc]ustomer(?: [Nn]ame)?|[Cc]lient|[Cc]ardholder(?: name)?|[Aa]ccount holder|[Ss]ender|[Rr]ecipient|[Rr]equester|[Ii]me(?: in priimek)?|[Pp]riimek(?: in ime)?|[Kk]ontaktna oseba|[Kk]ontakt|[Nn]aročnik|[Pp]odpisnik|[Ss]tranka|[Kk]lient|[Pp]lačnik|[Pp]rejemnik|[Pp]ošiljatelj|[Ii]metnik(?: kartice| računa)?|[Ll]astnik|[Aa]ssignee|[Aa]ssigned to|[Rr]eported by|[Rr]equested by|[Cc]reated by|[Aa]pproved by|[Oo]wner|[Tt]echnician|[Tt]ehnik|[Ss]ubmitted by|[Oo]pened by|[Cc]losed by|[Rr]esolved by|[Uu]pdated by|[Mm]odified by|[Ee]dited by|[Ss]igned by|[Oo]dprl(?:a)?|[Zz]aprl(?:a)?|[Rr]ešil(?:a)?|[Uu]redil(?:a)?|[Pp]odpisal(?:a)?|[Aa]uthor|[Aa]vtor(?:ica)?|[Pp]rijavitelj(?:ica)?|[Dd]odeljeno|[Oo]dgovorna oseba|[Ee]mployee|[Zz]aposlen[ia]?|[Pp]assenger|[Pp]otnik|[Pp]atient|[Pp]acient(?:ka)?|[Aa]pplicant|[Tt]enant|[Nn]ajemnik|[Nn]achname(?:, [Vv]orname)?|[Vv]orname(?:, [Nn]achname)?|[Nn]ame, [Vv]orname|[Pp]riimek, ime|[Vv]ersicherungsnehmer(?:in)?|[Aa]ntragsteller(?:in)?|[Aa]nsprechpartner(?:in)?|[Kk]unde|[Kk]undin|[Mm]itarbeiter(?:in)?|[Ii]me i prezime|[Pp]rezime i ime|[Pp]rezime|[Ff]orenames?(?:\(s\))?|[Gg]iven names?|[Cc]hild(?:'s)?(?: full)? name|(?:[Ss]econd|[Tt]hird|[Ff]irst) child|[Aa]ccompanying(?: person)?|[Gg]uest name|[Ss]premljevalec|[Ss]premljevalka|[Vv]lagatelj(?:ica)?|[Ss]krbni(?:k|ca)|[Zz]avarovanec|[Zz]avarovanka|[Zz]akoniti zastopnik|[Pp]olicy ?holder|[Ii]nsured(?: person)?|[Tt]ravell?ing with|[Gg]uardian|[Pp]arent(?:\/guardian)?|[Nn]ext of kin|[Ee]mergency contact|[Ww]itness|[Ss]pouse|[Mm]other|[Ff]ather|[Mm]ati|[Oo]če|[Ee]rziehungsberechtigte[rn]?|[Nn]ositelj(?:ica)?|[Pp]odnositelj(?:ica)?)(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*[:=][ \t]*(?:${TITLE})?(${NAME})`,
  "gmud",
));
const GREETING = groupLeadingAlternation(new RegExp(
  String.raw`(?:Hi|Hello|Hey|Dear|Good (?:morning|afternoon|day)|Pozdravljen[ia]?|Spoštovan[ia]?|Živjo|Zdravo|Dober dan|Dragi|Draga)[ \t]*,?[ \t]+(?:${TITLE})?(${NAME})(?=[ \t]*(?:[,!:.]|$))`,
  "gmud",
));
const SIGN_OFF = String.raw`(?:Best regards|Kind regards|Warm regards|Best wishes|All the best|Regards|Best|Thanks|Thank you|Many thanks|Thx|Cheers|Sincerely|Yours sincerely|[Ll]ep pozdrav|Lepo pozdravljeni|Prijazen pozdrav|Hvala in lep pozdrav|Hvala in lp|Hvala in LP|Hvala lepa|Hvala vnaprej|Hvala|LP|Lp|lp|S spoštovanjem|Pozdrav)`;
/**
 * The name alone on the line after a sign-off (one blank line allowed), or on
 * the same line ("Lp, Janez"), a closing full stop or "!" allowed ("Lp, Janez.").
 * The sign-off starts a line or follows a sentence.
 */
const SIGNATURE = groupLeadingAlternation(new RegExp(
  String.raw`${SIGN_OFF}[ \t]*[,!.]?(?:[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]{0,8}|[ \t]+)(${NAME})[ \t]*[.!]?[ \t]*$`,
  "gmud",
));
const SELF_INTRODUCTION = groupLeadingAlternation(new RegExp(
  String.raw`(?:[Mm]y name is|[Mm]oje ime je|[Ii]me mi je|[Jj]az sem|[Ss]em|[Ii]'m|I am)[ \t]+(${NAME})`,
  "gmud",
));

/** A courtesy title before a surname anywhere in a sentence: "g. Novak je rekel", "Ms. Brown". */
const TITLE_IN_PROSE = groupLeadingAlternation(new RegExp(
  String.raw`(?:Mr|Mrs|Ms|Miss|Dr|g|ga|ge|gdč|dr|Herr|Herrn|Frau|[Gg]ospod|[Gg]ospoda|[Gg]ospodu|[Gg]ospodom|[Gg]ospa|[Gg]ospe|[Gg]ospej|[Gg]ospo|[Gg]ospodin|[Gg]ospodina|[Gg]ospođa|[Gg]ospođe|[Gg]ospođi|[Gg]ospođu|[Ss]ig|[Ss]ig\.ra|[Ss]ignor|[Ss]ignora|[Ss]ignorina|[Dd]ott|[Dd]ott\.ssa|[Mm]adame|[Mm]onsieur|Mme)\.?[ \t]+(${PARTICLES}${NAME})(?![\p{L}\p{N}])`,
  "gud",
));
/** A colleague or role in apposition: "kolegica Petra je …", "our accountant, Linda Park, needs …". */
const ROLE = groupLeadingAlternation(new RegExp(
  String.raw`(?:[Kk]olega|[Kk]olegica|[Ss]odelavec|[Ss]odelavka|[Dd]irektor|[Dd]irektorica|[Rr]ačunovodja|[Rr]ačunovodkinja|[Tt]ajnica|[Ss]efica|[Cc]olleague|[Aa]ccountant|[Bb]oss|[Aa]ssistant|[Ss]in|[Hh]či|[Žž]ena|[Mm]ož|[Bb]rat|[Ss]estra|[Ss]on|[Dd]aughter|[Ww]ife|[Hh]usband|[Bb]rother|[Ss]ister|[Pp]artner|[Pp]artnerica|[Dd]eveloper|[Mm]anager|[Ss]ohn|[Tt]ochter|[Kk]ollege|[Kk]ollegin|[Nn]ew hire|[Aa]unt|[Uu]ncle|[Tt]eta|[Ss]tric)(?:,)?[ \t]+(${NAME})`,
  "gud",
));
/**
 * Whom the writer spoke with, met or asks for, or who wrote or set up a thing: "I spoke to Thandiwe
 * Mokoena yesterday", "ask for Wojtek at the reception", "govoril sem z Mojco Zupan", "typed by Aoife". The verb says a person follows; the name
 * need not be known to the gazetteer when it has two words (one word must be a given name it knows).
 */
const CONTACT_VERB = groupLeadingAlternation(new RegExp(
  String.raw`(?:[Ss]poke (?:to|with)|[Ss]peak (?:to|with)|[Tt]alked (?:to|with)|[Tt]alk (?:to|with)|[Cc]hatted with|[Mm]et with|[Aa]sk for|[Aa]sked for|[Cc]all|[Cc]alled|[Pp]honed|[Pp]okličite|[Pp]okliči|[Kk]ontaktirajte|[Ee]mailed|[Rr]each out to|[Rr]eached out to|[Ff]orward(?:ed)? (?:it |this )?to|[Cc]c(?:'d|ed)?|[Cc]ontact at [\p{L} ]{2,30} is|[Pp]revious contact was|[Gg]ovoril(?:a)? (?:sem |smo )?[sz]|[Pp]ogovarjal(?:a)? (?:sem |smo )?se [sz]|[Pp]ogovoril(?:a)? (?:sem |smo )?se [sz]|[Ss]estal(?:a)? (?:sem |smo )?se [sz]|[Kk]lical(?:a)?(?: sem| je)?|[Pp]oklical(?:a)?(?: sem| je)?|[Vv]prašajte(?: za)?|[Oo]bvestil(?:a)?(?: sem| je)?|(?:[Tt]yped|[Ww]ritten|[Ss]ent|[Ee]ntered|[Pp]repared|[Cc]hecked|[Ff]illed in|[Ss]et up|[Rr]eplied to|[Aa]nswered) by)[ \t]+(${NAME})`,
  "gud",
));
/** A Zoom or Teams meeting chat saved to a file: "10:33 From Mateja to Everyone: yes". */
const MEETING_CHAT_SENDER = new RegExp(
  String.raw`(?<![\p{L}])From[ \t]+(${NAME})[ \t]+to[ \t]+(?:Everyone|everyone|All|Me|me|Vsi|vsi)(?:[ \t]*\([^)\n]{0,20}\))?[ \t]*:`,
  "gud",
);
const THIS_IS = groupLeadingAlternation(new RegExp(String.raw`(?:[Tt]his is|[Tt]u je|[Tt]ukaj je)[ \t]+(${NAME})(?=[ \t]+(?:from|iz|at|z|s)[ \t])`, "gud"));
/** "… if needed. — Emily": a dash sign-off after a sentence, the name ending the line. */
const DASH_SIGN_OFF = new RegExp(String.raw`(?<=[.!?])[ \t]+[—–-]{1,2}[ \t]*(${NAME})[ \t]*$`, "gmud");
/** "— Sandi" on a line of its own, as a handover note or a chat message is signed (an em or en dash; a hyphen is a list's bullet). */
const DASH_LINE_SIGN_OFF = new RegExp(String.raw`^[ \t]*[—–][ \t]*(${NAME})[ \t]*$`, "gmud");
/** Where DASH_SIGN_OFF may start: after a full stop, "!" or "?" that blanks and a dash follow. */
const SENTENCE_END_BEFORE_DASH = /[.!?](?=[ \t]+[—–-])/g;

function dashSignOffStarts(text: string): number[] {
  const starts: number[] = [];
  // exec on the shared pattern rather than matchAll, which copies the pattern on every call
  SENTENCE_END_BEFORE_DASH.lastIndex = 0;
  for (let hit = SENTENCE_END_BEFORE_DASH.exec(text); hit !== null; hit = SENTENCE_END_BEFORE_DASH.exec(text)) {
    starts.push(hit.index + 1);
  }
  return starts;
}
/** "Irena Lesjak, 041 620 115" – a line that starts with a full name followed by a phone number or an address. */
// Sticky and tried only at line starts (see nameThenContact): a multiline "^"
// would make V8 attempt the pattern at every position of the text.
const NAME_THEN_CONTACT = new RegExp(
  String.raw`[ \t]*(${NAME_WORD}(?: ${NAME_WORD}){1,2})[ \t]*[,|–][ \t]*(?=\+\d|0\d|\(0\d|[^\s@,]{1,64}@)`,
  "yud",
);
const UPPER_OR_BLANK = /[\p{Lu} \t]/u;
/** UPPER_OR_BLANK per UTF-16 unit, asked once per unit: 0 not yet asked, 1 yes, 2 no. */
const UPPER_OR_BLANK_UNITS = new Uint8Array(65536);

function isUpperOrBlankUnit(unit: number): boolean {
  let known = UPPER_OR_BLANK_UNITS[unit]!;
  if (known === 0) UPPER_OR_BLANK_UNITS[unit] = known = UPPER_OR_BLANK.test(String.fromCharCode(unit)) ? 1 : 2;
  return known === 1;
}
/** The display name of an address: "From: Tina Rupnik <tina@…>", "je Luka Mlakar <luka@…> napisal(a):". */
const ADDRESS_AFTER_NAME = /[ \t]+(?:<|\[mailto:)([^\s<>@\]]{1,64})@/g;
/** Mailboxes of a role, not a person: their display name is a company's or a list's ("Acme Widgets <newsletter@…>"). */
const ROLE_MAILBOX = /^(?:newsletter|news|info|noreply|no-reply|donotreply|support|billing|sales|office|hello|contact|team|admin|marketing|notifications?|mailer-daemon|postmaster|racuni|prodaja|podpora|obvestila)$/i;
const SURNAME_FIRST_AT_END = /"(\p{Lu}[\p{L}'’-]{1,25}, \p{Lu}[\p{L}'’-]{1,25})"$/u;
const NAME_AT_END = new RegExp(String.raw`(?:^|[\s:,(])"?(${NAME})"?$`, "u");

/** Header cells that say a column holds names (CSV, semicolon lists, markdown tables). */
// "Billing Name", "ship_to_name", "first", "Nachname": a shop's or CRM's export names its person
// columns with a prefix for the party, or only "first"/"last" beside "email".
const NAME_COLUMN = /^(?:(?:billing|shipping|bill[ _-]?to|ship[ _-]?to|customer|client|contact|account|card[ _-]?holder|cardholder|recipient|delivery|sender|buyer|kupec|naročnik)[ _-]?)?(?:ime|priimek|ime in priimek|priimek in ime|name|full[ _-]?name|first[ _-]?name|last[ _-]?name|firstname|lastname|surname|given[ _-]?name|family[ _-]?name|first|last|given|family|vorname|nachname|nome|cognome|prezime|imię|nazwisko|kontaktna oseba|contact[ _-]?person|holder)$/;
/**
 * A cell under a name header is a name when it is made like one, known to the gazetteer or not
 * (fail closed: "Adeyemi, Folasade", "Nguyen, Thi Lan", "van der Berg"): one to five words of
 * letters (hyphens, apostrophes, initials, one comma), no digits, no "@"; a possessive is a
 * shop's ("Sainsbury's").
 */
const NAME_CELL = /^\p{L}[\p{L}'’.-]*,?(?: \p{L}[\p{L}'’.-]*,?){0,4}$(?<!['’]s)/u;
/**
 * Header cells of a column that holds people or companies (ticket, bank and event exports): a cell
 * counts only when the gazetteer knows it as a name, written in capitals too ("J SMITH").
 */
const ROLE_COLUMN = /^(?:payee|beneficiary|speaker|owner|card[ _]?holder|card holder name|name on card|account[ _]holder|imetnik|imetnik kartice|imetnik računa|assignee|assigned to|author|avtor|prijavitelj|dodeljeno|customer|customer name|stranka|employee|zaposleni|contact|kontakt|prejemnik|plačnik|passenger|attendee|udeleženec|requester|reported by|created by)$/;

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
  // role mailboxes and departments, which show up as display names ("Northwind Billing <billing@…>")
  "Billing", "Accounts", "Accounting", "Info", "Office", "Newsletter", "Notifications", "Noreply", "Service",
  "Marketing", "Prodaja", "Računovodstvo", "Tajništvo", "Obvestila", "Servis", "Pisarna", "Uprava", "Finance",
]);

/** What may follow a courtesy title but names no one ("g. Vam pošiljam", "Dr. Office"). */
const NOT_A_NAME_AFTER_TITLE = new Set([
  "Vam", "Vas", "Vi", "Vaš", "Vaše", "Vašo", "Vašega", "Vami", "The", "We", "I", "It", "Please", "Prosim", "Thanks", "Hvala",
  "Microsoft", "Windows", "Outlook", "Gmail", "Google", "WordPress", "Office", "Excel", "Word",
]);

// Where a cue may start. Checked in code rather than as a lookbehind at the
// front of each pattern, so that V8 can scan for the cue's first letters.
type CueStart = "word" | "line" | "line-or-sentence";
/** A given name the gazetteer knows (male, female or both) that it does not mark as no name. */
function isPlainGivenName(word: string): boolean {
  const flags = gazetteer().flagsOf(word.toLowerCase());
  return (flags & GIVEN) !== 0 && (flags & NOT_A_NAME_FLAG) === 0;
}

function cueMayStartAt(text: string, index: number, rule: CueStart): boolean {
  if (index > 0 && isLetterUnit(text.charCodeAt(index - 1))) return false;
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
    [TITLE_IN_PROSE, "word", 0.8],
    [ROLE, "word", 0.7],
    [THIS_IS, "word", 0.75],
    [CONTACT_VERB, "word", 0.7],
    [MEETING_CHAT_SENDER, "word", 0.8],
    [DASH_SIGN_OFF, "word", 0.7],
    [DASH_LINE_SIGN_OFF, "word", 0.7],
  ];
  for (const [cue, rule, confidence] of cues) {
    // The dash sign-off starts with a lookbehind, which V8 would try at every position.
    const matches = cue === DASH_SIGN_OFF ? matchesAt(DASH_SIGN_OFF, text, dashSignOffStarts(text)) : text.matchAll(cue);
    for (const match of matches) {
      const span = match.indices?.[1];
      if (!span || !cueMayStartAt(text, match.index, rule)) continue;
      const words = match[1]!.split(" ");
      // after a courtesy title a weekday, a month or a town is a surname ("ga. Petek", "g. Kranjc")
      if (words.some((word) => (cue === TITLE_IN_PROSE ? NOT_A_NAME_AFTER_TITLE : NOT_A_NAME).has(word))) continue;
      // "I called Support", "ask for Peter": one word after a verb of contact must be a known given name
      if ((cue === CONTACT_VERB || cue === DASH_LINE_SIGN_OFF) && words.length === 1 && !isPlainGivenName(words[0]!)) continue;
      // "Stranka: Kovačič Gradnje d.o.o.", "Hvala, Walsh Joinery": a firm after the cue
      if (companyWords(words) || companyAfter(text, span[1], words.length > 1)) continue;
      // "Wallner & Partner Rechtsanwälte": a partner after "&" is the firm's, and a trade after it no one's
      if (cue === ROLE && (/&[ \t]*$/.test(text.slice(Math.max(0, match.index - 3), match.index)) || words.some(isCompanyWord))) continue;
      detections.push({ type: "PERSON", start: span[0], end: span[1], confidence });
    }
  }
  // The helpers append in place: spreading a large result into push() overflows the stack.
  if (text.includes("@")) {
    displayNames(text, detections);
    mentions(text, detections);
  }
  if (text.includes("@") || text.includes("[~")) handleMentions(text, detections);
  nameThenContact(text, detections);
  if (text.includes(" - ") && text.includes(" [")) accessLogUsers(text, detections);
  if (text.includes(" from ") || text.includes(" iz ")) namesFromDepartment(text, detections);
  nameColumns(text, detections);
  keyedNameFields(text, detections);
  if (text.includes("CN=") || text.includes("cn=")) directoryNames(text, detections);
  // Names without a cue, found by the gazetteer (detectors/person/): overlaps with the cue-based
  // findings above are resolved by detect(), the longest span winning.
  const tokens = nameTokens(text);
  runningTextNames(text, tokens, detections);
  lowerCaseNames(text, detections);
  structuredNames(text, detections);
  lowerCaseGivenNames(text, detections);
  return detections;
}

/**
 * A directory's or a calendar's common name: "cn=Maja Oblak,ou=Racunovodstvo,dc=…" (LDAP),
 * "ORGANIZER;CN=Bojan Kralj:mailto:…" (iCalendar). A service account ("cn=svc-sync") is no name.
 */
const COMMON_NAME = /(?<![\p{L}\d])CN=("?)([^";:,=\n]{2,60})\1(?=[;:,])/giu;
function directoryNames(text: string, detections: Detection[]): void {
  for (const match of text.matchAll(COMMON_NAME)) {
    if (!isNameValue(match[2]!)) continue;
    const start = match.index + match[0].length - match[1]!.length - match[2]!.length;
    detections.push({ type: "PERSON", start, end: start + match[2]!.length, confidence: 0.8 });
  }
}

/** "@Sophie the cert…", "@Uroš Petek lahko…": a chat mention, "@" at a word start (an address has a letter before it). */
const MENTION = /(?<![\p{L}\d._%+-])@(\p{Lu}[\p{Ll}'’-]{1,30})(?:[ \t](\p{Lu}[\p{Ll}'’-]{1,30}))?/gu;

function mentions(text: string, detections: Detection[]): void {
  const names = gazetteer();
  for (const hit of text.matchAll(MENTION)) {
    const given = names.flagsOf(hit[1]!.toLowerCase());
    if ((given & GIVEN) === 0 || (given & NOT_A_NAME_FLAG) !== 0) continue;
    const second = hit[2] === undefined ? 0 : names.flagsOf(hit[2].toLowerCase());
    const whole = hit[2] !== undefined && (second & NOT_A_NAME_FLAG) === 0 && !companyWords([hit[1]!, hit[2]]);
    const start = hit.index + 1;
    const end = start + hit[1]!.length + (whole ? 1 + hit[2]!.length : 0);
    detections.push({ type: "PERSON", start, end, confidence: 0.75 });
  }
}

/** "@bostjan.kos", "[~marta.r]" (Jira): a mention of a handle made of a person's names. */
const HANDLE_MENTION = /(?<![\p{L}\d._%+-])(?:@|\[~)(\p{Ll}[\p{Ll}\d]*(?:[._-][\p{Ll}\d]+){0,3})/gu;

function handleMentions(text: string, detections: Detection[]): void {
  for (const hit of text.matchAll(HANDLE_MENTION)) {
    const handle = hit[1]!;
    // made of names: "@gmail.com", "@types", "@support-bot" are not people
    if (!isHandleOfPerson(handle)) continue;
    const start = hit.index + hit[0].length - handle.length;
    detections.push({ type: "PERSON", start, end: start + handle.length, confidence: 0.75 });
  }
}

/**
 * "Barbara from reception moved to…", "Kos iz računovodstva potrdi": a name before the department
 * the person works in is a person's even when the name is also a word (Barbara, Kos, Golob).
 */
const FROM_DEPARTMENT =
  /[ \t](?:from|iz)[ \t]+(?:the[ \t]+)?(?:reception|accounting|accounts|IT|HR|sales|support|finance|marketing|billing|legal|purchasing|procurement|logistics|payroll|front desk|helpdesk|recepcije|računovodstva|prodaje|kadrovske(?:[ \t]+službe)?|kadrovske|nabave|marketinga|financ|pravne[ \t]+službe|podpore|IT-ja|tajništva|uprave|skladišča|knjigovodstva)(?![\p{L}])/gu;
const NAME_BEFORE_DEPARTMENT = new RegExp(String.raw`(?:^|[\s(,;:])(${NAME})$`, "u");

function namesFromDepartment(text: string, detections: Detection[]): void {
  for (const hit of text.matchAll(FROM_DEPARTMENT)) {
    const from = Math.max(0, hit.index - 60);
    const before = NAME_BEFORE_DEPARTMENT.exec(text.slice(from, hit.index));
    if (before === null || !isName(before[1]!)) continue;
    // one word must be a name the gazetteer knows ("Report from IT" is a title)
    if (!before[1]!.includes(" ") && (gazetteer().flagsOf(before[1]!.toLowerCase()) & (GIVEN | SURNAME)) === 0) continue;
    const start = hit.index - before[1]!.length;
    detections.push({ type: "PERSON", start, end: hit.index, confidence: 0.7 });
  }
}

function nameThenContact(text: string, detections: Detection[]): void {
  for (let lineStart = 0; lineStart < text.length; ) {
    if (isUpperOrBlankUnit(text.charCodeAt(lineStart))) {
      NAME_THEN_CONTACT.lastIndex = lineStart;
      const match = NAME_THEN_CONTACT.exec(text);
      const span = match?.indices?.[1];
      if (span && isName(match[1]!)) detections.push({ type: "PERSON", start: span[0], end: span[1], confidence: 0.7 });
    }
    const newline = text.indexOf("\n", lineStart);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
}

function isName(value: string): boolean {
  const words = value.split(" ");
  return !words.some((word) => NOT_A_NAME.has(word)) && !companyWords(words) && !COMPANY_WORD.test(value);
}

/** The name right before "<address@…>" or "[mailto:address@…]" on the same line (at most 80 characters back). */
function displayNames(text: string, detections: Detection[]): void {
  for (const hit of text.matchAll(ADDRESS_AFTER_NAME)) {
    if (ROLE_MAILBOX.test(hit[1]!)) continue;
    // Look back 80 characters at most, and only on this line: searching the whole
    // text for the previous newline would make one long line quadratic.
    let from = Math.max(0, hit.index - 80);
    const window = text.slice(from, hit.index);
    const newline = window.lastIndexOf("\n");
    if (newline !== -1) from += newline + 1;
    const before = newline === -1 ? window : window.slice(newline + 1);
    // '"Hribar, Matej" <…>': the surname first, as Outlook shows a display name
    const match = SURNAME_FIRST_AT_END.exec(before) ?? NAME_AT_END.exec(before);
    if (!match || !isName(match[1]!.replace(/^([^,]+), (.+)$/, "$2 $1"))) continue;
    const end = from + before.length - (before.endsWith('"') ? 1 : 0);
    detections.push({ type: "PERSON", start: end - match[1]!.length, end, confidence: 0.85 });
  }
}

/**
 * A name in a JSON or XML record ("first": "Tanja", <LastName>Wimmer</LastName>): a key the
 * name columns accept, and a capitalised value that is no firm. "key: value" lines are LABELLED's.
 */
const NAME_KEY_HINT = /name|first|last|given|family|ime|priimek|user|login|author|assignee|owner|sender|reporter|handle|nick|by"|upn/i;
/** What a test record or an empty form puts in a name field. */
const PLACEHOLDER_NAME = /^(?:test|tester|n\/?a|null|none|xxx+|tbd|unknown|neznan[oa]?|anonymous|anonimen|demo)$/i;
const CAPITALISED_NAME = /^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,3}$/u;
/**
 * The user field of a web server's access log (Common and Combined Log Format: host, ident, user,
 * then the time in brackets): '81.174.133.20 - eleanor.briggs [10/Apr/2025:08:01:02 +0200] "GET …'.
 * A login made of a given name and a surname there names the person.
 */
const ACCESS_LOG_USER = /^[\w.:-]{3,64} [^\s]{1,40} ([^\s\[\]"@]{3,40}) \[\d{1,2}\/[A-Z][a-z]{2}\/\d{4}:/dgm;
function accessLogUsers(text: string, detections: Detection[]): void {
  for (const line of text.matchAll(ACCESS_LOG_USER)) {
    const [start, end] = line.indices![1]!;
    if (isFullNameHandle(line[1]!)) detections.push({ type: "PERSON", start, end, confidence: 0.75 });
  }
}

/** Keys whose value is an account's handle ("user_name": "stefan.gruber", <author>eleanor.briggs</author>). */
const HANDLE_KEY = /^(?:user|user[ _-]?name|login|author|assignee|owner|sender|reporter|handle|nick(?:name)?|created[ _-]?by|updated[ _-]?by|modified[ _-]?by|sam[ _-]?account[ _-]?name|upn|user[ _-]?principal[ _-]?name)$/;
const HANDLE_VALUE = /^\p{Ll}[\p{Ll}\d]*[._-][\p{Ll}\d._-]*$/u;
function keyedNameFields(text: string, detections: Detection[]): void {
  if (!NAME_KEY_HINT.test(text) || !(text.includes('"') || text.includes("<") || SQL_INSERT_HINT.test(text))) return;
  for (const field of keyedFields(text)) {
    const value = text.slice(field.start, field.end);
    // a login made of a given name and a surname under a user key: the person as surely as written out
    if (HANDLE_VALUE.test(value) && HANDLE_KEY.test(plainKey(field.key)) && isFullNameHandle(value)) {
      detections.push({ type: "PERSON", start: field.start, end: field.end, confidence: 0.75 });
      continue;
    }
    if (!CAPITALISED_NAME.test(value) || PLACEHOLDER_NAME.test(value) || !NAME_COLUMN.test(plainKey(field.key)) || !isName(value)) continue;
    if (companyAfter(value, value.search(/ |$/))) continue;
    detections.push({ type: "PERSON", start: field.start, end: field.end, confidence: 0.8 });
  }
}

/**
 * Tables pasted from a CRM or a spreadsheet: when a header row names a column
 * "ime", "priimek", "name"…, the cells under it that look like names are names.
 * Rows follow the header until a blank line or a line without the delimiter.
 * Header lines are found by their words; every line is looked at once at most.
 */
const HEADER_WORD = groupLeadingAlternation(/(?:ime|name|first|last|given|family|holder|imetnik|oseba|person|payee|beneficiary|speaker|owner|assignee|author|avtor|prijavitelj|dodeljeno|customer|stranka|employee|zaposlen|contact|kontakt|prejemnik|plačnik|passenger|attendee|udeleženec|requester)/gi);

const MAX_HEADER_LINE = 400;
/** NAME_COLUMN takes at most 27 units ("card_holder_kontaktna oseba"), ROLE_COLUMN 16; two more for quotes. */
const MAX_HEADER_CELL = 29;

function nameColumns(text: string, detections: Detection[]): void {
  let doneUpTo = 0;
  for (const hit of text.matchAll(HEADER_WORD)) {
    if (hit.index < doneUpTo) continue;
    const headerStart = text.lastIndexOf("\n", hit.index) + 1;
    const headerEnd = lineEndAt(text, hit.index);
    doneUpTo = headerEnd + 1;
    if (headerEnd - headerStart > MAX_HEADER_LINE) continue; // before slicing a long line
    const table = nameTableHeader(text.slice(headerStart, headerEnd));
    if (!table) continue;
    for (let lineStart = headerEnd + 1; lineStart < text.length; ) {
      const lineEnd = lineEndAt(text, lineStart);
      const line = text.slice(lineStart, lineEnd);
      if (!line.includes(table.delimiter)) break;
      let cellStart = 0;
      line.split(table.delimiter).forEach((cell, column) => {
        const trimmed = cell.trim().replace(/^"(.*)"$/, "$1");
        const byHeader = table.columns.includes(column) && NAME_CELL.test(trimmed) && !EMPTY_CELL.test(trimmed) && /\p{L}{2}/u.test(trimmed) && isName(trimmed) && !companyAfter(trimmed, trimmed.search(/ |$/));
        if (byHeader || (table.roleColumns.includes(column) && isNameValue(titleCased(trimmed)))) {
          const start = lineStart + cellStart + cell.indexOf(trimmed);
          detections.push({ type: "PERSON", start, end: start + trimmed.length, confidence: 0.8 });
        }
        cellStart += cell.length + table.delimiter.length;
      });
      doneUpTo = lineEnd + 1;
      lineStart = lineEnd + 1;
    }
  }
  // A table aligned with blanks ("Ime            Priimek      r."), which columnValues reads.
  for (const cell of columnValues(text, ALIGNED_NAME_HEADER, (field) => NAME_COLUMN.test(field), ALIGNED_NAME_HEADER)) {
    const value = text.slice(cell.start, cell.end);
    if (NAME_CELL.test(value) && /\p{L}{2}/u.test(value) && isName(value) && !companyAfter(value, value.search(/ |$/))) {
      detections.push({ type: "PERSON", ...cell, confidence: 0.8 });
    }
  }
}
/** A line that may head a table aligned with blanks: a name column's header and the blanks after it. */
const ALIGNED_NAME_HEADER = groupLeadingAlternation(/(?:ime|priimek|name|first|last|surname|given|family|vorname|nachname|nome|cognome|prezime) {2,}/i);

function lineEndAt(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline === -1 ? text.length : newline;
}

/** "J SMITH" → "J. Smith", "ANA NOVAK" → "Ana Novak": a name in capitals, as bank exports write it. */
function titleCased(value: string): string {
  if (value !== value.toUpperCase() || !/\p{Lu}{2}/u.test(value)) return value;
  return value
    .split(" ")
    .map((word) => (word.length === 1 ? `${word}.` : word.charAt(0) + word.slice(1).toLowerCase()))
    .join(" ");
}

const CREDENTIAL_COLUMN = /^(?:password|login_password|login_uri|url|login_username|username|totp|login_totp)$/;
function nameTableHeader(line: string): { delimiter: string; columns: number[]; roleColumns: number[] } | null {
  if (line.length > MAX_HEADER_LINE) return null;
  for (const delimiter of ["|", ";", "\t", ","]) {
    if (!line.includes(delimiter)) continue;
    const cells = line.split(delimiter);
    const columns: number[] = [];
    const roleColumns: number[] = [];
    cells.forEach((raw, index) => {
      const trimmed = raw.trim();
      // Longer than any header either pattern takes, with its quotes (lower case never shortens a value): prose.
      if (trimmed.length > MAX_HEADER_CELL) return;
      const cell = trimmed.replace(/^"(.*)"$/, "$1").toLowerCase();
      if (NAME_COLUMN.test(cell)) columns.push(index);
      if (ROLE_COLUMN.test(cell)) roleColumns.push(index);
    });
    // "ime⇥Ana Šuštar": a label and its value, the row of a card, not a table's header
    if (columns.some((index) => isNameValue((cells[index + 1] ?? "").trim()))) return null;
    // A password manager's export (Bitwarden, Chrome, 1Password: "name,url,username,password"):
    // its "name" column names the saved logins ("Sparkasse Online", "Router"), not people.
    if (cells.some((cell) => CREDENTIAL_COLUMN.test(cell.trim().replace(/^"(.*)"$/, "$1").toLowerCase()))) {
      const entries = columns.filter((index) => cells[index]!.trim().replace(/^"(.*)"$/, "$1").toLowerCase() === "name");
      for (const index of entries) columns.splice(columns.indexOf(index), 1);
    }
    if (columns.length + roleColumns.length > 0 && cells.length >= 2) return { delimiter, columns, roleColumns };
  }
  return null;
}
