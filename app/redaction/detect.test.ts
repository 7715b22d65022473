import { describe, expect, it } from "vitest";
import { detect } from "./detect";

const found = (text: string, type: string) =>
  detect(text).filter((d) => d.type === type).map((d) => text.slice(d.start, d.end));

describe("line breaks written as escapes", () => {
  it("reads a calendar description's \\n as a line break: the passcode after it goes, the next line's word stays", () => {
    const text = "BEGIN:VEVENT\nDESCRIPTION:Join Zoom Meeting\\nhttps://us02web.zoom.us/j/84412093377?pwd=aUxCbk5XZ2pYeTFmR3ZqT0ZkQmZ2Zz09\\nMeeting ID: 844 1209 3377\\nPasscode: 418220\nEND:VEVENT";
    expect(found(text, "SECRET")).toEqual(["aUxCbk5XZ2pYeTFmR3ZqT0ZkQmZ2Zz09", "418220"]);
  });

  it("ends a password at an escaped line break in a JSON string", () => {
    const text = '{"body": "Hi,\\nthe password is Tulip-Harbor-42!\\nThanks"}';
    expect(found(text, "SECRET")).toEqual(["Tulip-Harbor-42!"]);
  });

  it("keeps a vCard's escaped address label whole and a Windows path's folder as it is", () => {
    const card = 'BEGIN:VCARD\nADR;TYPE=home;LABEL="Rosenweg 7\\n53113 Bonn":;;Rosenweg 7;Bonn;;53113;Deutschland\nEND:VCARD';
    expect(found(card, "POSTAL_ADDRESS")).toContain("Rosenweg 7\\n53113 Bonn");
    const path = "log is in C:\\nginx\\logs\\error.log, the password is Tulip-Harbor-42!";
    expect(found(path, "SECRET")).toEqual(["Tulip-Harbor-42!"]);
  });

});
