import { describe, expect, it } from "vitest";
import { milestoneTriggers } from "./milestone-triggers";

const handover = (warranty: string, settlement = "draft") => ({ handover: { settlement, warranty, archive: "pending" } });

describe("milestone triggers", () => {
  it("each milestone on its own transition", () => {
    expect(milestoneTriggers("RECORD_CONTRACT", "contracting", "survey")).toEqual(["signing"]);
    expect(milestoneTriggers("APPROVE_COMMENCEMENT", { entryReview: "awaitingClient" }, "construction")).toEqual(["entry"]);
    expect(milestoneTriggers("SIGN", { acceptanceReview: "awaitingParties" }, handover("active"))).toEqual(["acceptance"]);
    expect(milestoneTriggers("APPROVE_SETTLEMENT", handover("active", "submitted"), handover("active", "awaitingPayment"))).toEqual(["settlement"]);
    expect(milestoneTriggers("TICK", handover("expiring"), handover("expired"))).toEqual(["warrantyEnd"]);
  });
  it("nothing for other transitions, nor twice", () => {
    expect(milestoneTriggers("APPROVE_COMMENCEMENT", { entryReview: "awaitingSupervisor" }, { entryReview: "awaitingClient" })).toEqual([]);
    expect(milestoneTriggers("TICK", handover("expired"), handover("expired"))).toEqual([]);
    expect(milestoneTriggers("REJECT_ACCEPTANCE", { acceptanceReview: "awaitingSupervisor" }, "construction")).toEqual([]);
  });
});
