// The zod-free half of the project form: the master fields, the equipment rows' names and the date
// order check. Plain module without zod or server imports: the project form component ships it to
// the browser. The schema and readProjectForm are in project-form.ts.
import { compareDates, isValidDate } from "~/lib/calendar";

export const MAX_EQUIPMENT_LINES = 200;

/** Planned finish before planned start (both valid dates). */
export function finishBeforeStart(start: string | null | undefined, finish: string | null | undefined): boolean {
  const s = start?.trim();
  const f = finish?.trim();
  return !!s && !!f && isValidDate(s) && isValidDate(f) && compareDates(f, s) < 0;
}

/** The master-data fields (not equipment) a user types, in form order; used to diff edits. */
export const MASTER_FIELDS = [
  "code",
  "name",
  "clientId",
  "siteAddress",
  "clientContractNo",
  "clientContractAmountFen",
  "clientContractSignedOn",
  "pmId",
  "supervisionCompanyId",
  "designCompanyId",
  "plannedStartOn",
  "plannedFinishOn",
] as const;

const LINE_RE = /^equipment\[(\d+)\]\.(model|quantity|location)$/;

/**
 * Drops equipment rows left completely blank and renumbers the rest 0..n-1, so the error paths
 * (`equipment[1].quantity`) and the values sent back always describe the rows as re-rendered.
 * `removeLine` (no-JS remove button) drops that row; `addLine` appends an empty row afterwards.
 */
export function normaliseProjectForm(formData: FormData, opts: { removeLine?: number } = {}): FormData {
  const rows = new Map<number, Record<string, string>>();
  const out = new FormData();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const m = LINE_RE.exec(key);
    if (!m) {
      out.append(key, value);
      continue;
    }
    const index = Number(m[1]);
    if (index > 10_000) continue;
    const row = rows.get(index) ?? {};
    row[m[2]] = value;
    rows.set(index, row);
  }
  const kept = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .filter(([index, row]) => index !== opts.removeLine && Object.values(row).some((v) => v.trim() !== ""))
    .map(([, row]) => row);
  kept.forEach((row, i) => {
    for (const field of ["model", "quantity", "location"]) out.append(`equipment[${i}].${field}`, row[field] ?? "");
  });
  return out;
}

/** How many equipment rows a set of form values describes. */
export function equipmentRowCount(values: Record<string, string>): number {
  let max = -1;
  for (const key of Object.keys(values)) {
    const m = LINE_RE.exec(key);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}
