import { describe, expect, it } from "vitest";
import { en } from "./en";
import { sl } from "./sl";
import { getT } from "./i18n";
import { pickFromAcceptLanguage } from "./locale.server";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("messages", () => {
  it("Slovenian and English have the same keys, none empty", () => {
    expect(keys(sl).sort()).toEqual(keys(en).sort());
    for (const k of keys(sl)) expect(getT("sl")(k)).not.toBe("");
  });

  it("translates with interpolation in both languages", () => {
    expect(getT("sl")("login.tooMany", { minutes: 5 })).toContain("5 min");
    expect(getT("en")("login.tooMany", { minutes: 5 })).toContain("5 minutes");
  });

  it("picks the language from Accept-Language by weight", () => {
    expect(pickFromAcceptLanguage("sl-SI,sl;q=0.9,en;q=0.8")).toBe("sl");
    expect(pickFromAcceptLanguage("de-DE,en;q=0.5,sl;q=0.7")).toBe("sl");
    expect(pickFromAcceptLanguage("en-GB")).toBe("en");
    expect(pickFromAcceptLanguage("de,fr")).toBeUndefined();
    expect(pickFromAcceptLanguage(null)).toBeUndefined();
  });
});
