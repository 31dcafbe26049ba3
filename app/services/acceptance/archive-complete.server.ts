// 竣工资料归档: the pm files the archive once the project is accepted (ARCHIVE, handover only; the
// machine refuses while a checklist item has no file). The index is issued right after, carrying
// the archiving date and name, so the archive is fixed as it was filed.
import type { Db } from "#db/client";
import type { Locale } from "~/i18n";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { DocumentRow } from "~/services/documents/issue-document.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { refusalsText } from "~/services/projects/refusal-text";
import type { AcceptanceAccess } from "./acceptance-access.server";
import { prepareProjectArchive } from "./archive-bundle.server";

export type ArchiveCompleteResult =
  | { ok: true; index: DocumentRow | null }
  | { ok: false; status: 403 | 409 | 422; formError: string | null; formErrorText: string[] };

export async function completeArchive(
  db: Db,
  input: { access: AcceptanceAccess; user: SessionUser; info: RequestInfo; locale: Locale },
): Promise<ArchiveCompleteResult> {
  const { access, user } = input;
  if (!access.isPm) return { ok: false, status: 403, formError: "acceptanceArchive.archive.notPm", formErrorText: [] };
  if (access.project.stage !== "handover") return { ok: false, status: 409, formError: "acceptanceArchive.archive.notHandover", formErrorText: [] };
  const result = await applyEvent(db, {
    projectId: access.project.id,
    type: "ARCHIVE",
    payload: {},
    actor: { userId: user.id, role: "pm", label: user.name },
    info: input.info,
  });
  if (!result.ok) {
    const status = result.kind === "conflict" ? 409 : 422;
    return { ok: false, status, formError: null, formErrorText: refusalsText(result.refusals, input.locale) };
  }
  // Outside the event's transaction: the stage has moved whatever happens here, and the index is
  // issued again (same data, same document) on every download anyway.
  const prepared = await prepareProjectArchive(db, { projectId: access.project.id, userId: user.id });
  return { ok: true, index: prepared?.index ?? null };
}
