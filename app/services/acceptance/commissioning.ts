// Commissioning results of the self-inspection (GB 50411): the system's total airflow within ±10%
// of design, each outlet within ±15%. Integer arithmetic only, so 10.0% passes exactly.
import type { CommissioningLine } from "./content-types";

export const SYSTEM_TOLERANCE_PCT = 10;
export const OUTLET_TOLERANCE_PCT = 15;

export function airflowLine(designM3h: number, measuredM3h: number, tolerancePct: number): CommissioningLine {
  const diff = measuredM3h - designM3h;
  const passed = designM3h > 0 && measuredM3h >= 0 && Math.abs(diff) * 100 <= tolerancePct * designM3h;
  const rounded = designM3h > 0 ? Math.round((Math.abs(diff) * 1000) / designM3h) : 0;
  // A failing figure must not print as the limit itself (10799 of 12000 is −10.008%: show −10.1).
  const tenths = !passed && designM3h > 0 && rounded <= tolerancePct * 10 ? tolerancePct * 10 + 1 : rounded;
  const sign = diff < 0 && tenths > 0 ? "−" : diff > 0 && tenths > 0 ? "+" : "";
  return { designM3h, measuredM3h, deviationPct: `${sign}${Math.floor(tenths / 10)}.${tenths % 10}`, passed };
}

export interface CommissioningInput {
  items: { name: string; ok: boolean; note: string }[];
  trialRunPassed: boolean;
  systemDesignM3h: number | null;
  systemMeasuredM3h: number | null;
  outlets: { location: string; designM3h: number; measuredM3h: number }[];
}

/** The self-inspection passes when every item is fine, the trial run passed and every airflow is within tolerance. */
export function evaluateCommissioning(input: CommissioningInput) {
  const system = input.systemDesignM3h !== null && input.systemMeasuredM3h !== null
    ? airflowLine(input.systemDesignM3h, input.systemMeasuredM3h, SYSTEM_TOLERANCE_PCT)
    : null;
  const outlets = input.outlets.map((o) => ({ location: o.location, ...airflowLine(o.designM3h, o.measuredM3h, OUTLET_TOLERANCE_PCT) }));
  const passed = input.items.length > 0 && input.items.every((i) => i.ok) && input.trialRunPassed
    && system !== null && system.passed && outlets.length > 0 && outlets.every((o) => o.passed);
  return { system, outlets, passed };
}
