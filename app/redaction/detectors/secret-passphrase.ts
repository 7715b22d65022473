import type { Detection } from "../types";
import { scanAll, scanAround } from "./candidate-scan";
import { NOT_A_VALUE } from "./secret";

/**
 * Passwords made of ordinary words, and plain values that a strong cue makes a password (issue 18):
 * - "the temporary password is blue lagoon seventeen and she'll change it", "geslo je kava in
 *   rogljic hahaha": two to five words after "password is/was/will be", "geslo je/bo/je bilo";
 * - "user dejan_db pa geslo kava in rogljic": after a user name, the password word alone is cue enough;
 * - "staro je bilo marjetica pa ne dela več": one plain word after "old/new/temporary … was" that
 *   its clause ends right after;
 * - "geslo za mail, mislim da je bilo ema1234 ampak ne gre": a word with digits a few words after the cue;
 * - "password Kokoš in petelin 3" on a line of a key-space-value file (msmtprc, .netrc): the rest of the line.
 * The words must give the password, not describe it: "the password is wrong", "geslo je prekratko",
 * "the password is stored in the vault", "password: (see vault)" stay. A value ends where such
 * writing ends a value: a comma or full stop, the line's end, "pa", "ampak", "but", laughter, or
 * "and"/"in" before the next clause ("and she'll", "in ne sprejme").
 */

/** Nominative forms only: in "povezava za ponastavitev gesla je potekla" the genitive belongs to the link. */
const PASSWORD = String.raw`passwords?|passphrase|pass|pw|geslo|lozinka|zaporka|passwort|kennwort`;
const QUALIFIER = String.raw`(?:[ \t]+(?:za|for|to|do|of|od|na)[ \t]+[^\n:.,;!?]{1,30}?)?`;
const LINK = String.raw`(?:is|was|will be|would be|je|bo|je bilo|bo pa|je pa|pa je|ist|war|glasi|lautet)(?:[ \t]+(?:bilo|bil|bila|zdaj|sedaj|now|still|še|pa))?`;
/** "the (temporary) password is", "novo geslo za portal bo", "Passwort ist": the value starts after it. */
const PHRASE_CUE = new RegExp(String.raw`(?<![\p{L}\d_])(${PASSWORD})${QUALIFIER}[ \t]+${LINK}(:?)[ \t]+`, "giu");
/** "password: orange tractor window", "Geslo za wifi: kava in rogljicek", "smtp_password = zelena trava": the words after a label. */
// Not a command's "/password:Wmic2024 process list": a flag glues its value, a label has a blank after it.
const LABEL_CUE = new RegExp(String.raw`(?<![\p{L}\d/-])(?:[A-Za-z]{1,20}[_.-])?(?:${PASSWORD})${QUALIFIER}[ \t]*[:=][ \t]+`, "giu");
/** The password word of LABEL_CUE, which its matches start at most LABEL_PREFIX units before (the optional key prefix). */
const LABEL_ANCHOR = new RegExp(PASSWORD, "giu");
const LABEL_PREFIX = 21;
/** "staro je bilo", "the old one was", "novo bo": the word "password" was said before. */
const PRONOUN_CUE = /(?<![\p{L}\d_])(?:staro|novo|začasno|prej[sš]nje|the old one|the new one|the temporary one|old one|new one|temporary one)[ \t]+(?:je[ \t]+bilo|je|bo|bilo|is|was|will be)[ \t]+/giu;
/** "user dejan_db pa geslo X", "username jnovak, password X", "uporabnik X in geslo X". */
const PAIR_CUE = /(?<![\p{L}\d_])(?:user(?:name)?|uporabnik|uporabniško ime|login|benutzer(?:name)?|omrežje|network|ssid|wi-?fi)[ \t]*:?[ \t]+[^\s,;]{1,64}[ \t]*(?:,|[ \t](?:pa|in|and|und|ter))[ \t]*(?:pa[ \t]+)?(?:password|pass|pw|geslo|passwort|lozinka)[ \t]*:?[ \t]+/giu;
/** "geslo za mail, mislim da je bilo ema1234": a few words of the same sentence between cue and link. */
const FILLER_CUE = new RegExp(String.raw`(?<![\p{L}\d_])(?:${PASSWORD})[^\n.!?]{1,40}?(?<![\p{L}])(?:je bilo|je|bo|was|is)[ \t]+`, "giu");
/** "password Kokoš in petelin 3" in msmtprc or .netrc: key, blanks, value to the line's end. */
const CONFIG_LINE = /^[ \t]*(?:password|passwd|pass|passphrase)[ \t]+(\S[^\n]{0,80}?)[ \t]*$/gim;
/** A neighbouring line of such a file: "host smtp.x.si", "port 587", "user alarm@x.si". */
const KEY_SPACE_VALUE_LINE = /^[ \t]*[a-z_][a-z0-9_]{1,30}[ \t]+[^\s=:]+(?:[ \t]+[^\s=:]+)?[ \t]*$/;

/**
 * Words that describe a password or carry the sentence on, never part of one given: states
 * ("wrong", "prekratko"), places ("in the vault"), function words and pronouns: secret.ts's list of
 * values that are no value, and the words a phrase of several needs on top of it.
 */
const DESCRIBING: ReadonlySet<string> = new Set([
  ...NOT_A_VALUE,
  // English
  "okay",
  "different", "long", "short", "simple", "easy", "hard", "secure", "complex", "complicated",
  "very", "quite", "really", "so", "just", "also", "already", "now", "here", "there", "on", "at",
  "of", "for", "to", "from", "with", "by", "as", "my", "your", "his", "her", "our", "their", "its", "it",
  "this", "that", "these", "those", "what", "which", "who", "when", "where", "how", "why", "something",
  "nothing", "anything", "everything", "like", "before", "after", "again", "never", "always",
  "being", "been", "be", "is", "was", "are", "were", "has", "have", "had", "do", "does", "did", "can",
  "could", "will", "would", "should", "must", "may", "might", "i", "you", "he", "she", "we", "they",
  "me", "him", "them", "us", "and", "or", "but", "if", "then", "than", "case", "sensitive", "valid",
  "accepted", "rejected", "needed", "generated", "provided", "supplied", "given", "shown", "listed",
  "written", "known", "new", "old", "temporary", "current", "default", "one", "supposed",
  "going", "probably", "maybe", "usually", "definitely", "obviously", "vault", "manager", "email",
  "mail", "sms", "note", "ticket", "attachment", "file", "check", "please", "thanks", "sorry",
  "about", "under", "over", "into", "onto", "without", "within", "because", "since", "until", "while",
  // Slovenian
  "napačna", "potekla",
  "predolgo", "bil", "bila",
  "tukaj", "tam", "zdaj", "sedaj", "zelo", "precej",
  "preveč", "malo", "dolgo", "kratko", "enostavno", "preprosto", "zapleteno", "varno", "novo", "staro",
  "začasno", "drugo", "drugačno", "kot", "ker", "ki", "da", "je", "bo", "sem", "si", "smo",
  "ste", "ga", "jo", "ju", "jih", "mi", "ti", "mu", "ji", "nam", "vam", "se", "ta", "tisto", "ono",
  "moje", "tvoje", "vaše", "naše", "njegovo", "njeno", "kaj", "kje", "kdaj", "kako", "zakaj", "nekaj",
  "nič", "vse", "prej", "potem", "spet", "vedno", "nikoli", "verjetno", "mogoče", "morda",
  "ali", "ampak", "vendar", "če", "iz", "od", "po", "pri", "pod", "nad", "med", "brez",
  "mailu", "sefu", "trezorju", "datoteki", "priponki", "listku", "poslal", "poslala", "poslali",
  "spremenil", "spremenila", "ponastavljeno", "nastavljeno", "veljavno", "neveljavno", "pravo",
  "obstaja", "ni", "niso", "dela", "deluje", "treba", "moral", "morala", "moralo", "isti", "enak",
  "ena", "eno", "en", "dve", "vaš", "vaša", "moj", "moja", "tvoj", "tvoja", "svoje", "takšno", "tako",
  "mojega", "tvojega", "njenega", "njegovega", "ime", "imena", "kombinacija", "mešanica", "datum",
  "name", "combination", "mix", "date", "birthday", "boljše", "slabše", "krajše", "daljše",
  "better", "worse", "shorter", "longer", "easier", "harder", "stronger", "weaker", "safer", "printed",
  "redu", "vredu", "važno", "pomembno", "minimum", "maximum",
  "least", "most", "characters", "znakov", "znaki", "črk", "številk", "letters", "numbers", "digits",
]);
/** Words after which a clause carries on: the value has ended before them. */
const ENDS_VALUE = new Set(["pa", "ampak", "vendar", "but", "though", "however", "lol", "xd", "hehe", "haha", "ker", "because", "so", "ok", "okej"]);
const LAUGHTER = /^(?:(?:ha){2,}h?|(?:he){2,}|(?:hi){2,}|lo+l|x+d+)$/iu;
/** After "and"/"in" these start the next clause ("and she'll", "in ne sprejme"): the value ended before. */
const CLAUSE_START = /^(?:i|i'll|i'm|you|you'll|he|he'll|she|she'll|we|we'll|they|they'll|it|it's|that|then|the|please|ne|se|mi|ga|jo|bo|je|sem|si|ni|potem|prosim|zdaj|sedaj|tudi|to|še|da)$/iu;
/** A token of a value: letters, digits and the signs inside words ("kokoš", "3", "rogljic"). */
const TOKEN = /[\p{L}\d][\p{L}\d'’-]*/uy;

/** `byWord`: ended by a word ("pa", "and she'll", laughter), not by punctuation or the line's end. */
interface Phrase { end: number; words: string[]; closed: boolean; byWord?: boolean }

/** Up to five words from `from`, ended by punctuation, a line end or a word that carries the sentence on; null past five. */
function readPhrase(text: string, from: number): Phrase | null {
  const words: string[] = [];
  let end = from;
  let at = from;
  for (;;) {
    TOKEN.lastIndex = at;
    const token = TOKEN.exec(text);
    if (token === null) return words.length ? { end, words, closed: true } : null;
    if (words.length === 0 && text[at - 1] !== " " && text[at - 1] !== "\t" && at !== from) return null;
    const word = token[0].replace(/['’-]+$/, "");
    const lower = word.toLowerCase();
    if (words.length > 0 && (ENDS_VALUE.has(lower) || LAUGHTER.test(word))) return { end, words, closed: true, byWord: true };
    if (words.length > 0 && /^(?:and|in|ter|und)$/i.test(lower)) {
      const next = /^[ \t]+([\p{L}'’]+)/u.exec(text.slice(token.index + token[0].length, token.index + token[0].length + 20));
      if (next === null || CLAUSE_START.test(next[1]!)) return { end, words, closed: true, byWord: true };
    }
    if (words.length === 5) return null;
    words.push(word);
    end = token.index + word.length;
    const after = text.charCodeAt(end);
    // A single blank joins the next word; anything else (punctuation, a line end, a quote) ends the value.
    if (after !== 32 || !/[\p{L}\d]/u.test(text[end + 1] ?? "")) {
      const rest = text.slice(end, end + 2);
      if (/^[ \t]*[:=]/.test(rest)) return { end, words, closed: false }; // "hunter2 user: bob": the next key
      return { end, words, closed: rest === "" || /^(?:[.,;!?)\n—–-]|\s*$|\s+[—–(-]|\s*\n)/.test(rest) || /^\s+\p{So}/u.test(text.slice(end, end + 4)) };
    }
    at = end + 1;
  }
}

/** Plain words that give a password: none describes it, at least one is a content word of three letters or more. */
function givesPassword(words: readonly string[], inner: boolean): boolean {
  // A participle first ("changed every month", "spremenjeno včeraj") says what happened to it.
  if (words.length === 0 || STATE_ENDING.test(words[0]!) || DESCRIBING.has(words[0]!.toLowerCase()) || DESCRIBING.has(words[words.length - 1]!.toLowerCase())) return false;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (inner && /^(?:in|and|ter|und)$/.test(lower)) continue; // "kava in rogljic"
    if (DESCRIBING.has(lower)) return false;
  }
  return words.some((word) => /^\p{L}{3,}$/u.test(word));
}

/**
 * A participle's ending ("potekla", "spremenjeno", "expired", "changed"): what happened to the password.
 * Neuter forms and "-jen" ("geslo je spremenjeno", "zaklenjen"): "zelena žaba", "green apple" are
 * an adjective and a noun.
 */
const STATE_ENDING = /^\p{Ll}{3,}(?:[aeiou]l[oa]|[aeiou]no|jen|[aeiou]to|ed|ing)$/u;

export function detectPassphrases(text: string): Detection[] {
  const detections: Detection[] = [];
  const push = (start: number, end: number) => {
    if (end > start) detections.push({ type: "SECRET", start, end, confidence: 0.7 });
  };
  // After "geslo je:" a capitalised first word is still the value ("Geslo je: Triglav 2864"); after "is" it starts a name.
  const phraseAfter = (from: number, single: boolean, colon = false) => {
    const phrase = readPhrase(text, from);
    if (phrase === null || !phrase.closed) return;
    const { words } = phrase;
    const numbered = words.some((word) => /^\d+$/.test(word)); // "Bergwiese 2026", "Triglav 2864"
    if (words.length >= 2 && !words.every((word, i) => /^[\p{Ll}\d]/u.test(word) || ((colon || numbered) && i === 0))) return;
    if (words.length === 1 && !single && !phrase.byWord) return; // "geslo je marjetica." is read by secret.ts
    if (words.length === 1 && !/^\p{Ll}{4,}$/u.test(words[0]!)) return; // a value with digits or symbols is read by secret.ts
    if (givesPassword(words, true)) push(from, phrase.end);
  };
  for (const cue of scanAll(PHRASE_CUE, text)) phraseAfter(cue.index + cue[0].length, false, cue[2] === ":");
  for (const cue of scanAll(PAIR_CUE, text)) phraseAfter(cue.index + cue[0].length, true);
  for (const cue of scanAround(LABEL_CUE, text, LABEL_ANCHOR, LABEL_PREFIX)) {
    // One word after a label is read by secret.ts; here only two to five ("password: orange tractor window").
    const from = cue.index + cue[0].length;
    if (/^["'(\[<{]/.test(text.slice(from, from + 1))) continue; // quoted (secret.ts) or "(see vault)"
    const phrase = readPhrase(text, from);
    if (phrase !== null && phrase.words.length >= 2) phraseAfter(from, false, true);
  }
  for (const cue of scanAll(PRONOUN_CUE, text)) {
    // "staro je bilo" says "old password" only where a password word came just before.
    if (!/(?<![\p{L}])(?:password|geslo|gesla|geslom|pass|pw|passwort|lozink\p{L})/iu.test(text.slice(Math.max(0, cue.index - 120), cue.index))) continue;
    phraseAfter(cue.index + cue[0].length, true);
  }
  for (const cue of scanAll(FILLER_CUE, text)) {
    const from = cue.index + cue[0].length;
    const value = /^[\p{Ll}]{2,20}\d{2,8}(?![\p{L}\d])/u.exec(text.slice(from, from + 30));
    if (value !== null && !/^(?:[.,;!?)]|\s*$|\s*\n|\s+(?:ampak|pa|but|and|in|ker|because)\s)/.test(text.slice(from + value[0].length, from + value[0].length + 12))) continue;
    if (value !== null) push(from, from + value[0].length);
  }
  if (/^[ \t]*(?:password|passwd|pass|passphrase)[ \t]/im.test(text)) {
    for (const line of text.matchAll(CONFIG_LINE)) {
      const value = line[1]!;
      if (/^["'(\[<{]|[=:]/.test(value) || !hasConfigNeighbour(text, line.index!, line.index! + line[0].length)) continue;
      const words = value.split(/[ \t]+/);
      if (words.length > 6 || (words.length > 1 && !givesPassword(words, true))) continue;
      const start = line.index! + line[0].indexOf(value, line[0].search(/[ \t]\S/) + 1);
      push(start, start + value.length);
    }
  }
  return detections;
}

/** A line above or below that is also "key value": the line is part of such a file, not a sentence. */
function hasConfigNeighbour(text: string, lineStart: number, lineEnd: number): boolean {
  const before = text.lastIndexOf("\n", lineStart - 2);
  const above = lineStart > 0 ? text.slice(before + 1, lineStart - 1) : "";
  const belowEnd = text.indexOf("\n", lineEnd + 1);
  const below = text.slice(lineEnd + 1, belowEnd === -1 ? text.length : belowEnd);
  return KEY_SPACE_VALUE_LINE.test(above) || KEY_SPACE_VALUE_LINE.test(below);
}
