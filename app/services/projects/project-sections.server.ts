import type { projects } from "#db/schema";
import { seesAllProjects } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";

type ProjectRow = typeof projects.$inferSelect;
export type ProjectSection = "overview" | "bidding" | "comparison" | "contract" | "survey" | "entry" | "construction" | "materials" | "rectifications" | "acceptance" | "settlement" | "warranty";

const ORDER = ["bidding", "awaitingDecision", "contracting", "survey", "entry", "entryReview", "construction", "acceptanceReview", "handover", "closed"];

/** True once the project has reached `stage` (a cancelled project shows nothing past bidding). */
function reached(project: ProjectRow, stage: string): boolean {
  const at = ORDER.indexOf(project.stage);
  return at >= 0 && at >= ORDER.indexOf(stage);
}

/**
 * The project's pages this user may open. Quotes and the comparison show every company's prices,
 * so only the project's own pm and our staff (management, finance, admin) get them — never the
 * invited supervisor, client or designer.
 */
export function projectSections(user: SessionUser, project: ProjectRow): ProjectSection[] {
  const insider = (user.roles.includes("pm") && project.pmId === user.id) || (seesAllProjects(user) && !isServiceOnly(user));
  // Service staff: the project and its warranty (units, card, contracts, tickets), nothing of the bids.
  if (isServiceOnly(user)) return reached(project, "handover") ? ["overview", "warranty"] : ["overview"];
  if (!insider) return ["overview"];
  const sections: ProjectSection[] = ["overview", "bidding", "comparison"];
  if (reached(project, "contracting")) sections.push("contract");
  if (reached(project, "survey")) sections.push("survey");
  if (reached(project, "entry")) sections.push("entry");
  if (reached(project, "construction")) sections.push("construction", "materials", "rectifications", "acceptance");
  if (reached(project, "handover")) sections.push("settlement", "warranty");
  return sections;
}

/** After-sales service staff see every project for tickets, but have no business with bids. */
function isServiceOnly(user: SessionUser): boolean {
  return user.roles.every((r) => r === "service");
}

/** Events whose inputs need a page of their own (a file, milestone rows): the project page links there. */
export const EVENT_PAGES: Partial<Record<string, ProjectSection>> = {
  RECORD_CONTRACT: "contract",
  SUBMIT_FOR_DECISION: "comparison",
  COMPLETE_SURVEY: "survey",
  SUBMIT_COMMENCEMENT: "entry",
  REQUEST_ACCEPTANCE: "acceptance",
  REVISE_ACCEPTANCE: "acceptance",
  ARCHIVE: "acceptance",
  SUBMIT_SETTLEMENT: "settlement",
  RETURN_SETTLEMENT: "settlement",
  APPROVE_SETTLEMENT: "settlement",
  REVISE_SETTLEMENT: "settlement",
  RECORD_PAYMENT: "settlement",
  RELEASE_RETENTION: "settlement",
};

export function sectionPath(projectId: string, section: ProjectSection): string {
  return section === "overview" ? `/projects/${projectId}` : `/projects/${projectId}/${section}`;
}
