// Civil Code arts. 201–202 cases for the warranty period not covered in calendar.test.ts:
// month ends, the 6-month case, and an acceptance on 28 February of a common year.
import { describe, expect, it } from "vitest";
import { addMonthsCivil } from "./calendar";

describe("addMonthsCivil: warranty periods", () => {
  it.each([
    ["2025-03-31", 12, "2026-03-31"],
    ["2025-12-31", 12, "2026-12-31"],
    ["2025-08-31", 6, "2026-02-28"],
    ["2025-02-28", 12, "2026-02-28"],
    ["2027-08-31", 6, "2028-02-29"],
  ])("%s + %i months → %s", (d, n, want) => {
    expect(addMonthsCivil(d, n)).toBe(want);
  });
});
