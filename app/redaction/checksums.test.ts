import { describe, expect, it } from "vitest";
import { isValidEmso, isValidIban, isValidSiTaxId, passesLuhn } from "./checksums";

describe("checksums", () => {
  it("accepts the Visa test card and rejects a one-digit typo", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
  });

  it("validates IBANs by country length and mod-97", () => {
    expect(isValidIban("SI56191000000123438")).toBe(true);
    expect(isValidIban("GB29NWBK60161331926819")).toBe(true);
    expect(isValidIban("SI57191000000123438")).toBe(false); // wrong check digits
    expect(isValidIban("SI5619100000012343")).toBe(false); // one digit short for Slovenia
    expect(isValidIban("XX56191000000123438")).toBe(false); // no such country
  });

  it("validates EMŠO: date, Slovenian region and mod-11", () => {
    expect(isValidEmso("0101006500006")).toBe(true);
    expect(isValidEmso("0101006500007")).toBe(false); // control digit
    expect(isValidEmso("3102006500000")).toBe(false); // 31 February
    expect(isValidEmso("0101006300009")).toBe(false); // region 30 is not Slovenia
  });

  it("validates davčna številka with the FURS mod-11 rule", () => {
    expect(isValidSiTaxId("10000003")).toBe(true);
    expect(isValidSiTaxId("10000004")).toBe(false);
    expect(isValidSiTaxId("01234567")).toBe(false); // leading zero
  });
});
