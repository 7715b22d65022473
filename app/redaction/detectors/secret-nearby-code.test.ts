import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { detectNearbyCodes } from "./secret-nearby-code";
import { expectLinearTime } from "../../../tests/setup/linear-time";

const codes = (text: string) => detectNearbyCodes(text).map((d) => text.slice(d.start, d.end));
const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("numeric codes near the word that makes them codes", () => {
  it.each([
    ["Panel: master code 5820, panic code 7741 (silent, calls the guard).", ["5820", "7741"]],
    ["I changed the alarm code at the shop from 4096 to 3318 this morning.", ["4096", "3318"]],
    ["She found the PIN in the drawer, 604417, and the PUK on the card holder, 99120374.", ["604417", "99120374"]],
    ["The door codes are: Kitchen 4410, Office 7203, Storage 5561.", ["4410", "7203", "5561"]],
    ["tech: do you have the code for the gate?\nclient: the caretaker said \"6 0 4 2\" and then the key", ["6 0 4 2"]],
    ["can you put the lockbox code in the template? it's 5-2-8-1", ["5-2-8-1"]],
    ["the conference PIN is 7720 1193 for everybody on the team", ["7720 1193"]],
    ["activation code from the bank letter 3391-0442-8816", ["3391-0442-8816"]],
    ["koda za alarm v skladišču 8164, geslo za CNS posebej", ["8164"]],
    ["sef za ključe: 2519", ["2519"]],
    ["Your Mobile code: 448-120. Do not share it.", ["448-120"]],
    ["The gate code changed on Monday.\nIt was 4 1 7 7 before, now 9 0 3 5 and then the bell.", ["4 1 7 7", "9 0 3 5"]],
    ["garage door code is #5530*, then 1st floor, office code 8147", ["#5530*", "8147"]],
    ["The installer said the alarm code is five two zero eight, then OFF.", ["five two zero eight"]],
    ["koda za vrata: sedem, tri, nič, dva", ["sedem, tri, nič, dva"]],
    ["He read the OTP out on the phone: G-620471.", ["G-620471"]],
  ])("finds the code in %j", (text, expected) => expect(codes(text)).toEqual(expected));

  it("reads a code before its word when the sentence says it is yours", () => {
    expect(codes("G-512973 is your Google verification code.")).toEqual(["G-512973"]);
    expect(codes("802164 je vaša koda za prijavo")).toEqual(["802164"]);
  });

  it.each([
    ["Error code 4625 in the event log after the update", "an error's code"],
    ["The HTTP status code 5030 is not standard", "a status code"],
    ["door code changed, see ticket number 48213 for the history", "a number a nearer noun owns"],
    ["PIN reset done; the server listens on port 8443 now", "a port"],
    ["the PIN expired in 2024, a new one follows", "a year"],
    ["the alarm code is on its way by post to Dunajska 5, 1000 Ljubljana", "a postcode before its town"],
    ["the PIN pad on the new Dell Latitude 5450 does not light up", "a product's model number"],
    ["code review of PR-4471 and build-8812 is pending", "part of a longer id"],
    ["security code was on the old card ending **** 5521", "a card's last digits"],
    ["the lockbox costs 4500 EUR, the code comes with it", "an amount"],
    ["the keypad code resets at 10:30 and on 12/09", "a time and a date"],
    ["The garage code stays as it was.\n\nInvoice 2026-00451 is attached, 3310 items.", "past a blank line"],
    ["{\"failure_code\": \"card_declined\", \"last4\": \"0439\"}", "an identifier's name, not a code word"],
    ["The login fails with \"no entry for host\" and code 28000 in the log", "an error's code after a failure"],
    ["Šifra artikla za kamere je 33871, dobavnica prihaja", "an article's code"],
    ["the default PIN 0000 from the manual still works", "a factory default"],
    ["Your login code follows by SMS.\nSep 13 09:15 from 57575: delivered", "a number that labels what follows"],
    [`PIN reset for the courier app, parcel ${" ".repeat(150)}15503742188831 is on its way`, "a long number running past the passage"],
  ])("leaves %j (%s)", (text) => expect(codes(text)).toEqual([]));

  it("reaches the redacted text through the engine", () => {
    expect(secrets("Owner gave us the user code and the duress code 9310 for the night shift.")).toContain("9310");
  });

  it("reads pathological inputs in linear time", () => {
    for (const unit of ["code ", "code 1234 ", "PIN 1 2 3 4 ", "code 12345678901234567890 ", "1234 is your code "]) {
      expectLinearTime(`"${unit}" repeated`, (chars) => unit.repeat(Math.floor(chars / unit.length)), detectNearbyCodes);
    }
  }, 60_000);
});
