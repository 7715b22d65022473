import { describe, expect, it } from "vitest";
import { stripQuotedReply } from "./strip-quoted-reply";
import { expectLinearTime } from "../../../tests/setup/linear-time";

const lines = (...parts: string[]) => parts.join("\n");

// Each case is shaped like the plain-text part the named client really sends.
const replies: Array<[string, string, string]> = [
  [
    "Gmail (English)",
    lines(
      "Thanks, the printer works again.",
      "",
      "On Mon, 3 Nov 2026 at 10:00, Minidesk Support <support@minidesk.example> wrote:",
      "",
      "> Hello Ana,",
      "> please restart the print spooler.",
    ),
    "Thanks, the printer works again.",
  ],
  [
    "Gmail with the attribution wrapped over two lines",
    lines(
      "Still broken after the restart.",
      "",
      "On Mon, Nov 3, 2026 at 10:00 AM Minidesk Podpora Helpdesk Team <",
      "podpora@minidesk.example> wrote:",
      "",
      "> Pozdravljeni,",
    ),
    "Still broken after the restart.",
  ],
  [
    "Outlook -----Original Message-----",
    lines(
      "Hi, attached is the screenshot.",
      "Regards, Marko",
      "",
      "-----Original Message-----",
      "From: Minidesk Support <support@minidesk.example>",
      "Sent: Monday, November 3, 2026 10:00 AM",
      "To: Marko Kovač <marko.kovac@example.si>",
      "Subject: [MD-2026-000123] VPN",
      "",
      "Please send a screenshot.",
    ),
    "Hi, attached is the screenshot.\nRegards, Marko",
  ],
  [
    "Outlook underscore separator and header block",
    lines(
      "Yes, please go ahead.",
      "",
      "________________________________",
      "From: Minidesk Support <support@minidesk.example>",
      "Sent: Monday, 3 November 2026 10:00",
      "To: Marko Kovač",
      "Subject: RE: [MD-2026-000123] VPN",
    ),
    "Yes, please go ahead.",
  ],
  [
    "Slovenian Outlook header block (Od: / Poslano:)",
    lines(
      "Hvala, zdaj deluje.",
      "",
      "Od: Minidesk Podpora <podpora@minidesk.example>",
      "Poslano: ponedeljek, 3. november 2026 10:00",
      "Za: Petra Zupan <petra.zupan@example.si>",
      "Zadeva: [MD-2026-000123] Tiskalnik",
      "",
      "Prosimo, ponovno zaženite računalnik.",
    ),
    "Hvala, zdaj deluje.",
  ],
  [
    "Slovenian Outlook -----Izvirno sporočilo-----",
    lines("Se strinjam.", "", "-----Izvirno sporočilo-----", "Od: Minidesk Podpora", "Poslano: 3. 11. 2026 10:00"),
    "Se strinjam.",
  ],
  [
    "Thunderbird",
    lines("The error is gone.", "", "On 03/11/2026 10:00, Jane Doe wrote:", "> Could you check the logs?"),
    "The error is gone.",
  ],
  [
    "Apple Mail",
    lines("Done.", "", "On 3 Nov 2026, at 10:00, Jane Doe <jane.doe@example.com> wrote:", "", "> Can you confirm?"),
    "Done.",
  ],
  [
    "Slovenian Gmail",
    lines(
      "Lep pozdrav, težava je odpravljena.",
      "",
      "V pon., 3. nov. 2026 ob 10:00 je oseba Jane Doe <jane.doe@example.com> napisala:",
      "",
      "> Pozdravljeni,",
    ),
    "Lep pozdrav, težava je odpravljena.",
  ],
  [
    "Slovenian Thunderbird, napisal(a)",
    lines("Deluje.", "", "Dne 03. 11. 2026 ob 10:00 je Minidesk Podpora napisal(a):", "> Ali deluje?"),
    "Deluje.",
  ],
  [
    "Slovenian, je napisal/a",
    lines("Prosim za klic.", "", "3. nov. 2026 ob 10:00 je Minidesk Podpora <podpora@minidesk.example> napisal/a:", "> Pozdravljeni"),
    "Prosim za klic.",
  ],
  [
    "German Outlook (Am ... schrieb)",
    lines("Danke, funktioniert.", "", "Am 03.11.2026 um 10:00 schrieb Minidesk Support <support@minidesk.example>:", "> Hallo"),
    "Danke, funktioniert.",
  ],
  [
    "signature after -- ",
    lines("Please reset my password.", "", "-- ", "Ana Novak", "Računovodstvo, Primer d.o.o.", "+386 1 234 56 78"),
    "Please reset my password.",
  ],
  ["Sent from my iPhone", lines("Ok, thanks!", "", "Sent from my iPhone"), "Ok, thanks!"],
  ["Poslano iz mojega iPhona", lines("Hvala!", "", "Poslano iz mojega iPhona", "", "> Pozdravljeni"), "Hvala!"],
  [
    "bare > quote at the end without attribution",
    lines("See below, still failing.", "", "> Please try again tomorrow.", ">", "> Minidesk"),
    "See below, still failing.",
  ],
  ["Windows line endings", "Works now.\r\n\r\nOn 03/11/2026 10:00, Jane Doe wrote:\r\n> ok?\r\n", "Works now."],
];

// Things that look a little like a quote but are the client's own words.
const keptWhole: Array<[string, string]> = [
  ["a plain new request", lines("Hello,", "my laptop does not start.", "", "Best regards,", "Ana")],
  [
    "answers interleaved with the quoted questions",
    lines(
      "Answers inline.",
      "",
      "On 03/11/2026 10:00, Jane Doe wrote:",
      "> Which model is it?",
      "HP LaserJet 400",
      "> Since when?",
      "Since Monday.",
    ),
  ],
  ["a colleague's words pasted on purpose", lines("Kolega je napisal:", "strežnik vrača napako 502", "Prosim za pomoč.")],
  ["a log line starting with > in the middle", lines("The console shows:", "> ping 10.0.0.1", "and then nothing happens.")],
  ["nothing but a quote (bottom-posting with no text)", lines("On 03/11/2026 10:00, Jane Doe wrote:", "> Is it fixed?")],
  ["only a signature", lines("-- ", "Ana Novak")],
];

describe("stripQuotedReply", () => {
  it.each(replies)("%s: keeps only the new text", (_client, input, expected) => {
    expect(stripQuotedReply(input)).toBe(expected);
  });

  it.each(keptWhole)("%s: keeps the whole mail", (_case, input) => {
    expect(stripQuotedReply(input)).toBe(input);
  });

  it("never returns an empty string", () => {
    for (const input of ["", "   ", "> only quote", "Sent from my iPhone"]) {
      expect(stripQuotedReply(input)).toBe(input);
    }
  });
});

describe("stripQuotedReply on hostile input", () => {
  // Both shapes took seconds per megabyte with straightforward regular expressions and scans;
  // a sender must not be able to stall mail intake with one message.
  it.each([
    ["attribution look-alikes", `V 1 ${"je ".repeat(130)}napisal x:`],
    ["quotes answered one by one", "> question\nanswer"],
  ])("handles a megabyte of %s in linear time", (shape, unit) => {
    const make = (chars: number) => `Hello\n${Array.from({ length: Math.ceil(chars / unit.length) }, () => unit).join("\n")}`;
    expectLinearTime(shape, make, stripQuotedReply);
  });
});
