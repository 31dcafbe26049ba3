// The survey link through /api/v1: the same gate, checks, messages and outcome as the page /sv/<token>.
import type { Db } from "#db/client";
import { translate, type Locale } from "~/i18n";
import { apiError, apiOk, fieldMessages } from "~/lib/api.server";
import type { RequestInfo } from "~/lib/request-info.server";
import { answerSurvey, gateSurveyLink, surveyView } from "./survey-page.server";
import { SURVEY_ASPECTS, SURVEY_LEVELS } from "./vocabulary";

const refused = (status: "invalid" | "rateLimited", locale: Locale) =>
  status === "rateLimited" ? apiError(429, "RATE_LIMITED", translate(locale, "link.rateLimited")) : apiError(404, "LINK_INVALID", translate(locale, "serviceSurvey.linkInvalid"));

export async function surveyLinkGet(db: Db, token: string | undefined, info: RequestInfo, locale: Locale): Promise<Response> {
  const gated = await gateSurveyLink(db, token, info.ip);
  if (gated.status !== "ok") return refused(gated.status, locale);
  return apiOk({
    survey: surveyView(gated.survey),
    questions: SURVEY_ASPECTS.map((aspect) => ({ aspect, label: translate(locale, `serviceSurvey.aspect.${aspect}`) })),
    levels: SURVEY_LEVELS.map((l) => ({ value: l.value, label: translate(locale, `serviceSurvey.level.${l.value}`) })),
  });
}

/** JSON {attitude, skill, arrivalTime, promisesKept: 1–4, comment?, complaint?: boolean}. */
export async function surveyLinkPost(db: Db, token: string | undefined, body: Record<string, unknown>, info: RequestInfo, locale: Locale): Promise<Response> {
  const result = await answerSurvey(db, token, body, info);
  if (result.status === "invalid" || result.status === "rateLimited") return refused(result.status, locale);
  if (result.status === "errors") return apiError(422, "VALIDATION", translate(locale, "serviceSurvey.fixErrors"), { fieldErrors: fieldMessages(result.errors, locale) });
  return apiOk({ ok: true, flagged: result.flagged });
}
