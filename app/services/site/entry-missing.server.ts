import type { Db } from "#db/client";
import type { projects } from "#db/schema";
import { explain } from "#machines/runtime";
import type { ProjectMachineEvent } from "#machines/types";
import type { Locale } from "~/i18n";
import type { SessionUser } from "~/lib/session.server";
import { loadFacts } from "~/services/projects/facts.server";
import { actorFor } from "~/services/projects/project-events.server";
import { refusalsText } from "~/services/projects/refusal-text";

/**
 * What SUBMIT_COMMENCEMENT would still refuse, asked of the machine itself — except the expired
 * items and the missing planned start, which the page lists in detail on its own.
 */
export async function commencementMissing(db: Db, project: typeof projects.$inferSelect, user: SessionUser, locale: Locale): Promise<string[]> {
  const actor = await actorFor(db, user, project, "SUBMIT_COMMENCEMENT");
  if (!actor) return [];
  const now = new Date();
  const facts = await loadFacts(db, project, "SUBMIT_COMMENCEMENT", {}, now);
  const event = { type: "SUBMIT_COMMENCEMENT", at: now.toISOString(), actor, payload: {}, facts } as unknown as ProjectMachineEvent;
  const refusals = explain(project.snapshot, event).filter((r) => r.code !== "EXPIRED_BY_START" && r.code !== "PLANNED_START_MISSING");
  return refusalsText(refusals, locale);
}
