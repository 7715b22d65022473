import type { Detection } from "../types";
import { scanAll } from "./candidate-scan";
import { answerStarts } from "./chat-answers";
import { lineBreakWithin } from "./context";
import { isPasswordShaped, shapedValuesInSentence } from "./secret-sentence";

/**
 * Passwords and one-time codes as people write them in tickets and chats (issue 18), beyond the
 * "password: X" / "geslo je X" cues of secret.ts:
 * - a chosen-looking value later in the same passage as a password word: "can you reset my
 *   password? … temporary one is Tulip-Harbor-42!", "the admin password … he changed it to
 *   mT!k-2025-office", a chat reply that is the value alone on its line;
 * - "use Winter2026! as the password", "uporabite Lipa-2026 kot geslo";
 * - a user and password pair: "login: admin / Adm1n!2026", "wifi: Pisarna / Pisarna2026!";
 * - Wi-Fi keys ("WPA2 key Dobrodosli2026", "WLAN-Schlüssel: …");
 * - one-time and access codes that are numbers: "verification code 482913", "Koda za prijavo je
 *   482913", "OTP: 482913", "PUK 80552190", "door code 4471#"; error, order, product, postal and
 *   status codes are not.
 * Every value must look chosen (letters mixed with digits or symbols) except the numeric codes,
 * which need a qualifier that makes them credentials.
 */

const PASSWORD_CUE =
  /(?<![\p{L}\d_])(?:passwords?|passwort|passphrase|passcode|pass|pw|pwd|geslo|gesla|geslom|geslu|gesli|gesel|geslih|lozink[aeiu]|zaporka|kennwort|wpa2?[ -]?(?:key|psk)|(?:vpn|ipsec|l2tp)[ -]?(?:psk|pre-?shared[ -]key)|pre-?shared[ -]key|(?:wpa2?|wi-?fi|wlan)[ -]?ključ|ključ[ \t]+(?:za[ \t]+)?(?:wpa2?|wi-?fi|wlan|omrežje)|(?<=(?:omrežje|wi-?fi|ssid|wlan)[^\n]{1,40})ključ|wi-?fi[ -]?(?:key|code)|network key|wlan[ -]?(?:key|schlüssel)|app[ -]specific password|app[ -]password)(?![\p{L}\d_])/giu;
/** Window after a password word in which a linked value may stand: a passage, not the whole text. */
const PASSAGE = 220;
/** A linking word or sign, then the value. A sign may follow a word ("printed on it: d4F8-k2Lq"). */
const LINKED = /(?:(?<![\p{L}\d])(?:(?:na|to|je|into|auf|in|začasno|zacasno|novo|staro|temporary|new|old):|is|was|to|je|na|bo|pa|v|into|auf|u|lautet|ist|war|glasi|are|npr\.|e\.g\.|recimo|na primer|for example|such as|so|torej|namely|i\.e\.|it['’]s|it is|then|potem|vpišem|vtipkam|natipkam|vnesem|vpisujem|poskusim|poskusi(?:te)?|probaj(?:te)?|try|poskusil[a]? sem|I type|I enter|I typed|I entered|I tried|typed|entered)|:|=|→|->)[ \t]+(?:(?:bilo|bil|bila|zdaj|sedaj|now|still|še)[ \t]+)?["'„“`]?([^\s"'“”`<>]{6,64})/giu;
const CONCLUDING = /^(?:so|torej|namely|i\.e\.|it['’]s|it is|then|potem|poskusi(?:te)?|probaj(?:te)?|try)[ \t]/iu;
const IN_PARENTHESES = /\(([^\s()]{6,64})\)/u;
/** Google's app passwords: four groups of four lower-case letters ("mqzt vbke rply wxon"). */
const APP_PASSWORD = /(?<![\p{L}])[a-z]{4}(?:[- ][a-z]{4}){3}(?![\p{L}])/u;
/** The next item of a list of values: ", X", " in X", " and X", " ali X". */
const LIST_NEXT = /(?:[ \t]*,[ \t]*(?:(?:in|and|or|ali|ter)[ \t]+)?|[ \t]+(?:in|and|or|ali|ter|und|oder)[ \t]+)["'„“`]?([^\s"'“”`<>]{6,64})/uy;
/**
 * EPP or transfer codes of a domain: "the EPP/auth code for x.ie is Xq7#pL2m!Rw9", "EPP kodo: Xk7#pQ2!mV9z",
 * "AuthInfo: …", "prenosna koda je …". Generated like passwords, and as good as one for the domain.
 */
const TRANSFER_CODE =
  /(?<![\p{L}\d])(?:epp|auth[ -]?info|auth|authori[sz]ation|transfer|prenosn\p{L}{0,3})(?:[ \t]*\/[ \t]*(?:auth|epp|transfer|info))?[ \t-]?(?:code|koda|kodo|kode|key|ključ|geslo)(?:[ \t]+(?:for|za|of|domene|domena)[ \t]+[^\s:]{1,80}?)?(?:[ \t]*[:=]|[ \t]+(?:is|je|was|bo|lautet|ist))[ \t]*["'„“]?([^\s"'“”<>]{6,64})/giu;
/**
 * A passphrase in quotes may hold blanks: 'I reset my password to "correct horse battery staple"',
 * 'geslo za VPN je "modra reka 42"'. Only in the cue's own clause, and only with a blank in it
 * (a quoted single word is read by the rules above).
 */
const QUOTED_PHRASE = /^[ \t]+(?:[^\n"“„.!?]{0,30}?[ \t])?(?:is|was|to|je|na|bo|into|auf|lautet|ist|war|glasi|:|=)[ \t]+["„“]([^"“”\n]{3,64}?)["“”]/iu;
/** Wi-Fi keys are often a word and a number ("WPA key sunflower2024"): after such a cue, letters with digits are enough. */
const WIFI_CUE = /^(?:wpa|wi-?fi|network|wlan|ključ)/i;
const USE_AS =
  /(?<![\p{L}])(?:use|try|typed|entered|type|enter|vpisal\p{L}{0,2}|vnesel\p{L}{0,2}|uporabi\p{L}{0,3}|poskusi\p{L}{0,3}|verwende\p{L}{0,2}|koristi\p{L}{0,3})[ \t]+["'„“`]?([^\s"'“”`<>]{6,64})["'“”`]?[ \t]+(?:as|kot|als|za)[ \t]+(?:the |your |my |a |an |das |novo |začasno |new |temporary )?(?:new |temporary |novo |začasno )?(?:password|passwort|geslo|pass|lozinku|lozinka)/giu;
/**
 * The user then the password: "login: admin / Adm1n!2026", "uporabniško ime in geslo: jnovak /
 * Zima2024", "the credentials are info@x.si and Info2024!Box" ("and" only after a word that
 * names both: credentials, login, dostopni podatki).
 */
const CREDENTIAL_PAIR =
  /(?<![\p{L}])(?:(login|logins|credentials|creds|prijava|dostop|dostopni podatki|prijavni podatki|podatki za prijavo|zugangsdaten|anmeldedaten|pristupni podaci|podaci za prijavu|account|wifi|wi-fi|wlan|user(?:name)?|uporabnik|benutzer|korisnik)|(?:user(?:name)?|uporabniško ime|login|korisničko ime|benutzername?)[ \t]*(?:and|in|i|und|&|\/)[ \t]*(?:password|pass|geslo|lozinka|passwort))[ \t]*(?:[:=]|(?:are|is|so|sta|je|sind)(?![\p{L}]))?[ \t]+["']?([^\s/"',;]{1,64})(?:[ \t]*\/|(?<=[^\s/"',;])[ \t]+(?:and|in|ter|und)(?=[ \t]))[ \t]*["']?([^\s"'<>]{6,64})/giu;

/**
 * "here are the creds: admin:Adm1n2024", "login admin:admin123": a user and a password joined by a
 * colon after a word that names credentials. Not a host and port, nor a time.
 */
const COLON_PAIR =
  /(?<![\p{L}])(?:creds|credentials|login|logins|prijava|dostop|dostopni podatki)[ \t]*(?:[:=]|(?:are|is|je|so|sta)(?![\p{L}]))?[ \t]+["']?[^\s:/"'@,;]{1,64}:([^\s"'<>]{4,64})/giu;

const CODE_CUE =
  /(?<![\p{L}\d])(?:(?:verification|security|reset|one[- ]time|login|sign[- ]in|access|door|alarm|disarm|arming|gate|intercom|building|parking|entry|activation|confirmation|auth(?:entication)?|2fa|mfa|sms|otp|unlock|garage|safe|keypad|domofon\p{L}*|enkratn\p{L}*|alarmn\p{L}*|vhodn\p{L}*|potrditven\p{L}*|aktivacijsk\p{L}*|dostopn\p{L}*|vstopn\p{L}*|avtorizacijsk\p{L}*|Bestätigungs|Sicherheits|Zugangs|Tür|verifikacijsk\p{L}*|sigurnosn\p{L}*|pristupn\p{L}*)(?:[ \t]+\p{Ll}{2,12}){0,2}?[ \t-]?(?:code|koda|kodo|kode|kod|Code|PIN|geslo|password|passcode|Passwort)|(?:koda|kodo|code|šifr\p{L}*)[ \t]+(?:za|for)[ \t]+(?:the[ \t]+)?(?:[\p{L}-]+[ \t]+){0,3}?(?:prijavo|vrata|alarm|vhod|aktivacijo|ponastavitev|potrditev|sef|odklepanje|odklep|telefon|kartico|garažo|prevzem|pickup|collection|ključavnic\p{L}*|omaric\p{L}*|skrinjic\p{L}*|nabiralnik\p{L}*|login|door|alarm|gate|safe|lock|unlocking)|(?:koda|kodo|šifr\p{L}*)[ \t]+(?:alarma|vrat|sefa|garaže|odklepanja|telefona|kartice|prevzema)|(?:koda|kodo|code)[ \t]+(?:na|on)[ \t]+(?:the[ \t]+|my[ \t]+)?(?:domofon\p{L}*|telefon\p{L}*|phone|mobi\p{L}*|intercom|keypad|tipkovnic\p{L}*|vratih)|kombinacij\p{L}*|combination|Kombination|koda[ \t]+za[ \t]+\p{L}{3,20}(?=[ \t]*:)|uporabnišk\p{L}{1,3}[ \t]+kod\p{L}{0,2}|(?:dvostopenjsk|dvofaktorsk|dvokoračn)\p{L}*|two[- ](?:factor|step)|2-step|(?:varnostn|preverjaln|verifikacijsk)\p{L}*[ \t]+(?:kod\p{L}*|številk\p{L}*)|(?<=(?<![\p{L}])s[ \t]+)kodo|key[ \t]?(?:safe|box)|lock[ \t]?box|schlüssel(?:safe|tresor|kasten)|keypad|disarm[ \t]+with|(?:enter|use|type|input|with|then|press|dial|vnesite|vnesi|vpišite|vpiši|uporabite|uporabi)[ \t]+(?:the[ \t]+|this[ \t]+|your[ \t]+|to[ \t]+)?(?:code|kodo|koda)|(?:vaša|vasa|vaš|tvoja|tvoj|your|old|new|current|stara|nova|nov|trenutna|novo|staro|master|own|personal|installer|admin|user|glavn\p{L}{0,2}|osebn\p{L}{0,2}|moja|moj)[ \t]+(?:code|koda|kodo|kod|PIN)|(?<![\p{L}])(?<!(?:error|status|product|postal|zip|country|area|promo|discount|source|exit|return|response|http|html|bar|qr|napake|izdelka|države|pošte|poštna|postna|klicna|dialing)[ \t])(?:code|koda|PIN)(?=[ \t]+(?:was|is|je|bila|bil)[ \t]+\d)|(?:koda|code|kod|kodo)(?<=(?:^|\]|:)[ \t]*(?:koda|code|kod|kodo))(?=[ \t]*:)|codice[ \t]+(?:di[ \t]+)?(?:accesso|verifica|sicurezza|conferma|OTP)|kod[ \t]+(?:weryfikacyjny|dostępu|potwierdzający|jednorazowy)|einmal(?:passwort|kennwort|code)|c[óo]digo[ \t]+de[ \t]+(?:verificaci[óo]n|acceso|seguridad)|code[ \t]+de[ \t]+(?:v[ée]rification|s[ée]curit[ée]|confirmation|connexion)|otp|tan|puk|passcode|pin(?:[ \t]+(?:za|for|kartice|od|do)[ \t]+[\p{L} ]{1,25}?(?=[ \t]*[:=]))?)(?![\p{L}\d])/gimu;
/**
 * The code right after its cue ("OTP: 482913", "PUK 80552190", "PIN kartice 9034", "PUK pa 80552190") or after a linking word a few
 * words later ("the reset code in the SMS was 738201", "the pin for the SIM card, I think it's
 * on the card holder: 7702"); a year right after the cue is a product's ("access code for Office
 * 2019"), and a number after another noun in between is that noun's (REFERENCE_NOUN).
 */
const CODE_VALUE = /(?:[^\n.!?]{0,80}?(?:(?<![\p{L}])(?:is|was|it['’]s|je|bo|lautet|ist|glasi|è|es|est|jest|wynosi|är)|(?<=[\p{L}\d)])[ \t]*:)[ \t]+(?:(?:bila|bil|bilo|been)[ \t]+)?|[ \t]+(?:to|na)[ \t]+(?=\d)|(?:(?:[ \t]+\p{Ll}{2,12}){1,4}(?=[ \t]*[:=]?[ \t]*\d))?[ \t]*[:=]?[ \t]*(?!(?:19|20)\d{2}(?!\d)))["'„“]?((?:G-|\*)?\d{4,8}#?|\d{3}[ -]\d{3}|\d{2} \d{2} \d{2}(?! ?\d)|\d{1,2}(?:-\d{1,2}){2,3}(?!-?\d)|\d(?:[ -]\d){3,7}(?![ -]?\d))(?![\d:/-]|[.,]\d|[ \t]?(?:€|eur|usd|kn|x(?!\p{L})|%))/iuy;

/**
 * "door code for the server room is 5183", "koda za vrata v sejni sobi je 4471": what the code
 * opens, named right after the cue, is no noun the number belongs to.
 */
const OBJECT_PHRASE = /^[ \t]+(?:for|to|of|za|do|od)[ \t]+(?:the[ \t]+)?(?:[\p{L}-]+[ \t]+){0,3}?(?=(?:is|was|it['’]s|je|bo)[ \t])/iu;
const withoutObjectPhrase = (between: string): string => between.replace(OBJECT_PHRASE, " ");
/** Words that make the number after them theirs, not the code's: "PIN reset, ticket number is 48213". */
export const REFERENCE_NOUN = /number|n[or]\.|št\.|številk|stevilk|(?<![\p{L}])(?:id|ext|tel|port|room|floor|model|serial|order|invoice|account|ticket|error|status|version|build|konto|račun|racun|naročil|narocil|soba|sobe|nadstrop\p{L}*|interna|napaka|napake|verzij\p{L}*|serijsk\p{L}*|poštn\p{L}*|zip|postcode)(?![\p{L}])/iu;

/**
 * A code made of letter-and-digit groups after a cue that makes it a credential: "Voucher code
 * (single use): WIFI-7QK2-MX9D", "Enkratna koda za aktivacijo: K3-77Q-2PL", "recovery code
 * 4F7K-Q2MZ", "Avtorizacijska koda: M7QP-2KXW-9RTB", "License key: 8H2K-QW9V-1MZT". Without the cue such
 * a value is as often a product or an order number.
 */
const GROUPED_CODE =
  /(?<![\p{L}\d])(?:voucher|activation|recovery|backup|one[- ]time|single[- ]use|unlock|authori[sz]ation|licen[cs]e|(?:product|serial)(?=[ \t-]?key)|aktivacij\p{L}*|avtorizacij\p{L}*|enkratn\p{L}*|obnovitven\p{L}*|rezervn\p{L}*|licenčn\p{L}*)(?:[ \t]+\p{L}{2,12}){0,3}[ \t-]?(?:code|koda|kodo|codes|kode|key|ključ)(?:[ \t]+(?:za|for)[ \t]+\p{L}{3,14})?(?:[ \t]*\([^)\n]{1,20}\))?[ \t]*[:=][ \t]*([A-Z0-9]{2,8}(?:-[A-Z0-9]{2,8}){1,5})(?![\w-])/giu;
/**
 * A value set or handed over without naming it a password: "set it to Blue-Kettle-4419",
 * "Zamenjal sem ga na Kolesar_2026, prej je bil Kolesar_2025", "Temporary one for the VPN …:
 * vpn-TMP-8823-kq", "Evo kode: Q8h2-Lm4x". Only a value with a symbol in it counts (a product or a
 * version set the same way has none, or is a dotted number).
 */
const SET_TO =
  /(?<![\p{L}])(?:(?:set|changed|reset|change|switched|put)[ \t]+(?:it|them|that|this|yours|mine)[ \t]+(?:back[ \t]+)?to|(?:zamenjal|spremenil|nastavil|ponastavil|zamenjala|spremenila|nastavila|ponastavila)[ \t]+sem[ \t]+(?:ga|jo|ji|mu|vam|ti)[ \t]+(?:na|v)|(?:ga|jo)[ \t]+(?:zamenjal|spremenil|nastavil|ponastavil)a?[ \t]+(?:na|v)|prej[ \t]+je[ \t]+bil[oa]?|(?:temporary|new|začasn\p{L}{0,2}|zacasn\p{L}{0,2}|nov\p{L}{0,2})[ \t]+(?:one|eno|ena)(?=[^\n.!?]{0,60}[:=])[^\n.!?:=]{0,60}[:=]|(?:evo|tukaj|here['’]s|here is)[ \t]+(?:kode|koda|kodo|the code|code)[ \t]*:?|(?:geändert|gesetzt)[ \t]+auf)[ \t]+["'„“`]?([^\s"'“”`<>]{6,64})/giu;

/**
 * "admin / Fritz!7590-hm", "root/Tr0ub4dor&3": an administrator account and its password, the
 * way a chat hands over a router's login. The value must look chosen (so "admin/admin" and a
 * path such as "admin/users/42" are left).
 */
const ADMIN_PAIR = /(?<![\p{L}\d_./-])(?:admin|root|administrator|ubnt|superuser)[ \t]*\/[ \t]*([^\s/"'<>]{6,64})/giu;

export function detectProseSecrets(text: string): Detection[] {
  const detections: Detection[] = [];
  const push = (start: number, end: number, confidence: number) => {
    if (end > start) detections.push({ type: "SECRET", start, end, confidence });
  };
  let searchedUntil = 0;
  let sentenceReadUntil = 0;
  let blank = -1; // the next blank line at or after the passage's start, found once per blank line
  for (const cue of scanAll(PASSWORD_CUE, text)) {
    // The word right after every cue is its value, in a passage already read too ("kaj je geslo
    // za wifi? … ključ zelenjava2026").
    wordAfterCue(text, cue, push);
    const cueEnd = cue.index + cue[0].length;
    answerAfterComma(text, cueEnd, push);
    if (cueEnd >= sentenceReadUntil) sentenceReadUntil = shapedValuesInSentence(text, cueEnd, (start, end) => push(start, end, 0.7));
    // '"FRITZ!Box-Kennwort": 3471 9920 5813 6604': a router's key printed in groups of four digits
    DIGIT_GROUPS_AFTER_CUE.lastIndex = cue.index + cue[0].length;
    const groups = DIGIT_GROUPS_AFTER_CUE.exec(text);
    if (groups !== null) push(groups.index + groups[0].length - groups[1]!.length, groups.index + groups[0].length, 0.75);
    // A cue whose next words the previous passage already read adds only cost ("password: " a
    // hundred thousand times stays one pass).
    if (cue.index + cue[0].length + 40 <= searchedUntil) continue;
    const from = Math.max(cue.index + cue[0].length, searchedUntil);
    if (blank !== Infinity && blank < from) {
      const at = text.indexOf("\n\n", from);
      blank = at === -1 ? Infinity : at;
    }
    const to = Math.min(text.length, cue.index + cue[0].length + PASSAGE, blank);
    if (to <= from) continue;
    searchedUntil = to;
    const passage = text.slice(from, to);
    const wifi = WIFI_CUE.test(cue[0]);
    // "the same password on the console and the mail (Prekmurje.Gibanica.77)": a value in parentheses
    const bracketed = IN_PARENTHESES.exec(passage);
    if (bracketed !== null && isChosen(bracketed[1]!) && /[^\p{L}\d]/u.test(bracketed[1]!)) push(from + bracketed.index + 1, from + bracketed.index + 1 + bracketed[1]!.length, 0.75);
    if (/app/i.test(cue[0])) {
      const app = APP_PASSWORD.exec(passage);
      if (app !== null) push(from + app.index, from + app.index + app[0].length, 0.8);
    }
    const phrase = QUOTED_PHRASE.exec(passage);
    if (phrase !== null && /\s/.test(phrase[1]!.trim()) && /\p{L}/u.test(phrase[1]!)) {
      push(from + phrase[0].length - 1 - phrase[1]!.length, from + phrase[0].length - 1, 0.75);
    }
    LINKED.lastIndex = 0;
    for (let link = LINKED.exec(passage); link !== null; link = LINKED.exec(passage)) {
      // '"host": "smtp.x"' after '"pass": …' is the next key of a configuration, read by its own rules.
      // A colon after words of prose ("the default printed on it: d4F8-k2Lq") links the value; a key
      // alone at its line's start does not.
      if (/^[:=]/.test(link[0]) && /(?:["'][ \t]*|[\w]+[_.][\w.]*|(?<![\p{L}])[A-Z][A-Z0-9_]{2,}|(?:^|\n)[ \t]*[\w-]+)$/u.test(passage.slice(0, link.index))) {
        // "Tehnik: poskusi Arhiv#2023": what was read as the key's value may be the linking word
        LINKED.lastIndex = link.index + link[0].length - link[1]!.length;
        continue;
      }
      const value = trimEnd(link[1]!);
      // In a later clause ("…, the router is FritzBox7590") only a value with a symbol is taken,
      // unless a word that draws the conclusion links it ("…plus letnica, torej Piki2018").
      const laterClause = /[,.;!?\n]/.test(passage.slice(0, link.index)) && !CONCLUDING.test(link[0]);
      // "Currently it's 12345678", 'napisano na hrbtni strani: "84129933605177"': digits alone, in the cue's clause
      const numeric = !laterClause && isNumericPassword(value) && !REFERENCE_NOUN.test(passage.slice(0, link.index));
      if (!((isChosen(value) || (wifi && !laterClause && isWordWithDigits(value))) && (!laterClause || /[^\p{L}\d]/u.test(value))) && !numeric) {
        // "-> zacasno: Zacasno!4821": what was read as a value may be the next linking word
        LINKED.lastIndex = link.index + link[0].length - link[1]!.length;
        continue;
      }
      const valueStart = from + link.index + link[0].length - link[1]!.length;
      pushValue(valueStart, link[1]!, push);
      // "npr. Zacetek#2026a in Zacetek#2026b", "e.g. Spring#01, Spring#02": the next of a list is one too.
      for (let at = valueStart + value.length; ; ) {
        LIST_NEXT.lastIndex = at;
        const next = LIST_NEXT.exec(text);
        if (next === null || !isChosen(trimEnd(next[1]!))) break;
        at = next.index + next[0].length - next[1]!.length;
        pushValue(at, next[1]!, push);
        at += trimEnd(next[1]!).length;
      }
    }
    // A value alone on its line under a question or a colon: a chat reply to "what's the wifi
    // password?", "Novo geslo:\nKava-2026".
    const cueLineEnd = passage.indexOf("\n");
    const cueLine = cueLineEnd === -1 ? passage : passage.slice(0, cueLineEnd);
    if (cueLine.includes("?") || /:\s*$/.test(cueLine)) {
      // "[08:03] Marjan: Predal#Skupni22": after a chat speaker label too.
      // "admin: Rebula#2019": a role's or an account's label, lower case too.
      for (const line of passage.matchAll(/\n[ \t]*(?:(?:\[[^\]\n]{1,30}\][ \t]*)?\p{L}[\p{L}'’.-]{1,30}(?: \p{L}[\p{L}'’.-]{1,30}){0,2}:[ \t]+)?([^\s=]{6,64})[ \t]*(?=\n|$)/gu)) {
        if (isChosen(trimEnd(line[1]!))) pushValue(from + line.index + line[0].length - line[1]!.length, line[1]!, push);
      }
    }
  }
  for (const match of scanAll(TRANSFER_CODE, text)) {
    if (isChosen(trimEnd(match[1]!))) pushValue(match.index + match[0].length - match[1]!.length, match[1]!, push);
  }
  for (const match of scanAll(TOTP_SECRET, text)) push(match.index + match[0].length - match[1]!.length, match.index + match[0].length, 0.85);
  for (const match of scanAll(SET_TO, text)) {
    const value = trimEnd(match[1]!);
    if (isChosen(value) && /[^\p{L}\d]/u.test(value) && !/\d\.\d/.test(value)) pushValue(match.index + match[0].length - match[1]!.length, match[1]!, push);
  }
  for (const match of scanAll(USE_AS, text)) {
    if (isChosen(match[1]!)) pushValue(match.index + match[0].indexOf(match[1]!), match[1]!, push);
  }
  if (text.includes("/") || /\s(?:and|in|ter|und)\s/.test(text)) {
    for (const match of scanAll(CREDENTIAL_PAIR, text)) {
      // "and" joins a user and a password only after a word that names both (credentials, login).
      if (!match[0].slice(0, -match[3]!.length).includes("/") && !/^(?:credentials|creds|login|logins|dostopni podatki|prijava)$/i.test(match[1] ?? "")) continue;
      const value = trimEnd(match[3]!);
      // After a login label, letters with digits are enough ("admin / admin123"); not a path or a date.
      const paired = /^(?=.*\p{L})(?=.*\d)[^/:]{6,}$/u.test(value) && !/^\d{1,4}[.-]/.test(value);
      if (!(isChosen(value) || paired) || /^\d+$/.test(match[2]!)) continue;
      const end = match.index + match[0].length;
      push(end - match[3]!.length, end - match[3]!.length + value.length, 0.8);
    }
  }
  if (text.includes(":")) {
    for (const match of scanAll(COLON_PAIR, text)) {
      const value = trimEnd(match[1]!);
      if (!/\p{L}/u.test(value) || !/[\d\p{P}\p{S}]/u.test(value) || /^\d|^\/\//u.test(value)) continue;
      const end = match.index + match[0].length;
      push(end - match[1]!.length, end - match[1]!.length + value.length, 0.8);
    }
  }
  if (text.includes("-")) {
    for (const match of scanAll(GROUPED_CODE, text)) {
      const value = match[1]!;
      if (/\d/.test(value) && /\p{L}/u.test(value)) pushValue(match.index + match[0].length - value.length, value, push);
    }
  }
  if (text.includes("/")) {
    for (const match of scanAll(ADMIN_PAIR, text)) {
      if (isChosen(trimEnd(match[1]!))) pushValue(match.index + match[0].length - match[1]!.length, match[1]!, push);
    }
  }
  for (const cue of scanAll(CODE_CUE, text)) {
    CODE_VALUE.lastIndex = cue.index + cue[0].length;
    const value = CODE_VALUE.exec(text);
    if (value !== null && !REFERENCE_NOUN.test(withoutObjectPhrase(text.slice(cue.index + cue[0].length, value.index + value[0].length - value[1]!.length)))) {
      // "pairs with code 0000 (default from the manual)": one digit repeated is a factory default
      if (/^(\d)\1+$/.test(value[1]!.replace(/[ -]/g, ""))) continue;
      const end = value.index + value[0].length;
      push(end - value[1]!.length, end, 0.8);
    } else codeAnswered(text, cue.index + cue[0].length, push);
  }
  if (text.includes("\n")) {
    for (const cue of scanAll(LISTED_CODES_CUE, text)) codesListedUnder(text, cue.index, cue.index + cue[0].length, push);
  }
  for (const cue of scanAll(SEED_PHRASE_CUE, text)) {
    SEED_WORDS.lastIndex = cue.index + cue[0].length;
    const words = SEED_WORDS.exec(text);
    if (words !== null) push(words.index + words[0].length - words[1]!.length, words.index + words[0].length, 0.8);
  }
  return detections;
}

/**
 * "can you read me the one-time code from the SMS?" and, on one of the next two lines, "client:
 * 482 913": a code question answered by the number alone on its line (after a speaker's label).
 */
function codeAnswered(text: string, cueEnd: number, push: (start: number, end: number, confidence: number) => void): void {
  for (const start of answerStarts(text, cueEnd, 2, CODE_QUESTION)) {
    CODE_ANSWER.lastIndex = start;
    const answer = CODE_ANSWER.exec(text);
    if (answer !== null) return push(start + answer[0].length - answer[1]!.length, start + answer[0].length, 0.8);
  }
}
const CODE_QUESTION = /^[^\n]{0,80}\?[ \t\r]*$/;
/** A one-time code alone on its answer line, or said to be it: "482913", "482 913", "it's 3310, the old one was disabled". */
const CODE_ANSWER = /(?:(?:it['’]s|it is|je|to je|koda je|the code is|code is)[ \t]+)?((?:\d{4,8}|\d{3}[ -]\d{3}))[ \t]*(?=[,.;!)][ \t]|\n|$)/iy;

/**
 * "The recovery codes for the admin account are below:" and then one code per line ("7k2m-9qpx"),
 * or "Here are the recovery codes GitHub gave me …" and the list after a blank line: backup and
 * recovery codes are listed under their cue. Every following line that holds one code
 * (letters with digits, in groups) is one; the list ends at the first line that does not.
 */
const LISTED_CODES_CUE = /(?<![\p{L}\d])(?:recovery|backup|rezervn\p{L}*|obnovitven\p{L}*|varnostn\p{L}*)[ \t]+(?:codes|kode|kod)(?![\p{L}\d])/giu;
const LISTED_CODE = /\n[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*([A-Za-z0-9]{3,10}(?:[- ][A-Za-z0-9]{3,10}){0,3})[ \t]*(?=\r?\n|$)/y;
function codesListedUnder(text: string, cueStart: number, cueEnd: number, push: (start: number, end: number, confidence: number) => void): void {
  const lineEnd = text.indexOf("\n", cueEnd);
  if (lineEnd === -1 || lineEnd - cueEnd > 240) return;
  // what announces the list may stand before the cue too ("Here are the recovery codes GitHub gave me")
  const lineStart = Math.max(text.lastIndexOf("\n", cueStart) + 1, cueStart - 120);
  if (!/[:]|below|spodaj|tukaj|here/i.test(text.slice(cueEnd, lineEnd)) && !/\b(?:here|below|attached)\b|spodaj|tukaj/i.test(text.slice(lineStart, cueStart))) return;
  // the list may follow after one blank line
  const first = /^\n[ \t]*(?=\r?\n)/.exec(text.slice(lineEnd, lineEnd + 12));
  for (let at = first === null ? lineEnd : lineEnd + first[0].length; ; ) {
    LISTED_CODE.lastIndex = at;
    const code = LISTED_CODE.exec(text);
    if (code === null || !/\d/.test(code[1]!) || !/\p{L}/u.test(code[1]!)) return;
    const end = code.index + code[0].length;
    push(end - code[1]!.length, end, 0.8);
    at = end;
  }
}

/**
 * A wallet's seed phrase: twelve to twenty-four lower-case words (BIP39's list is of such words)
 * within a few lines after its cue ("the seed phrase for the company wallet: orbit canyon …").
 */
const SEED_PHRASE_CUE = /(?<![\p{L}])(?:seed(?:[ \t]+(?:phrase|words))?|recovery[ \t]+phrase|secret[ \t]+recovery[ \t]+phrase|mnemonic(?:[ \t]+phrase)?|obnovitven\p{L}*[ \t]+(?:stavek|fraz\p{L}*|besede)|seed[ \t]+fraz\p{L}*)(?![\p{L}])/giu;
const SEED_WORDS = /[^]{0,160}?(?<![\p{L}])((?:[a-z]{3,8}[ \t]+){11,23}[a-z]{3,8})(?![\p{L}])/yu;

const DIGIT_GROUPS_AFTER_CUE = /[^\n:=.!?]{0,30}?(?:[:=]|(?<![\p{L}])(?:is|je|ist|lautet))[ \t]*["'„“]?(\d{4}(?:[ -]\d{4}){2,5})(?![\p{L}\d])/uy;

/**
 * A TOTP secret in base32, for an authenticator app: "the TOTP secret for the shared admin account
 * is JBSWY3DPEHPK3PXP", "2FA key: jbsw y3dp ehpk 3pxp". Whoever has it makes the codes.
 */
const TOTP_SECRET =
  /(?<![\p{L}])(?:totp|2fa|mfa|otp|authenticator|avtentikator\p{L}*)(?![\p{L}])[^\n]{0,60}?(?<![\p{L}])(?:secret|key|seed|ključ|skrivnost)(?![\p{L}])[^\n.!?]{0,60}?(?:(?<![\p{L}])(?:is|je|ist)|[:=])[ \t]+["'„“]?((?=[A-Za-z2-7 ]*[2-7])[A-Za-z2-7]{4}(?: ?[A-Za-z2-7]{4}){3,15}=*)(?![\p{L}\d])/giu;

/** The word right after a password cue ("WPA2 key Dobrodosli2026", "pw Qwerty#123", "ključ zelenjava2026"). */
function wordAfterCue(text: string, cue: RegExpExecArray, push: (start: number, end: number, confidence: number) => void): void {
  const from = cue.index + cue[0].length;
  WORD_AFTER_CUE.lastIndex = from;
  const next = WORD_AFTER_CUE.exec(text);
  if (next === null) return;
  const raw = next[2]!;
  const value = trimEnd(raw);
  const at = from + next[0].length - raw.length;
  // "geslo za Office365": after a preposition the word names what the password is for, unless it carries a symbol
  if (next[1] !== undefined && OBJECT_PREPOSITION.test(next[1]) && !/[^\p{L}\d]/u.test(value)) return;
  // "z geslom dobrodosli123": right after the password word, a word with digits is its value
  const adjacent = next[0].length - raw.length <= 2;
  if (isChosen(value) || ((WIFI_CUE.test(cue[0]) || adjacent) && isWordWithDigits(value)) || (WIFI_CUE.test(cue[0]) && isNumericPassword(value))) pushValue(at, raw, push);
  else if (/app/i.test(cue[0]) && /^[a-z]{4}(?:[- ][a-z]{4}){3}$/.test(raw)) pushValue(at, raw, push);
}
// "geslo certifikata Certifikat.2026!": one lower-case word may name what the password is for
const WORD_AFTER_CUE = /(?:[ \t]+(\p{Ll}{2,15}))?[ \t]+["'„“`]?([^\s"'“”`<>]{6,64})/uy;
const OBJECT_PREPOSITION = /^(?:za|od|for|of|from|pri|do|für|von)$/;

/**
 * "Katja: and the pass?\nMarkus: same as the wifi, Zirbenholz1985": a question with a password
 * word, answered on the next line by a password-shaped value that ends it after a comma.
 */
const ANSWER_AFTER_COMMA = /\n[^\n,]{0,60},[ \t]+([^\s,"'=]{5,64})[ \t]*(?=\r?\n|$)/uy;
function answerAfterComma(text: string, cueEnd: number, push: (start: number, end: number, confidence: number) => void): void {
  const lineEnd = lineBreakWithin(text, cueEnd, 80);
  if (lineEnd === -1 || !text.slice(cueEnd, lineEnd).includes("?")) return;
  ANSWER_AFTER_COMMA.lastIndex = lineEnd;
  const answer = ANSWER_AFTER_COMMA.exec(text);
  if (answer !== null && isPasswordShaped(trimEnd(answer[1]!))) pushValue(answer.index + answer[0].length - answer[1]!.length, answer[1]!, push);
}

function pushValue(start: number, raw: string, push: (start: number, end: number, confidence: number) => void) {
  push(start, start + trimEnd(raw).length, 0.75);
}

/**
 * "12345678", "81742093651128470391": a password of digits alone, six to twenty-four of them
 * (router keys are printed so). Not a phone number (0 and eight digits) nor a date (20261201).
 */
function isNumericPassword(value: string): boolean {
  return /^\d{6,24}$/.test(value) && !/^0\d{7,8}$/.test(value) && !/^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(value);
}

/** "sunflower2024": letters and digits, eight or more, as Wi-Fi keys often are. */
function isWordWithDigits(value: string): boolean {
  return /^(?=.*\p{L})(?=.*\d)[\p{L}\d]{8,64}$/u.test(value);
}

/** A sentence's or list's punctuation after the value is not part of it. */
function trimEnd(value: string): string {
  return value.replace(/[.,;:)\]]+$/, "");
}

/**
 * A chosen or generated password: letters with digits, and a symbol or both cases. Not a version,
 * a date or time, a ticket or order id (INC0012345, OPS-1234), a host name, an e-mail address, a
 * URL or path, a UUID or a hash, nor a plain word.
 */
export function isChosen(value: string): boolean {
  if (value.length < 6 || value.length > 64 || /^pk_(?:live|test)_/.test(value)) return false;
  if (/^[A-Za-z_][\w.-]*[=:]/.test(value) || /^\$\{|^<.*>$|^\{\{/.test(value)) return false; // KEY=value, ${VAR}, <placeholder>
  if (!/\p{L}/u.test(value) || !/\d/.test(value)) return false;
  if (!(/[^\p{L}\d]/u.test(value) || (/\p{Lu}/u.test(value) && /\p{Ll}/u.test(value)))) return false;
  return !looksLikeIdentifier(value);
}

/**
 * A version, a date or time, a ticket or order id, a path or URL, an e-mail address, a host name,
 * a hash, a size or a product code: letters with digits that name something, not a secret.
 */
export function looksLikeIdentifier(value: string): boolean {
  if (/^v?\d+(?:[.-]\d+)+[a-z]?$/i.test(value)) return true; // 1.2.3, 2026-12-01
  if (/^\d{1,2}[:.]\d{2}/.test(value) || /^\d+(?:st|nd|rd|th|\.)$/.test(value)) return true;
  if (/^#?[A-Z]{1,6}[-_]?\d{2,}$/.test(value) || /^#\d+$/.test(value)) return true; // INC0012345, OPS-1234, KB5031455
  if (/:\/\/|^\/|^~\/|^\.\.?\/|\\/.test(value)) return true;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return true;
  if (/^(?:[\w-]+\.)+[a-z]{2,}$/i.test(value)) return true; // web02.minidesk.si
  if (/^[0-9a-f-]{20,}$/i.test(value)) return true; // hashes, UUIDs (found elsewhere when they are keys)
  if (/^\d+(?:[.,]\d+)?\s?(?:%|€|\$|kb|mb|gb|tb|ms|s|h|min|px)$/i.test(value)) return true;
  if (/^[A-Z]{2,}\d*(?:-[A-Z0-9]+)+$/.test(value)) return true; // product codes: WPA2-PSK, AES-256, SKU-LAT-5540
  return false;
}
