import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { looksMadeUp } from "./secret-topic";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("passwords handed over bare in a text about credentials", () => {
  it.each([
    ["eva: kaj dam za geslo za novo mailchimp listo\nluka: daj kar NoviceKmetija!24 pa ga shrani v bitwarden", "NoviceKmetija!24"],
    ["to nista isti stvari, za Adobe račun je geslo drugo\nUrška: aha, jaz sem vpisovala Golob!Adobe2023 od lani", "Golob!Adobe2023"],
    ["the cash register pc doesn't log in\nanja: jure said probaj Blagajna2! but also no", "Blagajna2!"],
    ["The boss wrote in the chat \"vpiši Kmetija.Rozman!5 pa bo šlo\" but it still says wrong password.", "Kmetija.Rozman!5"],
    ["here are all his logins:\n- CRM: gvidmar / Crm#Nov-2024\n- VPN: same as email", "Crm#Nov-2024"],
    ["kje je geslo za testnega uporabnika\nLuka: test@test.si / Test1234! ampak to je samo na stagingu", "Test1234!"],
    ["hosting – mesarija.lesjak@gmail.com / mesar1964lesjak (seznam računov)", "mesar1964lesjak"],
    ["all the logins for the shop:\npaypal – orders@teashop.co.uk – Teapot4Shop2023\nthanks", "Teapot4Shop2023"],
    ["Nejc: sm pred vrati od serverske, kodo rabim\nKlemen: vpiši 8841 in potem #", "8841"],
    ["The laptop asks for a PIN, I put 604172 – too simple?", "604172"],
    ["PIN za tablico sem nastavila na 3094, ker si ga bo zapomnila", "3094"],
  ])("finds the value in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("takes a made-up value after an e-mail address and a slash without any word about logins", () => {
    expect(secrets("source: mail.old.si:993  racuni@kmetija-breg.si / Breg#Racuni24\nsize 12 GB")).toContain("Breg#Racuni24");
    // without a word about logins, a plain value after the slash is no password
    expect(secrets("Pišite na info@firma.si / Novak2024 ali pokličite")).toEqual([]);
  });

  it("after a dash, only a value that ends its line", () => {
    expect(secrets("the login reset – admin – done on Monday; password policy unchanged")).toEqual([]);
  });

  it("needs the topic: the same token in a text about something else stays", () => {
    expect(secrets("Naročilo Golob!Adobe2023 je odposlano, dostava v torek.")).toEqual([]);
    expect(secrets("Please enter 8841 units in the stock sheet.")).toEqual([]);
  });

  it("leaves prompts, brands, markdown, hosts and questions near a credential word", () => {
    for (const text of [
      "root@web01:~# passwd deploy",
      "deploy@web-1::i~/trgovina$ php artisan config: cache (the password prompt)",
      "The FRITZ!Box 7590 asks for the password again.",
      "**Teams** export – the wifi key rotates on Monday",
      "ssh deploy@185.42.117.9 then the password prompt hangs",
      "podpora: ste že vpisali PIN? model je Zyxel LTE3301? firmware V1.00",
      "- uses: actions/checkout@v4 with the deploy token",
      "geslo: see ticket #40215, login form at /login?next=%2Fadmin",
    ]) expect(secrets(text), text).toEqual([]);
  });
});

describe("looksMadeUp", () => {
  it("takes a chosen value with a symbol, not a word, a version or an address", () => {
    expect(["q$7Vw!m2Zr9e#Lp", "Kolar2024!", "Sejna#2024", "Rec!Adm-4471"].filter(looksMadeUp)).toHaveLength(4);
    expect(["Windows11", "v2.4.1!", "a!=b2", "#hashtag2024", "user@example.si", "Hello!", "windows11!"].filter(looksMadeUp)).toEqual([]);
  });
});

describe("a login in Markdown", () => {
  it("finds the password between emphasis marks", () => {
    expect(secrets("2. Default admin login after install: **admin** / **Intranet!Start-01** — change it!")).toEqual(["Intranet!Start-01"]);
  });
});

describe("a value handed over after a verb of trying or using", () => {
  it("finds a chosen value in talk about an account", () => {
    expect(secrets("Nejc: I reset it, probaj Kava2024sh0p pa mi javi")).toEqual(["Kava2024sh0p"]);
    expect(secrets("Marko: just use Pivka-Lake-09 for the admin on prod")).toEqual(["Pivka-Lake-09"]);
  });

  it("leaves products with their number and talk about no account", () => {
    expect(secrets("admin: use Office365 or try Windows11")).toEqual([]);
    expect(secrets("for the report use Q3-Sales2024 sheet")).toEqual([]);
  });
});

describe("a bank statement's MT940 lines in a text about accounts", () => {
  it("reads ?20 and ?32 as subfield codes, not passwords, and takes the IBAN after ?31", () => {
    const mt940 = "The accounting module fails:\n:86:166?00SEPA CREDIT TRANSFER?20EREF+INV2024-00491?21SVWZ+Invoice?31AT213200018545971450\n:86:805?00CARD FEE?20Card XXXX5566";
    expect(secrets(mt940)).toEqual([]);
    expect(detect(mt940).filter((d) => d.type === "IBAN").map((d) => mt940.slice(d.start, d.end))).toEqual(["AT213200018545971450"]);
  });
});
