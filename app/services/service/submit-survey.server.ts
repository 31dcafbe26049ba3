// Use case: the customer submits the satisfaction survey through the link. One transaction: the
// link is marked used (compare-and-set, so of two tabs exactly one wins), the answers are stored,
// the ticket moves confirmed → surveyed (compare-and-set on status and version, with its event),
// and a poor rating or a complaint is e-mailed to management and service at once.
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { satisfactionSurveys, serviceLinks, serviceTickets, ticketEvents, userRoles, users } from "#db/schema";
import { renderEmail } from "#templates/email/layout";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { ResolvedSurveyLink } from "./survey-link.server";
import { isFlagged, type SurveyAnswers } from "./survey-input";
import { SURVEY_ASPECTS, SURVEY_LEVELS } from "./vocabulary";

export type SubmitSurveyResult = { ok: true; flagged: boolean } | { ok: false; kind: "invalid" };

class Gone extends Error {}

const ASPECT_ZH: Record<(typeof SURVEY_ASPECTS)[number], string> = { attitude: "服务态度", skill: "技术水平", arrivalTime: "到达时间", promisesKept: "承诺兑现" };
const levelZh = (v: number) => SURVEY_LEVELS.find((l) => l.value === v)?.zh ?? String(v);

export async function submitSurvey(db: Db, survey: ResolvedSurveyLink, answers: SurveyAnswers, info: RequestInfo, now = new Date()): Promise<SubmitSurveyResult> {
  const flagged = isFlagged(answers);
  try {
    await db.transaction(async (tx) => {
      // Whoever sets usedAt first owns the submission; a second tab (or a replay) finds it set.
      const used = await tx
        .update(serviceLinks)
        .set({ usedAt: now })
        .where(and(eq(serviceLinks.id, survey.linkId), isNull(serviceLinks.usedAt), gt(serviceLinks.expiresAt, now)))
        .returning({ id: serviceLinks.id });
      if (used.length === 0) throw new Gone();
      const [ticket] = await tx
        .select({ id: serviceTickets.id, status: serviceTickets.status, version: serviceTickets.version, assignedTo: serviceTickets.assignedTo })
        .from(serviceTickets)
        .where(eq(serviceTickets.id, survey.ticketId));
      if (!ticket || ticket.status !== "confirmed") throw new Gone();
      const inserted = await tx
        .insert(satisfactionSurveys)
        .values({ ticketId: ticket.id, ...answers, flagged, technicianId: ticket.assignedTo, submittedAt: now, details: { ip: info.ip, userAgent: info.userAgent } })
        .onConflictDoNothing()
        .returning({ id: satisfactionSurveys.id });
      if (inserted.length === 0) throw new Gone();
      const moved = await tx
        .update(serviceTickets)
        .set({ status: "surveyed", version: ticket.version + 1, surveyedAt: now, updatedAt: now })
        .where(and(eq(serviceTickets.id, ticket.id), eq(serviceTickets.status, "confirmed"), eq(serviceTickets.version, ticket.version)))
        .returning({ id: serviceTickets.id });
      if (moved.length === 0) throw new Gone();
      const ratings = SURVEY_ASPECTS.map((k) => `${ASPECT_ZH[k]}：${levelZh(answers[k])}`).join("；");
      await tx.insert(ticketEvents).values({
        ticketId: ticket.id,
        at: now,
        actorUserId: null,
        actorLabel: `${survey.reporterName || "客户"}（满意度调查链接）`,
        action: "survey",
        fromStatus: "confirmed",
        toStatus: "surveyed",
        note: [ratings, answers.complaint ? "客户投诉" : "", answers.comment].filter(Boolean).join("\n"),
        ip: info.ip.slice(0, 100),
      });
      if (flagged) await alertManagement(tx, survey, answers, ratings);
    });
  } catch (error) {
    if (error instanceof Gone) return { ok: false, kind: "invalid" };
    throw error;
  }
  if (flagged) kickOutbox();
  return { ok: true, flagged };
}

/** Every active management and service user gets the warning with the ratings and the comment. */
async function alertManagement(tx: Db, survey: ResolvedSurveyLink, answers: SurveyAnswers, ratings: string): Promise<void> {
  const staff = await tx
    .selectDistinct({ email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, ["management", "service"]), isNull(users.disabledAt)));
  const to = staff.map((s) => s.email).filter((e) => e.includes("@")).sort();
  if (!to.length) return;
  const kind = answers.complaint ? "投诉" : "预警";
  const url = `${env().PUBLIC_URL.replace(/\/+$/, "")}/service/tickets/${survey.ticketId}`;
  const body = renderEmail({
    title: `客户满意度${kind}：${survey.ticketNumber}`,
    paragraphs: [
      `服务单 ${survey.ticketNumber}（项目「${survey.projectName}」，${survey.projectCode}）的客户${answers.complaint ? "提出了投诉" : "对服务不满意"}，请尽快跟进。`,
      `服务人员：${survey.technicianName ?? "（未指派）"}`,
      `评价：${ratings}`,
      `客户意见：${answers.comment || "（无）"}`,
      `A customer ${answers.complaint ? "filed a complaint" : "rated the service as dissatisfied"} on ticket ${survey.ticketNumber}. Please follow up.`,
    ],
    action: { label: "打开服务单 / Open ticket", url },
  });
  await enqueueEmail(tx, {
    template: "service.surveyFlagged",
    projectId: survey.projectId,
    payload: { to, subject: `【客户满意度预警/投诉】${survey.ticketNumber}：${survey.projectName}`, text: body.text, html: body.html },
  });
}
