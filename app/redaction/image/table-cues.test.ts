import { describe, expect, it } from "vitest";
import { detect } from "..";
import { locateFindings, type OcrLineInput } from "./map-findings-to-boxes";
import { fits, labelKind, taxDigits } from "./table-cues";

/**
 * A table: each row's cells at fixed columns (x in characters), 10 px per character, 20 px rows,
 * so cells are far apart (a column gap) while words inside a cell are one character apart.
 */
function table(rows: string[][], columns: number[], charW = 10): OcrLineInput[] {
  return rows.map((cells, li) => ({
    words: cells.flatMap((cell, ci) => {
      let x = columns[ci]! * charW;
      return cell
        .split(" ")
        .filter(Boolean)
        .map((text) => {
          const bbox = { x0: x, y0: li * 20, x1: x + text.length * charW, y1: li * 20 + 14 };
          x = bbox.x1 + charW;
          return { text, bbox };
        });
    }),
  }));
}

const opts = { scale: 1, padding: 0, width: 4000, height: 4000 };
const boxed = (lines: OcrLineInput[], type: string) => locateFindings(lines, detect, opts).findings.filter((f) => f.type === type);

describe("table cues", () => {
  it("takes a column of bare eight-digit numbers that pass the davčna checksum as tax numbers, whatever OCR made of the header", () => {
    const rows = [
      ["Uporabnik", "Dewéma št.", "Vloga"],
      ["Maja Horvat", "77974760", "skrbnik"],
      ["Marko Kos", "4O132684", "bralec"],
      ["Luka Turk", "52043592", "urednik"],
    ];
    const found = boxed(table(rows, [0, 30, 50]), "SI_TAX_ID");
    expect(found.map((f) => f.box.y0)).toEqual([20, 40, 60]);
    expect(found.every((f) => f.box.x0 === 300)).toBe(true);
  });

  it("does not take a column of order numbers that only now and then pass the checksum", () => {
    const rows = [["Order", "Qty"], ["10480123", "1"], ["10487555", "2"], ["10494777", "3"], ["77974760", "1"]];
    expect(boxed(table(rows, [0, 20]), "SI_TAX_ID")).toEqual([]);
  });

  it("takes a tax number under a misread header, and one beside a misread label", () => {
    expect(boxed(table([["Davéna"], ["77974760"]], [0]), "SI_TAX_ID")).toHaveLength(1);
    expect(boxed(table([["Davéna št.", "77974760"]], [0, 20]), "SI_TAX_ID")).toHaveLength(1);
    // An invalid number beside the label is not one.
    expect(boxed(table([["Davéna št.", "77974761"]], [0, 20]), "SI_TAX_ID")).toEqual([]);
  });

  it("takes the odd cell of a phone column the engine's rules reject, and the odd cell of an email column", () => {
    const rows = [
      ["Jana Novak", "jana.novak@gmail.com", "041 123 456"],
      ["Rok Kos", "rok kosegmail.com", "(415) 118-2597"],
      ["Ana Turk", "ana.turk@siol.net", "031 222 333"],
    ];
    const lines = table(rows, [0, 20, 50]);
    expect(boxed(lines, "PHONE").map((f) => f.box.y0)).toEqual([0, 20, 40]);
    // the odd cell may be boxed twice (its provider glued to a word is an address too): every row once at least
    expect([...new Set(boxed(lines, "EMAIL").map((f) => f.box.y0))]).toEqual([0, 20, 40]);
  });

  it("paints the whole cell of an email OCR split at its underscore", () => {
    const [f] = boxed(table([["Email", "katarina, krajnc@guest.arnes.si"]], [0, 20]), "EMAIL");
    expect(f!.box.x0).toBe(200);
  });

  it("paints only the value of a config line, and takes a phone named by its key", () => {
    const lines = table([["ADMIN_PHONE-\"4386 31 430 154\""], ["REDIS_PASSWORD=4y+37KxAQH-5j#"], ["LOG_LEVEL=debug"]], [0]);
    const found = locateFindings(lines, detect, opts).findings;
    expect(found.map((f) => [f.type, f.box.x0])).toEqual([
      ["PHONE", 120],
      ["SECRET", 150],
    ]);
  });

  it("reads a bordered table's columns apart at its rules, and takes passwords and emails under their headers", () => {
    // Adminer: cells one character apart with "|" between; a query line above the header.
    const lines = table(
      [
        ["SELECT * FROM users ORDER BY id"],
        ["|", "emal", "|", "password", "|"],
        ["|", "wdoylegbtinternet.com", "|", "-PNER#N3786rj", "|"],
        ["|", "krajnceguest.arnes.si", "|", "Zax7eUM_ovSqF", "|"],
      ],
      [0, 1, 22.2, 23.5, 37.5],
    );
    expect(boxed(lines, "EMAIL").map((f) => [f.box.x0, f.box.y0])).toEqual([[10, 40], [10, 60]]);
    expect(boxed(lines, "SECRET").map((f) => [f.box.x0, f.box.y0])).toEqual([[235, 40], [235, 60]]);
  });

  it("takes a City column's towns in a table that holds addresses, not a town column without them", () => {
    const rows = [["Name", "Address", "City"], ["Grace Doyle", "73 Park Lane", "Cardiff"], ["Isla Caldwell", "80 Mill Lane", "Bristol"]];
    expect(boxed(table(rows, [0, 20, 45]), "POSTAL_ADDRESS").filter((f) => f.box.x0 === 450).map((f) => f.box.y0)).toEqual([20, 40]);
    const offices = [["Office", "City"], ["Sales", "Cardiff"], ["Support", "Bristol"]];
    expect(boxed(table(offices, [0, 20]), "POSTAL_ADDRESS")).toEqual([]);
    // webmail: the app's name "Pošta" over its folders, an address in a signature elsewhere
    const mail = [["Posta"], ["Prejeto"], ["Poslano"], ["Osnutki", "", "Vrtna ulica 6, 4000 Kranj"]];
    expect(boxed(table(mail, [0, 20, 40]), "POSTAL_ADDRESS").filter((f) => f.box.x0 === 0)).toEqual([]);
  });

  it("leaves a column of config keys under a key that names a password", () => {
    const rows = [["REDIS_PASSWORD="], ["LOG_LEVEL=debug"], ["CACHE_TTL=3600s"]];
    expect(boxed(table(rows, [0]), "SECRET")).toEqual([]);
  });

  it("leaves a column of ordinary words alone", () => {
    const rows = [["Status", "Total"], ["Paid", "332.77 €"], ["Shipped", "150.58 €"], ["Refunded", "296.18 €"]];
    expect(locateFindings(table(rows, [0, 20]), detect, opts).findings).toEqual([]);
  });
});

describe("shapes and labels", () => {
  it("reads tax digits through OCR's look-alikes and an SI prefix", () => {
    expect(taxDigits("4O132684")).toBe("40132684");
    expect(taxDigits("SI 77974760")).toBe("77974760");
    expect(taxDigits("7797476")).toBeNull();
    expect(taxDigits("Vloga")).toBeNull();
  });

  it("knows labels as OCR misreads them", () => {
    expect(labelKind("Davéna št.")).toBe("SI_TAX_ID");
    expect(labelKind("ID za DDV:")).toBe("SI_TAX_ID");
    expect(labelKind("Telefon")).toBe("PHONE");
    expect(labelKind("E-pošta")).toBe("EMAIL");
    expect(labelKind("ADMIN PHONE-")).toBe("PHONE");
    expect(labelKind("Status")).toBeNull();
  });

  it("tells a phone's shape from a price's", () => {
    expect(fits("PHONE", "(a15) 989-2130")).toBe(true);
    expect(fits("PHONE", "332.77 €")).toBe(false);
    expect(fits("EMAIL", "rok kosegmail.com")).toBe(true);
    expect(fits("EMAIL", "Jana Novak")).toBe(false);
  });
});
