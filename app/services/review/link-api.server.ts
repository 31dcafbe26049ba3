// The signing links through /api/v1: the same task, the same checks and the same decision as the
// page /r/<token>, for a party whose own system (or a script) drives the signature. The token
// from the e-mail is the credential; every request counts against the same per-IP limit.
import type { Db } from "#db/client";
import { translate, type Locale } from "~/i18n";
import { apiError, apiOk, fieldMessages } from "~/lib/api.server";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import type { RequestInfo } from "~/lib/request-info.server";
import { sniffMime, type ReceivedFile } from "~/lib/uploads.server";
import { decideTask } from "./decide-task.server";
import { markTaskOpened, resolveReviewTask, type ProjectRow, type ReviewTaskRow } from "./review-tasks.server";
import { readSignatureForm } from "./signature-input.server";
import { loadTaskView, type TaskView } from "./task-view.server";

const MAX_SEAL_BYTES = 5 * 1024 * 1024;

type Gated = { refused: Response } | { refused?: undefined; task: ReviewTaskRow; project: ProjectRow; view: TaskView };

async function gate(db: Db, token: string | undefined, info: RequestInfo, locale: Locale): Promise<Gated> {
  const ip = info.ip || "unknown";
  if (await tooManyFailedAttempts(db, "review-link", ip)) return { refused: apiError(429, "RATE_LIMITED", translate(locale, "link.rateLimited")) };
  const resolved = await resolveReviewTask(db, token);
  const view = resolved.ok ? await loadTaskView(db, resolved.task, resolved.project) : null;
  if (!resolved.ok || !view) {
    await recordFailedAttempt(db, "review-link", ip);
    return { refused: apiError(404, "LINK_INVALID", translate(locale, "link.invalid")) };
  }
  return { task: resolved.task, project: resolved.project, view };
}

export async function linkView(db: Db, token: string | undefined, info: RequestInfo, locale: Locale): Promise<Response> {
  const gated = await gate(db, token, info, locale);
  if (gated.refused) return gated.refused;
  const { task, project, view } = gated;
  await markTaskOpened(db, task.id);
  return apiOk({
    task: { kind: task.kind, party: task.party, recipientName: task.recipientName, organisation: task.organisation, expiresAt: task.expiresAt.toISOString() },
    project: { code: project.code, name: project.name },
    view: { kind: view.kind, content: view.content, opinions: view.opinions, contentHash: view.hash },
  });
}

/**
 * JSON {contentHash, decision: approved|rejected, opinion, signerName, signerRole, signaturePng
 * (data:image/png;base64,…) or typedSignature, seal?: {filename, base64}}. A rejection of an
 * acceptance lists one item to rectify per line of `opinion`.
 */
export async function linkDecide(db: Db, token: string | undefined, body: Record<string, unknown>, info: RequestInfo, locale: Locale): Promise<Response> {
  const gated = await gate(db, token, info, locale);
  if (gated.refused) return gated.refused;
  const { task, project } = gated;
  if (task.kind === "rectificationIssue") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
  const form = new FormData();
  for (const key of ["decision", "opinion", "signerName", "signerRole", "typedSignature"]) if (typeof body[key] === "string") form.set(key, body[key] as string);
  if (typeof body.signaturePng === "string") form.set("signature", body.signaturePng);
  const files: Record<string, ReceivedFile[]> = {};
  const uploadErrors: Record<string, string> = {};
  const seal = body.seal as { filename?: unknown; base64?: unknown } | undefined;
  if (seal && typeof seal.base64 === "string") {
    const bytes = Buffer.from(seal.base64, "base64");
    const name = typeof seal.filename === "string" ? seal.filename.slice(0, 100) : "seal.png";
    const mime = bytes.length <= MAX_SEAL_BYTES ? await sniffMime(bytes, name, ["image"]) : null;
    if (!mime) uploadErrors.seal = bytes.length > MAX_SEAL_BYTES ? "upload.tooLarge" : "review.seal.badType";
    else files.seal = [{ field: "seal", name, mime, bytes, size: bytes.length, sha256: "" }];
  }
  const read = readSignatureForm(form, files, uploadErrors);
  if (!read.ok) return apiError(422, "VALIDATION", translate(locale, "form.fixErrors"), { fieldErrors: fieldMessages(read.errors, locale) });
  const result = await decideTask(db, { task, project, shownHash: typeof body.contentHash === "string" ? body.contentHash : "", signature: read.data, info });
  if (result.ok) return apiOk({ ok: true, outcome: result.outcome });
  if (result.formError === null) return apiError(422, "VALIDATION", translate(locale, "form.fixErrors"), { fieldErrors: fieldMessages(result.errors, locale) });
  const status = result.formError === "review.alreadyDecided" ? 409 : result.formError === "link.invalid" ? 404 : 409;
  return apiError(status, result.formError.replace(/\W/g, "_").toUpperCase(), translate(locale, result.formError, "formParams" in result ? result.formParams : undefined));
}
