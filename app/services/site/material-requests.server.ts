// Use case: the pm submits a B.0.6 material/equipment entry request (工程材料/构配件/设备报审表) with a
// certificate per item; in the same transaction the supervisor gets a review task by e-mailed link.
import { z } from "zod";
import type { Db } from "#db/client";
import { files, materialInspectionItems, materialInspections } from "#db/schema";
import { parseForm, zDate, zOptionalText, zText, type FieldErrors } from "~/lib/forms";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { createMaterialReviewTask } from "~/services/review/party-tasks.server";
import { auditQuality, failure, lockConstructionProject, refusalAsFailure, requireQualityProject, typedValues, type QualityFailure } from "./material-access.server";

export const MAX_MATERIAL_ITEMS = 30;
export const ITEM_TEXT_FIELDS = ["name", "spec", "quantity", "placeOfUse"] as const;
export const certificateField = (i: number) => `items[${i}].certificate`;
/** The upload map for readMultipartForm: one certificate (PDF or image) per item row. */
export const MATERIAL_UPLOAD_FIELDS = Object.fromEntries(Array.from({ length: MAX_MATERIAL_ITEMS }, (_, i) => [certificateField(i), ["pdf", "image"] as ("pdf" | "image")[]]));

const header = z.object({
  title: zText(200),
  enteredOn: zDate(),
  placeOfUse: zText(200),
  selfCheck: zText(1000),
});
const item = z.object({ name: zText(200), spec: zOptionalText(200), quantity: zText(60), placeOfUse: zOptionalText(200) });

export interface MaterialRequestInput {
  projectId: string;
  user: SessionUser;
  form: FormData;
  files: Record<string, ReceivedFile[]>;
  uploadErrors: Record<string, string>;
  info?: RequestInfo;
}

export type MaterialRequestResult = { ok: true; id: string; linkSent: boolean } | QualityFailure;

/**
 * Rows are read by their posted index (items[i].…) so a message lands beside the row the user
 * typed; a row left completely empty (no text, no file) is ignored.
 */
function readItems(input: MaterialRequestInput, errors: FieldErrors) {
  const rows: { index: number; data: z.infer<typeof item>; file: ReceivedFile }[] = [];
  for (let i = 0; i < MAX_MATERIAL_ITEMS; i++) {
    const text = Object.fromEntries(ITEM_TEXT_FIELDS.map((f) => [f, String(input.form.get(`items[${i}].${f}`) ?? "")]));
    const file = input.files[certificateField(i)]?.[0];
    const uploadError = input.uploadErrors[certificateField(i)];
    if (Object.values(text).every((v) => !v.trim()) && !file && !uploadError) continue;
    const parsed = item.safeParse(text);
    if (!parsed.success) for (const issue of parsed.error.issues) errors[`items[${i}].${issue.path.join(".")}`] ??= issue.message.includes(".") ? issue.message : "form.required";
    if (!file) errors[certificateField(i)] = uploadError ?? "materials.certificateRequired";
    if (parsed.success && file) rows.push({ index: i, data: parsed.data, file });
  }
  return rows;
}

export async function createMaterialRequest(db: Db, input: MaterialRequestInput): Promise<MaterialRequestResult> {
  const { project, canEdit } = await requireQualityProject(db, input.user, input.projectId);
  const values = typedValues(input.form);
  if (!canEdit) return failure(403, "error.forbidden", {}, values);
  const parsed = parseForm(header, input.form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const rows = readItems(input, errors);
  if (rows.length === 0 && !Object.keys(errors).some((k) => k.startsWith("items["))) errors.items = "materials.itemsRequired";
  if (!parsed.ok || Object.keys(errors).length > 0) return failure(400, "form.fixErrors", errors, values);

  const result = await refusalAsFailure(async () => {
    const out = await db.transaction(async (tx) => {
      const locked = await lockConstructionProject(tx, project.id);
      const [inspection] = await tx
        .insert(materialInspections)
        .values({ projectId: project.id, title: parsed.data.title, enteredOn: parsed.data.enteredOn, placeOfUse: parsed.data.placeOfUse, selfCheck: parsed.data.selfCheck, status: "pending" })
        .returning({ id: materialInspections.id });
      let position = 0;
      for (const row of rows) {
        const f = row.file;
        const [stored] = await tx
          .insert(files)
          .values({ projectId: project.id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, bytes: f.bytes, uploadedBy: input.user.id })
          .returning({ id: files.id });
        await tx.insert(materialInspectionItems).values({ inspectionId: inspection!.id, position: position++, ...row.data, certificateFileId: stored!.id });
      }
      const task = await createMaterialReviewTask(tx, { projectId: project.id, inspectionId: inspection!.id, createdBy: input.user.id });
      await auditQuality(tx, locked, input.user, "MATERIAL_REQUESTED", { inspectionId: inspection!.id, title: parsed.data.title, items: rows.length, linkSent: Boolean(task) }, input.info);
      return { ok: true as const, id: inspection!.id, linkSent: Boolean(task) };
    });
    kickOutbox();
    return out;
  }, values);
  return result;
}
