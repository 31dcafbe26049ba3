// The survey link as the page /sv/<token> and GET/POST /api/v1/survey-links/<token> both use it:
// the same per-IP limit on failed attempts, the same generic refusal, the same checks and outcome.
import type { Db } from "#db/client";
import { shanghaiDate } from "~/lib/calendar";
import type { FieldErrors } from "~/lib/forms";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import type { RequestInfo } from "~/lib/request-info.server";
import { submitSurvey } from "./submit-survey.server";
import { readSurveyInput } from "./survey-input";
import { resolveSurveyLink, type ResolvedSurveyLink } from "./survey-link.server";

const BUCKET = "survey-link";

export interface SurveyView {
  ticketNumber: string;
  projectName: string;
  technicianName: string | null;
  resolution: string;
  /** YYYY-MM-DD (Beijing) the work was resolved, or confirmed when that is missing */
  resolvedOn: string | null;
  expiresAt: string;
}

export type SurveyGate = { status: "ok"; survey: ResolvedSurveyLink } | { status: "invalid" } | { status: "rateLimited" };

export async function gateSurveyLink(db: Db, token: string | undefined, ip: string, now = new Date()): Promise<SurveyGate> {
  const key = ip || "unknown";
  if (await tooManyFailedAttempts(db, BUCKET, key, now)) return { status: "rateLimited" };
  const resolved = await resolveSurveyLink(db, token, now);
  if (resolved.status !== "ok") {
    await recordFailedAttempt(db, BUCKET, key, now);
    return { status: "invalid" };
  }
  return resolved;
}

/** What the customer sees: no ids, no contact details, nothing internal. */
export function surveyView(s: ResolvedSurveyLink): SurveyView {
  const done = s.resolvedAt ?? s.confirmedAt;
  return {
    ticketNumber: s.ticketNumber,
    projectName: s.projectName,
    technicianName: s.technicianName,
    resolution: s.resolution,
    resolvedOn: done ? shanghaiDate(done.toISOString()) : null,
    expiresAt: s.expiresAt.toISOString(),
  };
}

export type AnswerResult =
  | { status: "done"; flagged: boolean }
  | { status: "invalid" }
  | { status: "rateLimited" }
  | { status: "errors"; errors: FieldErrors; values: Record<string, string>; view: SurveyView };

/** Gate, check the answers, submit once. A lost race or a used link counts as a failed attempt. */
export async function answerSurvey(db: Db, token: string | undefined, raw: Record<string, unknown>, info: RequestInfo, now = new Date()): Promise<AnswerResult> {
  const gated = await gateSurveyLink(db, token, info.ip, now);
  if (gated.status !== "ok") return gated;
  const read = readSurveyInput(raw);
  if (!read.ok) return { status: "errors", errors: read.errors, values: read.values, view: surveyView(gated.survey) };
  const result = await submitSurvey(db, gated.survey, read.data, info, now);
  if (!result.ok) {
    await recordFailedAttempt(db, BUCKET, info.ip || "unknown", now);
    return { status: "invalid" };
  }
  return { status: "done", flagged: result.flagged };
}
