// The one schema for creating and editing a project's master data (shared by both routes and services).
import { z } from "zod";
import { compareDates, isValidDate } from "~/lib/calendar";
import { formDataToObject, parseForm, zAmountFen, zDate, zOptionalDate, zOptionalText, zPositiveInt, zText, type FieldErrors } from "~/lib/forms";

/** An optional select: "" → null, anything else must be a uuid. */
const zOptionalId = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s), "form.invalidChoice");
const zRequiredId = () =>
  z
    .string({ required_error: "form.invalidChoice" })
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "form.invalidChoice");

export const MAX_EQUIPMENT_LINES = 200;

export const equipmentLineSchema = z.object({
  model: zText(200),
  quantity: zPositiveInt(1_000_000),
  location: zText(200),
});

export const projectFormSchema = z
  .object({
    code: zText(40).refine((s) => /^[\p{L}\p{N}_\-./]+$/u.test(s), "projects.form.codeInvalid"),
    name: zText(200),
    clientId: zRequiredId(),
    siteAddress: zText(300),
    clientContractNo: zText(80),
    clientContractAmount: zAmountFen(),
    clientContractSignedOn: zDate(),
    /** Ignored for a pm who is not admin: the service assigns the pm itself. */
    pmId: zOptionalId(),
    supervisionCompanyId: zOptionalId(),
    designCompanyId: zOptionalId(),
    plannedStartOn: zOptionalDate(),
    plannedFinishOn: zOptionalDate(),
    /** Edit only: the updatedAt the form was loaded with, to refuse overwriting a newer edit. */
    loadedAt: zOptionalText(40),
    equipment: z
      .array(equipmentLineSchema, { required_error: "projects.form.equipmentRequired" })
      .min(1, "projects.form.equipmentRequired")
      .max(MAX_EQUIPMENT_LINES, "form.tooLong"),
  })
  .superRefine((v, ctx) => {
    if (finishBeforeStart(v.plannedStartOn, v.plannedFinishOn)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["plannedFinishOn"], message: "form.dateAfter" });
    }
  });

/** Planned finish before planned start (both valid dates). */
export function finishBeforeStart(start: string | null | undefined, finish: string | null | undefined): boolean {
  const s = start?.trim();
  const f = finish?.trim();
  return !!s && !!f && isValidDate(s) && isValidDate(f) && compareDates(f, s) < 0;
}

export type ProjectInput = z.infer<typeof projectFormSchema>;

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

export type ReadProjectForm =
  | { kind: "redraw"; values: Record<string, string> }
  | { kind: "invalid"; values: Record<string, string>; errors: FieldErrors }
  | { kind: "valid"; values: Record<string, string>; data: ProjectInput };

/**
 * Reads a posted create/edit form. `intent=addLine` / `intent=removeLine:<i>` (the buttons that work
 * without JavaScript) only redraw the form with a row more or less; anything else validates it.
 */
export function readProjectForm(formData: FormData): ReadProjectForm {
  const intent = String(formData.get("intent") ?? "save");
  const remove = /^removeLine:(\d+)$/.exec(intent);
  const normalised = normaliseProjectForm(formData, remove ? { removeLine: Number(remove[1]) } : {});
  if (intent === "addLine" || remove) {
    const { values } = formDataToObject(normalised);
    if (intent === "addLine") {
      const n = equipmentRowCount(values);
      for (const field of ["model", "quantity", "location"]) values[`equipment[${n}].${field}`] = "";
    }
    return { kind: "redraw", values };
  }
  const parsed = parseForm(projectFormSchema, normalised);
  if (!parsed.ok) {
    // zod skips the object-level date check when another field failed: report it anyway.
    const errors = { ...parsed.errors };
    if (!errors.plannedFinishOn && finishBeforeStart(parsed.values.plannedStartOn, parsed.values.plannedFinishOn)) errors.plannedFinishOn = "form.dateAfter";
    return { kind: "invalid", values: parsed.values, errors };
  }
  return { kind: "valid", values: formDataToObject(normalised).values, data: parsed.data };
}
