import { describe, expect, it } from "vitest";
import { buildProgressChart, dateFraction, daysBetween, plannedPercent } from "./progress-plan";

describe("plannedPercent", () => {
  it("is 0 before and on the start, 100 on and after the finish", () => {
    expect(plannedPercent("2026-03-01", "2026-03-31", "2026-02-15")).toBe(0);
    expect(plannedPercent("2026-03-01", "2026-03-31", "2026-03-01")).toBe(0);
    expect(plannedPercent("2026-03-01", "2026-03-31", "2026-03-31")).toBe(100);
    expect(plannedPercent("2026-03-01", "2026-03-31", "2027-01-01")).toBe(100);
  });

  it("grows linearly by calendar days", () => {
    expect(plannedPercent("2026-03-01", "2026-03-11", "2026-03-06")).toBe(50);
    expect(plannedPercent("2026-01-01", "2026-12-31", "2026-07-02")).toBeCloseTo((182 / 364) * 100, 10);
  });

  it("counts month ends and leap days exactly", () => {
    // 2026-01-31 → 2026-03-31 is 59 days; 2026-02-28 is day 28.
    expect(daysBetween("2026-01-31", "2026-03-31")).toBe(59);
    expect(plannedPercent("2026-01-31", "2026-03-31", "2026-02-28")).toBeCloseTo((28 / 59) * 100, 10);
    // 2028 is a leap year: 02-28 → 03-01 is two days.
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(plannedPercent("2028-02-01", "2028-03-02", "2028-02-29")).toBeCloseTo((28 / 30) * 100, 10);
    // Across a year end.
    expect(plannedPercent("2026-12-31", "2027-01-02", "2027-01-01")).toBe(50);
  });

  it("treats a finish on or before the start as due from the start", () => {
    expect(plannedPercent("2026-03-01", "2026-03-01", "2026-03-01")).toBe(100);
    expect(plannedPercent("2026-03-10", "2026-03-01", "2026-03-05")).toBe(0);
    expect(plannedPercent("2026-03-10", "2026-03-01", "2026-03-10")).toBe(100);
  });

  it("refuses invalid dates", () => {
    expect(() => plannedPercent("2026-02-30", "2026-03-01", "2026-03-01")).toThrow(RangeError);
    expect(() => plannedPercent("2026-02-01", "x", "2026-03-01")).toThrow(RangeError);
  });
});

describe("buildProgressChart", () => {
  it("gives the planned line, one actual point per date and the behind/ahead summary", () => {
    const chart = buildProgressChart({
      start: "2026-03-01",
      finish: "2026-03-11",
      today: "2026-03-07",
      entries: [
        { entryDate: "2026-03-05", percentComplete: 40 },
        { entryDate: "2026-03-02", percentComplete: 10 },
        { entryDate: "2026-03-05", percentComplete: 45 },
      ],
    });
    expect(chart.planned).toEqual([{ date: "2026-03-01", percent: 0 }, { date: "2026-03-11", percent: 100 }]);
    expect(chart.actual).toEqual([{ date: "2026-03-02", percent: 10 }, { date: "2026-03-05", percent: 45 }]);
    expect(chart.summary).toEqual({ plannedToday: 60, actualLatest: 45, difference: -15 });
    expect(chart.from).toBe("2026-03-01");
    expect(chart.to).toBe("2026-03-11");
    expect(dateFraction(chart, "2026-03-06")).toBe(0.5);
  });

  it("extends the axis to today after the finish and has no plan without a finish", () => {
    const late = buildProgressChart({ start: "2026-03-01", finish: "2026-03-11", today: "2026-03-21", entries: [] });
    expect(late.to).toBe("2026-03-21");
    expect(late.summary).toEqual({ plannedToday: 100, actualLatest: null, difference: null });
    const unplanned = buildProgressChart({ start: "2026-03-01", finish: null, today: "2026-03-01", entries: [] });
    expect(unplanned.planned).toEqual([]);
    expect(unplanned.to).toBe("2026-03-02");
    expect(unplanned.summary.plannedToday).toBeNull();
  });
});
