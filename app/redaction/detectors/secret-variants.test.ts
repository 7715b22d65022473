import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { editDistance } from "./secret-variants";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("a secret typed again with a slip, near where it was found", () => {
  it.each([
    ["Za PIN kartice je koda 7702, javi napako.\nsorry tipkarska, je 7720", "7720"],
    ["geslo je bilo Kolar2O24! namesto Kolar2024! ampak zdaj sem ga spremenila", "Kolar2024!"],
    ["the wifi pw on the card: GreenHouse0ak\nmaybe it should be GreenHouseOak with the letter", "GreenHouseOak"],
  ])("finds the variant in %j", (text, variant) => expect(secrets(text)).toContain(variant));

  it("compares codes as their keys are pressed: separators and a closing * or # aside", () => {
    const chat = "Craig: door code for the server room is 5-1-8-3 star\nCraig: sorry 5-1-3-8. always mix that up\nCraig: so 5138*";
    expect(secrets(chat)).toEqual(["5-1-8-3", "5-1-3-8", "5138*"]);
  });

  it("takes the old code named beside the new one, whatever its digits", () => {
    expect(secrets("nova koda za alarm je 5520, stara (8613) ne velja več")).toEqual(["5520", "8613"]);
    expect(secrets("the keypad code is 4096 now, the previous 7351 was shared too widely")).toEqual(["4096", "7351"]);
    // a number of other length, or one no such word names, is not the other code
    expect(secrets("the keypad code is 4096 now, the old 73510 invoice is paid, room 7351 too")).toEqual(["4096"]);
  });

  it("leaves a generated key's public twin, plain words and far-away tokens", () => {
    expect(secrets("secret_key: sk_live_Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1\npublishable_key: pk_live_Aq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1")).toEqual(["sk_live_Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1"]);
    expect(secrets("password: Sonce2024! and the sonce word")).toEqual(["Sonce2024!"]);
    expect(secrets(`PIN je 7702.${" Lorem ipsum dolor.".repeat(30)} Soba 7720 je v drugem nadstropju.`)).toEqual(["7702"]);
  });
});

describe("editDistance", () => {
  it("counts a swap of neighbours as one edit and stops past its limit", () => {
    expect(editDistance("7702", "7720", 1)).toBe(1);
    expect(editDistance("Kolar2O24!", "Kolar2024!", 2)).toBe(1);
    expect(editDistance("x7k2pm", "9qv4rt", 1)).toBe(2);
  });
});
