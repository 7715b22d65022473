import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("passwords and codes in prose and chat", () => {
  it.each([
    ["can you reset my password for the CRM?\nPetra 10:05\ndone, temporary one is Tulip-Harbor-42! – change it", "Tulip-Harbor-42!"],
    ["what's the wifi password in the meeting room?\nTom 9:03\nmeadow-lark-7781\nJess 9:03\nthx!", "meadow-lark-7781"],
    ["Use Winter2026! as the password for now.", "Winter2026!"],
    ["[08:02] Barbara: a mi lahko poveš geslo za skupni predal?\n[08:03] Marjan: Predal#Skupni22", "Predal#Skupni22"],
    ["uporabite Lipa-2026 kot geslo za prvo prijavo", "Lipa-2026"],
    ["login: admin / Adm1n!2026", "Adm1n!2026"],
    ["user admin, pw Qwerty#123", "Qwerty#123"],
    ["SSID Gost, WPA2 key Dobrodosli2026", "Dobrodosli2026"],
    ["The reset code in the SMS was 738201 but the site said it was invalid.", "738201"],
    ["Koda za prijavo je 482913.", "482913"],
    ["Vaša enkratna koda: 482913", "482913"],
    ["PUK 80552190", "80552190"],
    ["PIN kartice 9034", "9034"],
    ["Alarmna koda je 4711.", "4711"],
    ["šifra za alarm: 4711", "4711"],
    ["Apple app-specific password abcd-efgh-ijkl-mnop", "abcd-efgh-ijkl-mnop"],
  ])("finds the value in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("leaves products, ids, versions and other codes near a password word", () => {
    for (const text of [
      "Password reset for Office 365 on Windows 11 build 22H2 failed with error 0x80070005.",
      "Geslo je poteklo na računalniku PC-RAC-014. Ticket INC0012345.",
      "Geslo za wifi sem spremenil, usmerjevalnik je FritzBox7590.",
      "The wifi password changed; the router is a TP-Link Archer C6v3 on firmware 1.3.6.",
      "Koda napake 0x80070005, koda izdelka A4-2026. Error code: 80070005. Order code 482913 shipped.",
      "Poštna številka 1000, koda države 386. Zip code 90210. Status code 403.",
      'smtp: { "pass": "x", "publishableKey": "pk_live_kzNUv9T1plGuTq9SCKkc7vzU" }',
    ]) expect(secrets(text), text).toEqual([]);
  });
});

describe("passwords that are a word with digits, or several words, after a clear cue", () => {
  it.each([
    ["root pass is toor2024", "toor2024"],
    ["my pw is summer2023 but it keeps saying invalid", "summer2023"],
    ["pw za router je admin1234", "admin1234"],
    ["Guest Wi-Fi: network ACME-Guest, WPA key sunflower2024", "sunflower2024"],
    ['I reset my password to "correct horse battery staple" and now the VPN won\'t take it.', "correct horse battery staple"],
    ["uporabniško ime in geslo: jnovak / Zima2024", "Zima2024"],
    ["The shared mailbox credentials are info@example.com and Info2024!Box (please don't forward).", "Info2024!Box"],
    ["runas /user:administrator cmd, then I typed Admin#123 as the password", "Admin#123"],
    ["PIN kartice je 4821, PUK pa 12345678", "12345678"],
    ["enkratno geslo 839201 sem dobil po SMS", "839201"],
  ])("finds %j", (text, secret) => expect(secrets(text)).toContain(secret));

  it("keeps the other meanings of 'pass' and plain sentences", () => {
    expect(secrets("the bus pass is valid until May, my pw is fine")).toEqual([]);
    expect(secrets('Forgot password? Click "Reset password" and the link is sent.')).toEqual([]);
    expect(secrets("user jnovak and Ana2024 were both locked")).toEqual([]);
  });
});

describe("a user and a password joined by a colon after a credentials word", () => {
  it.each([
    ["here are the creds: admin:Adm1n2024", "Adm1n2024"],
    ["login admin:admin123 does not work anymore", "admin123"],
    ["ssh root@10.0.0.5 (pw: toor55)", "toor55"],
  ])("finds %j", (text, secret) => expect(secrets(text)).toContain(secret));

  it("keeps a host and port, a time and a URL after the same words", () => {
    expect(secrets("login db01:5432, prijava ob 10:30, login https://example.com/login")).toEqual([]);
  });
});

describe("Slovenian, Croatian and German credential labels", () => {
  it.each([
    ["Geslo za e-pošto jnovak@example.com je Zima2024", "Zima2024"],
    ["Prijavni podatki: jnovak / Zima2024", "Zima2024"],
    ["Zugangsdaten: jnovak / Sommer2024", "Sommer2024"],
    ["WPA ključ: Pisarna2024", "Pisarna2024"],
    ["Ključ za wifi je gostje2024", "gostje2024"],
    ["Koda za odklepanje: 1234", "1234"],
    ["šifra alarma je 7394", "7394"],
  ])("finds %j", (text, secret) => expect(secrets(text)).toContain(secret));

  it("keeps what is said about the key and the code", () => {
    expect(secrets("Geslo je v prilogi, ključ pa na recepciji. Ključ za wifi je na nalepki. Koda napake 0x80070005")).toEqual([]);
  });
});

describe("secrets as the seventh development set writes them", () => {
  it("takes a code answered on the next line, codes listed under their cue, and a seed phrase", () => {
    expect(secrets("tech: can you read me the one-time code from the SMS?\nclient: 482 913\ntech: thx")).toEqual(["482 913"]);
    expect(secrets("The recovery codes for the admin account are below:\n7k2m-9qpx\n4hd8-zr1c\nThanks")).toEqual(["7k2m-9qpx", "4hd8-zr1c"]);
    const seed = "orbit canyon ladder velvet mango scatter frozen idle pepper siren humble oyster";
    expect(secrets(`client: the seed phrase for the company wallet:\nclient: ${seed}\ntech: please don't`)).toEqual([seed]);
  });

  it("takes codes after more cues, not a factory default", () => {
    expect(secrets("The alarm disarm code is 2580.")).toEqual(["2580"]);
    expect(secrets("the code for the server room door, it's 7391 followed by the hash key")).toEqual(["7391"]);
    expect(secrets('msg="Vaša koda: 552817" status=DELIVERED')).toEqual(["552817"]);
    expect(secrets("The door now opens with the code 847 219.")).toEqual(["847 219"]);
    expect(secrets("The presenter pairs with code 0000 (default from the manual).")).toEqual([]);
  });

  it("takes a password after a concluding word, a role's label, or a word that only looked like the value", () => {
    expect(secrets("geslo je isto kot ime psa plus letnica, torej Piki2018. Lahko poskusite?")).toEqual(["Piki2018"]);
    expect(secrets("Natasa, tu so gesla za spletno trgovino:\nadmin: Rebula#2019\nurednik: Merlot_2020!\n")).toEqual(["Rebula#2019", "Merlot_2020!"]);
    expect(secrets("a mi lahko das novo geslo za mail\n-> zacasno: Zacasno!4821 , ob prvi prijavi")).toEqual(["Zacasno!4821"]);
    expect(secrets("The app password Google gave me is mqzt vbke rply wxon. Thanks")).toEqual(["mqzt vbke rply wxon"]);
  });
});

describe("a password after the word that names what it is for, or in parentheses", () => {
  it("takes a chosen value, not a plain word or a version", () => {
    expect(secrets("kjer sem napisal geslo certifikata Certifikat.2026!. Prosim izbrišite.")).toEqual(["Certifikat.2026!"]);
    expect(secrets("I set the same password on the cloud console and the mail (Prekmurje.Gibanica.77), sorry.")).toEqual(["Prekmurje.Gibanica.77"]);
    expect(secrets("The password reset page (v2.4.1) is broken, geslo certifikata poteče jutri.")).toEqual([]);
  });
});

describe("a value set or handed over without a password word", () => {
  it.each([
    ["can you just set one for me?\nMarko (tech): set it to Blue-Kettle-4419, you'll be asked to change it", "Blue-Kettle-4419"],
    ["Zamenjal sem ga na Kolesar_2026, prej je bil Kolesar_2025. Zdaj Outlook spet sprašuje.", "Kolesar_2025"],
    ["Temporary one for the VPN until the token arrives: vpn-TMP-8823-kq", "vpn-TMP-8823-kq"],
    ["Evo kode: Q8h2-Lm4x (zacasna).", "Q8h2-Lm4x"],
  ])("finds the value in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("leaves a product, a version or a plain word set the same way", () => {
    for (const text of ["I set it to Windows11 mode and changed it to 2.4.1-beta.", "Nastavil sem ga na Outlook2019, prej je bil Thunderbird."]) {
      expect(secrets(text)).toEqual([]);
    }
  });
});

describe("a colon after words of prose links the value to its password word", () => {
  it("finds the value, but not a key at its line's start", () => {
    expect(secrets("The router's admin page pw is still the default printed on it: d4F8-k2Lq.")).toEqual(["d4F8-k2Lq"]);
    expect(secrets("password hint: Mojca-Rojstni-Dan\nversion: 2.4.1-rc3")).not.toContain("2.4.1-rc3");
  });
});

describe("PHP configuration arrays", () => {
  it("reads $config['smtp_pass'] and ['api_key'] values, not the host or version", () => {
    const text = "$config['smtp_host'] = 'mail.example.si';\n$config['smtp_pass'] = 'Cvet!ca_2026';\n$config['api_key']   = 'mc-4e9b2f71a0c38d65e4b1f2a9c7d0e3b8-us21';\n$config['version'] = '2.4.1';";
    expect(secrets(text)).toEqual(["Cvet!ca_2026", "mc-4e9b2f71a0c38d65e4b1f2a9c7d0e3b8-us21"]);
  });
});

describe("codes and keys the seventh development set's tuning part showed", () => {
  it.each([
    ["We need the pin for the SIM card in the 4G modem, I think it's on the card holder: 7702. The modem is new.", "7702"],
    ["Mateja pravi, da je nova koda za alarm 0915.", "0915"],
    ["The garage door opener code is 0415, technician arrives between 8 and 9.", "0415"],
    ["The intercom at the gate: press 21 then the code 5093.", "5093"],
    ["Nova koda za garažna vrata je *4477#, stara je bila ukinjena.", "*4477#"],
    ["Can you change the FTP password to something stronger? Currently it's 12345678, I know.", "12345678"],
    ["Mislim, da je geslo za Wi-Fi napisano na hrbtni strani: \"84129933605177\" - samo številke.", "84129933605177"],
    ["WLAN key 81742093651128470391.", "81742093651128470391"],
    ['the password is on the back, "FRITZ!Box-Kennwort": 3471 9920 5813 6604.', "3471 9920 5813 6604"],
    ["the TOTP secret for the shared admin account (for the authenticator app) is JBSWY3DPEHPK3PXP.", "JBSWY3DPEHPK3PXP"],
    ["Uporabnik: sem pozabil geslo od NAS-a\nTehnik: poskusi Arhiv#2023, to sem nastavil lani", "Arhiv#2023"],
  ])("finds the value in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("leaves the numbers that another noun between the cue and the number owns", () => {
    for (const text of [
      "PIN reset done, the ticket number is 48213.",
      "The door code changed; room 2041 is on the second floor.",
      "The password expired, my phone is 041123456 and the order number: 20261201.",
      "The 2FA key for the app is in the vault, see page BASE3232 in the wiki.",
    ]) expect(secrets(text), text).toEqual([]);
  });
});

describe("passwords in columns, keys and right after their word", () => {
  it("reads a table's password column whose header names the account, a WireGuard preshared key, a word with digits right after geslom", () => {
    expect(secrets("PC name | user | local admin pw\n--------|------|---------\nWS-LAB | lab | labroot22")).toContain("labroot22");
    expect(secrets("[Peer]\nPresharedKey = Gq3tN8vZ0bL7kX2mR5yW9cF4hJ1sD6pA3eU8iO0rT2Q=")).toEqual(["Gq3tN8vZ0bL7kX2mR5yW9cF4hJ1sD6pA3eU8iO0rT2Q="]);
    expect(secrets('za goste pa je ločeno omrežje "Kolar-gost" z geslom dobrodosli123.')).toEqual(["dobrodosli123"]);
  });
});

describe("codes set, owned or quoted as having been", () => {
  it.each([
    ["the installer set the master code to 5819 and the cleaning lady has her own code 2604.", "5819"],
    ["the installer set the master code to 5819 and the cleaning lady has her own code 2604.", "2604"],
    ["PUK sem prebral: 48113097, nov PIN pa sva nastavila na 3306. Telefon Samsung", "3306"],
    ["it sent a code to the old phone, code was 558 031 but it expired", "558 031"],
  ])("finds the code in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("leaves error, status and postal codes that were something", () => {
    expect(secrets("Error code is 4004, status code was 5003, poštna koda je 1000.")).toEqual([]);
  });
});

describe("codes typed digit by digit, key safes and keys in groups", () => {
  it.each([
    ["the key safe at the side entrance is 2-7-7-3. Technician should arrive at 8.", "2-7-7-3"],
    ["koda za alarm pri vhodnih vratih je 4 1 9 9 in potem tipka OFF", "4 1 9 9"],
    ["ključ od kolesarnice je v skrinjici s kodo 0 6 1 8. Check-out do 10:00.", "0 6 1 8"],
    ["Referenčna številka: 41077219   Avtorizacijska koda: M7QP-2KXW-9RTB", "M7QP-2KXW-9RTB"],
    ["License key: PRO-8H2K-QW9V-1MZT-77RX", "PRO-8H2K-QW9V-1MZT-77RX"],
    ["vpn psk: G3nT!eBr33ze", "G3nT!eBr33ze"],
    ["Front door keypad is 2207 then the hash key", "2207"],
    ["Koda za ključavnico ključev v garaži je 0912, če bo kdo prišel.", "0912"],
    ["Alarm:\n- uporabniška koda lastnika: 2468\n- koda za čistilko: 1357", "2468"],
    ["Alarm:\n- uporabniška koda lastnika: 2468\n- koda za čistilko: 1357", "1357"],
    ["Alarm panel, disarm with 4 8 1 9 within 30 sec", "4 8 1 9"],
    ["Craig: door code for the server room is 5-1-8-3 star", "5-1-8-3"],
    ["Rok: also the printer pin for the copier in the hall?\nEmily: it's 3310, the old one was disabled", "3310"],
  ])("finds the code in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("leaves product and serial codes, and a factory default typed digit by digit", () => {
    expect(secrets("Product code: ABC-1234, serial number: AB12-CD34")).toEqual([]);
    expect(secrets("Error code for printer: 4004")).toEqual([]);
    expect(secrets("door code is 0 0 0 0 from the factory")).toEqual([]);
  });
});

describe("safe combinations, pickup and intercom codes", () => {
  it.each([
    ["the key cabinet in the hall, combination 27-09-44, ask before", "27-09-44"],
    ["nova kombinacija sefa je 15-33-08", "15-33-08"],
    ["koda za prevzem paketa je 551 902, velja do petka", "551 902"],
    ["koda na domofonu je 1407#, drugo nadstropje", "1407#"],
    ["enkratna koda za potrditev nakupa je: 31 08 77", "31 08 77"],
    ["SMS code on my phone 662 018 just arrived", "662 018"],
  ])("finds the code in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("takes the old combination named beside the new one, and leaves other combinations", () => {
    expect(secrets("sef: nova kombinacija 31-20-05 (prej 08-16-24)")).toEqual(["31-20-05", "08-16-24"]);
    expect(secrets("a combination of factors since 2019; the winning combination 3-1 in the 88th minute")).toEqual([]);
  });
});

describe("a chat answer to a password question", () => {
  it("takes the value that ends the next line after a comma, not a plain word", () => {
    expect(secrets("Ana: and the wifi password?\nBor: same as the office, Lipica1987\nAna: ok")).toEqual(["Lipica1987"]);
    expect(secrets("Ana: kaj je geslo?\nBor: ne vem, vprašaj Janeza\nAna: ok")).toEqual([]);
  });
});


describe("codes announced before their cue, and a note between a password word and its value", () => {
  it("takes a list of recovery codes after a blank line when the line says here they are", () => {
    expect(secrets("Here are the recovery codes GitHub gave me, please keep them\n\n1isc3-bjrvg\nwcfy9-59yoq\n655mn-hkjwg\n\nMegan")).toEqual(["1isc3-bjrvg", "wcfy9-59yoq", "655mn-hkjwg"]);
    expect(secrets("We talked about recovery codes yesterday.\n\nv2 build\nabc123")).toEqual([]);
  });
  it("reads past a short bracketed note after the password word", () => {
    expect(secrets("hub admin password (on the back) HT9Q-XRW3-7KPM")).toEqual(["HT9Q-XRW3-7KPM"]);
    expect(secrets("the password (see vault) is not here")).toEqual([]);
  });
});
