import { describe, expect, it } from "vitest";
import { groupedAlternation, groupedAlternationIgnoringCase, groupLeadingAlternation } from "./grouped-alternation";

const all = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => [m.index, ...m]);

describe("groupLeadingAlternation", () => {
  it("groups the words by their first atom and finds the same matches", () => {
    expect(groupedAlternation("[Kk]olega|[Ss]in|[Kk]olegica|Dr")).toBe("[Kk](?:olega|olegica)|[Ss]in|Dr");
    const plain = /(?:[Kk]olega|[Ss]in|[Kk]olegica|[Ss]on|Dr)[ \t]+(\p{Lu}\p{Ll}+)/gu;
    const grouped = groupLeadingAlternation(plain);
    expect(grouped.source).not.toBe(plain.source);
    expect(grouped.flags).toBe(plain.flags);
    const text = "kolegica Ana, sin Rok, Kolega Jure, Dr Novak, son Tim, Mason Kos, kolega  Eva";
    expect(all(grouped, text)).toEqual(all(plain, text));
  });

  it("splits classes into characters when two words' first characters overlap, keeping the order", () => {
    expect(groupedAlternation("[Ll]ep pozdrav|Lepo pozdravljeni|LP|lp")).toBe("L(?:ep pozdrav|epo pozdravljeni|P)|l(?:ep pozdrav|p)");
    const plain = /(?:g|ga|[Gg]ospa|Mr|Mrs)\.? (\p{Lu}\p{Ll}+)/gu;
    const text = "ga. Novak, g. Kos, gospa Ana, Gospa Eva, Mrs. Brown, Mr Smith";
    expect(all(groupLeadingAlternation(plain), text)).toEqual(all(plain, text));
  });

  it("leaves alone what it cannot group exactly", () => {
    const cases = [/(?:a|b)/gi, /(?:(a)b|ac)x/g, /(?:\d+|x)y/g, /(?:a?b|ac)/g, /x(?:a|b)/g];
    for (const pattern of cases) expect(groupLeadingAlternation(pattern)).toBe(pattern);
  });

  it("under the i flag groups a letter with its other case, and only first atoms no case shares", () => {
    expect(groupedAlternationIgnoringCase("pass|Best|pin|[sſ]ecret|best|[k\\u212a]ey|[sſ]enha")).toBe("p(?:ass|in)|b(?:est|est)|[sſ](?:ecret|enha)|[k\\u212a]ey");
    for (const source of ["ſab|sx", "s|[sſ]", "šifra|pass", "(?:a|b)c|d", "a?b|c"]) expect(groupedAlternationIgnoringCase(source)).toBeNull();
    const plain = /(?:pa[sſ]{2}|pwd?|[sſ]ecret|[k\u212a]ey|private|pin|Backup|backup-)/gi;
    const text = "PASS pwd PW ſecret Secret \u212aey KEY private PIN Backup- backup-x paſſ";
    expect(all(groupLeadingAlternation(plain), text)).toEqual(all(plain, text));
    const unicode = /(?:recovery|backup|Backup-|rescue)[ \t-]*codes?/giu;
    const words = "Recovery codes, BACKUP-code, backup code, reſcue codes";
    expect(all(groupLeadingAlternation(unicode), words)).toEqual(all(unicode, words));
  });
});
