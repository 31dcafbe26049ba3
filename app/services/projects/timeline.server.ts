import { count, desc, eq, max } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, type projects } from "#db/schema";
import { STAGE_LABELS, SUBSTATE_LABELS } from "#machines/labels";
import { STAGES, type Stage } from "#machines/types";
import type { Locale } from "~/i18n";

type ProjectRow = typeof projects.$inferSelect;

export interface TimelineStep {
  stage: Stage;
  label: string;
  reachedAt: string | null;
  current: boolean;
  done: boolean;
}

/**
 * Every stage in order, with when it was (last) reached. A cancelled project shows the path up to
 * where it stopped, then "cancelled"; otherwise "cancelled" is not shown at all.
 */
export async function getProjectTimeline(db: Db, project: ProjectRow, locale: Locale = "zh-CN"): Promise<TimelineStep[]> {
  const reached = await db
    .select({ stage: auditEvents.toStage, at: max(auditEvents.at) })
    .from(auditEvents)
    .where(eq(auditEvents.projectId, project.id))
    .groupBy(auditEvents.toStage);
  const when = new Map(reached.map((r) => [r.stage, r.at ? new Date(r.at).toISOString() : null]));
  const current = project.stage as Stage;
  const context = (project.snapshot as { context?: { cancelledFrom?: Stage | null } } | null)?.context;
  const pathEnd = current === "cancelled" ? (context?.cancelledFrom ?? "bidding") : current;
  const endIndex = STAGES.indexOf(pathEnd);
  const stages = STAGES.filter((s) => (current === "cancelled" ? STAGES.indexOf(s) <= endIndex || s === "cancelled" : s !== "cancelled"));
  return stages.map((stage) => {
    const index = STAGES.indexOf(stage);
    const isCurrent = stage === current;
    const done = !isCurrent && (current === "cancelled" ? stage !== "cancelled" && index <= endIndex : index < endIndex);
    return {
      stage,
      label: STAGE_LABELS[stage][locale],
      reachedAt: isCurrent ? project.stageChangedAt.toISOString() : done ? (when.get(stage) ?? null) : null,
      current: isCurrent,
      done,
    };
  });
}

/** The handover regions' current substates, e.g. [{region:'settlement', label:'待财务审核'}]. */
export function handoverRegions(project: ProjectRow, locale: Locale = "zh-CN"): { region: string; state: string; label: string }[] {
  const value = (project.snapshot as { value?: unknown } | null)?.value;
  if (!value || typeof value !== "object" || !("handover" in value)) return [];
  const regions = (value as { handover: Record<string, string> }).handover;
  return Object.entries(regions).map(([region, state]) => ({
    region,
    state,
    label: SUBSTATE_LABELS[`handover.${region}.${state}`]?.[locale] ?? state,
  }));
}

export async function listAuditEvents(db: Db, projectId: string, { limit = 50, offset = 0 } = {}) {
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(auditEvents).where(eq(auditEvents.projectId, projectId)).orderBy(desc(auditEvents.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(auditEvents).where(eq(auditEvents.projectId, projectId)),
  ]);
  return { rows, total };
}
