import { describe, expect, it } from "vitest";
import { en } from "./en";
import { sl } from "./sl";
import { getT } from "./i18n";
import { getLocale, localeCookie, pickFromAcceptLanguage } from "./locale.server";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("messages", () => {
  it("Slovenian and English have the same keys, none empty", () => {
    expect(keys(sl).sort()).toEqual(keys(en).sort());
    for (const k of keys(sl)) expect(getT("sl")(k)).not.toBe("");
  });

  it("names every key that exists in one language only, at any depth, and every empty or non-text value", () => {
    const only = (a: object, b: object) => { const other = new Set(keys(b)); return keys(a).filter((k) => !other.has(k)); };
    expect(only(en, sl), "in en.ts only").toEqual([]);
    expect(only(sl, en), "in sl.ts only").toEqual([]);
    const leaves = (o: object, prefix = ""): [string, unknown][] =>
      Object.entries(o).flatMap(([k, v]) => (v !== null && typeof v === "object" ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
    for (const [lang, dict] of [["en", en], ["sl", sl]] as const) {
      const bad = leaves(dict).filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
      expect(bad, `${lang}: empty or not text`).toEqual([]);
    }
    // The check itself sees nested keys: a staff page's message is three levels down.
    expect(keys(en)).toContain("ticket.errors.TargetNotFound");
    expect(keys(en)).toContain("reports.charts.opened.title");
  });

  it("uses the same {{placeholders}} in both languages", () => {
    const slKeys = new Set(keys(sl));
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const raw = (o: object, k: string) => k.split(".").reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string;
    const differ = keys(en).filter((k) => slKeys.has(k) && JSON.stringify(vars(raw(en, k))) !== JSON.stringify(vars(raw(sl, k))));
    expect(differ).toEqual([]);
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

  it("takes a staff member's saved language first, then the cookie, the browser, and DEFAULT_LOCALE", async () => {
    const english = new Request("http://localhost/queue", { headers: { "Accept-Language": "en-GB,en;q=0.9" } });
    expect(await getLocale(english, { locale: "sl" })).toBe("sl");
    expect(await getLocale(english, { locale: null })).toBe("en");
    expect(await getLocale(english, null)).toBe("en");
    const cookie = (await localeCookie.serialize("sl")).split(";")[0]!;
    expect(await getLocale(new Request("http://localhost/", { headers: { "Accept-Language": "en", Cookie: cookie } }))).toBe("sl");
    expect(await getLocale(new Request("http://localhost/", { headers: { Cookie: cookie } }), { locale: "en" })).toBe("en");
    expect(await getLocale(new Request("http://localhost/"))).toBe("sl"); // DEFAULT_LOCALE's default
  });
});
