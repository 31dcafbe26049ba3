import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client";
import { auditEvents, bidRecommendations, projects } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { zText, zUuid, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { loadQuoteFacts } from "~/services/projects/facts.server";

export const recommendationSchema = z.object({ vendorId: zUuid(), reason: zText(1000) });

export type SaveRecommendationResult =
  | { ok: true }
  | { ok: false; status: 400 | 403 | 409 | 422; errors: FieldErrors; formError?: string; values: Record<string, string> };

/**
 * The pm's written recommendation (推荐意见): which company and why. One per project, replaced on
 * each save. Only the project's own pm, only while bidding, only a company whose latest quote is
 * valid — checked with the project row locked, so a stage change cannot slip in between.
 */
export async function saveRecommendation(
  db: Db,
  user: SessionUser,
  projectId: string,
  input: { vendorId?: unknown; reason?: unknown },
  now = new Date(),
  info: RequestInfo = { ip: "", userAgent: "" },
): Promise<SaveRecommendationResult> {
  const project = await requireVisibleProject(db, user, projectId);
  // Another pm cannot see the project (404 above); a management user can, but may not write it.
  if (project.pmId !== user.id || !user.roles.includes("pm")) {
    if (!user.roles.includes("management") && !user.roles.includes("admin") && !user.roles.includes("finance")) notFound();
    return { ok: false, status: 403, errors: {}, formError: "error.forbidden", values: {} };
  }
  const values = { vendorId: typeof input.vendorId === "string" ? input.vendorId : "", reason: typeof input.reason === "string" ? input.reason.slice(0, 2000) : "" };
  const parsed = recommendationSchema.safeParse(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, status: 400, errors, values };
  }

  return db.transaction(async (tx): Promise<SaveRecommendationResult> => {
    const [locked] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, project.id)).for("update");
    if (locked?.stage !== "bidding") return { ok: false, status: 409, errors: {}, formError: "bidding.recommendation.wrongStage", values };
    const { validQuotes } = await loadQuoteFacts(tx, project.id, shanghaiDate(now.toISOString()));
    if (!validQuotes.some((q) => q.vendorId === parsed.data.vendorId)) {
      return { ok: false, status: 422, errors: { vendorId: "bidding.recommendation.vendorNotValid" }, values };
    }
    const row = { vendorId: parsed.data.vendorId, reason: parsed.data.reason, createdBy: user.id, updatedAt: now };
    await tx
      .insert(bidRecommendations)
      .values({ projectId: project.id, ...row })
      .onConflictDoUpdate({ target: bidRecommendations.projectId, set: row });
    // Management decides on this text: keep who wrote which version, and when.
    await tx.insert(auditEvents).values({
      projectId: project.id,
      actorUserId: user.id,
      actorLabel: user.name,
      role: "pm",
      ip: info.ip,
      userAgent: info.userAgent,
      event: "RECOMMENDATION_SAVED",
      payload: { vendorId: row.vendorId, reason: row.reason },
      at: now,
    });
    return { ok: true };
  });
}
