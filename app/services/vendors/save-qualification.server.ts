import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { companyQualifications, files } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import type { ReceivedFile } from "~/lib/uploads.server";
import type { QualificationInput } from "./vendor-form.server";

export type SaveQualificationResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/**
 * Adds or replaces the company's qualification of one kind. A first one needs its scan; a
 * replacement may keep the current scan (e.g. only the expiry date was renewed). The replaced row
 * and a replaced scan are deleted in the same transaction, so a kind has exactly one current row.
 */
export async function saveQualification(
  db: Db,
  args: { vendorId: string; input: QualificationInput; file: ReceivedFile | undefined; userId: string | null },
): Promise<SaveQualificationResult> {
  const { vendorId, input, file } = args;
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: companyQualifications.id, fileId: companyQualifications.fileId, createdAt: companyQualifications.createdAt })
      .from(companyQualifications)
      .where(and(eq(companyQualifications.companyId, vendorId), eq(companyQualifications.kind, input.kind)));
    const latest = [...existing].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    if (!file && !latest?.fileId) return { ok: false, errors: { file: "upload.empty" } } as const;

    let fileId = latest?.fileId ?? null;
    if (file) {
      const [stored] = await tx
        .insert(files)
        .values({ projectId: null, name: file.name, mime: file.mime, size: file.size, sha256: file.sha256, bytes: file.bytes, uploadedBy: args.userId })
        .returning({ id: files.id });
      fileId = stored.id;
    }
    if (existing.length > 0) {
      await tx.delete(companyQualifications).where(inArray(companyQualifications.id, existing.map((r) => r.id)));
      const orphans = existing.map((r) => r.fileId).filter((id): id is string => !!id && id !== fileId);
      if (orphans.length > 0) await tx.delete(files).where(inArray(files.id, orphans));
    }
    const [row] = await tx
      .insert(companyQualifications)
      .values({ companyId: vendorId, kind: input.kind, number: input.number, expiresOn: input.expiresOn, fileId })
      .returning({ id: companyQualifications.id });
    return { ok: true, id: row.id } as const;
  });
}
