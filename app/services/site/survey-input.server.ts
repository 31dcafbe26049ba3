import { z } from "zod";
import { pathKey, zOptionalDate, zOptionalText, type FieldErrors } from "~/lib/forms";

export const MAX_OBSTACLES = 50;

/** A checkbox ("on"), a JSON boolean or "true"/"false". */
const zFlag = z.union([z.boolean(), z.string(), z.undefined()]).transform((v) => v === true || v === "on" || v === "true" || v === "1");

/**
 * The survey as a pm saves it: a draft may be incomplete (COMPLETE_SURVEY checks completeness),
 * but what is there must be well-formed. Rows left entirely blank are dropped; a row with a plan
 * must say what the obstacle is.
 */
export const surveySchema = z.object({
  siteLeadName: zOptionalText(100),
  crewLeadName: zOptionalText(100),
  surveyedOn: zOptionalDate(),
  conditions: zOptionalText(4000),
  drawingsConfirmed: zFlag,
  obstacles: z
    .array(z.object({ description: zOptionalText(500), plan: zOptionalText(2000) }).passthrough())
    .max(MAX_OBSTACLES, "site.survey.tooManyObstacles")
    .optional()
    .default([]),
});

export type SurveyInput = { siteLeadName: string; crewLeadName: string; surveyedOn: string | null; conditions: string; drawingsConfirmed: boolean; obstacles: { description: string; plan: string }[] };

export type ParsedSurvey = { ok: true; data: SurveyInput } | { ok: false; errors: FieldErrors };

/** Validates a form's object or an API JSON body (same rules, same message keys). */
export function parseSurvey(object: Record<string, unknown>): ParsedSurvey {
  const parsed = surveySchema.safeParse(object);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[pathKey(issue.path)] ??= issue.message.includes(".") ? issue.message : "form.required";
  }
  // Row rule, checked even when other fields failed so every message shows at once. Original
  // indexes are kept for the messages; rows left entirely blank are dropped.
  const rawRows: unknown[] = Array.isArray(object.obstacles) ? object.obstacles : [];
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  rawRows.forEach((row, i) => {
    const r = (row ?? {}) as Record<string, unknown>;
    if (!text(r.description) && text(r.plan)) errors[`obstacles[${i}].description`] ??= "form.required";
  });
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const d = parsed.data;
  const obstacles = d.obstacles.filter((o) => o.description || o.plan).map((o) => ({ description: o.description, plan: o.plan }));
  return { ok: true, data: { siteLeadName: d.siteLeadName, crewLeadName: d.crewLeadName, surveyedOn: d.surveyedOn, conditions: d.conditions, drawingsConfirmed: d.drawingsConfirmed, obstacles } };
}
