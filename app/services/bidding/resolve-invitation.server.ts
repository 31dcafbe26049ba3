// Use case: a vendor opens the e-mailed link. The token is looked up by its hash only; an unknown,
// mutated, revoked or expired token gets the same answer, so the page leaks nothing about tokens.
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "#db/client";
import { companies, projects, quoteInvitations } from "#db/schema";
import { plausibleToken } from "~/lib/public-links.server";
import { sha256Hex } from "~/lib/tokens.server";

export interface ResolvedInvitation {
  invitationId: string;
  projectId: string;
  vendorId: string;
  vendorName: string;
  project: { code: string; name: string; siteAddress: string; clientName: string };
  scope: string;
  drawings: string;
  requirements: string;
  deadline: Date;
}

export type Resolution = { status: "ok"; invitation: ResolvedInvitation } | { status: "invalid" } | { status: "closed" };

const client = alias(companies, "client");

/**
 * ok: the link may be used now. closed: the link is genuine and within its deadline but the project
 * has left bidding (submitted for decision or awarded) — saying "报价已截止" reveals nothing secret.
 */
export async function resolveInvitation(db: Db, token: string | undefined, now = new Date()): Promise<Resolution> {
  if (!plausibleToken(token)) return { status: "invalid" };
  const [row] = await db
    .select({ inv: quoteInvitations, stage: projects.stage, code: projects.code, name: projects.name, siteAddress: projects.siteAddress, clientName: client.name, vendorName: companies.name })
    .from(quoteInvitations)
    .innerJoin(projects, eq(projects.id, quoteInvitations.projectId))
    .innerJoin(companies, eq(companies.id, quoteInvitations.vendorId))
    .innerJoin(client, eq(client.id, projects.clientId))
    .where(eq(quoteInvitations.tokenHash, sha256Hex(token)))
    .limit(1);
  if (!row || row.inv.revokedAt || row.inv.deadline.getTime() <= now.getTime()) return { status: "invalid" };
  if (row.stage !== "bidding") return { status: "closed" };
  return {
    status: "ok",
    invitation: {
      invitationId: row.inv.id,
      projectId: row.inv.projectId,
      vendorId: row.inv.vendorId,
      vendorName: row.vendorName,
      project: { code: row.code, name: row.name, siteAddress: row.siteAddress, clientName: row.clientName },
      scope: row.inv.scope,
      drawings: row.inv.drawings,
      requirements: row.inv.requirements,
      deadline: row.inv.deadline,
    },
  };
}

/** Records that the vendor opened the link (shown to the pm as "已查看"). */
export async function markInvitationOpened(db: Db, invitationId: string, now = new Date()): Promise<void> {
  await db.update(quoteInvitations).set({ lastOpenedAt: now }).where(eq(quoteInvitations.id, invitationId));
}
