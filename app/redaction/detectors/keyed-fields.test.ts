import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { keyedFields, sqlInsertFields } from "./keyed-fields";

const fields = (text: string) => [...keyedFields(text)].map((f) => [f.key, text.slice(f.start, f.end)]);

describe("keyedFields", () => {
  it("reads form lines, JSON and XML in text order", () => {
    expect(fields('Ime: Tanja\n{"city": "Kranj"}\n<Street>Vrtna 6</Street>')).toEqual([["Ime", "Tanja"], ["city", "Kranj"], ["Street", "Vrtna 6"]]);
  });

  it("reads the quoted values of an SQL INSERT under their column names, rows after rows", () => {
    const sql = "INSERT INTO stranke (id, ime, `kraj`) VALUES\n(1, 'Uroš', 'Vipava'),\n(2, 'O''Brien', NULL), (3, '', 'Kranj');";
    expect(sqlInsertFields(sql).map((f) => [f.key, sql.slice(f.start, f.end)])).toEqual([
      ["ime", "Uroš"], ["kraj", "Vipava"], ["ime", "O''Brien"], ["kraj", "Kranj"],
    ]);
  });

  it("stops at a row it cannot read, and reads nothing without a column list", () => {
    expect(sqlInsertFields("INSERT INTO t (a) VALUES ('x'), garbage ('y')").map((f) => f.key)).toEqual(["a"]);
    expect(sqlInsertFields("INSERT INTO t VALUES ('Uroš')")).toEqual([]);
  });
});

describe("names and addresses in SQL rows", () => {
  it("redacts the name and address columns, not a test record or a firm", () => {
    const sql =
      "INSERT INTO stranke (id, ime, priimek, naslov, posta, kraj) VALUES\n" +
      "(3311, 'Uroš', 'Pečnik', 'Cesta na Brdo 85', '1000', 'Ljubljana'),\n(3313, 'TEST', 'TEST', '', '', '');";
    const found = detect(sql).map((d) => [d.type, sql.slice(d.start, d.end)]);
    expect(found).toEqual(expect.arrayContaining([["PERSON", "Uroš"], ["PERSON", "Pečnik"], ["POSTAL_ADDRESS", "Cesta na Brdo 85"], ["POSTAL_ADDRESS", "Ljubljana"]]));
    expect(found.map(([, value]) => value)).not.toContain("TEST");
  });
});
