import { describe, expect, it } from "vitest";
import { removeUnsafeBodyCharacters, toSingleLine } from "./unsafe-characters";

describe("toSingleLine", () => {
  it("turns an injected CRLF header into harmless spaces", () => {
    expect(toSingleLine("Printer\r\nBcc: victim@example.com")).toBe("Printer Bcc: victim@example.com");
  });
  it("drops bidi overrides that would disguise a file name", () => {
    expect(toSingleLine("invoice\u202Egpj.exe")).toBe("invoice gpj.exe");
  });
  it("keeps Slovenian letters", () => {
    expect(toSingleLine("  Čšž  ČŠŽ ")).toBe("Čšž ČŠŽ");
  });
});

describe("removeUnsafeBodyCharacters", () => {
  it("keeps lines and tabs but removes terminal escapes and NUL", () => {
    expect(removeUnsafeBodyCharacters("a\r\n\tb\u001b[31m\u0000c\rd")).toBe("a\n\tb[31mc\nd");
  });
});
