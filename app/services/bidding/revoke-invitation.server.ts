// Use case: the pm revokes an invitation's link, or resends it (revoke + a new link and e-mail, so a
// forwarded or leaked old link stops working at once).
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, companies, contacts, quoteInvitations } from "#db/schema";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { issueInvitation } from "./invite-vendors.server";
import { biddingAccess, lockBiddingProject } from "./list-bidding.server";

export type RevokeResult = { ok: true; resent?: { id: string; token: string; link: string } } | { ok: false; formError: string };

export async function revokeInvitation(
  db: Db,
  user: SessionUser,
  projectId: string,
  invitationId: string,
  opts: { resend?: boolean; deadline?: Date | null; info?: RequestInfo; now?: Date } = {},
): Promise<RevokeResult> {
  if (!/^[0-9a-f-]{36}$/i.test(invitationId)) return { ok: false, formError: "error.notFound" };
  const now = opts.now ?? new Date();
  const result = await db.transaction(async (tx): Promise<RevokeResult> => {
    const locked = await lockBiddingProject(tx, projectId);
    if ("refusal" in locked) return { ok: false as const, formError: locked.refusal };
    const { project } = locked;
    if (biddingAccess(user, project) !== "edit") return { ok: false as const, formError: "error.notFound" };
    const [inv] = await tx
      .select({ inv: quoteInvitations, vendorName: companies.name, contactName: contacts.name })
      .from(quoteInvitations)
      .innerJoin(companies, eq(companies.id, quoteInvitations.vendorId))
      .leftJoin(contacts, eq(contacts.id, quoteInvitations.contactId))
      .where(and(eq(quoteInvitations.id, invitationId), eq(quoteInvitations.projectId, projectId)));
    if (!inv) return { ok: false as const, formError: "error.notFound" };
    if (!opts.resend && inv.inv.revokedAt) return { ok: false as const, formError: "bidding.invite.alreadyRevoked" };
    const deadline = opts.deadline ?? inv.inv.deadline;
    if (opts.resend && deadline.getTime() <= now.getTime()) return { ok: false as const, formError: "bidding.invite.deadlinePast" };
    if (!inv.inv.revokedAt) await tx.update(quoteInvitations).set({ revokedAt: now }).where(eq(quoteInvitations.id, invitationId));
    let resent: { id: string; token: string; link: string } | undefined;
    if (opts.resend) {
      resent = await issueInvitation(
        tx,
        project,
        { id: inv.inv.vendorId, name: inv.vendorName },
        { id: inv.inv.contactId, name: inv.contactName ?? "", email: inv.inv.email },
        { scope: inv.inv.scope, drawings: inv.inv.drawings, requirements: inv.inv.requirements, deadline },
        user.id,
      );
    }
    await tx.insert(auditEvents).values({
      projectId,
      actorUserId: user.id,
      actorLabel: user.name,
      role: "pm",
      ip: opts.info?.ip ?? "",
      userAgent: opts.info?.userAgent ?? "",
      event: opts.resend ? "INVITATION_RESENT" : "INVITATION_REVOKED",
      fromStage: project.stage,
      toStage: project.stage,
      projectVersion: project.version,
      payload: { vendor: inv.vendorName, email: inv.inv.email },
    });
    return { ok: true as const, resent };
  });
  if (result.ok && result.resent) kickOutbox();
  return result;
}
