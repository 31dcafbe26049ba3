// The acceptance as one JSON document for /api/v1 (the page shows the same data).
import type { Db } from "#db/client";
import type { Locale } from "~/i18n";
import { translate } from "~/i18n";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { acceptanceAccessFor } from "./acceptance-access.server";
import { acceptanceDates, loadAcceptanceDocuments, loadAcceptanceRound, loadPreconditions } from "./acceptance-page.server";
import { loadArchiveChecklist } from "./archive-checklist-load.server";
import { loadAcceptanceRecords } from "./records-load.server";

export async function loadAcceptanceSummary(db: Db, user: SessionUser, projectId: string, locale: Locale) {
  const project = await requireVisibleProject(db, user, projectId);
  if (!projectSections(user, project).includes("acceptance")) notFound();
  const access = acceptanceAccessFor(user, project);
  const [preconditions, records, archiveChecklist, round, documents] = await Promise.all([
    loadPreconditions(db, project.id, locale),
    loadAcceptanceRecords(db, project.id),
    loadArchiveChecklist(db, project.id),
    loadAcceptanceRound(db, access),
    loadAcceptanceDocuments(db, project.id),
  ]);
  return {
    projectId: project.id,
    stage: project.stage,
    version: project.version,
    editable: access.editRefusal === null,
    preconditions: preconditions.map((p) => ({ key: p.key, met: p.met, detail: translate(locale, p.detail.key, p.detail.params) })),
    ...records,
    archiveChecklist,
    round,
    documents: documents.map((d) => ({ ...d, verifyUrl: `/v/${d.shortCode}` })),
    ...acceptanceDates(project),
  };
}
