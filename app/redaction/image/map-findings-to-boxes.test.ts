import { describe, expect, it } from "vitest";
import { detect } from "..";
import { buildPass2Text, clipToOwnLine, locateFindings, normaliseLookalikes, placeWords, tightGap, type OcrLineInput } from "./map-findings-to-boxes";

/** Words laid out left to right at 10 px per character with one-character gaps, 20 px lines. */
function layout(lines: string[], charW = 10): OcrLineInput[] {
  return lines.map((line, li) => {
    let x = 0;
    return {
      words: line.split(" ").map((text) => {
        const bbox = { x0: x, y0: li * 20, x1: x + text.length * charW, y1: li * 20 + 14 };
        x = bbox.x1 + charW;
        return { text, bbox };
      }),
    };
  });
}

const opts = { scale: 1, padding: 0, width: 2000, height: 2000 };

describe("placeWords", () => {
  it("joins words with one space and lines with a newline, keeping each word's offsets", () => {
    const { words, ocrText } = placeWords(layout(["Name: Jana Novak", "Thanks"]));
    expect(ocrText.text).toBe("Name: Jana Novak\nThanks");
    expect(words.map((w) => ocrText.text.slice(w.start, w.end))).toEqual(["Name:", "Jana", "Novak", "Thanks"]);
    expect([...ocrText.charWord.slice(4, 7)]).toEqual([0, -1, 1]);
  });
});

describe("locateFindings", () => {
  it("boxes every word of an entity that spans several words, one box per line", () => {
    const { findings, counts } = locateFindings(
      layout(["IBAN: SI56 1910 0000 0123 438", "Phone: 041 123 456", "Name: Jane Doe", "The printer is offline"]),
      detect,
      opts,
    );
    expect(counts).toEqual({ IBAN: 1, PHONE: 1, PERSON: 1 });
    expect(findings).toEqual([
      { type: "IBAN", box: { x0: 60, y0: 0, x1: 290, y1: 14 } },
      { type: "PHONE", box: { x0: 70, y0: 20, x1: 180, y1: 34 } },
      { type: "PERSON", box: { x0: 60, y0: 40, x1: 140, y1: 54 } },
    ]);
  });

  it("scales boxes back to the original image, pads them and keeps them inside it", () => {
    const { findings } = locateFindings(layout(["a@b.si"]), detect, { scale: 2, padding: 3, width: 25, height: 100 });
    expect(findings).toEqual([{ type: "EMAIL", box: { x0: 0, y0: 0, x1: 25, y1: 10 } }]);
  });

  it("finds an email OCR split at its dots, and a card number split in odd groups", () => {
    const { findings, counts } = locateFindings(
      layout(["Email: jana. novak@example. com", "Card: 4111 11111111 1111"]),
      detect,
      opts,
    );
    expect(counts).toEqual({ EMAIL: 1, CREDIT_CARD: 1 });
    expect(findings.find((f) => f.type === "EMAIL")?.box).toEqual({ x0: 70, y0: 0, x1: 310, y1: 14 });
    expect(findings.find((f) => f.type === "CREDIT_CARD")?.box).toEqual({ x0: 60, y0: 20, x1: 240, y1: 34 });
  });

  it("finds an email OCR split inside its domain, before the domain's first dot", () => {
    const { findings, counts } = locateFindings(layout(["login user=mkos@ic Loud. com ok"]), detect, opts);
    expect(counts).toEqual({ EMAIL: 1 });
    expect(findings[0]!.box).toEqual({ x0: 110, y0: 0, x1: 280, y1: 14 });
  });

  it("on a line of a code font, joins words cut by a gap well under the line's usual space", () => {
    // spaces of 14 px between words of 10 px characters, and one cut of 8 px inside the address
    const words = "INFO failed login for user from the web char lotte@x.si now".split(" ");
    let x = 0;
    const line = words.map((text) => {
      const bbox = { x0: x, y0: 0, x1: x + text.length * 10, y1: 14 };
      x = bbox.x1 + (text === "char" ? 8 : 14);
      return { text, bbox };
    });
    const { findings, counts } = locateFindings([{ words: line }], detect, opts);
    expect(counts).toEqual({ EMAIL: 1 });
    expect(findings[0]!.box.x0).toBe(line[8]!.bbox.x0);
    // the same cut between a table's cells, whose gaps are no spaces, joins nothing
    const cells = ["Basket", "Details", "Payment", "Done", "Signed", "in", "as", "ana@x.si"].map((text, i) => ({ text, bbox: { x0: i * 100, y0: 0, x1: i * 100 + text.length * 10, y1: 14 } }));
    cells[5]!.bbox = { x0: cells[4]!.bbox.x1 + 6, y0: 0, x1: cells[4]!.bbox.x1 + 26, y1: 14 };
    cells[6]!.bbox = { x0: cells[5]!.bbox.x1 + 6, y0: 0, x1: cells[5]!.bbox.x1 + 26, y1: 14 };
    cells[7]!.bbox = { x0: cells[6]!.bbox.x1 + 6, y0: 0, x1: cells[6]!.bbox.x1 + 86, y1: 14 };
    const table = locateFindings([{ words: cells }], detect, opts);
    expect(table.findings.map((f) => f.box.x0)).toEqual([cells[7]!.bbox.x0]);
  });

  it("finds an IBAN whose country OCR split from its check digits, and boxes all of it", () => {
    const { findings, counts } = locateFindings(layout(["SI 1 3 8690 4985 7487 069"]), detect, opts);
    expect(counts).toEqual({ IBAN: 1 });
    expect(findings[0]!.box).toEqual({ x0: 0, y0: 0, x1: 250, y1: 14 });
  });

  it("reads an IBAN whose letters and digits OCR confused", () => {
    for (const head of ["SIS6", "S156", "5I56"]) {
      const { counts, findings } = locateFindings(layout([`IBAN: ${head} 1910 0000 0123 438`]), detect, opts);
      expect(counts).toEqual({ IBAN: 1 });
      expect(findings[0]?.box.x0).toBe(60);
    }
  });

  it("does not glue words across a wide column gap", () => {
    const lines: OcrLineInput[] = [
      { words: [{ text: "invoice.", bbox: { x0: 0, y0: 0, x1: 80, y1: 14 } }, { text: "jana@example.com", bbox: { x0: 400, y0: 0, x1: 560, y1: 14 } }] },
    ];
    expect(buildPass2Text(lines).text).toBe("");
    expect(locateFindings(lines, detect, opts).findings).toEqual([{ type: "EMAIL", box: { x0: 400, y0: 0, x1: 560, y1: 14 } }]);
  });

  it("leaves ordinary text alone and counts an entity seen by both passes once", () => {
    const { findings, counts } = locateFindings(
      layout(["The printer on floor two is offline", "Call 041 123 456 today"]),
      detect,
      opts,
    );
    expect(counts).toEqual({ PHONE: 1 });
    expect(findings).toHaveLength(1);
  });

  it("skips types the policy keeps", () => {
    const r = locateFindings(layout(["Email: a@b.si"]), detect, { ...opts, shouldRedact: (t) => t !== "EMAIL" });
    expect(r).toEqual({ findings: [], counts: {} });
  });

  it("bounds the second pass", () => {
    const many = layout(Array.from({ length: 5000 }, () => "SIS6 1910 0000 0123 438"));
    expect(buildPass2Text(many, 1000).text.length).toBeLessThanOrEqual(1000);
  });
});

describe("normaliseLookalikes", () => {
  it("fixes number-like words only, character for character", () => {
    expect(normaliseLookalikes("SIS6")).toBe("SI56");
    expect(normaliseLookalikes("(S156")).toBe("(SI56");
    expect(normaliseLookalikes("S156")).toBe("SI56");
    // check digits both misread as letters at a strip's edge; a word that is no IBAN head stays
    expect(normaliseLookalikes("DELA")).toBe("DE14");
    expect(normaliseLookalikes("HELP")).toBe("HELP");
    expect(normaliseLookalikes("Sl67")).toBe("SI67"); // lower-case L for I, seen in the leak test
    expect(normaliseLookalikes("Si21")).toBe("SI21");
    expect(normaliseLookalikes("ana.kos@mnyq/7-primer.si")).toBe("ana.kos@mnyql7-primer.si");
    expect(normaliseLookalikes("1O0O")).toBe("1000");
    expect(normaliseLookalikes("1910")).toBe("1910");
    expect(normaliseLookalikes("Is")).toBe("Is");
    expect(normaliseLookalikes("offline")).toBe("offline");
  });
});

describe("screen rules beyond the text engine", () => {
  it("glues a URL OCR split after its scheme and paints it whole", () => {
    const { findings } = locateFindings(layout(["DATABASE_URL=postgres: //crm_admin:Xk9mPq2vL7s@db.internal:5432/crm"]), detect, opts);
    const xs = findings.map((f) => [f.box.x0, f.box.x1]);
    expect(xs).toContainEqual([230, 670]); // the whole "//user:password@host" word
  });

  it("paints a password to the end of its cell when OCR read a space into it", () => {
    const { findings } = locateFindings(layout(["password: word! word42"]), detect, opts);
    const right = Math.max(...findings.map((f) => f.box.x1));
    expect(right).toBe(220);
  });

  it("paints the value after a secret's key in code, with or without an equals sign", () => {
    for (const line of ["REDIS_PASSWORD Rd8!fh3Kp2Zw", "REDIS_PASSWORD = Rd8!fh3Kp2Zw"]) {
      const { findings, counts } = locateFindings(layout([line]), detect, opts);
      expect(counts.SECRET).toBeGreaterThanOrEqual(1);
      expect(Math.max(...findings.map((f) => f.box.x1))).toBe(line.length * 10);
      expect(Math.min(...findings.map((f) => f.box.x0))).toBeGreaterThanOrEqual(150); // the key stays readable
    }
  });

  it("takes a column of names beside emails and phones as people, and not a lone caption", () => {
    const rows = (names: string[]) =>
      names.map((n, i) => ({
        words: [
          ...n.split(" ").map((t, k) => ({ text: t, bbox: { x0: k * 60, y0: i * 20, x1: k * 60 + 50, y1: i * 20 + 14 } })),
          { text: `user${i}@example.com`, bbox: { x0: 300, y0: i * 20, x1: 460, y1: i * 20 + 14 } },
        ],
      }));
    const two = locateFindings(rows(["Maja Golob", "Gregor Kranjc"]), detect, opts);
    expect(two.counts.PERSON).toBe(2);
    const one = locateFindings(rows(["Status Report"]), detect, opts);
    expect(one.counts.PERSON).toBeUndefined();
  });
});

describe("more OCR confusions", () => {
  it("reads a dollar sign for the S of a tax number and a copyright sign for an email's @", () => {
    expect(normaliseLookalikes("$190252322")).toBe("SI90252322");
    expect(normaliseLookalikes("jana©example.com")).toBe("jana@example.com");
    const { counts } = locateFindings(layout(["Jana Turk $190252322 jana©example.com"]), detect, opts);
    expect(counts).toMatchObject({ SI_TAX_ID: 1, EMAIL: 1 });
  });
});

describe("tokens OCR cut without a space", () => {
  /** Words at given x ranges on one 14 px line. */
  const line = (...ws: [string, number, number][]): OcrLineInput[] => [{ words: ws.map(([text, x0, x1]) => ({ text, bbox: { x0, y0: 0, x1, y1: 14 } })) }];

  it("joins pieces closer than half a character and paints a query password whose = was misread", () => {
    // Code font, 10 px a character: the cut at 142..144 is no space, the gap at 294..330 is a cell of its own.
    const lines = line(["?user=trgovina&passwo", 0, 142], ["rd-%38PgUP6%iGo", 144, 294], ["next", 330, 370]);
    expect(tightGap(lines[0]!.words[0]!, lines[0]!.words[1]!)).toBe(true);
    expect(tightGap(lines[0]!.words[1]!, lines[0]!.words[2]!)).toBe(false);
    const { findings } = locateFindings(lines, detect, opts);
    expect(findings).toEqual([{ type: "SECRET", box: { x0: 144, y0: 0, x1: 294, y1: 14 } }]);
  });

  it("paints a database URL's password and what OCR glued to it when its @ was lost", () => {
    const lines = line(["DATABASE_URL", 0, 120], ["=", 128, 136], ["postgres:/,", 144, 230], ["'/shop:Fr3BHps43v%_", 226, 360], ["JEredb-prod-2.internal:5432/shop", 360, 600]);
    const { findings } = locateFindings(lines, detect, opts);
    expect(findings.map((f) => f.type)).toContain("SECRET");
    const painted = findings.filter((f) => f.type === "SECRET").map((f) => f.box);
    expect(Math.min(...painted.map((b) => b.x0))).toBe(226);
    expect(Math.max(...painted.map((b) => b.x1))).toBe(600);
  });
});

describe("a config line's value", () => {
  it("is painted whole when OCR read a space into it and the engine found only its end", () => {
    const lines: OcrLineInput[] = [{ words: [["SMTP_USER=", 0, 100], ["t", 96, 106], ["rgovina", 112, 182], ["podpora@trgovina.si", 196, 386]].map(([text, x0, x1]) => ({ text: text as string, bbox: { x0: x0 as number, y0: 0, x1: x1 as number, y1: 14 } })) }];
    const { findings } = locateFindings(lines, detect, opts);
    const email = findings.filter((f) => f.type === "EMAIL").map((f) => f.box);
    expect(Math.min(...email.map((b) => b.x0))).toBe(96);
    expect(Math.max(...email.map((b) => b.x1))).toBe(386);
  });
});

describe("a key OCR split at its underscores", () => {
  const line = (...ws: [string, number, number][]): OcrLineInput[] => [{ words: ws.map(([text, x0, x1]) => ({ text, bbox: { x0, y0: 0, x1, y1: 14 } })) }];

  it("keeps the key's later words readable and paints only the value ('STRIPE SECRET KEY-sk live…')", () => {
    const lines = line(["STRIPE", 0, 60], ["SECRET", 70, 130], ["KEY-sk", 140, 200], ["live", 205, 245], ["Onzc5ycBBLk36UXx064X3agw32Aw", 250, 530]);
    const { findings } = locateFindings(lines, detect, opts);
    const painted = findings.filter((f) => f.type === "SECRET").map((f) => f.box);
    expect(painted.length).toBeGreaterThan(0);
    // "KEY-" is 4 of the word's 6 characters: 140..180 stays readable
    expect(Math.min(...painted.map((b) => b.x0))).toBeGreaterThanOrEqual(180);
    expect(Math.max(...painted.map((b) => b.x1))).toBe(530);
  });
});

describe("clipToOwnLine", () => {
  const box = { x0: 633, y0: 124, x1: 707, y1: 161 }; // "Rok Kastelic", boxed from the line above
  it("stops a finding's paint at another line's word in its upper or lower half", () => {
    expect(clipToOwnLine(box, [{ x0: 640, y0: 126, x1: 702, y1: 136 }])).toEqual({ ...box, y0: 136 });
    expect(clipToOwnLine(box, [{ x0: 640, y0: 150, x1: 702, y1: 160 }])).toEqual({ ...box, y1: 150 });
  });

  it("leaves the paint whole for a word across its middle, beside it, or too small to be a line", () => {
    expect(clipToOwnLine(box, [{ x0: 640, y0: 135, x1: 702, y1: 152 }])).toEqual(box);
    expect(clipToOwnLine(box, [{ x0: 720, y0: 126, x1: 780, y1: 136 }])).toEqual(box);
    expect(clipToOwnLine(box, [{ x0: 640, y0: 124, x1: 650, y1: 128 }])).toEqual(box);
    // a box one line tall: a word of the line above that reaches into it does not cut it
    const line = { x0: 633, y0: 124, x1: 707, y1: 144 };
    expect(clipToOwnLine(line, [{ x0: 640, y0: 120, x1: 702, y1: 132 }])).toEqual(line);
  });
});
