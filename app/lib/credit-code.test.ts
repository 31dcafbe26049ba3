import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, isValidCreditCode, normaliseCreditCode } from "./credit-code";

// Published codes of real organisations (business licences, public registries).
const REAL_CODES = [
  "91350100M000100Y43",
  "91110000100006485K",
  "9144030071526726XG",
  "914403001922038216",
  "91110108551385082Q",
  "91110000802100433B",
  "91330100799655058B",
  "91110000710925462X",
  "91440300708461136T",
];

describe("isValidCreditCode (GB 32100-2015)", () => {
  it.each(REAL_CODES)("accepts the published code %s", (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it("computes the check character from the first 17", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    expect(creditCodeCheckChar("91110000100006485")).toBe("K");
    expect(creditCodeCheckChar("914403001922038216".slice(0, 17))).toBe("6");
  });

  it("rejects a changed check character", () => {
    expect(isValidCreditCode("91350100M000100Y44")).toBe(false);
    expect(isValidCreditCode("91110000100006485J")).toBe(false);
  });

  it("rejects a single changed or swapped character in the body", () => {
    expect(isValidCreditCode("91350100M000200Y43")).toBe(false);
    expect(isValidCreditCode("19350100M000100Y43")).toBe(false);
  });

  it("rejects wrong lengths, lower case and letters outside the alphabet (I O Z S V)", () => {
    expect(isValidCreditCode("")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y4")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y433")).toBe(false);
    expect(isValidCreditCode("91350100m000100y43")).toBe(false);
    for (const bad of ["I", "O", "Z", "S", "V"]) expect(isValidCreditCode(`91350100${bad}000100Y43`)).toBe(false);
  });

  it("normalises pasted input", () => {
    expect(normaliseCreditCode(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
    expect(isValidCreditCode(normaliseCreditCode("9135 0100 M000 100Y 43"))).toBe(true);
  });
});
