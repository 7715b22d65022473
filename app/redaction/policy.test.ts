import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, parsePolicy } from "./policy";
import { ENTITY_TYPES } from "./types";

describe("parsePolicy", () => {
  it("removes every entity type by default", () => {
    expect(ENTITY_TYPES.every((type) => DEFAULT_POLICY[type] === "remove")).toBe(true);
  });

  it("takes known actions, ignores unknown keys and falls back for bad values", () => {
    const policy = parsePolicy({ CREDIT_CARD: "mask", EMAIL: "keep", PHONE: "shred", COLOUR: "keep" });
    expect(policy.CREDIT_CARD).toBe("mask");
    expect(policy.EMAIL).toBe("keep");
    expect(policy.PHONE).toBe("remove");
    expect(Object.keys(policy)).not.toContain("COLOUR");
  });

  it("reads a JSON string and survives garbage", () => {
    expect(parsePolicy('{"IBAN":"mask"}').IBAN).toBe("mask");
    expect(parsePolicy("{not json")).toEqual(DEFAULT_POLICY);
    expect(parsePolicy(null)).toEqual(DEFAULT_POLICY);
    expect(parsePolicy([1, 2])).toEqual(DEFAULT_POLICY);
  });
});
