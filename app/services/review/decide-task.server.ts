// A task's decision: the signature and the change it signs for (stage change, material decision,
// verdict, new notice) commit together in one transaction or not at all. The task row is locked
// first, so a second submission of the same task waits and then finds it decided.
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { reviewTasks, signatures } from "#db/schema";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { AlreadyDecidedError, decideMaterialInspection } from "~/services/site/material-decision.server";
import { issueRectificationByLink, verifyRectificationReply } from "~/services/site/rectification-link.server";
import { AlreadyDecided, InvalidSignature, recordSignature, contentSha256 } from "./record-signature.server";
import type { ProjectRow, ReviewTaskRow } from "./review-tasks.server";
import type { SignatureInput } from "./signature-input.server";
import { loadTaskView } from "./task-view.server";

export interface NoticeInput {
  number: string;
  subject: string;
  content: string;
  deadlineOn: string;
}

export type DecideResult =
  | { ok: true; outcome: "approved" | "rejected" | "issued"; rectificationId?: string }
  | { ok: false; formError: "review.alreadyDecided" | "review.contentChanged" | "review.notAwaiting" | "review.acceptanceNotYet" | "link.invalid"; errors?: Record<string, string>; formParams?: Record<string, string> }
  | { ok: false; formError: null; errors: Record<string, string> };

class Stop extends Error {
  constructor(readonly result: Extract<DecideResult, { ok: false }>) {
    super("stop");
  }
}

export async function decideTask(
  db: Db,
  input: { task: ReviewTaskRow; project: ProjectRow; shownHash: string; signature: SignatureInput; notice?: NoticeInput; info: RequestInfo; now?: Date },
): Promise<DecideResult> {
  const at = input.now ?? new Date();
  const { signature: sig, info } = input;
  try {
    const result = await db.transaction(async (tx): Promise<DecideResult> => {
      const [task] = await tx.select().from(reviewTasks).where(eq(reviewTasks.id, input.task.id)).for("update");
      if (!task || task.revokedAt || task.expiresAt.getTime() <= at.getTime()) throw new Stop({ ok: false, formError: "link.invalid" });
      if (task.decidedAt) throw new Stop({ ok: false, formError: "review.alreadyDecided" });
      const view = await loadTaskView(tx, task, input.project);
      if (!view) throw new Stop({ ok: false, formError: "link.invalid" });
      if (view.hash !== input.shownHash) throw new Stop({ ok: false, formError: "review.contentChanged" });
      const base = {
        task, projectId: input.project.id, documentKind: view.documentKind as string, documentVersion: view.documentVersion, content: view.content as unknown,
        decision: sig.decision, opinion: sig.opinion, signerName: sig.signerName, signerRole: sig.signerRole, organisation: task.organisation,
        signaturePng: sig.signaturePng, typedSignature: sig.typedSignature, sealImage: sig.sealImage, ip: info.ip, userAgent: info.userAgent, at,
      };

      if (view.kind === "commencement") {
        const label = `${sig.signerName}（${task.organisation}）`;
        const party = task.party === "client" ? "client" : "supervisor";
        const applied = await applyEvent(
          tx,
          {
            projectId: input.project.id,
            type: sig.decision === "approved" ? "APPROVE_COMMENCEMENT" : "REJECT_COMMENCEMENT",
            payload: sig.decision === "approved" ? { opinion: sig.opinion } : { comment: sig.opinion },
            actor: { userId: null, role: party, party, label },
            info,
            at,
            record: async (rtx) => void (await recordSignature(rtx, base)),
          },
          { tx },
        );
        if (!applied.ok) throw new Stop({ ok: false, formError: "review.notAwaiting" });
        return { ok: true, outcome: sig.decision };
      }

      if (view.kind === "acceptance") {
        const label = `${sig.signerName}（${task.organisation}）`;
        const party = task.party;
        // A rejection's opinion lists the items to fix, one per line: they become rectification notices.
        const items = sig.opinion.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
        const applied = await applyEvent(
          tx,
          {
            projectId: input.project.id,
            type: sig.decision === "approved" ? "SIGN" : "REJECT_ACCEPTANCE",
            payload: sig.decision === "approved" ? { opinion: sig.opinion } : { items },
            actor: { userId: null, role: party, party, label },
            info,
            at,
            record: async (rtx) => void (await recordSignature(rtx, base)),
          },
          { tx },
        );
        if (!applied.ok) {
          const early = applied.refusals.find((r) => r.code === "ACCEPTANCE_DATE_NOT_REACHED");
          if (early) throw new Stop({ ok: false, formError: "review.acceptanceNotYet", formParams: { date: String(early.params?.date ?? "") } });
          throw new Stop({ ok: false, formError: "review.notAwaiting" });
        }
        return { ok: true, outcome: sig.decision };
      }

      if (view.kind === "materialInspection") {
        if (!view.pending) throw new Stop({ ok: false, formError: "review.alreadyDecided" });
        await decideMaterialInspection(tx, { inspectionId: view.content.inspection.id, decision: sig.decision, comment: sig.opinion, signerName: sig.signerName, now: at });
        await recordSignature(tx, base);
        return { ok: true, outcome: sig.decision };
      }

      if (view.kind === "rectificationVerification") {
        if (!view.pending) throw new Stop({ ok: false, formError: "review.alreadyDecided" });
        await verifyRectificationReply(tx, { replyId: view.content.reply.id, verdict: sig.decision === "approved" ? "accepted" : "rejected", comment: sig.opinion, verifierName: sig.signerName, now: at });
        await recordSignature(tx, base);
        return { ok: true, outcome: sig.decision };
      }

      // rectificationIssue: a standing link; the signature covers the notice as issued.
      const notice = input.notice!;
      const content = { ...view.content, notice: { number: notice.number, subject: notice.subject, content: notice.content, deadlineOn: notice.deadlineOn } };
      const hash = contentSha256(content);
      const [same] = await tx.select({ id: signatures.id }).from(signatures).where(and(eq(signatures.taskId, task.id), eq(signatures.contentSha256, hash))).limit(1);
      if (same) throw new Stop({ ok: false, formError: "review.alreadyDecided" });
      const rectificationId = await issueRectificationByLink(tx, { projectId: input.project.id, number: notice.number || undefined, subject: notice.subject, content: notice.content, deadlineOn: notice.deadlineOn, issuedBy: `${sig.signerName}（${task.organisation}）` });
      await recordSignature(tx, { ...base, content, decision: "approved", standing: true });
      await tx.update(reviewTasks).set({ decision: "issued", openedAt: task.openedAt ?? at }).where(eq(reviewTasks.id, task.id));
      return { ok: true, outcome: "issued", rectificationId };
    });
    kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Stop) return error.result;
    if (error instanceof AlreadyDecided || error instanceof AlreadyDecidedError) return { ok: false, formError: "review.alreadyDecided" };
    if (error instanceof InvalidSignature) return { ok: false, formError: null, errors: { [error.field]: error.messageKey } };
    throw error;
  }
}
