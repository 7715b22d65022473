import { describe, expect, it } from "vitest";
import { groupedStarts, scanAll, scanAround, scanBefore } from "./candidate-scan";

const spans = (matches: Iterable<RegExpExecArray>) => [...matches].map((m) => `${m.index}:${m[0]}`);
const texts = [
  "db_password: a b, PASSWORD= x, my.pass: y, xpass: z, ſmtp_paſſ: q",
  "KEY AAAAA-BBBBB-CCCCC-DDDDD-EEEEE and -AAAAA-BBBBB-CCCCC-DDDDD-EEEEE, 12345-12345-12345-12345-12345-",
  "----- " + "-".repeat(200) + " ABCDE-ABCDE-ABCDE-ABCDE-ABCDE",
];

describe("candidate scans", () => {
  it("scanAround finds what matchAll finds", () => {
    const pattern = /(?<![\p{L}\d/-])(?:[A-Za-z]{1,20}[_.-])?(?:pass|password)[ \t]*[:=][ \t]+/giu;
    for (const text of texts) expect(spans(scanAround(pattern, text, /pass|password/giu, 21))).toEqual(spans(text.matchAll(pattern)));
  });

  it("scanBefore finds what matchAll finds, dense or not", () => {
    const pattern = /(?<![\w-])[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}(?![\w-])/g;
    for (const text of texts) expect(spans(scanBefore(pattern, text, "-", 5))).toEqual(spans(text.matchAll(pattern)));
  });

  it("groups literal starts by their first character, the other case too under i", () => {
    expect(groupedStarts("veri|vhod|Best|best|b|[sſ]ec|2fa|\\.x", true)).toBe("v(?:eri|hod)|b(?:est|est|)|2fa|[sſ]ec|\\.x");
    expect(groupedStarts("Best|best", false)).toBe("Best|best");
    const pattern = /(?<![\p{L}\d])(?:verification|Best|best|vhod|one[- ]time|2fa)[ \t]+code/giu;
    const text = "Verification code, BEST code, vhod code, one-time code, 2FA code, xbest code";
    expect(spans(scanAll(pattern, text))).toEqual(spans(text.matchAll(pattern)));
  });
});
