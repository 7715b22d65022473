import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const persons = (text: string) => detect(text).filter((d) => d.type === "PERSON").map((d) => text.slice(d.start, d.end));

describe("placeholder names", () => {
  it("leaves the names test data and manuals use for nobody, written whole", () => {
    expect(persons('The API docs use "Max Mustermann" as the example.\nName: Joe Bloggs')).toEqual([]);
  });
  it("still takes a real person who shares a placeholder's surname, and common names templates use", () => {
    expect(persons("Hi Anna Bloggs, Janez Novak and Jane Doe called")).toEqual(["Anna Bloggs", "Janez Novak", "Jane Doe"]);
  });
});
