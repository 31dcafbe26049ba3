// The self-inspection as the pm enters it on site (form) or an API client sends it (JSON): the
// same rules and message keys for both. Errors are keyed by the field's path ("items.2.name",
// "outlets.0.designM3h"), which is also the form field's name. A "passed" field is never read:
// the verdict is computed by the server (evaluateCommissioning).
import type { InspectionItem, OutletAirflow } from "#db/schema";
import { compareDates, isValidDate } from "~/lib/calendar";
import { decodeSignaturePng } from "~/services/review/signature-input.server";
import { encodeMessage, LIMITS, wholeNumber, yesNo, type SelfInspectionValues } from "./records-shared";

export type { SelfInspectionValues };

export interface SelfInspectionData {
  inspectedOn: string;
  foremanName: string;
  items: InspectionItem[];
  trialRunPassed: boolean;
  trialRunHours: number;
  trialRunNote: string;
  systemDesignM3h: number;
  systemMeasuredM3h: number;
  outlets: OutletAirflow[];
  /** A newly drawn foreman signature; null keeps the stored one. */
  signaturePng: Buffer | null;
}

export type ParsedSelfInspection =
  | { ok: true; data: SelfInspectionData; values: SelfInspectionValues }
  | { ok: false; errors: Record<string, string>; values: SelfInspectionValues };

const text = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : typeof v === "number" ? String(v) : "");
const rowsOf = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []).map((r) => (r && typeof r === "object" ? (r as Record<string, unknown>) : {}));

export function readSelfInspectionValues(object: Record<string, unknown>): SelfInspectionValues {
  return {
    inspectedOn: text(object.inspectedOn),
    foremanName: text(object.foremanName),
    items: rowsOf(object.items).map((r) => ({ name: text(r.name), ok: yesNo(r.ok), note: text(r.note) })),
    trialRunPassed: yesNo(object.trialRunPassed),
    trialRunHours: text(object.trialRunHours),
    trialRunNote: text(object.trialRunNote),
    systemDesignM3h: text(object.systemDesignM3h),
    systemMeasuredM3h: text(object.systemMeasuredM3h),
    outlets: rowsOf(object.outlets).map((r) => ({ location: text(r.location), designM3h: text(r.designM3h), measuredM3h: text(r.measuredM3h) })),
  };
}

/** An airflow in m³/h: a whole number, at least `min`, at most 1,000,000. */
function airflow(value: string, min: 0 | 1): { n: number } | { error: string } {
  if (!value) return { error: "form.required" };
  const n = wholeNumber(value);
  if (n === null || n < min || n > LIMITS.maxAirflowM3h) {
    return { error: encodeMessage(min === 1 ? "acceptanceRecords.airflow.positive" : "acceptanceRecords.airflow.range", { max: LIMITS.maxAirflowM3h.toLocaleString("en-US") }) };
  }
  return { n };
}

/**
 * Validates everything at once (every message shows together). Rows left entirely blank are
 * dropped; the indexes in the messages are those of the rows as sent.
 */
export function parseSelfInspection(object: Record<string, unknown>, today: string): ParsedSelfInspection {
  const values = readSelfInspectionValues(object);
  const errors: Record<string, string> = {};

  if (!values.inspectedOn) errors.inspectedOn = "form.required";
  else if (!isValidDate(values.inspectedOn)) errors.inspectedOn = "form.invalidDate";
  else if (compareDates(values.inspectedOn, today) > 0) errors.inspectedOn = encodeMessage("acceptanceRecords.date.future", { today });

  if (!values.foremanName) errors.foremanName = "form.required";
  else if (values.foremanName.length > LIMITS.foremanName) errors.foremanName = "form.tooLong";

  const items: InspectionItem[] = [];
  values.items.forEach((row, i) => {
    if (!row.name && !row.note && !row.ok) return;
    if (!row.name) errors[`items.${i}.name`] = "form.required";
    else if (row.name.length > LIMITS.itemName) errors[`items.${i}.name`] = "form.tooLong";
    if (!row.ok) errors[`items.${i}.ok`] = "acceptanceRecords.self.itemResultRequired";
    if (row.note.length > LIMITS.itemNote) errors[`items.${i}.note`] = "form.tooLong";
    items.push({ name: row.name, ok: row.ok === "yes", note: row.note });
  });
  if (items.length === 0) errors.items = "acceptanceRecords.self.itemsRequired";
  else if (items.length > LIMITS.maxItems) errors.items = encodeMessage("acceptanceRecords.tooManyRows", { max: LIMITS.maxItems });

  if (!values.trialRunPassed) errors.trialRunPassed = "acceptanceRecords.self.trialRunResultRequired";
  const hours = wholeNumber(values.trialRunHours);
  if (!values.trialRunHours) errors.trialRunHours = "form.required";
  else if (hours === null || hours > LIMITS.trialRunMaxHours) errors.trialRunHours = encodeMessage("acceptanceRecords.self.hoursRange", { max: LIMITS.trialRunMaxHours });
  if (values.trialRunNote.length > LIMITS.trialRunNote) errors.trialRunNote = "form.tooLong";

  const system = { design: airflow(values.systemDesignM3h, 1), measured: airflow(values.systemMeasuredM3h, 1) };
  if ("error" in system.design) errors.systemDesignM3h = system.design.error;
  if ("error" in system.measured) errors.systemMeasuredM3h = system.measured.error;

  const outlets: OutletAirflow[] = [];
  values.outlets.forEach((row, i) => {
    if (!row.location && !row.designM3h && !row.measuredM3h) return;
    if (!row.location) errors[`outlets.${i}.location`] = "form.required";
    else if (row.location.length > LIMITS.outletLocation) errors[`outlets.${i}.location`] = "form.tooLong";
    const design = airflow(row.designM3h, 1);
    const measured = airflow(row.measuredM3h, 0);
    if ("error" in design) errors[`outlets.${i}.designM3h`] = design.error;
    if ("error" in measured) errors[`outlets.${i}.measuredM3h`] = measured.error;
    outlets.push({ location: row.location, designM3h: "n" in design ? design.n : 0, measuredM3h: "n" in measured ? measured.n : 0 });
  });
  if (outlets.length === 0) errors.outlets = "acceptanceRecords.self.outletsRequired";
  else if (outlets.length > LIMITS.maxOutlets) errors.outlets = encodeMessage("acceptanceRecords.tooManyRows", { max: LIMITS.maxOutlets });

  let signaturePng: Buffer | null = null;
  const dataUrl = text(object.signature);
  if (dataUrl) {
    const decoded = decodeSignaturePng(dataUrl);
    if ("error" in decoded) errors.signature = decoded.error;
    else signaturePng = decoded.png;
  }

  if (Object.keys(errors).length || !("n" in system.design) || !("n" in system.measured) || hours === null) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    data: {
      inspectedOn: values.inspectedOn,
      foremanName: values.foremanName,
      items,
      trialRunPassed: values.trialRunPassed === "yes",
      trialRunHours: hours,
      trialRunNote: values.trialRunNote,
      systemDesignM3h: system.design.n,
      systemMeasuredM3h: system.measured.n,
      outlets,
      signaturePng,
    },
  };
}
