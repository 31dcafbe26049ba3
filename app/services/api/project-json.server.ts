import type { Db } from "#db/client";
import { fenToInput } from "~/lib/money";
import type { Locale } from "~/i18n";
import type { SessionUser } from "~/lib/session.server";
import { getProjectDetail } from "~/services/projects/get-project.server";
import { getProjectEventsView } from "~/services/projects/project-events.server";
import { handoverRegions } from "~/services/projects/timeline.server";
import type { ProjectListRow } from "~/services/projects/list-projects.server";

/** One project as the API shows it: master data, stage and sub-states, and what this caller may do next. */
export async function projectJson(db: Db, user: SessionUser, projectId: string, locale: Locale) {
  const { project, parties, equipment } = await getProjectDetail(db, user, projectId);
  const events = await getProjectEventsView(db, project, user, locale);
  // A stored snapshot the machine cannot read (corrupt, or from another machine version) must
  // still give the project's master data: read its parts defensively; `events` says it is refused.
  const stored = project.snapshot as { value?: unknown; context?: Record<string, unknown> | null } | null;
  const snapshot = { value: stored?.value ?? null, context: typeof stored?.context === "object" && stored.context ? stored.context : {} };
  return {
    id: project.id,
    code: project.code,
    name: project.name,
    stage: project.stage,
    state: snapshot.value,
    handover: handoverRegions(project, locale),
    version: project.version,
    machineVersion: project.machineVersion,
    client: { id: project.clientId, name: parties.clientName },
    pm: { id: project.pmId, name: parties.pmName },
    supervisionCompany: project.supervisionCompanyId ? { id: project.supervisionCompanyId, name: parties.supervisionName } : null,
    designCompany: project.designCompanyId ? { id: project.designCompanyId, name: parties.designName } : null,
    siteAddress: project.siteAddress,
    clientContract: {
      number: project.clientContractNo,
      amountFen: project.clientContractAmountFen,
      amount: fenToInput(project.clientContractAmountFen),
      signedOn: project.clientContractSignedOn,
    },
    plannedStartOn: project.plannedStartOn,
    plannedFinishOn: project.plannedFinishOn,
    dates: {
      startedOn: snapshot.context.startedOn ?? null,
      acceptedOn: snapshot.context.acceptedOn ?? null,
      warrantyEndsOn: snapshot.context.warrantyEndsOn ?? null,
    },
    equipment,
    events,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}

export function projectListItemJson(row: ProjectListRow) {
  return { ...row, clientContractAmount: fenToInput(row.clientContractAmountFen) };
}
