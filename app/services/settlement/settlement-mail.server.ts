// The settlement's documents travel with its notices: finance gets both PDFs when the pm submits,
// the client contact (and the pm) when finance approves. Issued inside the event's transaction so
// the attached files are exactly the versions the statement had at that moment.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { settlements, type EmailAttachmentRef, type projects } from "#db/schema";
import { issuePaymentApplication, issueSettlementStatement } from "./settlement-pdfs.server";
import { latestSettlement } from "./settlement-events.server";

type ProjectRow = typeof projects.$inferSelect;

const WITH_DOCUMENTS = new Set(["settlementSubmitted", "settlementApproved"]);

export async function settlementAttachments(tx: Db, project: ProjectRow, template: string): Promise<EmailAttachmentRef[]> {
  if (!WITH_DOCUMENTS.has(template)) return [];
  const version = await latestSettlement(tx, project.id, template === "settlementSubmitted" ? ["submitted"] : ["approved"]);
  if (!version) return [];
  const docs = [
    await issueSettlementStatement(tx, { projectId: project.id, userId: null, settlementId: version.id }),
    await issuePaymentApplication(tx, { projectId: project.id, userId: null, settlementId: version.id }),
  ].filter((d): d is NonNullable<typeof d> => Boolean(d));
  if (template === "settlementApproved") {
    await tx.update(settlements).set({ sentToClientAt: new Date() }).where(and(eq(settlements.id, version.id), inArray(settlements.status, ["approved"])));
  }
  return docs.map((d) => ({ filename: `${d.title}-${d.number}.pdf`, contentType: "application/pdf", fileId: d.fileId }));
}
