// The settlement's own rows for each settlement event, written in the event's transaction right
// after the machine accepted it: the statement's status, a new version on revision, the payments.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { payments, settlementLines, settlements, type projects } from "#db/schema";
import type { ProjectContext, ProjectMachineEvent } from "#machines/types";
import { shanghaiDate } from "~/lib/calendar";

type ProjectRow = typeof projects.$inferSelect;
type SettlementRow = typeof settlements.$inferSelect;

/** The newest version of a project's settlement in one of `statuses`. */
export async function latestSettlement(tx: Db, projectId: string, statuses?: SettlementRow["status"][]): Promise<SettlementRow | undefined> {
  const [row] = await tx
    .select()
    .from(settlements)
    .where(statuses ? and(eq(settlements.projectId, projectId), inArray(settlements.status, statuses)) : eq(settlements.projectId, projectId))
    .orderBy(desc(settlements.version))
    .limit(1);
  return row;
}

function must<T>(row: T | undefined, event: string): T {
  if (!row) throw new Error(`${event} accepted without the settlement it acts on`);
  return row;
}

export async function recordSettlementEvent(tx: Db, project: ProjectRow, event: ProjectMachineEvent): Promise<void> {
  const at = new Date(event.at);
  const by = event.actor.userId;
  switch (event.type) {
    case "SUBMIT_SETTLEMENT": {
      const draft = must(await latestSettlement(tx, project.id, ["draft", "returned"]), event.type);
      await tx.update(settlements).set({ status: "submitted", submittedAt: at, updatedAt: at }).where(eq(settlements.id, draft.id));
      return;
    }
    case "RETURN_SETTLEMENT":
    case "APPROVE_SETTLEMENT": {
      const submitted = must(await latestSettlement(tx, project.id, ["submitted"]), event.type);
      const returned = event.type === "RETURN_SETTLEMENT";
      await tx
        .update(settlements)
        .set({ status: returned ? "returned" : "approved", decidedBy: by, decidedAt: at, financeComment: returned ? event.payload.comment : "", updatedAt: at })
        .where(eq(settlements.id, submitted.id));
      return;
    }
    case "REVISE_SETTLEMENT": {
      // The submitted or approved version stays as it was (its PDFs too); the pm edits a copy.
      const current = must(await latestSettlement(tx, project.id, ["submitted", "approved"]), event.type);
      await tx.update(settlements).set({ status: "superseded", updatedAt: at }).where(eq(settlements.id, current.id));
      const { id: _id, version, createdAt: _c, updatedAt: _u, submittedAt: _s, decidedAt: _d, decidedBy: _b, sentToClientAt: _t, ...copy } = current;
      const [next] = await tx
        .insert(settlements)
        .values({ ...copy, version: version + 1, status: "draft", financeComment: "", preparedBy: by ?? copy.preparedBy, createdAt: at, updatedAt: at })
        .returning({ id: settlements.id });
      const lines = await tx.select().from(settlementLines).where(eq(settlementLines.settlementId, current.id)).orderBy(asc(settlementLines.position));
      if (lines.length) await tx.insert(settlementLines).values(lines.map(({ id: _l, settlementId: _sid, ...line }) => ({ ...line, settlementId: next.id })));
      return;
    }
    case "RECORD_PAYMENT": {
      const approved = must(await latestSettlement(tx, project.id, ["approved"]), event.type);
      await tx.insert(payments).values({
        projectId: project.id, settlementId: approved.id, amountFen: event.payload.amountFen,
        receivedOn: event.payload.receivedOn || shanghaiDate(event.at), reference: event.payload.reference ?? "", kind: "progress", recordedBy: by,
      });
      return;
    }
    case "RELEASE_RETENTION": {
      const approved = must(await latestSettlement(tx, project.id, ["approved"]), event.type);
      const context = (project.snapshot as { context?: ProjectContext }).context;
      await tx.insert(payments).values({
        projectId: project.id, settlementId: approved.id, amountFen: context?.retentionFen ?? approved.retentionFen,
        receivedOn: event.payload.receivedOn || shanghaiDate(event.at), reference: event.payload.reference ?? "", kind: "retention", recordedBy: by,
      });
      return;
    }
    default:
      return;
  }
}
