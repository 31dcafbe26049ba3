// 施工自检及调试记录: the self-inspection with the trial run and the airflow measurements, replaced
// on each save. `passed` is computed here from what is saved (GB 50411 tolerances), never taken
// from the request; the foreman's drawn signature is stored as a file and kept when none is sent.
import { files, selfInspections } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { sha256Hex } from "~/lib/tokens.server";
import { evaluateCommissioning } from "./commissioning";
import { parseSelfInspection } from "./self-inspection-input.server";
import { editRefusal, failure, writeRecords, type RecordsResult, type RecordsWriteInput } from "./records-write.server";

export async function saveSelfInspection(input: RecordsWriteInput & { object: Record<string, unknown> }): Promise<RecordsResult<{ passed: boolean }>> {
  const now = input.now ?? new Date();
  const parsed = parseSelfInspection(input.object, shanghaiDate(now.toISOString()));
  const values = parsed.values as unknown as Record<string, unknown>;
  const refused = editRefusal(input.access, values);
  if (refused) return refused;
  if (!parsed.ok) return failure(400, "form.fixErrors", { errors: parsed.errors, values });
  const d = parsed.data;
  const { passed } = evaluateCommissioning(d);

  return writeRecords({ ...input, values, reason: "修改了自检记录" }, async (tx, project) => {
    let signatureFileId: string | undefined;
    if (d.signaturePng) {
      const [file] = await tx
        .insert(files)
        .values({ projectId: project.id, name: "施工负责人签名.png", mime: "image/png", size: d.signaturePng.length, sha256: sha256Hex(d.signaturePng), bytes: d.signaturePng, uploadedBy: input.user.id })
        .returning({ id: files.id });
      signatureFileId = file.id;
    }
    const row = {
      passed,
      inspectedOn: d.inspectedOn,
      foremanName: d.foremanName,
      items: d.items,
      trialRunPassed: d.trialRunPassed,
      trialRunHours: d.trialRunHours,
      trialRunNote: d.trialRunNote,
      systemDesignM3h: d.systemDesignM3h,
      systemMeasuredM3h: d.systemMeasuredM3h,
      outlets: d.outlets,
      recordedAt: now,
      recordedBy: input.user.id,
      ...(signatureFileId ? { foremanSignatureFileId: signatureFileId } : {}),
    };
    await tx.insert(selfInspections).values({ projectId: project.id, ...row }).onConflictDoUpdate({ target: selfInspections.projectId, set: row });
    return { passed };
  });
}
