import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { classifyAttachment, redactTextAttachment, safeFileName } from "./attachment-policy.server";
import { HTML_DISGUISED_AS_PNG } from "../../../tests/fixtures/images/hostile-images";

describe("classifyAttachment", () => {
  it("accepts images by their bytes, whatever name and type were declared", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(classifyAttachment(png, "report.exe", "application/octet-stream")).toEqual({ kind: "image", imageType: "png" });
  });

  it("accepts plain text, logs and CSV", () => {
    const text = Buffer.from("2024-05-01 10:00 printer offline\n");
    expect(classifyAttachment(text, "app.log", "text/plain")).toEqual({ kind: "text" });
    expect(classifyAttachment(text, "notes.txt", "")).toEqual({ kind: "text" });
    expect(classifyAttachment(Buffer.from("a;b\n1;2\n"), "export.csv", "text/csv")).toEqual({ kind: "text" });
  });

  it("refuses PDF with its own reason", () => {
    expect(classifyAttachment(Buffer.from("%PDF-1.7\n..."), "invoice.pdf", "application/pdf")).toEqual({
      kind: "pdf",
      reason: "PDF_NOT_REDACTABLE",
    });
  });

  it("refuses HTML named .png, SVG, archives, office documents and executables", () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const cases: [Buffer, string, string, string][] = [
      [HTML_DISGUISED_AS_PNG, "invoice.png", "image/png", "MARKUP"],
      [svg, "logo.svg", "image/svg+xml", "MARKUP"],
      [svg, "logo.txt", "text/plain", "MARKUP"],
      [Buffer.from("plain words"), "page.html", "text/html", "MARKUP"],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "files.zip", "application/zip", "ARCHIVE"],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "offer.docx", "application/vnd.openxmlformats", "ARCHIVE"],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), "old.doc", "application/msword", "OFFICE_DOCUMENT"],
      [Buffer.from("MZ\x90\x00\x03"), "setup.txt", "text/plain", "EXECUTABLE"],
      [Buffer.from([1, 2, 0, 0, 5, 6, 7]), "data.log", "text/plain", "BINARY"],
      [Buffer.from("console.log(1)"), "script.js", "text/javascript", "TEXT_TYPE_NOT_ALLOWED"],
      [Buffer.alloc(0), "empty.txt", "text/plain", "EMPTY"],
    ];
    for (const [bytes, name, type, reason] of cases) {
      expect(classifyAttachment(bytes, name, type)).toEqual({ kind: "refuse", reason });
    }
  });
});

describe("redactTextAttachment", () => {
  it("stores UTF-8 with personal data removed", () => {
    const r = redactTextAttachment(Buffer.from("Uporabnik jana.novak@example.com, tel. 041 123 456: tiskalnik ne dela\n"));
    const out = r.bytes.toString("utf8");
    expect(out).not.toContain("jana.novak");
    expect(out).not.toContain("041 123 456");
    expect(out).toContain("tiskalnik ne dela");
    expect(r.counts).toEqual({ EMAIL: 1, PHONE: 1 });
    expect(r.sourceEncoding).toBe("utf-8");
  });

  it("reads windows-1250 text (Slovenian letters) when the bytes are not UTF-8", () => {
    // "Težava: računalnik ne vžge" in windows-1250 (ž = 0x9E, č = 0xE8).
    const cp1250 = Buffer.from([
      ...Buffer.from("Te"), 0x9e, ...Buffer.from("ava: ra"), 0xe8, ...Buffer.from("unalnik ne v"), 0x9e, ...Buffer.from("ge, a@b.si"),
    ]);
    const r = redactTextAttachment(cp1250);
    expect(r.sourceEncoding).toBe("windows-1250");
    expect(r.bytes.toString("utf8")).toMatch(/^Težava: računalnik ne vžge, /);
    expect(r.bytes.toString("utf8")).not.toContain("a@b.si");
  });
});

describe("safeFileName", () => {
  it("removes personal data from the name and keeps the extension", () => {
    const safe = safeFileName("jana.novak@gmail.com.png");
    expect(safe).not.toMatch(/jana|novak|gmail/);
    expect(safe).toMatch(/\.png$/);
  });

  it("strips folders, control and direction-override characters", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\Users\\x\\report.txt")).toBe("report.txt");
    expect(safeFileName("invoice\u202Egpj.exe")).toBe("invoicegpj.exe");
    expect(safeFileName("a\u0000b\nc.log")).toBe("abc.log");
    expect(safeFileName("...")).toBe("attachment");
    expect(safeFileName("x".repeat(500) + ".txt")).toHaveLength(120);
  });

  it("keeps ordinary names", () => {
    expect(safeFileName("Screenshot 2024-05-01 at 10.22.33.png")).toBe("Screenshot 2024-05-01 at 10.22.33.png");
  });
});
