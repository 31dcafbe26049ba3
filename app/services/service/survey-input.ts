// The survey's answers as the page form and the API body send them, checked once for both.
// Plain module (the page re-renders with the values kept).
import type { FieldErrors } from "~/lib/forms";
import { SURVEY_ASPECTS } from "./vocabulary";

export type SurveyAspect = (typeof SURVEY_ASPECTS)[number];

export interface SurveyAnswers {
  attitude: number;
  skill: number;
  arrivalTime: number;
  promisesKept: number;
  comment: string;
  complaint: boolean;
}

export const SURVEY_COMMENT_MAX = 2000;

/** Flagged to management: any aspect 不满意 (level 1), or a complaint. */
export function isFlagged(a: Pick<SurveyAnswers, SurveyAspect | "complaint">): boolean {
  return a.complaint || SURVEY_ASPECTS.some((k) => a[k] === 1);
}

const truthy = (v: unknown) => v === true || (typeof v === "string" && ["on", "true", "1", "yes"].includes(v.toLowerCase()));

/** Reads `attitude`, `skill`, `arrivalTime`, `promisesKept` (1–4), `comment`, `complaint`. */
export function readSurveyInput(raw: Record<string, unknown>): { ok: true; data: SurveyAnswers; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const levels = {} as Record<SurveyAspect, number>;
  for (const aspect of SURVEY_ASPECTS) {
    const v = raw[aspect];
    const s = typeof v === "string" ? v.trim() : "";
    values[aspect] = s;
    if (!/^[1-4]$/.test(s)) errors[aspect] = s ? "form.invalidChoice" : "serviceSurvey.chooseLevel";
    else levels[aspect] = Number(s);
  }
  const comment = typeof raw.comment === "string" ? raw.comment.replace(/\r\n/g, "\n").trim() : "";
  values.comment = typeof raw.comment === "string" ? raw.comment : "";
  if (comment.length > SURVEY_COMMENT_MAX) errors.comment = "form.tooLong";
  const complaint = truthy(raw.complaint);
  values.complaint = complaint ? "on" : "";
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, data: { ...levels, comment, complaint }, values };
}
