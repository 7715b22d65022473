import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("passwords and codes handed over in a chat message of their own", () => {
  it("takes the message after one about a password, in each chat layout", () => {
    expect(secrets("Hannah: new wifi pw for the studio, write it down\nHannah: blume77\nHannah: together, no space")).toEqual(["blume77"]);
    expect(secrets("Matej  16:03\nvault pass ti pošljem posebej\nMatej  16:05\nZmaj-na-Ljubljanskem-gradu-1144\nPolona  16:06\ndobila")).toEqual([
      "Zmaj-na-Ljubljanskem-gradu-1144",
    ]);
    expect(secrets("[09:15] podpora: koda ne dela?\n[09:17] Tadej: aha sorry tipkarska, je 7720\n[09:17] podpora: ok")).toEqual(["7720"]);
    expect(secrets("Katja: and the SIM needs a PIN after the power cut\nJürgen: 9182, it's written on the SIM holder card in the drawer\nKatja: thx")).toEqual(["9182"]);
  });

  it("leaves a form's fields under a password line, a year, a version and a ticket id", () => {
    expect(secrets("I keep getting asked for the password. Settings I used:\nIncoming: outlook.office365.com, 993\nOutgoing: smtp.office365.com, 587")).toEqual([]);
    expect(secrets("Ana: koda za alarm je na listku\nMarko: ja 2024\nAna: ok")).toEqual([]);
    expect(secrets("Ana: geslo ne dela po posodobitvi\nMarko: verzija 2.4.11\nAna: ticket INC0012345")).toEqual([]);
    expect(secrets("Ana: new wifi pw for the studio\nMarko: hvala, super\nAna: ok")).toEqual([]);
  });
});
