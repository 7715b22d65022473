import { ANY_NAME, COMMON_WORD, gazetteer, GIVEN, NOT_A_NAME } from "./gazetteer";

/**
 * User handles made of a person's names, as chat, Jira and GitHub show them ("marta.r",
 * "kaja_m", "bostjan.kos", "will.hartley", "pablo"): they name the person as surely as the
 * name written out. A handle is one when one of its parts is a known name that is no ordinary
 * word (or two of its parts are names), and none of its parts is a role or a product
 * ("support-bot", "db_admin", "smtp.user" are not people).
 */
const MAX_HANDLE = 40;
const PART_SPLIT = /[._-]/;
const HANDLE_SHAPE = /^\p{L}[\p{L}\d]*(?:[._-][\p{L}\d]+){0,3}$/u;

export function isPersonHandle(handle: string): boolean {
  if (handle.length < 3 || handle.length > MAX_HANDLE || !HANDLE_SHAPE.test(handle)) return false;
  const names = gazetteer();
  let strong = 0;
  let known = 0;
  for (const part of handle.toLowerCase().split(PART_SPLIT)) {
    const letters = part.replace(/\d+$/, "");
    if (letters === "") continue;
    const flags = names.asciiNominativeFlagsOf(letters);
    if ((flags & NOT_A_NAME) !== 0) return false;
    if (letters.length < 3 || (flags & ANY_NAME) === 0) continue;
    known++;
    if ((flags & COMMON_WORD) === 0) strong++;
  }
  return strong >= 1 || known >= 2;
}

/**
 * A login made of a given name and a surname ("stefan.gruber", "eleanor_briggs", "kranjc.jure"),
 * as a config's or a log's user field holds it: stricter than isPersonHandle, because a service
 * account is often a family's or a firm's name with a role ("leitner_web", "dom.mrak").
 */
export function isFullNameHandle(handle: string): boolean {
  if (handle.length > MAX_HANDLE || !HANDLE_SHAPE.test(handle)) return false;
  const parts = handle.toLowerCase().split(PART_SPLIT).map((part) => part.replace(/\d+$/, "")).filter((part) => part !== "");
  if (parts.length !== 2) return false;
  const flags = parts.map((part) => gazetteer().asciiNominativeFlagsOf(part));
  if (flags.some((f) => (f & NOT_A_NAME) !== 0 || (f & ANY_NAME) === 0)) return false;
  return parts.every((part) => part.length >= 2) && flags.some((f) => (f & GIVEN) !== 0 && (f & COMMON_WORD) === 0);
}

/**
 * A handle alone (no separator) is a person's only when it is a given name that is no ordinary
 * word ("pablo", not "will"); after a chat line's time, where a speaker stands, an ordinary word
 * that is a given name too counts ("[19:02] urban: a je kdo tm").
 */
export function isGivenNameHandle(handle: string, speakerAfterTime = false): boolean {
  const flags = gazetteer().asciiNominativeFlagsOf(handle.toLowerCase());
  return (flags & GIVEN) !== 0 && (flags & (speakerAfterTime ? NOT_A_NAME : COMMON_WORD | NOT_A_NAME)) === 0;
}

/** A handle that names a person: by its parts when it has a separator, else as a given name. */
export function isHandleOfPerson(handle: string, speakerAfterTime = false): boolean {
  return PART_SPLIT.test(handle) ? isPersonHandle(handle) : isGivenNameHandle(handle, speakerAfterTime);
}
