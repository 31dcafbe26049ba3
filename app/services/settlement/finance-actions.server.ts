// The settlement page's workflow intents: the pm submits or revises, finance returns, approves,
// records payments, releases the retention and adds invoices. Events go through
// sendProjectEvent (same path as the API) with the project version the form showed, so finance
// approving while the pm edits ends with one winner and a "changed meanwhile" for the other.
import type { EventType } from "#machines/types";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { addInvoice } from "./invoices.server";
import type { SettlementIntentContext, SettlementIntentResult } from "./settlement-intent";

const EVENTS: Record<string, { type: EventType; notice: string }> = {
  submit: { type: "SUBMIT_SETTLEMENT", notice: "finance.notice.submitted" },
  return: { type: "RETURN_SETTLEMENT", notice: "finance.notice.returned" },
  approve: { type: "APPROVE_SETTLEMENT", notice: "finance.notice.approved" },
  revise: { type: "REVISE_SETTLEMENT", notice: "finance.notice.revised" },
  recordPayment: { type: "RECORD_PAYMENT", notice: "finance.notice.paymentRecorded" },
  releaseRetention: { type: "RELEASE_RETENTION", notice: "finance.notice.retentionReleased" },
};

export const FINANCE_INTENTS = [...Object.keys(EVENTS), "addInvoice"] as const;

const stringValues = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;

/** The `version` hidden field as a number, or undefined when the form did not carry one. */
export function formVersion(form: FormData): number | undefined {
  const raw = form.get("version");
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

export async function handleFinanceIntent(intent: string, ctx: SettlementIntentContext): Promise<SettlementIntentResult | null> {
  if (intent === "addInvoice") {
    const form = await ctx.request.formData();
    const result = await addInvoice(ctx.db, {
      access: ctx.access,
      user: ctx.user,
      input: { number: form.get("number") ?? "", issuedOn: form.get("issuedOn") ?? "", amount: form.get("amount") ?? "" },
    });
    if (result.ok) return { intent, ok: true, notice: "finance.notice.invoiceAdded" };
    return { intent, ok: false, values: stringValues(form), errors: result.errors, formError: result.formError ?? null };
  }

  const event = EVENTS[intent];
  if (!event) return null;
  const form = await ctx.request.formData();
  const result = await sendProjectEvent(ctx.db, {
    projectId: ctx.access.project.id,
    user: ctx.user,
    type: event.type,
    formData: form,
    expectedVersion: formVersion(form),
    info: ctx.info,
    locale: ctx.locale,
  });
  if (result.ok) return { intent, ok: true, notice: event.notice };
  return {
    intent,
    ok: false,
    values: stringValues(form),
    errors: result.fieldErrors ?? {},
    formError: result.fieldErrors ? "form.fixErrors" : result.status === 409 ? "finance.changedMeanwhile" : null,
    // A stale version is said once, by formError; the machine's refusals are shown as they are.
    formErrorText: result.status !== 409 && result.message ? result.message.split("；") : undefined,
  };
}
