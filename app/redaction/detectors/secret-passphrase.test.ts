import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

/**
 * A probe table of siblings of the evaluation's SECRET cases: other tools, other cue words, other
 * separators, values of several words. Each row is a shape people write; the value must go whole.
 */
describe("passwords of ordinary words and plain values after a strong cue", () => {
  it.each([
    ["hi, the temporary password is blue lagoon seventeen and she'll change it on first login.", "blue lagoon seventeen"],
    ["The passphrase for the SSH key is blue river stone and you need it for git.", "blue river stone"],
    ["the wifi password is purple monkey dishwasher lol", "purple monkey dishwasher"],
    ["new password will be green apple tree, ok?", "green apple tree"],
    ["the old password was marigold and the new one is sunflower", "marigold"],
    ["password for the NAS: orange tractor window", "orange tractor window"],
    ["Temporary password: plum orbit eighty", "plum orbit eighty"],
    ["Passwort ist Bergwiese 2026, bitte ändern", "Bergwiese 2026"],
    ["user dejan_db pa geslo kava in rogljic hahaha", "kava in rogljic"],
    ["uporabnik jnovak, geslo zelena žaba", "zelena žaba"],
    ["Za wifi v sejni sobi: omrežje Sejna, geslo kava in rogljicek", "kava in rogljicek"],
    ["rabim novo geslo za mail, staro je bilo marjetica pa ne dela več", "marjetica"],
    ["geslo je bilo sonce in luna ampak sem ga pozabila", "sonce in luna"],
    ["geslo je modra lisica\nhvala", "modra lisica"],
    ["začasno geslo je: modra hiša 7", "modra hiša 7"],
    ["geslo za wifi: kava in rogljicek", "kava in rogljicek"],
    ["Geslo: Zelena trava 2025", "Zelena trava 2025"],
    ["Geslo je: Triglav 2864", "Triglav 2864"],
    ["potem pa vsaj geslo za mail, mislim da je bilo ema1234 ampak ne gre", "ema1234"],
    ["geslo za banko, mislim da je ema1234, ampak ne gre", "ema1234"],
    ["[mail]\nsmtp_user = a@b.si\nsmtp_password = zelena trava 7\n", "zelena trava 7"],
    ["account default\nhost smtp.lipa-it.si\nuser alarm@kmetija-golob.si\npassword Kokoš in petelin 3", "Kokoš in petelin 3"],
  ])("finds the value in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("leaves words that describe the password, not give it", () => {
    for (const text of [
      "povezava za ponastavitev gesla je potekla", "the password reset link expired", "geslo je prekratko",
      "the password is wrong", "password: (see vault)", "password: see the attached document",
      "the password is the same as before", "the password is too short and needs a digit",
      "password is case sensitive", "geslo je bilo spremenjeno včeraj", "geslo je prekratko in ne vsebuje številke",
      "user jnovak pa geslo ne dela", "the new password is not working", "the temporary password is valid for 24 hours",
      "geslo sem pozabila, staro je bilo boljše", "the password is in the welcome email", "geslo je v sefu",
      "The password you entered is incorrect.", "the password is stored in the vault and she has access",
      "the temporary password is sent by sms and she'll change it", "geslo bo enako kot prej",
      "the password is on a sticky note", "geslo je bilo poslano po sms", "the password was reset yesterday",
      "geslo je zapisano na listku pa ga ne najdem", "the password is long and complicated", "geslo je dolgo in zapleteno",
      "geslo je isto kot za mail", "password policy: minimum twelve characters", "my password is my dog's name",
      "geslo je ime mojega psa", "the password is fine now, thanks", "geslo je napačno, pa sem ga vpisala trikrat",
      "staro je bilo v redu", "the password is a mix of words and numbers", "geslo je kombinacija črk in številk",
      "login anna pa geslo pozabljeno", "the wifi password is printed on the router", "geslo je tisto od lani",
    ]) expect(secrets(text), text).toEqual([]);
  });

  it("takes only the flag's value from a command line, not the words after it", () => {
    expect(secrets("wmic /node:pc042 /user:admin /password:Wmic2024 process list")).toEqual(["Wmic2024"]);
  });
});

describe("codes, hashes and tokens of other tools", () => {
  it.each([
    ["The EPP/auth code for corkcoffeeroasters.ie is Xq7#pL2m!Rw9 — please use it.", "Xq7#pL2m!Rw9"],
    ["Za prenos domene potrebujete EPP kodo: Xk7#pQ2!mV9z", "Xk7#pQ2!mV9z"],
    ["Auth-Code for example.com: Qp7!xZ2#Lm", "Qp7!xZ2#Lm"],
    ["Authcode domene kolar.si je Mx8%Tq2@Lp", "Mx8%Tq2@Lp"],
    ["Prosim pripravite račune z začasnimi gesli, npr. Zacetek#2026a in Zacetek#2026b, ki jih zamenjata.", "Zacetek#2026b"],
    ["Prosim za tri račune z gesli npr. Start#2026a, Start#2026b in Start#2026c.", "Start#2026c"],
    ["three mailboxes with temporary passwords, e.g. Welcome#01x and Welcome#02x", "Welcome#02x"],
    ["v outlooku mi sprašuje za geslo\nvpišem Urska.Lenarcic1 in ne sprejme", "Urska.Lenarcic1"],
    ["it keeps asking for my password. I type Spring2026! and it says wrong", "Spring2026!"],
    ["smtp_host = smtp.gmail.com\nsmtp_pass = qwhz kfpt ranm oxle", "qwhz kfpt ranm oxle"],
    ["[17:55] Rok: rok:$apr1$3Dx9p2Qa$Lk7VbN0fQ1wZ8rT5yU2iE.", "$apr1$3Dx9p2Qa$Lk7VbN0fQ1wZ8rT5yU2iE."],
    ["a je to ok: admin:$2y$10$abcdefghijklmnopqrstuv0123456789ABCDEFGHIJKLMNOPQRSTU", "$2y$10$abcdefghijklmnopqrstuv0123456789ABCDEFGHIJKLMNOPQRSTU"],
    ["ldap userPassword je {SSHA}Xk3pQ9xV2mL7nR4tY8wBc1dE2fG=", "{SSHA}Xk3pQ9xV2mL7nR4tY8wBc1dE2fG="],
    ["https://crm.minidesk.example/password/reset/9f3b2c71e0d84a6f9a21c5b7e3d0f418?email=x", "9f3b2c71e0d84a6f9a21c5b7e3d0f418"],
    ["https://shop.example/account/reset/8f14e45fceea167a5a36dedd4bea2543/", "8f14e45fceea167a5a36dedd4bea2543"],
    ["https://app.example/users/password/edit?reset_password_token=Zk3pQ9xV2mL7nR4tY8wB", "Zk3pQ9xV2mL7nR4tY8wB"],
    ["X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"],
    ["Stripe-Signature: t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"],
  ])("finds the value in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("leaves prices, ids in reset links and plain signatures", () => {
    for (const text of [
      "The plan costs $1$2 a month more, see /reset/42 and /activate/account.",
      "Stripe-Signature: t=1492774577",
      "The EPP code is required for the transfer.",
      "Email signature: Best regards, the support team",
    ]) expect(secrets(text), text).toEqual([]);
  });
});
