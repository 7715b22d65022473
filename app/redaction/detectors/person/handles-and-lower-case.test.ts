import { describe, expect, it } from "vitest";
import { detect } from "../../detect";
import { isPersonHandle } from "./handles";

const persons = (text: string) => detect(text).filter((d) => d.type === "PERSON").map((d) => text.slice(d.start, d.end));

describe("names written as handles and in lower case", () => {
  it("takes chat speakers in lower case and as handles, and the same name capitalised in a reply", () => {
    const chat = "(11:45) tina: evo, ftp podatki\n(11:46) tina: pa prosim ne povejte\n(11:47) podpora: Hvala, Tina.";
    expect(persons(chat)).toEqual(["tina", "tina", "Tina"]);
    expect(persons("pablo: hey can u send me the iban\nmarta.r: sure, here")).toEqual(["pablo", "marta.r"]);
    expect(persons("<kaja_m> our discord bot posts nothing\n<support-bot> Ticket created.")).toEqual(["kaja_m"]);
    expect(persons("[19:02] urban: a je kdo tm")).toEqual(["urban"]);
  });

  it("keeps roles as speakers and takes the name after a role", () => {
    expect(persons("[16:20] Stranka: zdravo\n[16:22] Podpora: Živjo")).toEqual([]);
    expect(persons("[14:32] Tehnik Marko: Hvala\n[19:20] Podpora (dežurni Luka): Pozdravljeni")).toEqual(["Marko", "Luka"]);
  });

  it("keeps configuration keys and log levels that look like labels", () => {
    expect(persons("host: db.example.com\nuser: app\npassword_file: /run/secret")).toEqual([]);
    expect(persons("[10:42:01] info: started\n[10:42:02] error: refused")).toEqual([]);
  });

  it("takes mentions of handles made of names, not of teams, bots or domains", () => {
    expect(persons("[~bostjan.kos] customer confirmed the fix\n@maja.novak can you close it?")).toEqual(["bostjan.kos", "maja.novak"]);
    expect(persons("ask @support-bot or @devops, docs at @types/node")).toEqual([]);
  });

  it("knows a handle by its parts, typed without č, š, ž too", () => {
    expect(isPersonHandle("bostjan.kos")).toBe(true);
    expect(isPersonHandle("db_admin")).toBe(false);
    expect(isPersonHandle("smtp.user")).toBe(false);
  });

  it("takes a lower-case given name and surname together, never one lower-case word alone", () => {
    expect(persons("he said tina zorman no longer works for us")).toEqual(["tina zorman"]);
    expect(persons("a rose garden and a will to win, matej rang")).toEqual([]);
  });
});

describe("names in signatures and name columns", () => {
  it("takes the name before the firm or the role under a sign-off", () => {
    expect(persons("Lep pozdrav,\nPetra Vidmar, Lipa IT d.o.o.")).toEqual(["Petra Vidmar"]);
  });

  it("takes an unknown full name between a sign-off and contact details, not a firm", () => {
    expect(persons("Best,\nJoost van Dijk\n+31 20 555 0101")).toEqual(["Joost van Dijk"]);
    expect(persons("Thanks,\nAcme Hosting\nsupport@acme.example")).toEqual([]);
  });

  it("takes every name-shaped cell under a prefixed or short name header, known or not", () => {
    const csv = "Order ID;Billing Name;Total\n#4417;Adeyemi, Folasade;89,90\n#4419;Nguyen, Thi Lan;240,00";
    expect(persons(csv)).toEqual(["Adeyemi, Folasade", "Nguyen, Thi Lan"]);
    expect(persons("email,first,last\nk.o@x.example,Kofi,Oduya\nh.a@x.example,Hope,Abara")).toEqual(["Kofi", "Oduya", "Hope", "Abara"]);
    expect(persons("name,phone\nSainsbury's,+44 20 7946 0000\nTesco Ltd,+44 20 7946 0001")).toEqual([]);
  });
});
