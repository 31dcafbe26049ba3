// Paid work (004 2.4): the quote the customer accepts by link before the work is scheduled. The
// link carries the token, the database only its hash; it stops at the end of the quote's last day
// (Asia/Shanghai) and is used once. A new quote of the ticket retires the earlier unused link.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects, serviceLinks, serviceQuotes, serviceTickets, ticketEvents } from "#db/schema";
import { renderEmail } from "#templates/email/layout";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { formatFen } from "~/lib/money";
import { newLinkToken, plausibleToken } from "~/lib/public-links.server";
import { rmbInWords } from "~/lib/rmb-uppercase";
import { sha256Hex } from "~/lib/tokens.server";
import { quoteExpiresAt } from "./ticket-flow";

export function quoteLinkUrl(token: string): string {
  return `${env().PUBLIC_URL.replace(/\/+$/, "")}/sq/${token}`;
}

export interface NewServiceQuote {
  ticketId: string;
  amountFen: number;
  items: string;
  /** Last valid day (YYYY-MM-DD); checked by readStepInput (today … today + 60 days). */
  validUntil: string;
  /** Where the link goes; the ticket's contact e-mail. */
  email: string;
  createdBy: string | null;
  now?: Date;
}

/** Writes the quote and its link in the caller's transaction and queues the customer's e-mail. */
export async function createServiceQuote(tx: Db, q: NewServiceQuote): Promise<{ quoteId: string; link: string }> {
  const now = q.now ?? new Date();
  const [ticket] = await tx
    .select({ number: serviceTickets.number, projectId: serviceTickets.projectId, reporterName: serviceTickets.reporterName, description: serviceTickets.description, projectName: projects.name })
    .from(serviceTickets)
    .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
    .where(eq(serviceTickets.id, q.ticketId));
  if (!ticket) throw new Error(`ticket ${q.ticketId} not found`);
  await tx
    .update(serviceLinks)
    .set({ expiresAt: now })
    .where(and(eq(serviceLinks.ticketId, q.ticketId), eq(serviceLinks.kind, "quote"), isNull(serviceLinks.usedAt), gt(serviceLinks.expiresAt, now)));
  const [quote] = await tx.insert(serviceQuotes).values({ ticketId: q.ticketId, amountFen: q.amountFen, items: q.items, validUntil: q.validUntil, createdBy: q.createdBy, createdAt: now }).returning({ id: serviceQuotes.id });
  const { token, hash } = newLinkToken();
  await tx.insert(serviceLinks).values({ ticketId: q.ticketId, kind: "quote", subjectId: quote.id, tokenHash: hash, expiresAt: quoteExpiresAt(q.validUntil), createdAt: now });
  const link = quoteLinkUrl(token);
  const body = renderEmail({
    title: `维修报价：${ticket.number}`,
    paragraphs: [
      `${ticket.reporterName || "尊敬的客户"}：您好！`,
      `您的服务单 ${ticket.number}（项目「${ticket.projectName}」）经检测不在免费保修范围内，维修报价如下：`,
      `报价项目：\n${q.items}`,
      `报价金额：${formatFen(q.amountFen)}（大写：${rmbInWords(q.amountFen)}）`,
      `报价有效期至 ${q.validUntil}。请点击下方链接查看并确认接受或拒绝（无需注册账号）；确认接受后我们将安排上门维修。`,
      `A quote for ticket ${ticket.number}: ${formatFen(q.amountFen)}, valid until ${q.validUntil}. Please accept or decline it with the link below.`,
    ],
    action: { label: "查看并确认报价 / Review the quote", url: link },
  });
  await enqueueEmail(tx, { template: "service.quote", projectId: ticket.projectId, payload: { to: [q.email], subject: `【${ticket.number}】维修报价确认 / Service quote`, text: body.text, html: body.html } });
  return { quoteId: quote.id, link };
}

export interface QuoteLinkView {
  state: "open" | "expired" | "decided";
  ticketNumber: string;
  projectName: string;
  description: string;
  diagnosis: string;
  amountFen: number;
  amountInWords: string;
  items: string;
  validUntil: string;
  decision: "accepted" | "declined" | null;
  decidedAt: string | null;
  decidedName: string;
}

async function findLink(db: Db, token: string, lock = false) {
  const query = db
    .select({ link: serviceLinks, quote: serviceQuotes, ticket: serviceTickets, projectName: projects.name })
    .from(serviceLinks)
    .innerJoin(serviceQuotes, eq(serviceQuotes.id, serviceLinks.subjectId))
    .innerJoin(serviceTickets, eq(serviceTickets.id, serviceLinks.ticketId))
    .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
    .where(and(eq(serviceLinks.tokenHash, sha256Hex(token)), eq(serviceLinks.kind, "quote")));
  const [row] = lock ? await query.for("update", { of: [serviceLinks, serviceTickets] }) : await query;
  return row ?? null;
}

function viewOf(row: NonNullable<Awaited<ReturnType<typeof findLink>>>, now: Date): QuoteLinkView {
  const { link, quote, ticket } = row;
  const state = quote.decision || link.usedAt ? "decided" : link.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
  return {
    state,
    ticketNumber: ticket.number,
    projectName: row.projectName,
    description: ticket.description,
    diagnosis: ticket.diagnosis,
    amountFen: Number(quote.amountFen),
    amountInWords: rmbInWords(Number(quote.amountFen)),
    items: quote.items,
    validUntil: quote.validUntil,
    decision: quote.decision ?? null,
    decidedAt: quote.decidedAt?.toISOString() ?? null,
    decidedName: quote.decidedName,
  };
}

/** The quote a token stands for (also when expired or decided, to say so); null for an unknown token. */
export async function resolveQuoteLink(db: Db, token: string | undefined, now = new Date()): Promise<QuoteLinkView | null> {
  if (!plausibleToken(token)) return null;
  const row = await findLink(db, token);
  return row ? viewOf(row, now) : null;
}

export type QuoteDecisionResult =
  | { ok: true; decision: "accepted" | "declined"; view: QuoteLinkView }
  | { ok: false; status: 400 | 404 | 409 | 410; errors: Record<string, string>; formError: string | null };

/**
 * The customer's answer. Under the link and ticket row locks: an expired link is refused (此报价已过期),
 * a used one too; acceptance lets the ticket be scheduled (a ticketEvents row, version + 1).
 */
export async function decideServiceQuote(
  db: Db,
  { token, decision, name, info, now = new Date() }: { token: string | undefined; decision: string; name: string; info: { ip: string }; now?: Date },
): Promise<QuoteDecisionResult> {
  const signer = name.replace(/\s+/g, " ").trim().slice(0, 60);
  const errors: Record<string, string> = {};
  if (decision !== "accepted" && decision !== "declined") errors.decision = "serviceFlow.quoteLink.chooseDecision";
  if (!signer) errors.name = "form.required";
  if (!plausibleToken(token)) return { ok: false, status: 404, errors: {}, formError: "link.invalid" };
  return db.transaction(async (tx) => {
    const row = await findLink(tx, token, true);
    if (!row) return { ok: false, status: 404, errors: {}, formError: "link.invalid" };
    const view = viewOf(row, now);
    if (view.state === "decided") return { ok: false, status: 409, errors: {}, formError: "serviceFlow.quoteLink.used" };
    if (view.state === "expired") return { ok: false, status: 410, errors: {}, formError: "serviceFlow.quoteLink.expired" };
    if (row.ticket.status !== "quoted") return { ok: false, status: 409, errors: {}, formError: "serviceFlow.quoteLink.closed" };
    if (Object.keys(errors).length) return { ok: false, status: 400, errors, formError: null };
    const chosen = decision as "accepted" | "declined";
    await tx.update(serviceQuotes).set({ decision: chosen, decidedAt: now, decidedName: signer, decidedIp: info.ip.slice(0, 100) }).where(eq(serviceQuotes.id, row.quote.id));
    await tx.update(serviceLinks).set({ usedAt: now }).where(eq(serviceLinks.id, row.link.id));
    await tx.update(serviceTickets).set({ version: row.ticket.version + 1, updatedAt: now }).where(eq(serviceTickets.id, row.ticket.id));
    await tx.insert(ticketEvents).values({
      ticketId: row.ticket.id, at: now, actorUserId: null, actorLabel: `${signer}（客户）`, action: chosen === "accepted" ? "quoteAccepted" : "quoteDeclined",
      fromStatus: "quoted", toStatus: "quoted", note: `${formatFen(Number(row.quote.amountFen))}`, ip: info.ip.slice(0, 100),
    });
    return { ok: true, decision: chosen, view: { ...view, state: "decided", decision: chosen, decidedAt: now.toISOString(), decidedName: signer } };
  });
}

/** The ticket's latest quote (the one that counts for scheduling). */
export async function latestQuote(db: Db, ticketId: string) {
  const [row] = await db.select().from(serviceQuotes).where(eq(serviceQuotes.ticketId, ticketId)).orderBy(desc(serviceQuotes.createdAt)).limit(1);
  return row ?? null;
}
