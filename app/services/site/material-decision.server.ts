// The supervisor's side of a B.0.6 material/equipment entry request, called by the review link flow
// (app/services/review) inside its own transaction: read the request, then approve or reject it once.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { materialInspectionItems, materialInspections } from "#db/schema";

/** A second decision (another tab, a replayed link, a race) on something already decided. */
export class AlreadyDecidedError extends Error {
  constructor(what = "decision") {
    super(`already decided: ${what}`);
    this.name = "AlreadyDecidedError";
  }
}

export interface MaterialInspectionView {
  id: string;
  projectId: string;
  title: string;
  enteredOn: string | null;
  placeOfUse: string;
  selfCheck: string;
  status: "pending" | "approved" | "rejected";
  decisionComment: string;
  decidedAt: Date | null;
  items: { name: string; spec: string; quantity: string; placeOfUse: string; certificateFileId: string | null }[];
}

export async function loadMaterialInspection(db: Db, inspectionId: string): Promise<MaterialInspectionView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(inspectionId)) return null;
  const [row] = await db.select().from(materialInspections).where(eq(materialInspections.id, inspectionId));
  if (!row) return null;
  const items = await db
    .select({
      name: materialInspectionItems.name,
      spec: materialInspectionItems.spec,
      quantity: materialInspectionItems.quantity,
      placeOfUse: materialInspectionItems.placeOfUse,
      certificateFileId: materialInspectionItems.certificateFileId,
    })
    .from(materialInspectionItems)
    .where(eq(materialInspectionItems.inspectionId, inspectionId))
    .orderBy(asc(materialInspectionItems.position));
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    enteredOn: row.enteredOn,
    placeOfUse: row.placeOfUse,
    selfCheck: row.selfCheck,
    status: row.status,
    decisionComment: row.decisionComment,
    decidedAt: row.decidedAt,
    items,
  };
}

/**
 * Compare-and-set from 'pending': of two simultaneous decisions exactly one updates the row; the
 * other finds 0 rows and throws, so the caller's transaction (task use-up, signature) rolls back.
 * signerName is not stored here: the link flow records the signature row with name and organisation.
 */
export async function decideMaterialInspection(
  tx: Db,
  input: { inspectionId: string; decision: "approved" | "rejected"; comment: string; signerName: string; now?: Date },
): Promise<void> {
  const updated = await tx
    .update(materialInspections)
    .set({ status: input.decision, decisionComment: input.comment.trim().slice(0, 2000), decidedAt: input.now ?? new Date() })
    .where(and(eq(materialInspections.id, input.inspectionId), eq(materialInspections.status, "pending")))
    .returning({ id: materialInspections.id });
  if (updated.length === 0) throw new AlreadyDecidedError("materialInspection");
}
