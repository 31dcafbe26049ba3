// The acceptance records (完工确认, 自检及调试记录, 设备清单) as the page and the API see them, and
// the few rules both the browser (live hints) and the server (validation) apply.
// Plain module: components import it, so nothing here may touch the database.
import type { CommissioningLine } from "./content-types";

export interface CompletionRecord {
  completedOn: string | null;
  note: string;
  confirmedAt: string;
  confirmedByName: string | null;
}

export interface SelfInspectionRecord {
  inspectedOn: string | null;
  foremanName: string;
  items: { name: string; ok: boolean; note: string }[];
  trialRunPassed: boolean;
  trialRunHours: number;
  trialRunNote: string;
  systemDesignM3h: number | null;
  systemMeasuredM3h: number | null;
  outlets: { location: string; designM3h: number; measuredM3h: number }[];
  /** As stored; always what evaluateCommissioning said when it was saved. */
  passed: boolean;
  evaluated: { system: CommissioningLine | null; outlets: (CommissioningLine & { location: string })[]; passed: boolean };
  hasForemanSignature: boolean;
  /** Served by /files/:id to whoever may see the project. */
  foremanSignatureFileId: string | null;
  recordedAt: string;
}

export interface InstalledUnitRecord {
  id: string;
  name: string;
  model: string;
  quantity: number;
  location: string;
  serialNumbers: string[];
}

export interface AcceptanceRecords {
  completion: CompletionRecord | null;
  selfInspection: SelfInspectionRecord | null;
  units: InstalledUnitRecord[];
}

/** A self-inspection as typed (strings, rows included): what the form is refilled from after a refusal. */
export interface SelfInspectionValues {
  inspectedOn: string;
  foremanName: string;
  items: { name: string; ok: "yes" | "no" | ""; note: string }[];
  trialRunPassed: "yes" | "no" | "";
  trialRunHours: string;
  trialRunNote: string;
  systemDesignM3h: string;
  systemMeasuredM3h: string;
  outlets: { location: string; designM3h: string; measuredM3h: string }[];
}

/** The checks a fresh-air system's self-inspection usually covers; the pm may change or add rows. */
export const DEFAULT_INSPECTION_ITEMS = [
  "设备安装牢固、减振措施到位",
  "风管连接严密、无漏风",
  "风管及设备保温完好",
  "电气接线规范、接地可靠",
  "控制面板及传感器工作正常",
  "过滤网安装正确",
  "冷凝水排放通畅",
  "现场清理完毕",
] as const;

export const LIMITS = {
  note: 1000,
  foremanName: 50,
  itemName: 100,
  itemNote: 500,
  maxItems: 50,
  trialRunMaxHours: 720,
  trialRunNote: 1000,
  maxAirflowM3h: 1_000_000,
  outletLocation: 100,
  maxOutlets: 200,
  unitName: 100,
  unitModel: 100,
  unitLocation: 200,
  maxQuantity: 10_000,
  serialNumber: 100,
} as const;

/**
 * Serial numbers as typed: one per line, or separated by commas (also full-width) or 、；
 * trimmed, blanks dropped, repeats dropped (case-insensitively, first spelling kept).
 */
export function parseSerialNumbers(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\r\n,，、;；]+/)) {
    const serial = raw.trim();
    if (!serial || seen.has(serial.toUpperCase())) continue;
    seen.add(serial.toUpperCase());
    out.push(serial);
  }
  return out;
}

/** A field message with parameters, kept in one string ("key|{json}") so errors stay Record<string, string>. */
export function encodeMessage(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function decodeMessage(encoded: string): { key: string; params?: Record<string, string | number> } {
  const i = encoded.indexOf("|");
  if (i < 0) return { key: encoded };
  try {
    return { key: encoded.slice(0, i), params: JSON.parse(encoded.slice(i + 1)) as Record<string, string | number> };
  } catch {
    return { key: encoded.slice(0, i) };
  }
}

export function messageText(t: (key: string, params?: Record<string, string | number>) => string, encoded: string): string {
  const { key, params } = decodeMessage(encoded);
  return t(key, params);
}

/** A yes/no answer from a radio ("yes"/"no"), a checkbox ("on") or JSON (true/false); "" when not answered. */
export function yesNo(value: unknown): "yes" | "no" | "" {
  if (value === true) return "yes";
  if (value === false) return "no";
  const s = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (["yes", "true", "on", "1"].includes(s)) return "yes";
  if (["no", "false", "0"].includes(s)) return "no";
  return "";
}

/** A whole number as typed ("12,000" and "12 000" allowed); null when it is not one. */
export function wholeNumber(value: unknown): number | null {
  const s = typeof value === "string" ? value.replace(/[,，\s]/g, "") : typeof value === "number" ? String(value) : "";
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}
