import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { detectColumnSecrets } from "./secret-columns";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("passwords in a table's password column, codes and router logins", () => {
  it("takes every filled cell under a password header, not the rule or an empty cell", () => {
    const table = "| strežnik | uporabnik | geslo |\n|----------|-----------|-------|\n| web01 | deploy | Gr4dnja#Vrhnika1 |\n| backup01 | backup | Rezerva_2025_okt |\n| test | test | - |";
    expect(secrets(table)).toEqual(["Gr4dnja#Vrhnika1", "Rezerva_2025_okt"]);
    expect(secrets("host;user;password\nftp.example.si;ana;sonce123")).toEqual(["sonce123"]);
    expect(secrets("| strežnik | uporabnik | vloga |\n| web01 | deploy | admin |")).toEqual([]);
    // every header the column rule names is found: "wifi key", "zaporka", "pw"
    expect(secrets("ssid;wifi key\nGost;Dobrodosli2026")).toEqual(["Dobrodosli2026"]);
    expect(secrets("ime;zaporka\nana;sunce123")).toEqual(["sunce123"]);
    // numbered headers of a migration sheet, and "gs" for geslo
    expect(secrets("host1;user1;password1;host2;user2;password2\nmail.a.si;ana@a.si;ana1975;mail.b.si;ana@b.si;Lan.Srajca-19")).toEqual(["ana1975", "Lan.Srajca-19"]);
    expect(secrets("stranka\tnaprava\tuser\tgs\nGostilna\tTP-Link\tadmin\tKuhinja_55")).toEqual(["Kuhinja_55"]);
  });

  it("takes a grouped one-time code after its cue, not a licence or product number", () => {
    expect(secrets("Voucher code (single use): WIFI-7QK2-MX9D")).toEqual(["WIFI-7QK2-MX9D"]);
    expect(secrets("Enkratna koda za aktivacijo: K3-77Q-2PL")).toEqual(["K3-77Q-2PL"]);
    expect(secrets("Product code: SKU-LAT-5540, model: XPS-13-9340")).toEqual([]);
  });

  it("takes a router's admin password handed over in chat, a password after 'na:' and a Wi-Fi key after the network", () => {
    expect(secrets("yes. admin / Fritz!7590-hm")).toEqual(["Fritz!7590-hm"]);
    expect(secrets("Stari je bil admin/admin, stran je admin/users/42.")).toEqual([]);
    expect(secrets("Geslo za admin račun na routerju (Mikrotik, hAP ax3) sem spremenil na: Mrakovi-Ovci-31")).toEqual(["Mrakovi-Ovci-31"]);
    expect(secrets("kaj je geslo za wifi v sejni sobi?\nRecepcija: omrežje Minidesk-Guest, ključ zelenjava2026")).toEqual(["zelenjava2026"]);
  });

  it("takes an SMS code said with 'je bila' and an API key under an appid key", () => {
    expect(secrets("SMS koda, ki sem jo dobil, je bila 583 201, pa pravi da je neveljavna.")).toEqual(["583 201"]);
    expect(secrets('params={"q": "Maribor", "appid": "e3b9c27f1d4a86b05f2c7e91a3d8b4c6"}')).toEqual(["e3b9c27f1d4a86b05f2c7e91a3d8b4c6"]);
  });
  it("reads a column a schema names as a secret, and a password manager's TOTP seeds, not a hash column or a value that reads as a name", () => {
    expect(secrets("id,name,api_token,token_type\n7,portal,Zq81nXbV0pLmT3kR,bearer")).toEqual(["Zq81nXbV0pLmT3kR"]);
    expect(secrets("name,login_username,login_password,login_totp\nCRM,ana,Harfa2020,JBSWY3DPEHPK3PXP")).toEqual(["Harfa2020", "JBSWY3DPEHPK3PXP"]);
    expect(secrets("id,password_hash\n1,$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub")).not.toContain("1");
    expect(secrets("| Floor | Security | Key |\n|---|---|---|\n| 1 | WPA2-PSK | same as 2 |\n| 2 | WPA3-SAE | see safe |")).toEqual([]);
  });
});

describe("a licence table's key column", () => {
  it("takes a product key's grouped shape under a Key header, nothing else there", () => {
    const text = "| Product | Key | PC |\n|---|---|---|\n| ESET Endpoint | 3XKA-W8P2-RF4N-9TJC-7M6B | 10 seats |\n| Sort | name-asc | x |";
    expect(detectColumnSecrets(text).map((d) => text.slice(d.start, d.end))).toEqual(["3XKA-W8P2-RF4N-9TJC-7M6B"]);
  });
});

describe("a personal access token by its abbreviation", () => {
  it("takes a generated value after PAT, not after the word pat", () => {
    const found = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));
    expect(found("Old PAT was 7kq2xm4lz9vt1wn8bc3hs6yd0fp5ga2jeu7ko1pr4tq8zx3lm2w, created last year")).toEqual(["7kq2xm4lz9vt1wn8bc3hs6yd0fp5ga2jeu7ko1pr4tq8zx3lm2w"]);
    expect(found("pat was 7kq2xm4lz9vt1wn8bc3hs6yd0fp5ga2jeu on the list")).toEqual([]);
  });
});
