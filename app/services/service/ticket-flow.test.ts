import { describe, expect, it } from "vitest";
import { allowedSteps, coverageDecision, coverageRefusal, parseLocalDateTime, quoteExpiresAt, readStepInput, statusAfter, stepRefusal, type FlowTicket } from "./ticket-flow";

const t = (status: string, more: Partial<FlowTicket> = {}): FlowTicket => ({ status, coverage: null, quoteDecision: null, confirmedAt: null, ...more });
const SERVICE = ["service"];

describe("ticket steps", () => {
  it("follows the flow for service and management; the pm only reads", () => {
    expect(allowedSteps(t("received"), SERVICE)).toEqual(["assign"]);
    expect(allowedSteps(t("assigned"), ["management"])).toEqual(["assign", "contact"]);
    expect(allowedSteps(t("contacted"), SERVICE)).toEqual(["assign", "diagnose"]);
    expect(allowedSteps(t("diagnosed", { coverage: "warranty" }), SERVICE)).toEqual(["assign", "schedule"]);
    expect(allowedSteps(t("diagnosed", { coverage: "contract" }), SERVICE)).toEqual(["assign", "schedule"]);
    expect(allowedSteps(t("diagnosed", { coverage: "paid" }), SERVICE)).toEqual(["assign", "quote"]);
    expect(allowedSteps(t("scheduled"), SERVICE)).toEqual(["assign", "schedule", "arrive"]);
    expect(allowedSteps(t("onSite"), SERVICE)).toEqual(["assign", "resolve"]);
    expect(allowedSteps(t("resolved"), SERVICE)).toEqual(["confirm"]);
    expect(allowedSteps(t("surveyed"), SERVICE)).toEqual(["close"]);
    expect(allowedSteps(t("closed"), SERVICE)).toEqual([]);
    expect(allowedSteps(t("received"), ["pm"])).toEqual([]);
    expect(stepRefusal("assign", t("received"), ["pm", "finance"])).toBe("serviceFlow.refused.role");
  });

  it("paid work is scheduled only after the customer accepted the quote", () => {
    expect(stepRefusal("schedule", t("diagnosed", { coverage: "paid" }), SERVICE)).toBe("serviceFlow.refused.quoteFirst");
    expect(stepRefusal("schedule", t("quoted", { coverage: "paid" }), SERVICE)).toBe("serviceFlow.refused.quoteNotAccepted");
    expect(stepRefusal("schedule", t("quoted", { coverage: "paid", quoteDecision: "accepted" }), SERVICE)).toBeNull();
    expect(stepRefusal("quote", t("quoted", { coverage: "paid", quoteDecision: "accepted" }), SERVICE)).toBe("serviceFlow.refused.notNow");
    expect(stepRefusal("quote", t("quoted", { coverage: "paid", quoteDecision: "declined" }), SERVICE)).toBeNull();
    expect(stepRefusal("close", t("quoted", { coverage: "paid", quoteDecision: "declined" }), SERVICE)).toBeNull();
    expect(stepRefusal("quote", t("diagnosed", { coverage: "warranty" }), SERVICE)).toBe("serviceFlow.refused.notNow");
  });

  it("the survey is the customer's; a confirmed ticket closes only after 7 days without one", () => {
    expect(stepRefusal("survey", t("confirmed"), SERVICE)).toBe("serviceFlow.refused.surveyByCustomer");
    const confirmedAt = new Date("2026-03-01T10:00:00+08:00");
    expect(stepRefusal("close", t("confirmed", { confirmedAt }), SERVICE, new Date("2026-03-08T09:59:00+08:00"))).toBe("serviceFlow.close.tooEarly");
    expect(stepRefusal("close", t("confirmed", { confirmedAt }), SERVICE, new Date("2026-03-08T10:00:00+08:00"))).toBeNull();
  });

  it("statusAfter: assign keeps a later status", () => {
    expect(statusAfter("assign", "received")).toBe("assigned");
    expect(statusAfter("assign", "scheduled")).toBe("scheduled");
    expect(statusAfter("schedule", "scheduled")).toBe("scheduled");
  });
});

describe("coverage decision", () => {
  const base = { warrantyEndsOn: "2027-02-28", contract: null, exclusion: null } as const;
  it("inside the warranty (its last day included) and no exclusion: free", () => {
    expect(coverageDecision({ ...base, today: "2027-02-28" })).toMatchObject({ coverage: "warranty", exclusion: null, underWarranty: true, exclusionRequired: true });
  });
  it("an exclusion makes it paid and is recorded", () => {
    expect(coverageDecision({ ...base, today: "2026-06-01", exclusion: "consumables" })).toMatchObject({ coverage: "paid", exclusion: "consumables" });
  });
  it("after the last day: 'expired' implied; a contract covering today wins", () => {
    expect(coverageDecision({ ...base, today: "2027-03-01" })).toMatchObject({ coverage: "paid", exclusion: "expired", underWarranty: false, exclusionRequired: false });
    expect(coverageDecision({ ...base, today: "2027-03-01", contract: { id: "c1" } })).toMatchObject({ coverage: "contract", maintenanceContractId: "c1", exclusion: null });
    expect(coverageDecision({ ...base, today: "2027-03-01", contract: { id: "c1" }, exclusion: "voltage" })).toMatchObject({ coverage: "paid", exclusion: "voltage" });
    expect(coverageDecision({ ...base, warrantyEndsOn: null, today: "2027-03-01" })).toMatchObject({ coverage: "paid", exclusion: null });
  });
  it("a chosen coverage that disagrees is refused with the reason", () => {
    const expired = coverageDecision({ ...base, today: "2027-03-01" });
    expect(coverageRefusal("warranty", expired)).toBe("serviceFlow.coverage.expiredNotFree");
    expect(coverageRefusal("contract", expired)).toBe("serviceFlow.coverage.noContract");
    expect(coverageRefusal("paid", expired)).toBeNull();
    const inside = coverageDecision({ ...base, today: "2026-06-01" });
    expect(coverageRefusal("paid", inside)).toBe("serviceFlow.coverage.exclusionRequired");
    expect(coverageRefusal("contract", inside)).toBe("serviceFlow.coverage.underWarranty");
    const excluded = coverageDecision({ ...base, today: "2026-06-01", exclusion: "normalWear" });
    expect(coverageRefusal("warranty", excluded)).toBe("serviceFlow.coverage.exclusionNotFree");
    const contract = coverageDecision({ ...base, today: "2027-06-01", contract: { id: "c" } });
    expect(coverageRefusal("paid", contract)).toBe("serviceFlow.coverage.contractCovers");
  });
});

describe("step input", () => {
  const today = "2026-03-01";
  const now = new Date("2026-03-01T09:00:00+08:00");
  it("quote: amount in yuan, validity up to 60 days, items required", () => {
    expect(readStepInput("quote", { amount: "1,280.50", items: "滤网 ×2", validUntil: "2026-04-30" }, { today })).toEqual({ ok: true, data: { step: "quote", amountFen: 128050, items: "滤网 ×2", validUntil: "2026-04-30", email: "" } });
    expect(readStepInput("quote", { amount: "0", items: "", validUntil: "2026-05-01" }, { today })).toEqual({ ok: false, errors: { amount: "serviceFlow.quote.amountPositive", items: "form.required", validUntil: "serviceFlow.quote.validUntilTooLate" } });
    expect(readStepInput("quote", { amount: "-1", items: "x", validUntil: "2026-02-28", email: "bad" }, { today })).toMatchObject({ ok: false, errors: { amount: "form.invalidAmount", validUntil: "serviceFlow.quote.validUntilPast", email: "form.invalidEmail" } });
  });
  it("resolve: a known cause category and whole minutes", () => {
    expect(readStepInput("resolve", { causeCategory: "componentDefect", minutesSpent: "90", resolution: "更换电机", partsReplaced: "电机 1 台" }, { today })).toMatchObject({ ok: true, data: { minutesSpent: 90 } });
    expect(readStepInput("resolve", { causeCategory: "weather", minutesSpent: "1.5", resolution: "" }, { today })).toEqual({ ok: false, errors: { causeCategory: "form.invalidChoice", minutesSpent: "serviceFlow.resolve.minutesInvalid", resolution: "form.required" } });
  });
  it("schedule: Beijing local time or an ISO instant; not in the past", () => {
    expect(parseLocalDateTime("2026-03-02T14:30")?.toISOString()).toBe("2026-03-02T06:30:00.000Z");
    expect(parseLocalDateTime("2026-03-02T06:30:00Z")?.toISOString()).toBe("2026-03-02T06:30:00.000Z");
    expect(parseLocalDateTime("2026-02-30T10:00")).toBeNull();
    expect(readStepInput("schedule", { scheduledFor: "2026-02-28T10:00" }, { today, now })).toEqual({ ok: false, errors: { scheduledFor: "serviceFlow.schedule.past" } });
  });
  it("diagnose: a coverage must be chosen; an unknown exclusion is refused", () => {
    expect(readStepInput("diagnose", { diagnosis: "", coverage: "free", exclusion: "x" }, { today })).toEqual({ ok: false, errors: { diagnosis: "form.required", coverage: "serviceFlow.coverage.choose", exclusion: "form.invalidChoice" } });
  });
  it("confirm: signer and drawn signature required", () => {
    expect(readStepInput("confirm", {}, { today })).toEqual({ ok: false, errors: { signerName: "form.required", signature: "serviceFlow.confirm.signatureRequired" } });
  });
  it("a quote expires at the end of its last day in Beijing", () => {
    expect(quoteExpiresAt("2026-03-31").toISOString()).toBe("2026-03-31T16:00:00.000Z");
  });
});
