// The acceptance page's archive intents: `archiveUpload` (one checklist file, multipart) and
// `archive` (竣工资料归档). Null for any other intent, so the page can try the next handler.
import { completeArchive } from "./archive-complete.server";
import { receiveArchiveUpload } from "./archive-upload.server";
import type { IntentContext, IntentResult } from "./intent-result";

export const ARCHIVE_INTENTS = ["archiveUpload", "archive"] as const;

export async function handleArchiveIntent(intent: string, ctx: IntentContext): Promise<IntentResult | null> {
  switch (intent) {
    case "archiveUpload": {
      const result = await receiveArchiveUpload(ctx.db, { access: ctx.access, user: ctx.user, info: ctx.info, locale: ctx.locale, request: ctx.request });
      if (!result.ok) {
        return { intent, ok: false, values: { kind: result.kind }, errors: result.errors, formError: result.formError, formErrorText: result.formErrorText };
      }
      return { intent, ok: true, notice: result.revised ? "acceptanceArchive.uploadedRevised" : "acceptanceArchive.uploaded" };
    }
    case "archive": {
      const result = await completeArchive(ctx.db, { access: ctx.access, user: ctx.user, info: ctx.info, locale: ctx.locale });
      if (!result.ok) return { intent, ok: false, values: {}, errors: {}, formError: result.formError, formErrorText: result.formErrorText };
      return { intent, ok: true, notice: "acceptanceArchive.archive.done" };
    }
    default:
      return null;
  }
}
