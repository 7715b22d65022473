import { lineBreakWithin } from "./context";

/**
 * Answers in a chat or a call log: a question on one line ("can you read me the code from the
 * SMS?", "your date of birth for verification?") is answered at the start of one of the next
 * lines, after the speaker's lead ("[08:03] ", "Customer: ", "client: "). The birth-date and the
 * one-time-code rules read their values from where these answers start.
 */

/** A line's lead before the answer: blanks, a time or name in brackets, and a speaker's label. */
const SPEAKER_LEAD = /[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[^\n:\d]{1,30}:[ \t]*)?/y;

/** How far the question may run after its cue: it must end its line within this window. */
const QUESTION_WINDOW = 90;

/**
 * Where the answer starts on each of the `lines` lines after the cue's line, if that line ends in
 * a question (the text between the cue and the line's end passes `question`). Empty otherwise.
 * Only the question's line is looked for within a window; each answer line is read once per cue.
 */
export function answerStarts(text: string, cueEnd: number, lines: number, question: RegExp): number[] {
  const questionEnd = lineBreakWithin(text, cueEnd, QUESTION_WINDOW);
  if (questionEnd === -1 || !question.test(text.slice(cueEnd, questionEnd))) return [];
  const starts: number[] = [];
  for (let lineEnd = questionEnd; starts.length < lines && lineEnd !== -1; ) {
    const lineStart = lineEnd + 1;
    SPEAKER_LEAD.lastIndex = lineStart;
    starts.push(lineStart + (SPEAKER_LEAD.exec(text)?.[0].length ?? 0));
    lineEnd = text.indexOf("\n", lineStart);
  }
  return starts;
}
