// The one schema for creating and editing a project's master data (shared by both routes and services).
// The zod-free field helpers the project form component also uses are in project-form-fields.ts.
import { z } from "zod";
import { formDataToObject, parseForm, zAmountFen, zDate, zOptionalDate, zOptionalText, zPositiveInt, zText, type FieldErrors } from "~/lib/forms";
import { equipmentRowCount, finishBeforeStart, MAX_EQUIPMENT_LINES, normaliseProjectForm } from "./project-form-fields";

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

export type ProjectInput = z.infer<typeof projectFormSchema>;

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
