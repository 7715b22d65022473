import { describe, expect, it } from "vitest";
import { answerStarts } from "./chat-answers";

const QUESTION = /^[^\n]{0,80}\?[ \t\r]*$/;
const at = (text: string, cue: string) => text.indexOf(cue) + cue.length;

describe("answerStarts", () => {
  it("starts each answer after the speaker's time and label", () => {
    const text = "tech: read me the code from the SMS?\n[10:42] Customer: 482913\nclient:  ok\n";
    const starts = answerStarts(text, at(text, "the code"), 2, QUESTION);
    expect(starts.map((start) => text.slice(start, start + 6))).toEqual(["482913", "ok\n"]);
  });

  it("finds no answer when the cue's line asks nothing", () => {
    const text = "the code from the SMS arrived.\nCustomer: 482913\n";
    expect(answerStarts(text, at(text, "the code"), 2, QUESTION)).toEqual([]);
  });

  it("finds no answer when the question runs on past its window", () => {
    const text = `the code ${"and more words ".repeat(10)}?\nCustomer: 482913\n`;
    expect(answerStarts(text, at(text, "the code"), 2, QUESTION)).toEqual([]);
  });

  it("stops at the text's last line", () => {
    const text = "your date of birth?\n1.2.1990";
    expect(answerStarts(text, at(text, "birth"), 3, QUESTION)).toEqual([text.indexOf("1.2")]);
  });
});
