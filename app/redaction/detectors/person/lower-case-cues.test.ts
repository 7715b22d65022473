import { describe, expect, it } from "vitest";
import { detect } from "../../detect";
import { detectLowerCaseCuedNames } from "./lower-case-cues";
import { expectLinearTime } from "../../../../tests/setup/linear-time";

const persons = (text: string) => detect(text).filter((d) => d.type === "PERSON").map((d) => text.slice(d.start, d.end));

describe("a name typed in lower case after a word that introduces a person", () => {
  it.each([
    ["jaz sem mojca, tajnica na šoli", "mojca"],
    ["dobr dan, jz sm urban, mam problem s prijavo", "urban"],
    ["lp nina kolar", "nina kolar"],
    ["naročnina je na ime tadej kolar", "tadej kolar"],
  ])("finds the name in %j", (text, name) => expect(persons(text)).toContain(name));

  it("leaves an ordinary word after the cue, and the reader called by a form of address", () => {
    for (const text of ["thanks will do", "sem rok zamudil", "sem bolan danes", "Cheers mate,\nthe printer works", "hvala za pomoč"]) expect(persons(text), text).toEqual([]);
  });

  it("does not take the ordinary word again where it stands as the word", () => {
    const chat = "[stranka] naročnina od maja lani\n[stranka] dela!! hvala maja";
    expect(persons(chat)).toEqual(["maja"]);
    expect(chat.indexOf("maja")).toBeLessThan(detect(chat).find((d) => d.type === "PERSON")!.start);
  });

  it("reads pathological inputs in linear time", () => {
    for (const unit of ["lp ", "sem ana ", "jaz sem nina kolar, "]) {
      expectLinearTime(`"${unit}" repeated`, (chars) => unit.repeat(Math.floor(chars / unit.length)), detectLowerCaseCuedNames);
    }
  }, 60_000);
});
