import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { isPasswordShaped } from "./secret-sentence";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("a password in the sentence of its password word, with no linking word", () => {
  it.each([
    ["ne vem če je geslo še staro Vrtnica77 ali že tisto novo", "Vrtnica77"],
    ["sem dala geslo od pošte Sonja1958 gospodu na telefonu", "Sonja1958"],
    ["the wifi password on the sticker says Cafe-Rose-12 but it fails", "Cafe-Rose-12"],
    ["Zoom meeting 812 3371 0426, passcode mk2025", "mk2025"],
    ["I changed the password and I think I typed mountain1987 twice", "mountain1987"],
  ])("finds the value in %j", (text, value) => expect(secrets(text)).toContain(value));

  it("keeps what the password is for, products with their number and values in another sentence", () => {
    for (const text of [
      "Geslo za Office365 ne dela več od včeraj.",
      "My Windows11 password expired this morning.",
      "the password for web01 was rotated by the script",
      "The copier wants a 4-digit code and the scanner password is on the list. The printer is a bizhub C300i.",
      "Password reset done. Ticket OPS-4412 closed, build 3.15-rc1 deployed.",
    ]) {
      expect(secrets(text), text).toEqual([]);
    }
  });

  it.each(["Office365", "base64", "utf8mb4", "3.15-rc1", "OPS-4412", "RT-AX58U", "9f3c2e1a7b", "4-digit", "12GB", "web01.firma.si"])(
    "%s is no password shape",
    (value) => expect(isPasswordShaped(value)).toBe(false),
  );
  it.each(["Vrtnica77", "zdravnik1984", "Rt-Gorenje-44", "Lah.Tomaz-1984", "pk2024"])("%s is a password shape", (value) =>
    expect(isPasswordShaped(value)).toBe(true),
  );
});
