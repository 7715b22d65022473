import { describe, expect, it } from "vitest";
import { detectOcrShapes } from "./ocr-shapes";

const found = (text: string) => detectOcrShapes(text).map((d) => [d.type, text.slice(d.start, d.end)]);

describe("detectOcrShapes", () => {
  it("takes a URL's password up to its @, whatever OCR made of the slashes", () => {
    expect(found("DATABASE_URL=postgres://app:U77%4JKRajrp#2%*@10.0.3.12:5432/trgovina")).toEqual([["SECRET", "U77%4JKRajrp#2%*"]]);
    expect(found("url postgres:/,'/shop:Fr3BHps43v%_@db-prod-2.internal:5432/shop")).toEqual([["SECRET", "Fr3BHps43v%_"]]);
    expect(found("DATABASE URL: ://app:Fr3BHps43v%_E+@db-2/shop")).toEqual([["SECRET", "Fr3BHps43v%_E+"]]);
  });

  it("takes a URL's password when OCR read blanks into it, up to the @ a few words on", () => {
    const line = "DATABASE. URLzpostgres:/, //crm_admin: 'ferm Xk9mPq2vL7s@db. internal :5432/crm";
    expect(found(line).map(([, value]) => value)).toContain("'ferm Xk9mPq2vL7s");
    expect(found("mail me: //notes: see jana@example.si")).toEqual([["SECRET", "see jana"]]);
    expect(found("ob 12:30 smo se dobili, piši na jana@example.si")).toEqual([]);
  });

  it("runs a login scheme's password to the token's end when OCR lost the @", () => {
    expect(found("URL = postgres:/,'/shop:Fr3BHps43v%_JEredb-prod-2.internal:5432/shop next")).toEqual([
      ["SECRET", "Fr3BHps43v%_JEredb-prod-2.internal:5432/shop"],
    ]);
  });

  it("leaves a host's port and a web URL without a login alone", () => {
    expect(found("postgres://db-prod-2.internal:5432/shop")).toEqual([]);
    expect(found("see https://trgovina.example.si:8443/admin")).toEqual([]);
    expect(found("https://docs.example.com/a:b")).toEqual([]);
    expect(found("at 12:30 ://host:8080 done")).toEqual([]);
  });

  it("takes a secret query parameter whose = was read as - or :", () => {
    expect(found("5432/racuni?user=trgovina&password-%38PgUP6%iGof!")).toEqual([["SECRET", "%38PgUP6%iGof!"]]);
    expect(found("/reset?token:AbC123xyz&lang=sl")).toEqual([["SECRET", "AbC123xyz"]]);
    expect(found("/search?q=password&page=2")).toEqual([]);
  });

  it("takes an address in angle brackets after a name, its @ misread", () => {
    expect(found("Polona Žagar <zagar.'.polonaggmail.com>")).toEqual([["EMAIL", "zagar.'.polonaggmail.com"]]);
    expect(found("open <index.html> now")).toEqual([]);
  });
});

describe("an IBAN whose checksum a misread digit broke", () => {
  it("takes the exact shape of its country's length, not a longer or a shorter one", () => {
    expect(found("| SI56 6201 0543 0768 568 | 2026-06-13")).toEqual([["IBAN", "SI56 6201 0543 0768 568"]]);
    expect(found("DE35 2136 8323 8098 6748 18")).toEqual([["IBAN", "DE35 2136 8323 8098 6748 18"]]);
    expect(found("SI56 6201 0543 0768 5681 and XX12 3456 7890 1234")).toEqual([]);
  });
});

describe("a North American number in its written shape", () => {
  it("takes it whatever its exchange, not a bracketed count or a time", () => {
    expect(found("other (312) 002-6293")).toEqual([["PHONE", "(312) 002-6293"]]);
    expect(found("items (120) 2026-12-01 and f(x) 123-4567")).toEqual([]);
  });
});

describe("a Slovenian number whose trunk 0 OCR read as 6 or 8", () => {
  it("takes it in its written groups, not a price, a time or another grouping", () => {
    expect(found("sending one-time code to 62 608 43 62 via provider")).toEqual([["PHONE", "62 608 43 62"]]);
    expect(found("pokliči 841 123 456")).toEqual([["PHONE", "841 123 456"]]);
    expect(found("total 62 608,43 EUR at 12:30, order 6 2608 4362")).toEqual([]);
  });
});

describe("an address at a mail provider whose @ OCR misread or whose ending it lost", () => {
  it("takes the provider's name glued to a word, with or without its top-level domain", () => {
    expect(found("reset requested for ana.kos9djgmail.com ip=10.0.0.1")).toEqual([["EMAIL", "ana.kos9djgmail.com"]]);
    expect(found("export requested by tom.reedgibtinternet.com")).toEqual([["EMAIL", "tom.reedgibtinternet.com"]]);
    expect(found("login user=m_novak@siol userzm.")).toEqual([["EMAIL", "m_novak@siol"]]);
  });
  it("takes an address in angle brackets read with blanks and without its dots", () => {
    expect(found("created by Ana Kos <ana kos@ex ample com>")).toEqual([["EMAIL", "ana kos@ex ample com"]]);
    expect(found("<div>@media</div>")).toEqual([]);
  });
  it("leaves the providers' own hosts and the names alone", () => {
    expect(found("open mail.gmail.com or https://outlook.office.com, the gmail app, see icloud.com")).toEqual([]);
  });
});
