import { z } from "zod";
import type { EventType } from "#machines/types";
import { zAmountFen, zDate, zOptionalText, zText, zUuid } from "~/lib/forms";
import { withAmounts } from "~/services/bidding/milestone-rules";
import { zMilestones } from "~/services/bidding/milestones";

/** An input an event needs from the person sending it (the page draws it; the API documents it). */
export interface EventField {
  name: string;
  kind: "text" | "textarea" | "amount" | "date" | "vendor" | "file" | "items" | "milestones";
  labelKey: string;
  required: boolean;
}

const empty = z.object({}).strip();
/** HH:MM on the 24-hour clock, 09:30 when not given. */
const zTime = () => z.string().trim().default("09:30").refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), "form.invalidTime");
const acceptanceFields: EventField[] = [
  { name: "acceptanceDate", kind: "date", labelKey: "acceptance.date", required: true },
  { name: "startTime", kind: "text", labelKey: "acceptance.startTime", required: false },
  { name: "place", kind: "text", labelKey: "acceptance.place", required: false },
];
const reason = z.object({ reason: zText(1000) });

/**
 * What a person may say with each event. Everything else a guard needs (quotes, certificates,
 * signatures…) is loaded from the database by facts.server.ts, never taken from the request.
 */
export const EVENT_PAYLOADS: { [T in EventType]: { schema: z.ZodTypeAny; fields: EventField[] } } = {
  SUBMIT_FOR_DECISION: { schema: empty, fields: [] },
  AWARD: {
    schema: z.object({ vendorId: zUuid(), reason: zOptionalText(1000) }),
    fields: [
      { name: "vendorId", kind: "vendor", labelKey: "projects.event.vendor", required: true },
      { name: "reason", kind: "textarea", labelKey: "projects.event.awardReason", required: false },
    ],
  },
  REOPEN_BIDDING: { schema: reason, fields: [{ name: "reason", kind: "textarea", labelKey: "common.reason", required: true }] },
  RECORD_CONTRACT: {
    // Milestones: percents (two decimals) summing to exactly 100%, returned with basis points and
    // their amounts in fen (the last takes the rounding remainder) — see bidding/milestone-rules.ts.
    schema: z
      .object({ contractNo: zText(100), amount: zAmountFen(), signedOn: zDate(), fileId: zUuid(), milestones: zMilestones() })
      .transform(({ amount, milestones, ...rest }) => ({ ...rest, amountFen: amount, milestones: withAmounts(milestones, amount) })),
    fields: [
      { name: "contractNo", kind: "text", labelKey: "projects.event.contractNo", required: true },
      { name: "amount", kind: "amount", labelKey: "projects.event.contractAmount", required: true },
      { name: "signedOn", kind: "date", labelKey: "projects.event.signedOn", required: true },
      { name: "fileId", kind: "file", labelKey: "projects.event.contractFile", required: true },
      { name: "milestones", kind: "milestones", labelKey: "bidding.contract.milestones", required: true },
    ],
  },
  COMPLETE_SURVEY: { schema: empty, fields: [] },
  SUBMIT_COMMENCEMENT: { schema: empty, fields: [] },
  APPROVE_COMMENCEMENT: {
    schema: z.object({ opinion: zOptionalText(2000) }),
    fields: [{ name: "opinion", kind: "textarea", labelKey: "common.comment", required: false }],
  },
  REJECT_COMMENCEMENT: {
    schema: z.object({ comment: zText(2000) }),
    fields: [{ name: "comment", kind: "textarea", labelKey: "common.comment", required: true }],
  },
  // Time and place go with the calendar invitation; only the date matters to the machine.
  REQUEST_ACCEPTANCE: {
    schema: z.object({ acceptanceDate: zDate(), startTime: zTime(), place: zOptionalText(200) }),
    fields: acceptanceFields,
  },
  REVISE_ACCEPTANCE: {
    schema: z.object({ reason: zText(1000), acceptanceDate: zDate(), startTime: zTime(), place: zOptionalText(200) }),
    fields: [{ name: "reason", kind: "textarea", labelKey: "common.reason", required: true }, ...acceptanceFields],
  },
  SIGN: {
    schema: z.object({ opinion: zOptionalText(2000) }),
    fields: [{ name: "opinion", kind: "textarea", labelKey: "common.comment", required: false }],
  },
  REJECT_ACCEPTANCE: {
    // One item per line in the form; an array in the API.
    schema: z.object({
      items: z
        .union([z.array(z.string()), z.string()])
        .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n/)).map((s) => s.trim()).filter(Boolean))
        .refine((v) => v.length > 0, "form.required"),
    }),
    fields: [{ name: "items", kind: "items", labelKey: "projects.event.rectifyItems", required: true }],
  },
  CANCEL: { schema: reason, fields: [{ name: "reason", kind: "textarea", labelKey: "common.reason", required: true }] },
  SUBMIT_SETTLEMENT: { schema: empty, fields: [] },
  RETURN_SETTLEMENT: {
    schema: z.object({ comment: zText(2000) }),
    fields: [{ name: "comment", kind: "textarea", labelKey: "common.comment", required: true }],
  },
  APPROVE_SETTLEMENT: { schema: empty, fields: [] },
  RECORD_PAYMENT: {
    schema: z
      .object({ amount: zAmountFen(), receivedOn: zDate(), reference: zOptionalText(100) })
      .transform(({ amount, ...rest }) => ({ amountFen: amount, ...rest })),
    fields: [
      { name: "amount", kind: "amount", labelKey: "projects.event.paymentAmount", required: true },
      { name: "receivedOn", kind: "date", labelKey: "projects.event.receivedOn", required: true },
      { name: "reference", kind: "text", labelKey: "projects.event.paymentReference", required: false },
    ],
  },
  RELEASE_RETENTION: {
    schema: z.object({ receivedOn: zDate(), reference: zOptionalText(100) }),
    fields: [
      { name: "receivedOn", kind: "date", labelKey: "projects.event.receivedOn", required: true },
      { name: "reference", kind: "text", labelKey: "projects.event.paymentReference", required: false },
    ],
  },
  REVISE_SETTLEMENT: { schema: reason, fields: [{ name: "reason", kind: "textarea", labelKey: "common.reason", required: true }] },
  ARCHIVE: { schema: empty, fields: [] },
  TICK: { schema: empty, fields: [] },
};
