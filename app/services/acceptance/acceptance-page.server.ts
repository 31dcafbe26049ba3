// What the acceptance page shows: the preconditions with their evidence, the records, the
// request, the round in progress (plan, links, signatures), the documents and, once accepted,
// the warranty clock.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { acceptancePlans, documents, materialInspections, rectifications, reviewTasks } from "#db/schema";
import type { ProjectContext } from "#machines/types";
import { archiveLabel } from "~/services/projects/archive-checklist";
import { loadAcceptancePreconditions } from "~/services/projects/facts.server";
import { taskStatus } from "~/services/review/task-types";
import type { Locale } from "~/i18n";
import type { AcceptanceAccess } from "./acceptance-access.server";
import { loadAcceptanceSigners } from "./acceptance-content.server";

export interface Precondition {
  key: "designItems" | "selfInspection" | "rectifications" | "archive" | "materials";
  met: boolean;
  /** Catalogue key + params describing the evidence or what is missing. */
  detail: { key: string; params?: Record<string, string> };
  href: string;
}

export async function loadPreconditions(db: Db, projectId: string, locale: Locale): Promise<Precondition[]> {
  const f = await loadAcceptancePreconditions(db, projectId);
  const [rect] = await db.select({ n: count() }).from(rectifications).where(eq(rectifications.projectId, projectId));
  const [mats] = await db.select({ n: count() }).from(materialInspections).where(eq(materialInspections.projectId, projectId));
  const base = `/projects/${projectId}`;
  return [
    { key: "designItems", met: f.designItemsComplete, detail: { key: f.designItemsComplete ? "acceptance.pre.designItems.met" : "acceptance.pre.designItems.missing" }, href: "#completion" },
    {
      key: "selfInspection", met: f.selfInspection.recorded && f.selfInspection.passed,
      detail: { key: !f.selfInspection.recorded ? "acceptance.pre.selfInspection.missing" : f.selfInspection.passed ? "acceptance.pre.selfInspection.passed" : "acceptance.pre.selfInspection.failed" },
      href: "#self-inspection",
    },
    {
      key: "rectifications", met: f.openRectifications === 0,
      detail: { key: f.openRectifications === 0 ? "acceptance.pre.rectifications.met" : "acceptance.pre.rectifications.open", params: { total: String(rect?.n ?? 0), open: String(f.openRectifications) } },
      href: `${base}/rectifications`,
    },
    {
      key: "archive", met: f.archiveMissing.length === 0,
      detail: f.archiveMissing.length === 0 ? { key: "acceptance.pre.archive.met" } : { key: "acceptance.pre.archive.missing", params: { documents: f.archiveMissing.map((k) => archiveLabel(k, locale)).join("、") } },
      href: "#archive-checklist",
    },
    {
      key: "materials", met: f.pendingMaterialInspections === 0 && f.unresolvedRejectedMaterialInspections === 0,
      detail: { key: "acceptance.pre.materials.detail", params: { total: String(mats?.n ?? 0), pending: String(f.pendingMaterialInspections), rejected: String(f.unresolvedRejectedMaterialInspections) } },
      href: `${base}/materials`,
    },
  ];
}

export interface AcceptanceTaskRow {
  id: string;
  party: string;
  recipientName: string;
  recipientEmail: string;
  status: string;
  decision: string | null;
  sentAt: string;
  openedAt: string | null;
  decidedAt: string | null;
}

/** The round in progress: plan, links of the round (latest per party first), signatures. */
export async function loadAcceptanceRound(db: Db, access: AcceptanceAccess) {
  const projectId = access.project.id;
  const [plan] = await db.select().from(acceptancePlans).where(eq(acceptancePlans.projectId, projectId));
  if (!plan) return null;
  const now = new Date();
  // Recipients' addresses are for our staff only (the page is insiders-only, but keep it explicit).
  const tasks = await db.select().from(reviewTasks).where(and(eq(reviewTasks.projectId, projectId), eq(reviewTasks.kind, "acceptance"))).orderBy(desc(reviewTasks.createdAt)).limit(30);
  const signers = await loadAcceptanceSigners(db, projectId, plan.round);
  return {
    plan: { date: plan.agreedDate, startTime: plan.startTime, place: plan.place, round: plan.round },
    tasks: tasks.map((t): AcceptanceTaskRow => ({
      id: t.id, party: t.party, recipientName: t.recipientName, recipientEmail: t.recipientEmail, status: taskStatus(t, now), decision: t.decision,
      sentAt: t.createdAt.toISOString(), openedAt: t.openedAt?.toISOString() ?? null, decidedAt: t.decidedAt?.toISOString() ?? null,
    })),
    signers: signers.map((s) => ({ party: s.party, decision: s.decision, opinion: s.opinion, signerName: s.signerName, signerRole: s.signerRole, organisation: s.organisation, signedAt: s.signedAt, voided: s.voided })),
  };
}

/** Current issued acceptance documents (application, certificate, archive index), for links. */
export async function loadAcceptanceDocuments(db: Db, projectId: string) {
  const rows = await db
    .select({ kind: documents.kind, number: documents.number, version: documents.version, shortCode: documents.shortCode, createdAt: documents.createdAt })
    .from(documents)
    .where(and(eq(documents.projectId, projectId), isNull(documents.supersededAt)));
  return rows
    .filter((r) => ["acceptanceApplication", "completion", "archiveIndex"].includes(r.kind))
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export function acceptanceDates(project: AcceptanceAccess["project"]) {
  const ctx = (project.snapshot as { context?: ProjectContext } | null)?.context;
  return { acceptedOn: ctx?.acceptedOn ?? null, warrantyEndsOn: ctx?.warrantyEndsOn ?? null, startedOn: ctx?.startedOn ?? null, lastRejection: ctx?.lastRejection ?? null };
}
