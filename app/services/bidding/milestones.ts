/**
 * The payment milestones' schema (RECORD_CONTRACT). The zod-free rules, constants and amounts the
 * contract form also uses are in milestone-rules.ts, so zod stays out of the browser bundle.
 */
import { z } from "zod";
import { zText } from "~/lib/forms";
import { FULL_BASIS_POINTS, MAX_MILESTONES, MILESTONE_TRIGGERS, parsePercentToBasisPoints } from "./milestone-rules";

const zTrigger = z.enum(MILESTONE_TRIGGERS, { errorMap: () => ({ message: "form.invalidChoice" }) });
const zPercent = z
  .string({ required_error: "form.required" })
  .transform((s, ctx) => {
    if (s.trim() === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.required" });
      return z.NEVER;
    }
    const bp = parsePercentToBasisPoints(s);
    if (bp === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "bidding.contract.percentInvalid" });
      return z.NEVER;
    }
    return bp;
  });

/**
 * The milestone rows as typed (form rows `milestones[i].percent` or a JSON array): each with a
 * trigger, a label and a percent; together exactly 100%. The sum's message sits on `milestones`.
 */
export const zMilestones = () =>
  z
    .array(z.object({ trigger: zTrigger, label: zText(100), percent: zPercent }), {
      required_error: "bidding.contract.milestonesRequired",
      invalid_type_error: "bidding.contract.milestonesRequired",
    })
    .min(1, "bidding.contract.milestonesRequired")
    .max(MAX_MILESTONES, "bidding.contract.milestonesTooMany")
    .superRefine((rows, ctx) => {
      if (rows.reduce((sum, r) => sum + r.percent, 0) !== FULL_BASIS_POINTS) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "bidding.contract.percentSum" });
    });
