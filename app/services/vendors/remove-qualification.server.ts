import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { companyQualifications, files } from "#db/schema";

/** Removes one qualification and its scan; the company id in the WHERE stops cross-company ids. */
export async function removeQualification(db: Db, vendorId: string, qualificationId: string): Promise<"removed" | "notFound"> {
  if (!/^[0-9a-f-]{36}$/i.test(qualificationId)) return "notFound";
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(companyQualifications)
      .where(and(eq(companyQualifications.id, qualificationId), eq(companyQualifications.companyId, vendorId)))
      .returning({ fileId: companyQualifications.fileId });
    if (!row) return "notFound" as const;
    if (row.fileId) await tx.delete(files).where(eq(files.id, row.fileId));
    return "removed" as const;
  });
}
