import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import type { EntityType } from "../types";

/** The values the engine would redact, by type. */
function found(text: string): Array<[EntityType, string]> {
  return detect(text).map((d) => [d.type, text.slice(d.start, d.end)]);
}
const types = (text: string) => found(text).map(([type]) => type);

describe("postal addresses", () => {
  it.each([
    ["na Glavnem trgu 14 v Domžalah", "na Glavnem trgu 14 v Domžalah"],
    ["Stanujem v Ulici heroja Šaranoviča 12a, 2000 Maribor.", "v Ulici heroja Šaranoviča 12a, 2000 Maribor"],
    ["Cesti v Gorice 8, Ljubljana", "Cesti v Gorice 8, Ljubljana"],
    ["Zgornje Gameljne 45, 1211 Ljubljana - Šmartno", "Zgornje Gameljne 45, 1211 Ljubljana - Šmartno"],
    ["Dunajska cesta 5, stanovanje 12, 1000 Ljubljana", "Dunajska cesta 5, stanovanje 12, 1000 Ljubljana"],
    ["p.p. 123, 1001 Ljubljana", "p.p. 123, 1001 Ljubljana"],
    ["Mariahilfer Straße 45/3/12, 1060 Wien", "Mariahilfer Straße 45/3/12, 1060 Wien"],
    ["Hauptstr. 5, Top 7, A-1010 Wien", "Hauptstr. 5, Top 7, A-1010 Wien"],
    ["Via Roma, 12, 34121 Trieste (TS)", "Via Roma, 12, 34121 Trieste (TS)"],
    ["Ulica kralja Zvonimira 12, 10000 Zagreb", "Ulica kralja Zvonimira 12, 10000 Zagreb"],
    ["Hotedršica 12, 1372 Hotedršica", "Hotedršica 12, 1372 Hotedršica"],
    ["Apt 4B, 123 N Main St., Springfield, IL 62704", "Apt 4B, 123 N Main St., Springfield, IL 62704"],
    ["Unit 3B, Meridian Trading Estate, Bugsby's Way, London SE7 7SJ", "Unit 3B, Meridian Trading Estate, Bugsby's Way, London SE7 7SJ"],
    ["Flat 12, Kingsley House\n45 Wandsworth Road\nLondon\nSW8 2LF", "Flat 12, Kingsley House\n45 Wandsworth Road\nLondon\nSW8 2LF"],
    ["Herrengasse 6–8, Stiege 1, Top 5, 1010 Wien", "Herrengasse 6–8, Stiege 1, Top 5, 1010 Wien"],
  ])("finds %j", (text, address) => expect(found(text)).toEqual([["POSTAL_ADDRESS", address]]));

  it("reads a vCard ADR from the PO box to the postcode, without the country", () => {
    expect(found("ADR;TYPE=WORK:;;Dunajska cesta 5;Ljubljana;;1000;Slovenija")).toEqual([["POSTAL_ADDRESS", "Dunajska cesta 5;Ljubljana;;1000"]]);
  });

  it("leaves towns alone, products, steps and sentence ends", () => {
    for (const text of [
      "v Ljubljani imamo pisarno, na Dunaju tudi",
      "Windows 11 in Office 365, Korak 3, stran 5, Verzija 2 na Windows 10",
      "Trg 3. Na Dunaju 2026 bo sejem",
      "Imamo 14 v Mariboru in 1500 Users",
      "Tel 041 123 456, Podjetje Hribar d.o.o.",
    ]) {
      expect(types(text)).not.toContain("POSTAL_ADDRESS");
    }
  });

  it("does not reach back over a phone number or another address", () => {
    expect(found("Tel 041 123 456, 1000 Ljubljana")).toEqual([["PHONE", "041 123 456"], ["POSTAL_ADDRESS", "1000 Ljubljana"]]);
  });
});

describe("obfuscated e-mail addresses", () => {
  it.each(["janez.novak (at) gmail (dot) com", "info[at]podjetje.si", "ana afna siol pika net", "janez @ gmail.com", "tina.kos [at] t-2 [dot] net", "marko at gmail dot com"])(
    "finds %s",
    (address) => expect(found(`Pišite na ${address}, hvala`)).toEqual([["EMAIL", address]]),
  );
  it("leaves 'at' in prose and file names", () => {
    expect(found("meet at office.com, look at index.html, we are at 10.30, I work at Microsoft")).toEqual([]);
  });
});

describe("separators", () => {
  it("finds cards with dots and in table rows, but not a dotted amount or a bad checksum", () => {
    expect(found("kartica 4111.1111.1111.1111")).toEqual([["CREDIT_CARD", "4111.1111.1111.1111"]]);
    expect(found("J SMITH,4366017084900830,04/28")).toEqual([["CREDIT_CARD", "4366017084900830"]]);
    expect(found("znesek 4111.111.111.111.1, kartica 4111 1111 1111 1112")).toEqual([]);
  });
  it("finds IBANs with dashes or wrapped over a line, and not a bad checksum", () => {
    expect(found("IBAN SI56-1910-0000-0123-438")).toEqual([["IBAN", "SI56-1910-0000-0123-438"]]);
    expect(found("TRR: SI56 1910 0000\n0123 438 hvala")).toEqual([["IBAN", "SI56 1910 0000\n0123 438"]]);
    expect(found("SI56 1910 0000 0123 439")).toEqual([]);
  });
  it("finds phones in CSV rows, 00 foreign numbers, odd separators and foreign national numbers", () => {
    expect(found("12,041123456,2026")).toEqual([["PHONE", "041123456"]]);
    expect(found("tel: 0049 89 1234567")).toEqual([["PHONE", "0049 89 1234567"]]);
    expect(found("tel: +386.41.123.456")).toEqual([["PHONE", "+386.41.123.456"]]);
    expect(found("tel: 0664 123 45 67, (415) 555-0187")).toEqual([["PHONE", "0664 123 45 67"], ["PHONE", "(415) 555-0187"]]);
    expect(found("order 00123456789, ticket 0123456789, datum 2026-11-02")).toEqual([]);
  });
  it("finds EMŠO and tax numbers in table columns by their header", () => {
    expect(found("member,emso,tax_no\nAndreja Kos,0408995508841,62665774").filter(([type]) => type !== "PERSON")).toEqual([
      ["EMSO", "0408995508841"],
      ["SI_TAX_ID", "62665774"],
    ]);
    expect(found("id,koda\n1,62665774")).toEqual([]);
  });
});

describe("secrets", () => {
  it("finds cookies, DSN keys, signed URL parameters and webhook URLs", () => {
    expect(found("Cookie: sessionid=8f3a9c2b7e1d4f6a; lang=sl; theme=dark")).toEqual([["SECRET", "8f3a9c2b7e1d4f6a"]]);
    expect(found("Set-Cookie: PHPSESSID=abc123def456ghi789; Path=/; HttpOnly")).toEqual([["SECRET", "abc123def456ghi789"]]);
    expect(found("SENTRY_DSN=https://e8c3f1a2b4d54a6f9c7e1b2a3d4f5e6a@o123456.ingest.sentry.io/4504")).toEqual([
      ["SECRET", "e8c3f1a2b4d54a6f9c7e1b2a3d4f5e6a"],
    ]);
    expect(found("REDIS_URL=redis://:Pa55word@cache:6379/0")).toEqual([["SECRET", "Pa55word"]]);
    expect(found("https://x.s3.amazonaws.com/f.pdf?X-Amz-Date=20261126T091500Z&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0")).toEqual([
      ["SECRET", "fe5f80f77d5fa3beca038a248ff027d0"],
    ]);
    const hook = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    expect(found(`hook: ${hook}.`)).toEqual([["SECRET", hook]]);
    for (const share of ["https://send.bitwarden.com/#aB3dE5fG7hJ9kL1mN3pQ5r/sT7uV9wX1yZ3aB5cD7eF9g", "https://pwpush.com/p/x7k2m9q4w8e1r5t3", "https://privnote.com/Lq8s3Kd9#p2Xv7Nw4Tz"]) {
      expect(found(`the login is in ${share} (expires in 7 days)`), share).toEqual([["SECRET", share]]);
    }
  });
  it("reads JSON escaped inside a log's string, FileZilla's encoded password and a logfmt session, not an XML attribute or a session's UUID", () => {
    expect(found('msg="provider config" config="{\\"CF_DNS_API_TOKEN\\":\\"tF7sjEbhQN9CpscYi0zaEIJrp7EYcpFr2jUs\\"}"')).toEqual([["SECRET", "tF7sjEbhQN9CpscYi0zaEIJrp7EYcpFr2jUs"]]);
    expect(found('<?xml version="1.0" encoding="UTF-8"?>\n<User>jnftp</User>\n<Pass encoding="base64">SmFkcmFuIUZUUDIwMjI=</Pass>')).toEqual([["SECRET", "SmFkcmFuIUZUUDIwMjI="]]);
    expect(found("INFO [auth] login ok session=4b1f9c2e7d8a4f60b3e15c9a7d02e6f8")).toEqual([["SECRET", "4b1f9c2e7d8a4f60b3e15c9a7d02e6f8"]]);
    expect(found("DEBUG session=7f3c9a2e-1b44-4c2d-9e8f-5a6b7c8d9e0f build=2.14.0")).toEqual([]);
  });
  it("finds any …PASSWORD/…SECRET/…TOKEN value in env, YAML, JSON and PHP, but not placeholders or properties", () => {
    expect(found("JWT_SECRET=supersecretvalue")).toEqual([["SECRET", "supersecretvalue"]]);
    expect(found("PASSWORD_SALT: \"Oxo7MnUwkSLCxm45uQfqMvdc8GRhba\"")).toEqual([["SECRET", "Oxo7MnUwkSLCxm45uQfqMvdc8GRhba"]]);
    expect(found("define( 'DB_PASSWORD', 'Triglav2864m' );")).toEqual([["SECRET", "Triglav2864m"]]);
    expect(found("export PGPASSWORD='pg_VgTr1UJJaF2KNFEJ8o'")).toEqual([["SECRET", "pg_VgTr1UJJaF2KNFEJ8o"]]);
    expect(found("DB_PASSWORD=${DB_PASSWORD}\nMAIL_PASSWORD=<your-password>\nPASSWORD_MIN_LENGTH=12\nSORT_KEY=name")).toEqual([]);
  });
  it("finds passwords after a linking word and CLI flags", () => {
    expect(found("Das Passwort für den FTP-Zugang lautet Fichte!2026#ftp, bitte")).toEqual([["SECRET", "Fichte!2026#ftp"]]);
    expect(found("lozinka za wifi je Jadran-more-77")).toEqual([["SECRET", "Jadran-more-77"]]);
    expect(found("redis-server --requirepass r3d1s-8MdfJL6ERkL2BArc")).toEqual([["SECRET", "r3d1s-8MdfJL6ERkL2BArc"]]);
    expect(found("API key: 9f86d081884c7d659a2feaa0c55ad015")).toEqual([["SECRET", "9f86d081884c7d659a2feaa0c55ad015"]]);
  });
  it("reads any long option named for a secret, a community string, and a password said to be unchanged", () => {
    expect(found("rclone sync /srv/backup b2:pika --b2-key K005xQ2m8zRw7LpT4vNc1bHs9eYd3Ga")).toEqual([["SECRET", "K005xQ2m8zRw7LpT4vNc1bHs9eYd3Ga"]]);
    expect(found("tool --ssh-key ~/.ssh/id_rsa --public-key AAAAC3Nza")).toEqual([]);
    expect(found('snmp_community: "m0nit0r-ptuj"')).toEqual([["SECRET", "m0nit0r-ptuj"]]);
    expect(found("Geslo je zmer isto, Rdeca.Vespa.1967, mislim")).toEqual([["SECRET", "Rdeca.Vespa.1967"]]);
    expect(found("encryption_passphrase = correct horse battery staple ljubljana\nnext = 1")).toEqual([["SECRET", "correct horse battery staple ljubljana"]]);
    expect(found('alarm_code: "8080"\nstatus_code: 4040')).toEqual([["SECRET", "8080"]]);
    expect(found("Ok. Geslo za wifi v stanovanju je\n_&Lfq34dP9*R\nZa goste")).toEqual([["SECRET", "_&Lfq34dP9*R"]]);
    expect(found("The password is\nnot set yet for this account")).toEqual([]);
  });
  it("reads PHP variables and arrays, .NET appSettings and RouterOS keys", () => {
    expect(found("public $smtppass = 'Kos!Mlin22';")).toEqual([["SECRET", "Kos!Mlin22"]]);
    expect(found("$CFG->dbpass = 'Orgle_v_D-duru_7';")).toEqual([["SECRET", "Orgle_v_D-duru_7"]]);
    expect(found("'cookie_key' => 'Hq2WmXv8LpT4NcR9kZ1sYd6BaE3fUo7J',")).toEqual([["SECRET", "Hq2WmXv8LpT4NcR9kZ1sYd6BaE3fUo7J"]]);
    expect(found('<add key="MapsGatewayKey" value="gw_Lp6Rk1Vm9Tq4Wz8Xn2" />')).toEqual([["SECRET", "gw_Lp6Rk1Vm9Tq4Wz8Xn2"]]);
    expect(found("wpa2-pre-shared-key=Breskev_na_vrtu")).toEqual([["SECRET", "Breskev_na_vrtu"]]);
    // a name that only ends in "key" keeps a plain value, and a glued "pass" is no key in a word
    expect(found('<add key="SortKey" value="customer_name"/> <add key="BuildNumber" value="5.3.1"/>')).toEqual([]);
    expect(found("$compass = 'north-east2'; $bypass = 'always_on1'")).toEqual([]);
  });
  it("keeps Slovenian prose about passwords and hashes without a cue", () => {
    expect(found("Povezava za ponastavitev gesla je potekla. Geslo je bilo spremenjeno.")).toEqual([]);
    expect(found("commit 9f86d081884c7d659a2feaa0c55ad015 in version 2.4.1")).toEqual([]);
  });
});

describe("dates of birth", () => {
  it.each([
    ["Datum rojstva: 3. 5. 1987", "3. 5. 1987"],
    ["rojena 12.3.1990 v Celju", "12.3.1990"],
    ["DOB: 1985-03-15", "1985-03-15"],
    ["born on March 15, 1985", "March 15, 1985"],
    ["geb. 15.03.1985", "15.03.1985"],
    ["Geburtsdatum des Antragstellers: 03.11.1968.", "03.11.1968"],
    ["Rođena sam 3. svibnja 1989., zovem se", "3. svibnja 1989"],
    ["BDAY;VALUE=date:--0412", "--0412"],
  ])("finds the date in %j", (text, date) => expect(found(text)).toEqual([["DATE_OF_BIRTH", date]]));
  it("finds a birth-date column and leaves other dates", () => {
    expect(found("id;datum_rojstva;vpis\n7;1988-03-14;2024-09-01")).toEqual([["DATE_OF_BIRTH", "1988-03-14"]]);
    expect(found("Rok: 15.3.2026, račun z dne 1. 12. 2026, Dob 12, DOB 13/25/1990")).toEqual([]);
  });
});
