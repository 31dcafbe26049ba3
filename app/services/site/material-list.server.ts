// What the materials page and GET /materials show: every B.0.6 request, its items and certificates,
// the supervisor's decision, the pm's resolution of a rejection, and the state of the review link.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, files, materialInspectionItems, materialInspections, reviewTasks } from "#db/schema";
import { taskStatus, type ReviewTaskStatus } from "~/services/review/task-types";

export interface MaterialListRow {
  id: string;
  title: string;
  enteredOn: string | null;
  placeOfUse: string;
  selfCheck: string;
  status: "pending" | "approved" | "rejected";
  decisionComment: string;
  decidedAt: string | null;
  rejectionResolvedAt: string | null;
  resolutionNote: string;
  createdAt: string;
  items: { name: string; spec: string; quantity: string; placeOfUse: string; certificateFileId: string | null; certificateName: string }[];
  task: { id: string; recipientName: string; recipientEmail: string; status: ReviewTaskStatus; expiresAt: string } | null;
}

export async function listMaterialInspections(db: Db, projectId: string, now = new Date()): Promise<MaterialListRow[]> {
  const rows = await db.select().from(materialInspections).where(eq(materialInspections.projectId, projectId)).orderBy(desc(materialInspections.createdAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await db
    .select({ item: materialInspectionItems, certificateName: files.name })
    .from(materialInspectionItems)
    .leftJoin(files, eq(files.id, materialInspectionItems.certificateFileId))
    .where(inArray(materialInspectionItems.inspectionId, ids))
    .orderBy(asc(materialInspectionItems.position));
  const tasks = await db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.projectId, projectId), eq(reviewTasks.kind, "materialInspection"), inArray(reviewTasks.subjectId, ids)))
    .orderBy(desc(reviewTasks.createdAt));
  // The resolution note has no column of its own: it is the audit row written when the pm resolved it.
  const resolutions = await db
    .select({ payload: auditEvents.payload })
    .from(auditEvents)
    .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.event, "MATERIAL_REJECTION_RESOLVED")));
  const notes = new Map<string, string>();
  for (const r of resolutions) {
    const p = r.payload as { inspectionId?: string; note?: string };
    if (p.inspectionId) notes.set(p.inspectionId, p.note ?? "");
  }
  return rows.map((r) => {
    const task = tasks.find((t) => t.subjectId === r.id);
    return {
      id: r.id,
      title: r.title,
      enteredOn: r.enteredOn,
      placeOfUse: r.placeOfUse,
      selfCheck: r.selfCheck,
      status: r.status,
      decisionComment: r.decisionComment,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      rejectionResolvedAt: r.rejectionResolvedAt?.toISOString() ?? null,
      resolutionNote: notes.get(r.id) ?? "",
      createdAt: r.createdAt.toISOString(),
      items: items
        .filter((i) => i.item.inspectionId === r.id)
        .map((i) => ({ name: i.item.name, spec: i.item.spec, quantity: i.item.quantity, placeOfUse: i.item.placeOfUse, certificateFileId: i.item.certificateFileId, certificateName: i.certificateName ?? "" })),
      task: task
        ? { id: task.id, recipientName: task.recipientName, recipientEmail: task.recipientEmail, status: taskStatus(task, now), expiresAt: task.expiresAt.toISOString() }
        : null,
    };
  });
}
