// Which of the installation company's payment milestones a stage change makes due (bidding
// issue: 签约/进场/竣工验收/结算/质保期满). Pure: decided from the event and the states alone.
import type { StateValue } from "xstate";
import type { EventType } from "#machines/types";

export type MilestoneTrigger = "signing" | "entry" | "acceptance" | "settlement" | "warrantyEnd";

const top = (v: StateValue): string => (typeof v === "string" ? v : Object.keys(v)[0] ?? "");
const warranty = (v: StateValue): string | null =>
  typeof v === "object" && v !== null && "handover" in v ? ((v.handover as Record<string, string>).warranty ?? null) : null;

export function milestoneTriggers(type: EventType, from: StateValue, to: StateValue): MilestoneTrigger[] {
  const out: MilestoneTrigger[] = [];
  if (type === "RECORD_CONTRACT") out.push("signing");
  if (top(to) === "construction" && top(from) === "entryReview") out.push("entry");
  if (top(to) === "handover" && top(from) === "acceptanceReview") out.push("acceptance");
  if (type === "APPROVE_SETTLEMENT") out.push("settlement");
  if (warranty(to) === "expired" && warranty(from) !== "expired") out.push("warrantyEnd");
  return out;
}
