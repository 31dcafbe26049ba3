import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { acceptancePlans, bidDecisions, contractMilestones, vendorContracts, type projects } from "#db/schema";
import { recordSettlementEvent } from "~/services/settlement/settlement-events.server";
import type { PersistedProjectSnapshot } from "#machines/runtime";
import type { ProjectMachineEvent } from "#machines/types";

/**
 * Rows that are the event itself (the contract recorded, the payment received), written right
 * after the machine accepted it, in the same transaction. Keeping them here means the API and the
 * page cannot record a contract without the stage moving, or the other way round.
 */
export async function recordEventOwnRows(tx: Db, project: typeof projects.$inferSelect, event: ProjectMachineEvent, next: PersistedProjectSnapshot): Promise<void> {
  switch (event.type) {
    case "REQUEST_ACCEPTANCE":
    case "REVISE_ACCEPTANCE": {
      // The agreed meeting, and a new round: signatures of earlier rounds no longer count.
      const plan = { agreedDate: event.payload.acceptanceDate, startTime: String((event.payload as { startTime?: string }).startTime ?? "09:30"), place: String((event.payload as { place?: string }).place ?? ""), updatedAt: new Date(event.at) };
      await tx
        .insert(acceptancePlans)
        .values({ projectId: project.id, ...plan, round: 1 })
        .onConflictDoUpdate({ target: acceptancePlans.projectId, set: { ...plan, round: sql`${acceptancePlans.round} + 1` } });
      return;
    }
    case "AWARD":
    case "REOPEN_BIDDING":
      await tx.insert(bidDecisions).values({
        projectId: project.id,
        kind: event.type === "AWARD" ? "award" : "reopen",
        vendorId: event.type === "AWARD" ? event.payload.vendorId : null,
        reason: event.payload.reason ?? "",
        decidedBy: event.actor.userId,
        decidedAt: new Date(event.at),
      });
      return;
    case "RECORD_CONTRACT": {
      const vendorId = next.context.awardedVendorId;
      if (!vendorId) throw new Error("RECORD_CONTRACT accepted without an awarded vendor");
      const [contract] = await tx
        .insert(vendorContracts)
        .values({
          projectId: project.id,
          vendorId,
          contractNo: event.payload.contractNo,
          amountFen: event.payload.amountFen,
          signedOn: event.payload.signedOn,
          fileId: event.payload.fileId,
          createdBy: event.actor.userId,
        })
        .returning({ id: vendorContracts.id });
      // Payment milestones come validated (sum 100%, amounts summing to the contract amount) from
      // event-payloads.ts; older callers (seed) may send none.
      const milestones = (event.payload as { milestones?: { trigger: (typeof contractMilestones.$inferInsert)["trigger"]; label: string; basisPoints: number; amountFen: number }[] }).milestones ?? [];
      if (milestones.length > 0) {
        await tx.insert(contractMilestones).values(milestones.map((m, position) => ({ contractId: contract!.id, position, trigger: m.trigger, label: m.label, basisPoints: m.basisPoints, amountFen: m.amountFen })));
      }
      return;
    }
    case "SUBMIT_SETTLEMENT":
    case "RETURN_SETTLEMENT":
    case "APPROVE_SETTLEMENT":
    case "REVISE_SETTLEMENT":
    case "RECORD_PAYMENT":
    case "RELEASE_RETENTION":
      await recordSettlementEvent(tx, project, event);
      return;
    default:
      return;
  }
}
