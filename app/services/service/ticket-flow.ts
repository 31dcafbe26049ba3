// The ticket's steps from assignment to closing: which step may be taken in which status, by whom,
// with which input, and the coverage decision (free warranty / maintenance contract / paid).
// Pure: the pages, the API and the step service all ask this module, so they cannot disagree.
import { addDays, compareDates, isValidDate } from "~/lib/calendar";
import { parseAmountToFen } from "~/lib/money";
import { CAUSE_CATEGORIES, EXCLUSIONS, type Coverage, type ExclusionCode, type TicketStatus } from "./vocabulary";

export const TICKET_STEPS = ["assign", "contact", "diagnose", "quote", "schedule", "arrive", "resolve", "confirm", "survey", "close"] as const;
export type TicketStep = (typeof TICKET_STEPS)[number];

export function isTicketStep(value: unknown): value is TicketStep {
  return typeof value === "string" && (TICKET_STEPS as readonly string[]).includes(value);
}

/** Roles that move tickets; the project's pm may only read them. */
export const TICKET_ACTOR_ROLES = ["service", "management"] as const;

export function canActOnTickets(roles: readonly string[]): boolean {
  return roles.some((r) => (TICKET_ACTOR_ROLES as readonly string[]).includes(r));
}

/** Days after the customer's confirmation when service may close a ticket the customer did not rate. */
export const SURVEY_WAIT_DAYS = 7;
/** Longest validity of a paid-work quote. */
export const QUOTE_MAX_DAYS = 60;

/** What the flow needs to know about a ticket. */
export interface FlowTicket {
  status: TicketStatus | string;
  coverage: Coverage | null;
  /** The latest quote's decision (paid work), null when none is decided yet. */
  quoteDecision: "accepted" | "declined" | null;
  confirmedAt: Date | null;
}

/** Statuses in which the ticket can still be (re-)assigned to another technician. */
const ASSIGNABLE: readonly string[] = ["received", "assigned", "contacted", "diagnosed", "quoted", "scheduled", "onSite"];

/**
 * Why a step may not be taken now (a message key), or null when it may. `now` matters only for
 * closing a confirmed ticket the customer did not rate (after SURVEY_WAIT_DAYS).
 */
export function stepRefusal(step: TicketStep, t: FlowTicket, roles: readonly string[], now: Date = new Date()): string | null {
  if (step === "survey") return "serviceFlow.refused.surveyByCustomer";
  if (!canActOnTickets(roles)) return "serviceFlow.refused.role";
  const s = t.status;
  const ok = (() => {
    switch (step) {
      case "assign":
        return ASSIGNABLE.includes(s);
      case "contact":
        return s === "assigned";
      case "diagnose":
        return s === "contacted";
      case "quote":
        // A new quote after a declined or lapsed one is allowed until one is accepted.
        return t.coverage === "paid" && (s === "diagnosed" || (s === "quoted" && t.quoteDecision !== "accepted"));
      case "schedule":
        return (s === "diagnosed" && (t.coverage === "warranty" || t.coverage === "contract")) || (s === "quoted" && t.quoteDecision === "accepted") || s === "scheduled";
      case "arrive":
        return s === "scheduled";
      case "resolve":
        return s === "onSite";
      case "confirm":
        return s === "resolved";
      case "close":
        return s === "surveyed" || s === "confirmed" || (s === "quoted" && t.quoteDecision === "declined");
    }
  })();
  if (!ok) {
    if (step === "schedule" && s === "diagnosed" && t.coverage === "paid") return "serviceFlow.refused.quoteFirst";
    if (step === "schedule" && s === "quoted") return "serviceFlow.refused.quoteNotAccepted";
    return "serviceFlow.refused.notNow";
  }
  if (step === "close" && s === "confirmed" && t.confirmedAt && now.getTime() < t.confirmedAt.getTime() + SURVEY_WAIT_DAYS * 86_400_000) return "serviceFlow.close.tooEarly";
  return null;
}

/** The steps staff may take now, in flow order (the page shows the first as the main form). */
export function allowedSteps(t: FlowTicket, roles: readonly string[], now: Date = new Date()): TicketStep[] {
  return TICKET_STEPS.filter((step) => stepRefusal(step, t, roles, now) === null);
}

/** The status a step leads to (assign keeps a later status; schedule and quote may repeat). */
export function statusAfter(step: TicketStep, from: string): TicketStatus {
  switch (step) {
    case "assign":
      return from === "received" ? "assigned" : (from as TicketStatus);
    case "contact":
      return "contacted";
    case "diagnose":
      return "diagnosed";
    case "quote":
      return "quoted";
    case "schedule":
      return "scheduled";
    case "arrive":
      return "onSite";
    case "resolve":
      return "resolved";
    case "confirm":
      return "confirmed";
    case "survey":
      return "surveyed";
    case "close":
      return "closed";
  }
}

// ---------------------------------------------------------------------------------------------
// Coverage

export interface CoverageInput {
  /** The project's last day under warranty; null when the project has none (not accepted). */
  warrantyEndsOn: string | null;
  /** Today in Asia/Shanghai. */
  today: string;
  /** The exclusion staff chose (004 三 2.1–2.7), or null. */
  exclusion: ExclusionCode | null;
  /** The maintenance contract covering today, if any. */
  contract: { id: string; number?: string } | null;
}

export interface CoverageDecision {
  coverage: Coverage;
  /** The exclusion recorded with the ticket ("expired" is implied after the last day). */
  exclusion: ExclusionCode | null;
  maintenanceContractId: string | null;
  underWarranty: boolean;
  /** Inside the warranty, paid work needs a named exclusion. */
  exclusionRequired: boolean;
}

/**
 * Free inside the warranty unless an exclusion applies; then a maintenance contract covering
 * today; otherwise paid. After the last day the "expired" exclusion is implied and recorded.
 */
export function coverageDecision({ warrantyEndsOn, today, exclusion, contract }: CoverageInput): CoverageDecision {
  const underWarranty = Boolean(warrantyEndsOn && isValidDate(warrantyEndsOn) && compareDates(today, warrantyEndsOn) <= 0);
  const named = exclusion && exclusion !== "expired" ? exclusion : null;
  const base = { underWarranty, exclusionRequired: underWarranty };
  if (named) return { ...base, coverage: "paid", exclusion: named, maintenanceContractId: null };
  if (underWarranty) return { ...base, coverage: "warranty", exclusion: null, maintenanceContractId: null };
  if (contract) return { ...base, coverage: "contract", exclusion: null, maintenanceContractId: contract.id };
  return { ...base, coverage: "paid", exclusion: warrantyEndsOn ? "expired" : null, maintenanceContractId: null };
}

/**
 * Whether the coverage staff chose agrees with the decision the server computes; a forged or
 * mistaken "warranty" on an expired warranty is refused, never silently corrected.
 */
export function coverageRefusal(chosen: Coverage, d: CoverageDecision): string | null {
  if (chosen === d.coverage) return null;
  if (chosen === "warranty") return d.underWarranty ? "serviceFlow.coverage.exclusionNotFree" : "serviceFlow.coverage.expiredNotFree";
  if (chosen === "contract") return d.coverage === "warranty" ? "serviceFlow.coverage.underWarranty" : d.exclusion && d.exclusion !== "expired" ? "serviceFlow.coverage.exclusionNotFree" : "serviceFlow.coverage.noContract";
  // chosen paid
  return d.coverage === "warranty" ? "serviceFlow.coverage.exclusionRequired" : "serviceFlow.coverage.contractCovers";
}

// ---------------------------------------------------------------------------------------------
// Step input (the same reading for the page's form and the API's JSON)

export type Raw = Record<string, unknown>;

export type StepData =
  | { step: "assign"; assignedTo: string }
  | { step: "contact"; note: string }
  | { step: "diagnose"; diagnosis: string; coverage: Coverage; exclusion: ExclusionCode | null }
  | { step: "quote"; amountFen: number; items: string; validUntil: string; email: string }
  | { step: "schedule"; scheduledFor: Date }
  | { step: "arrive" }
  | { step: "resolve"; causeCategory: string; partsReplaced: string; minutesSpent: number; resolution: string }
  | { step: "confirm"; signerName: string; signature: string }
  | { step: "survey" }
  | { step: "close"; reason: string };

export type StepRead = { ok: true; data: StepData } | { ok: false; errors: Record<string, string> };

const str = (raw: Raw, key: string, max: number) => (typeof raw[key] === "string" ? (raw[key] as string) : raw[key] == null ? "" : String(raw[key])).replace(/\r\n/g, "\n").trim().slice(0, max);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "2026-03-05T14:30" from a datetime-local field is Beijing time; an ISO instant with a zone (API)
 * is taken as it is. Null when it is neither.
 */
export function parseLocalDateTime(value: string): Date | null {
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (local) {
    if (!isValidDate(local[1]) || Number(local[2]) > 23 || Number(local[3]) > 59) return null;
    return new Date(`${local[1]}T${local[2]}:${local[3]}:${local[4] ?? "00"}+08:00`);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  return null;
}

/** Reads and checks the input of one step; `today` (Asia/Shanghai) bounds a quote's validity. */
export function readStepInput(step: TicketStep, raw: Raw, { today, now = new Date() }: { today: string; now?: Date }): StepRead {
  const errors: Record<string, string> = {};
  const required = (key: string, max: number) => {
    const v = str(raw, key, max);
    if (!v) errors[key] = "form.required";
    return v;
  };
  let data: StepData;
  switch (step) {
    case "assign": {
      const assignedTo = str(raw, "assignedTo", 40);
      if (!UUID.test(assignedTo)) errors.assignedTo = assignedTo ? "form.invalidChoice" : "form.required";
      data = { step, assignedTo };
      break;
    }
    case "contact":
      data = { step, note: required("note", 2000) };
      break;
    case "diagnose": {
      const diagnosis = required("diagnosis", 4000);
      const coverage = str(raw, "coverage", 20);
      if (!["warranty", "contract", "paid"].includes(coverage)) errors.coverage = "serviceFlow.coverage.choose";
      const exclusionRaw = str(raw, "exclusion", 40);
      const exclusion = exclusionRaw ? (EXCLUSIONS.find((e) => e.code === exclusionRaw)?.code ?? null) : null;
      if (exclusionRaw && !exclusion) errors.exclusion = "form.invalidChoice";
      data = { step, diagnosis, coverage: coverage as Coverage, exclusion };
      break;
    }
    case "quote": {
      const amount = parseAmountToFen(str(raw, "amount", 40));
      if (!amount.ok) errors.amount = amount.error;
      else if (amount.fen <= 0) errors.amount = "serviceFlow.quote.amountPositive";
      const items = required("items", 4000);
      const validUntil = str(raw, "validUntil", 10);
      if (!validUntil) errors.validUntil = "form.required";
      else if (!isValidDate(validUntil)) errors.validUntil = "form.invalidDate";
      else if (compareDates(validUntil, today) < 0) errors.validUntil = "serviceFlow.quote.validUntilPast";
      else if (compareDates(validUntil, addDays(today, QUOTE_MAX_DAYS)) > 0) errors.validUntil = "serviceFlow.quote.validUntilTooLate";
      const email = str(raw, "email", 200).toLowerCase();
      if (email && !EMAIL.test(email)) errors.email = "form.invalidEmail";
      data = { step, amountFen: amount.ok ? amount.fen : 0, items, validUntil, email };
      break;
    }
    case "schedule": {
      const value = str(raw, "scheduledFor", 40);
      const at = value ? parseLocalDateTime(value) : null;
      if (!value) errors.scheduledFor = "form.required";
      else if (!at) errors.scheduledFor = "serviceFlow.schedule.invalid";
      else if (at.getTime() < now.getTime() - 3600_000) errors.scheduledFor = "serviceFlow.schedule.past";
      data = { step, scheduledFor: at ?? new Date(NaN) };
      break;
    }
    case "resolve": {
      const causeCategory = str(raw, "causeCategory", 40);
      if (!causeCategory) errors.causeCategory = "form.required";
      else if (!CAUSE_CATEGORIES.some((c) => c.code === causeCategory)) errors.causeCategory = "form.invalidChoice";
      const minutesRaw = str(raw, "minutesSpent", 10);
      const minutes = /^\d{1,5}$/.test(minutesRaw) ? Number(minutesRaw) : NaN;
      if (!minutesRaw) errors.minutesSpent = "form.required";
      else if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_000) errors.minutesSpent = "serviceFlow.resolve.minutesInvalid";
      data = { step, causeCategory, partsReplaced: str(raw, "partsReplaced", 2000), minutesSpent: minutes, resolution: required("resolution", 4000) };
      break;
    }
    case "confirm": {
      const signerName = required("signerName", 60);
      const signature = str(raw, "signature", 1_000_000);
      if (!signature) errors.signature = "serviceFlow.confirm.signatureRequired";
      data = { step, signerName, signature };
      break;
    }
    case "close":
      data = { step, reason: str(raw, "reason", 2000) };
      break;
    default:
      data = { step } as StepData;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}

/** The end of a quote's last valid day in Asia/Shanghai (the link stops working then). */
export function quoteExpiresAt(validUntil: string): Date {
  return new Date(`${addDays(validUntil, 1)}T00:00:00+08:00`);
}
