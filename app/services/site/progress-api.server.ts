// How the construction API (progress, notes) turns a refused write into JSON: the same catalogue
// keys as the page, in the caller's language, with the status the page action uses.
import { translate, type Locale } from "~/i18n";
import { apiError, fieldMessages } from "~/lib/api.server";
import type { CoordinationNoteView } from "./notes-list.server";
import type { ProgressEntryView } from "./progress-list.server";
import type { ProgressChart } from "./progress-plan";

export function constructionApiError(locale: Locale, result: { status: number; message?: string; errors: Record<string, string> }): Response {
  if (result.status === 403) return apiError(403, "FORBIDDEN", translate(locale, result.message ?? "error.forbidden"));
  if (result.status === 404) return apiError(404, "NOT_FOUND", translate(locale, "error.notFound"));
  if (result.status === 409) return apiError(409, "CONFLICT", translate(locale, result.message ?? "error.conflict"));
  if (result.status === 413) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"), { fieldErrors: fieldMessages(result.errors, locale) });
  return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(result.errors, locale) });
}

export function progressJson(entries: ProgressEntryView[], chart: ProgressChart, projectId: string) {
  return {
    startOn: chart.start,
    finishOn: chart.finish,
    today: chart.today,
    summary: chart.summary,
    chart: { from: chart.from, to: chart.to, planned: chart.planned, actual: chart.actual },
    entries: entries.map((e) => ({
      id: e.id,
      entryDate: e.entryDate,
      percentComplete: e.percentComplete,
      notes: e.notes,
      createdBy: e.createdBy,
      createdAt: e.createdAt,
      photos: e.photos.map((p) => ({ id: p.id, fileId: p.fileId, caption: p.caption, url: `/files/${p.fileId}` })),
    })),
    url: `/api/v1/projects/${projectId}/progress`,
  };
}

export function notesJson(notes: CoordinationNoteView[]) {
  return { items: notes };
}
