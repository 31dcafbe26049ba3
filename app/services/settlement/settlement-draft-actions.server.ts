// The settlement page's draft intent (?intent=saveDraft): read the posted form, save the draft,
// answer with a notice or the refused form (values kept, messages beside the fields).
import { formDataToObject } from "~/lib/forms";
import type { SettlementIntentContext, SettlementIntentResult } from "./settlement-intent";
import { saveSettlementDraft } from "./settlement-save.server";

export const SETTLEMENT_DRAFT_INTENTS = ["saveDraft"] as const;

/** null when the intent is not the draft's (the page tries the next handler). */
export async function handleSettlementDraftIntent(intent: string, ctx: SettlementIntentContext): Promise<SettlementIntentResult | null> {
  if (intent !== "saveDraft") return null;
  const { object } = formDataToObject(await ctx.request.formData());
  const expected = typeof object.settlementUpdatedAt === "string" ? object.settlementUpdatedAt : undefined;
  const result = await saveSettlementDraft(ctx.db, { access: ctx.access, user: ctx.user, input: object, expectedUpdatedAt: expected });
  if (result.ok) return { intent, ok: true, notice: "settlement.saved" };
  return { intent, ok: false, values: result.values, errors: result.errors, formError: result.formError };
}
