// The acceptance records' cards (完工确认, 施工自检及调试记录, 设备清单), one file each.
export { CompletionCard } from "./completion-card";
export { SelfInspectionCard } from "./self-inspection-card";
export { UnitsCard } from "./units-card";
export type { RecordCardProps } from "./records-common";
