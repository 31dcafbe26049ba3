// The commissioning verdict at its edges: exact tolerance limits (integer arithmetic, so 10.0%
// passes), the printed deviation's sign and rounding, and what makes a whole record fail.
import { describe, expect, it } from "vitest";
import { airflowLine, evaluateCommissioning, OUTLET_TOLERANCE_PCT, SYSTEM_TOLERANCE_PCT, type CommissioningInput } from "./commissioning";

const passing: CommissioningInput = {
  items: [{ name: "设备安装牢固", ok: true, note: "" }],
  trialRunPassed: true,
  systemDesignM3h: 12000,
  systemMeasuredM3h: 11500,
  outlets: [{ location: "301", designM3h: 800, measuredM3h: 760 }],
};

describe("airflowLine", () => {
  it("passes exactly at the system limit of ±10% and fails 0.1% beyond it", () => {
    expect(airflowLine(1000, 900, SYSTEM_TOLERANCE_PCT)).toEqual({ designM3h: 1000, measuredM3h: 900, deviationPct: "−10.0", passed: true });
    expect(airflowLine(1000, 1100, SYSTEM_TOLERANCE_PCT)).toMatchObject({ deviationPct: "+10.0", passed: true });
    expect(airflowLine(1000, 899, SYSTEM_TOLERANCE_PCT)).toMatchObject({ deviationPct: "−10.1", passed: false });
    expect(airflowLine(1000, 1101, SYSTEM_TOLERANCE_PCT)).toMatchObject({ deviationPct: "+10.1", passed: false });
  });

  it("passes exactly at the outlet limit of ±15% and fails 0.1% beyond it", () => {
    expect(airflowLine(1000, 1150, OUTLET_TOLERANCE_PCT)).toMatchObject({ deviationPct: "+15.0", passed: true });
    expect(airflowLine(1000, 850, OUTLET_TOLERANCE_PCT)).toMatchObject({ deviationPct: "−15.0", passed: true });
    expect(airflowLine(1000, 1151, OUTLET_TOLERANCE_PCT)).toMatchObject({ deviationPct: "+15.1", passed: false });
    expect(airflowLine(1000, 849, OUTLET_TOLERANCE_PCT)).toMatchObject({ deviationPct: "−15.1", passed: false });
  });

  it("decides on exact integers, not on the rounded percentage", () => {
    // 12000 → 10800 is exactly −10%; one m³/h less is beyond it even though both print near 10.0.
    expect(airflowLine(12000, 10800, SYSTEM_TOLERANCE_PCT).passed).toBe(true);
    expect(airflowLine(12000, 10799, SYSTEM_TOLERANCE_PCT)).toMatchObject({ passed: false, deviationPct: "−10.1" });
    expect(airflowLine(12000, 10800, SYSTEM_TOLERANCE_PCT).deviationPct).toBe("−10.0");
    expect(airflowLine(3, 2, OUTLET_TOLERANCE_PCT)).toMatchObject({ deviationPct: "−33.3", passed: false });
  });

  it("prints no sign when the deviation rounds to zero, and one decimal always", () => {
    expect(airflowLine(800, 800, OUTLET_TOLERANCE_PCT)).toMatchObject({ deviationPct: "0.0", passed: true });
    expect(airflowLine(100000, 100001, SYSTEM_TOLERANCE_PCT).deviationPct).toBe("0.0");
    expect(airflowLine(100000, 99999, SYSTEM_TOLERANCE_PCT).deviationPct).toBe("0.0");
    expect(airflowLine(600, 650, OUTLET_TOLERANCE_PCT).deviationPct).toBe("+8.3");
    expect(airflowLine(12000, 11500, SYSTEM_TOLERANCE_PCT).deviationPct).toBe("−4.2");
  });

  it("never passes without a design figure, or with a negative measurement", () => {
    expect(airflowLine(0, 0, SYSTEM_TOLERANCE_PCT)).toMatchObject({ deviationPct: "0.0", passed: false });
    expect(airflowLine(0, 500, SYSTEM_TOLERANCE_PCT).passed).toBe(false);
    expect(airflowLine(100, -1, OUTLET_TOLERANCE_PCT).passed).toBe(false);
    expect(airflowLine(100, 0, OUTLET_TOLERANCE_PCT)).toMatchObject({ deviationPct: "−100.0", passed: false });
  });
});

describe("evaluateCommissioning", () => {
  it("passes when every item is fine, the trial run passed and every airflow is within tolerance", () => {
    const r = evaluateCommissioning(passing);
    expect(r.passed).toBe(true);
    expect(r.system).toMatchObject({ deviationPct: "−4.2", passed: true });
    expect(r.outlets).toEqual([{ location: "301", designM3h: 800, measuredM3h: 760, deviationPct: "−5.0", passed: true }]);
  });

  it("fails on any one failing part", () => {
    expect(evaluateCommissioning({ ...passing, items: [...passing.items, { name: "冷凝水排放通畅", ok: false, note: "" }] }).passed).toBe(false);
    expect(evaluateCommissioning({ ...passing, trialRunPassed: false }).passed).toBe(false);
    expect(evaluateCommissioning({ ...passing, systemMeasuredM3h: 10799 }).passed).toBe(false);
    expect(evaluateCommissioning({ ...passing, outlets: [...passing.outlets, { location: "302", designM3h: 600, measuredM3h: 700 }] }).passed).toBe(false);
  });

  it("fails when something is missing: no items, no outlets, no system figures", () => {
    expect(evaluateCommissioning({ ...passing, items: [] }).passed).toBe(false);
    expect(evaluateCommissioning({ ...passing, outlets: [] }).passed).toBe(false);
    const noSystem = evaluateCommissioning({ ...passing, systemDesignM3h: null });
    expect(noSystem.system).toBeNull();
    expect(noSystem.passed).toBe(false);
    expect(evaluateCommissioning({ ...passing, systemMeasuredM3h: null }).passed).toBe(false);
  });
});
