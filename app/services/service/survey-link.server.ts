// The customer's satisfaction-survey link (seed 000 第十八条): created when the customer confirms
// the work, shown as a QR/URL on the technician's phone and e-mailed when we have an address.
// One task, no account: the link carries the token, the database only its hash; used once.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects, satisfactionSurveys, serviceLinks, serviceTickets, users } from "#db/schema";
import { renderEmail } from "#templates/email/layout";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { newLinkToken, plausibleToken } from "~/lib/public-links.server";
import { sha256Hex } from "~/lib/tokens.server";

export const SURVEY_LINK_DAYS = 30;

export interface SurveyLinkTicket {
  id: string;
  projectId: string;
  number: string;
  contactEmail: string;
  reporterName: string;
}

export function surveyLinkUrl(token: string): string {
  return `${env().PUBLIC_URL.replace(/\/+$/, "")}/sv/${token}`;
}

/**
 * Creates the survey link of a confirmed ticket in the caller's transaction and queues the
 * customer's e-mail (when the ticket has an address). An earlier unused survey link of the ticket
 * stops working, so only the newest QR/e-mail counts. Null when the ticket is unknown or was
 * already rated — there is nothing left to ask.
 */
export async function createSurveyLink(tx: Db, ticket: SurveyLinkTicket, now = new Date()): Promise<{ link: string } | null> {
  const [row] = await tx
    .select({ id: serviceTickets.id, projectName: projects.name, projectCode: projects.code })
    .from(serviceTickets)
    .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
    .where(eq(serviceTickets.id, ticket.id));
  if (!row) return null;
  const [rated] = await tx.select({ id: satisfactionSurveys.id }).from(satisfactionSurveys).where(eq(satisfactionSurveys.ticketId, ticket.id));
  if (rated) return null;
  await tx
    .update(serviceLinks)
    .set({ expiresAt: now })
    .where(and(eq(serviceLinks.ticketId, ticket.id), eq(serviceLinks.kind, "survey"), isNull(serviceLinks.usedAt), gt(serviceLinks.expiresAt, now)));
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + SURVEY_LINK_DAYS * 86_400_000);
  await tx.insert(serviceLinks).values({ ticketId: ticket.id, kind: "survey", tokenHash: hash, expiresAt, createdAt: now });
  const link = surveyLinkUrl(token);
  const email = ticket.contactEmail.trim();
  if (email.includes("@")) {
    const body = renderEmail({
      title: `服务满意度调查：${ticket.number}`,
      paragraphs: [
        `${ticket.reporterName || "尊敬的客户"}：您好！`,
        `感谢您使用我们的售后服务。您的服务单 ${ticket.number}（项目「${row.projectName}」）已处理完毕。`,
        "请点击下方链接，就服务态度、技术水平、到达时间和承诺兑现四个方面作出评价（约一分钟，无需注册账号）。如对服务不满意，也可在问卷中直接投诉。",
        `链接 ${SURVEY_LINK_DAYS} 天内有效，只能提交一次，请勿转发。`,
        `Thank you for using our service. Ticket ${ticket.number} has been completed; please rate our work with the link below (valid for ${SURVEY_LINK_DAYS} days, one submission).`,
      ],
      action: { label: "填写满意度调查 / Rate our service", url: link },
    });
    await enqueueEmail(tx, {
      template: "service.survey",
      projectId: ticket.projectId,
      payload: { to: [email], subject: `【${ticket.number}】服务满意度调查 / Service survey`, text: body.text, html: body.html },
    });
  }
  return { link };
}

export interface ResolvedSurveyLink {
  linkId: string;
  ticketId: string;
  ticketNumber: string;
  ticketVersion: number;
  projectId: string;
  projectName: string;
  projectCode: string;
  reporterName: string;
  resolution: string;
  resolvedAt: Date | null;
  confirmedAt: Date | null;
  technicianId: string | null;
  technicianName: string | null;
  expiresAt: Date;
}

/**
 * The open survey a token stands for: unused, unexpired, and its ticket still waiting for the
 * survey (confirmed). Anything else is "invalid" with no detail — the page says the same for all.
 */
export async function resolveSurveyLink(db: Db, token: string | undefined, now = new Date()): Promise<{ status: "ok"; survey: ResolvedSurveyLink } | { status: "invalid" }> {
  if (!plausibleToken(token)) return { status: "invalid" };
  const [row] = await db
    .select({
      linkId: serviceLinks.id,
      usedAt: serviceLinks.usedAt,
      expiresAt: serviceLinks.expiresAt,
      ticketId: serviceTickets.id,
      ticketNumber: serviceTickets.number,
      ticketVersion: serviceTickets.version,
      status: serviceTickets.status,
      projectId: projects.id,
      projectName: projects.name,
      projectCode: projects.code,
      reporterName: serviceTickets.reporterName,
      resolution: serviceTickets.resolution,
      resolvedAt: serviceTickets.resolvedAt,
      confirmedAt: serviceTickets.confirmedAt,
      technicianId: serviceTickets.assignedTo,
      technicianName: users.name,
    })
    .from(serviceLinks)
    .innerJoin(serviceTickets, eq(serviceTickets.id, serviceLinks.ticketId))
    .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
    .leftJoin(users, eq(users.id, serviceTickets.assignedTo))
    .where(and(eq(serviceLinks.tokenHash, sha256Hex(token)), eq(serviceLinks.kind, "survey")));
  if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime() || row.status !== "confirmed") return { status: "invalid" };
  const { usedAt: _u, status: _s, ...survey } = row;
  return { status: "ok", survey };
}
