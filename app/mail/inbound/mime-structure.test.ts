import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { measureMimeStructure } from "./mime-structure";

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/mail/${name}`, import.meta.url));

describe("measureMimeStructure", () => {
  it("sees a plain message as one part at depth 0", () => {
    expect(measureMimeStructure(fixture("new-ticket-en.eml"))).toEqual({ depth: 0, parts: 1 });
  });

  it("counts the parts of a text + html alternative", () => {
    expect(measureMimeStructure(fixture("reply-gmail-en.eml"))).toEqual({ depth: 1, parts: 3 });
  });

  it("counts an embedded message as a level of its own", () => {
    // report -> [text, delivery-status, message/rfc822 -> embedded message]
    expect(measureMimeStructure(fixture("bounce-dsn.eml"))).toEqual({ depth: 2, parts: 5 });
  });

  it("finds all 60 levels of the nested fixture", () => {
    expect(measureMimeStructure(fixture("deeply-nested.eml")).depth).toBe(60);
  });

  it("stops early once a limit is passed", () => {
    expect(measureMimeStructure(fixture("deeply-nested.eml"), { depth: 10, parts: 1000 }).depth).toBe(11);
  });

  it("ignores boundary-looking lines that belong to no open multipart", () => {
    const raw = Buffer.from("Content-Type: text/plain\r\n\r\n--fake\r\n--fake--\r\n");
    expect(measureMimeStructure(raw)).toEqual({ depth: 0, parts: 1 });
  });
});
