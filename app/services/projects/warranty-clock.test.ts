import { describe, expect, it } from "vitest";
import { warrantyClock } from "./warranty-clock";

const accepted = { acceptedOn: "2025-06-10", warrantyEndsOn: "2026-06-10" };

describe("warrantyClock", () => {
  it("is null before acceptance", () => {
    expect(warrantyClock({ acceptedOn: null, warrantyEndsOn: null }, "2025-06-10")).toBeNull();
    expect(warrantyClock({}, "2025-06-10")).toBeNull();
    expect(warrantyClock(null, "2025-06-10")).toBeNull();
  });

  it("counts the days left to the last day; active until 30 days before it", () => {
    expect(warrantyClock(accepted, "2025-06-10")).toEqual({ acceptedOn: "2025-06-10", endsOn: "2026-06-10", daysLeft: 365, state: "active" });
    expect(warrantyClock(accepted, "2026-05-10")).toMatchObject({ daysLeft: 31, state: "active" });
  });

  it("is expiring from 30 days before the last day through the last day itself", () => {
    expect(warrantyClock(accepted, "2026-05-11")).toMatchObject({ daysLeft: 30, state: "expiring" });
    expect(warrantyClock(accepted, "2026-06-10")).toMatchObject({ daysLeft: 0, state: "expiring" });
  });

  it("is expired the day after the last day, with negative days", () => {
    expect(warrantyClock(accepted, "2026-06-11")).toMatchObject({ daysLeft: -1, state: "expired" });
    expect(warrantyClock(accepted, "2027-06-11")).toMatchObject({ daysLeft: -366, state: "expired" });
  });

  it("uses the stored end date, and the Civil Code rule when the snapshot lacks it", () => {
    expect(warrantyClock({ acceptedOn: "2024-02-29", warrantyEndsOn: null }, "2024-03-01")).toMatchObject({ endsOn: "2025-02-28", daysLeft: 364 });
    expect(warrantyClock({ acceptedOn: "2025-02-28" }, "2025-03-01")).toMatchObject({ endsOn: "2026-02-28" });
    expect(warrantyClock({ acceptedOn: "2025-06-10", warrantyEndsOn: "2026-06-30" }, "2026-06-01")).toMatchObject({ endsOn: "2026-06-30", daysLeft: 29, state: "expiring" });
  });

  it("counts across a leap day and a time-zone-free calendar", () => {
    expect(warrantyClock({ acceptedOn: "2023-03-01", warrantyEndsOn: "2024-03-01" }, "2024-02-28")).toMatchObject({ daysLeft: 2 });
  });

  it("agrees with the machine's TICK on every day around the thresholds", () => {
    // The machine moves to expiring when today >= end - 30 and to expired when today > end.
    const states = ["2026-05-10", "2026-05-11", "2026-06-10", "2026-06-11"].map((d) => warrantyClock(accepted, d)!.state);
    expect(states).toEqual(["active", "expiring", "expiring", "expired"]);
  });
});
