import { describe, expect, it } from "vitest";
import { addWorkingHours, DEFAULT_WORKING_HOURS, isOverdue, parseWorkDays, parseWorkHours, workingHoursConfig } from "./working-hours";

/** A Shanghai wall-clock time ("2026-11-13 16:30") as an instant. */
const sh = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);
/** An instant shown on the Shanghai wall clock, for readable failures. */
const show = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
const add = (local: string, hours: number, config = DEFAULT_WORKING_HOURS) => show(addWorkingHours(sh(local), hours, config));

describe("workingHoursConfig", () => {
  it("defaults to Monday–Saturday, 08:30–17:30", () => {
    expect(workingHoursConfig({})).toEqual({ days: [1, 2, 3, 4, 5, 6], startMinute: 510, endMinute: 1050 });
  });
  it("reads the two settings", () => {
    expect(workingHoursConfig({ SERVICE_WORK_DAYS: "1-5", SERVICE_WORK_HOURS: "09:00-18:00" })).toEqual({ days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 });
    expect(parseWorkDays("1-5,7")).toEqual([1, 2, 3, 4, 5, 7]);
    expect(parseWorkDays("0,6")).toEqual([6, 7]);
    expect(parseWorkHours("8:00 - 24:00")).toEqual({ startMinute: 480, endMinute: 1440 });
  });
  it("falls back to the default for each setting that does not parse", () => {
    for (const bad of ["", "mon-fri", "6-1", "1-8", "1,,2", "x"]) expect(workingHoursConfig({ SERVICE_WORK_DAYS: bad }).days).toEqual([1, 2, 3, 4, 5, 6]);
    for (const bad of ["17:30-08:30", "08:30", "25:00-26:00", "08:60-17:00", "08:30-08:30", "24:30-24:40"]) {
      expect(workingHoursConfig({ SERVICE_WORK_HOURS: bad, SERVICE_WORK_DAYS: "1-5" })).toEqual({ days: [1, 2, 3, 4, 5], startMinute: 510, endMinute: 1050 });
    }
  });
});

describe("addWorkingHours (Asia/Shanghai)", () => {
  it("stays inside one day when it fits, ending at closing at the latest", () => {
    expect(add("2026-11-10 09:00", 6)).toBe("2026-11-10 15:00");
    expect(add("2026-11-10 11:30", 6)).toBe("2026-11-10 17:30");
  });
  it("carries the rest into the next working day", () => {
    // 2026-11-13 is a Friday: 1 h left that day, 5 h on Saturday.
    expect(add("2026-11-13 16:30", 6)).toBe("2026-11-14 13:30");
  });
  it("skips Sunday", () => {
    // Saturday 17:00: half an hour that day, Sunday off, 5.5 h on Monday.
    expect(add("2026-11-14 17:00", 6)).toBe("2026-11-16 14:00");
    expect(add("2026-11-14 17:30", 6)).toBe("2026-11-16 14:30");
    expect(add("2026-11-15 10:00", 7)).toBe("2026-11-16 15:30");
  });
  it("skips Saturday too with a Monday–Friday week", () => {
    const weekdays = workingHoursConfig({ SERVICE_WORK_DAYS: "1-5" });
    expect(add("2026-11-13 16:30", 6, weekdays)).toBe("2026-11-16 13:30");
  });
  it("counts from the next opening when received outside hours", () => {
    expect(add("2026-11-10 22:00", 6)).toBe("2026-11-11 14:30");
    expect(add("2026-11-11 03:00", 7)).toBe("2026-11-11 15:30");
    expect(add("2026-11-10 07:00", 0)).toBe("2026-11-10 08:30");
  });
  it("works in UTC terms across midnight (22:00 Shanghai is 14:00 UTC the same day)", () => {
    const due = addWorkingHours(new Date("2026-11-10T14:00:00Z"), 6);
    expect(due.toISOString()).toBe("2026-11-11T06:30:00.000Z");
  });
  it("crosses a year end (2027-01-01 is a Friday, a working day here)", () => {
    expect(add("2026-12-31 16:00", 7)).toBe("2027-01-01 14:00");
    expect(add("2026-12-31 16:00", 12)).toBe("2027-01-02 10:00");
    // Saturday 2027-01-02 late: Sunday off, on to Monday 2027-01-04.
    expect(add("2027-01-02 17:00", 6)).toBe("2027-01-04 14:00");
  });
  it("crosses month ends and 29 February", () => {
    expect(add("2028-02-28 17:00", 6)).toBe("2028-02-29 14:00");
    expect(add("2028-02-29 17:00", 6)).toBe("2028-03-01 14:00");
    expect(add("2027-02-27 17:00", 7)).toBe("2027-03-01 15:00"); // Saturday → Monday 1 March
    expect(add("2026-04-30 16:30", 6)).toBe("2026-05-01 13:30");
  });
  it("handles several days and fractions", () => {
    expect(add("2026-11-10 08:30", 27)).toBe("2026-11-12 17:30");
    expect(add("2026-11-10 08:30", 0.5)).toBe("2026-11-10 09:00");
  });
  it("refuses nonsense hours", () => {
    expect(() => addWorkingHours(new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(new Date(), Number.NaN)).toThrow(RangeError);
  });
});

describe("isOverdue", () => {
  const now = new Date("2026-11-10T10:00:00Z");
  it("is overdue only strictly after the due time", () => {
    expect(isOverdue(new Date("2026-11-10T09:59:59Z"), now)).toBe(true);
    expect(isOverdue(new Date("2026-11-10T10:00:00Z"), now)).toBe(false);
    expect(isOverdue("2026-11-10T09:00:00.000Z", now)).toBe(true);
    expect(isOverdue(null, now)).toBe(false);
  });
});
