import { describe, expect, it } from "vitest";
import { MAX_FILENAME_LENGTH, sanitiseAttachmentFilename } from "./attachment-filename";

describe("sanitiseAttachmentFilename", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["..\\..\\x.png", "x.png"],
    ["C:\\Users\\ana.novak\\Desktop\\račun.pdf", "račun.pdf"],
    ["..", "attachment-1.png"],
    [".htaccess", "htaccess"],
    ["report.exe. . ", "report.exe"],
    ["invoice\u202Egpj.exe", "invoice gpj.exe"],
    ["a\r\nContent-Type: evil.txt", "a Content-Type_ evil.txt"],
    ["CON.txt", "_CON.txt"],
    ['what?<is>"this"|*.txt', "what__is__this___.txt"],
    ["zapisnik sestanka – čšž ČŠŽ.docx", "zapisnik sestanka – čšž ČŠŽ.docx"],
  ])("%j becomes %j", (raw, expected) => {
    expect(sanitiseAttachmentFilename(raw, "image/png", 0)).toBe(expected);
  });

  it("names an unnamed part from its type and position", () => {
    expect(sanitiseAttachmentFilename(undefined, "application/pdf", 2)).toBe("attachment-3.pdf");
    expect(sanitiseAttachmentFilename("", "application/x-unknown", 0)).toBe("attachment-1.bin");
  });

  it("shortens very long names but keeps the extension so the file still opens", () => {
    const name = sanitiseAttachmentFilename(`${"ž".repeat(500)}.pdf`, "application/pdf", 0);
    expect(name.length).toBe(MAX_FILENAME_LENGTH);
    expect(name.endsWith("ž.pdf")).toBe(true);
  });
});
