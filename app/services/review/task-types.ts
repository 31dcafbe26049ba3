// Shared vocabulary of review tasks (plain module: the task page and the API use it too).
export const REVIEW_TASK_KINDS = ["commencement", "materialInspection", "rectificationIssue", "rectificationVerification"] as const;
export type ReviewTaskKind = (typeof REVIEW_TASK_KINDS)[number] | "acceptance";
export type ReviewParty = "supervisor" | "client" | "designer";
export type ReviewTaskStatus = "pending" | "opened" | "decided" | "revoked" | "expired";

export function taskStatus(t: { decidedAt: Date | null; revokedAt: Date | null; expiresAt: Date; openedAt: Date | null }, now: Date): ReviewTaskStatus {
  if (t.decidedAt) return "decided";
  if (t.revokedAt) return "revoked";
  if (t.expiresAt.getTime() <= now.getTime()) return "expired";
  return t.openedAt ? "opened" : "pending";
}
