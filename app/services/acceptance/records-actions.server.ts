// The acceptance page's record intents (?intent=completion|selfInspection|addUnit|removeUnit):
// read the posted form, run the use case, answer with a notice or the refused form.
import { formDataToObject } from "~/lib/forms";
import { saveCompletion } from "./completion-save.server";
import type { IntentContext, IntentResult } from "./intent-result";
import type { RecordsResult } from "./records-write.server";
import { saveSelfInspection } from "./self-inspection-save.server";
import { addInstalledUnit, removeInstalledUnit } from "./units-save.server";

export const RECORDS_INTENTS = ["completion", "selfInspection", "addUnit", "removeUnit"] as const;

const NOTICES: Record<(typeof RECORDS_INTENTS)[number], string> = {
  completion: "acceptanceRecords.completion.saved",
  selfInspection: "acceptanceRecords.self.saved",
  addUnit: "acceptanceRecords.unit.added",
  removeUnit: "acceptanceRecords.unit.removed",
};

/** null when the intent is not one of the records' (the page tries the next handler). */
export async function handleRecordsIntent(intent: string, ctx: IntentContext): Promise<IntentResult | null> {
  if (!(RECORDS_INTENTS as readonly string[]).includes(intent)) return null;
  const name = intent as (typeof RECORDS_INTENTS)[number];
  const { object } = formDataToObject(await ctx.request.formData());
  const input = { db: ctx.db, access: ctx.access, user: ctx.user, info: ctx.info, locale: ctx.locale };
  const result: RecordsResult =
    name === "completion" ? await saveCompletion({ ...input, object })
    : name === "selfInspection" ? await saveSelfInspection({ ...input, object })
    : name === "addUnit" ? await addInstalledUnit({ ...input, object })
    : await removeInstalledUnit({ ...input, unitId: typeof object.id === "string" ? object.id : "" });
  return intentResult(name, result);
}

export function intentResult(intent: (typeof RECORDS_INTENTS)[number], result: RecordsResult): IntentResult {
  if (result.ok) return { intent, ok: true, notice: result.revised ? "acceptanceRecords.savedRevised" : NOTICES[intent] };
  return {
    intent,
    ok: false,
    values: result.values,
    errors: result.errors,
    formError: result.formError,
    ...(result.formErrorText ? { formErrorText: result.formErrorText } : {}),
  };
}
