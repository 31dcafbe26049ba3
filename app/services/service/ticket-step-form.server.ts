// The service page's step form → applyTicketStep: reads the multipart form (resolution photos),
// takes the step and the version from it, and returns what the page shows (errors beside the
// fields with the values kept, or the survey link as a QR code after the customer's confirmation).
import type { Db } from "#db/client";
import type { SessionUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { linkQrDataUrl } from "./link-qr.server";
import { applyTicketStep } from "./ticket-steps.server";

export type StepFormResult =
  | { ok: true; step: string; surveyLink: string | null; surveyQr: string | null; quoteLink: string | null }
  | { ok: false; step: string; status: number; values: Record<string, string>; errors: Record<string, string>; formError: string | null };

export async function handleStepForm(db: Db, { request, ticketId, user, info }: { request: Request; ticketId: string; user: SessionUser; info: { ip: string; userAgent: string } }): Promise<StepFormResult> {
  let upload;
  try {
    upload = await readMultipartForm(request, { photos: ["image"] }, { maxFileBytes: 10 * 1024 * 1024 });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return { ok: false, step: "", status: 413, values: {}, errors: { photos: "upload.tooLarge" }, formError: null };
    throw error;
  }
  const values = Object.fromEntries([...upload.form.entries()].filter(([k, v]) => typeof v === "string" && k !== "signature").map(([k, v]) => [k, String(v).slice(0, 4000)]));
  const step = values.step ?? "";
  const result = await applyTicketStep(db, {
    ticketId, user, step, expectedVersion: values.version,
    input: { ...values, signature: String(upload.form.get("signature") ?? "") },
    photos: upload.files.photos ?? [], uploadErrors: upload.errors, info,
  });
  if (!result.ok) return { ok: false, step, status: result.status, values, errors: result.errors, formError: result.formError ?? (Object.keys(result.errors).length ? "form.fixErrors" : null) };
  return { ok: true, step, surveyLink: result.surveyLink, surveyQr: result.surveyLink ? await linkQrDataUrl(result.surveyLink) : null, quoteLink: result.quoteLink };
}
