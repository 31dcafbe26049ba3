// Review tasks: one task for one external party, reached by an e-mailed link without an account.
// The link carries the token; the database keeps only its hash.
import { and, eq, isNull } from "drizzle-orm";
import { renderEmail } from "#templates/email/layout";
import type { Db } from "#db/client";
import { projects, reviewTasks, type EmailAttachmentRef } from "#db/schema";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { env } from "~/lib/env.server";
import { newLinkToken, plausibleToken } from "~/lib/public-links.server";
import { sha256Hex } from "~/lib/tokens.server";
import type { ReviewParty, ReviewTaskKind } from "./task-types";

export type ReviewTaskRow = typeof reviewTasks.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;

export interface CreateReviewTaskInput {
  projectId: string;
  kind: ReviewTaskKind;
  subjectId?: string | null;
  party: ReviewParty;
  recipientName: string;
  recipientEmail: string;
  organisation: string;
  createdBy: string | null;
  expiresInDays?: number;
  email: { subject: string; paragraphs: string[]; attachments?: EmailAttachmentRef[] };
  now?: Date;
}

export function taskLink(token: string): string {
  return `${env().PUBLIC_URL.replace(/\/+$/, "")}/r/${token}`;
}

/** Inserts the task and queues its e-mail in the caller's transaction: both commit or neither. */
export async function createReviewTask(tx: Db, input: CreateReviewTaskInput): Promise<{ taskId: string; token: string; link: string }> {
  const { token, hash } = newLinkToken();
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? 14) * 86_400_000);
  const [row] = await tx
    .insert(reviewTasks)
    .values({
      projectId: input.projectId,
      kind: input.kind,
      subjectId: input.subjectId ?? null,
      party: input.party,
      recipientName: input.recipientName,
      recipientEmail: input.recipientEmail,
      organisation: input.organisation,
      tokenHash: hash,
      expiresAt,
      createdBy: input.createdBy,
    })
    .returning({ id: reviewTasks.id });
  const link = taskLink(token);
  const body = renderEmail({
    title: input.email.subject,
    paragraphs: [
      ...input.email.paragraphs,
      `此链接仅供 ${input.recipientName || input.recipientEmail}（${input.organisation}）使用，无需注册账号，请勿转发；有效期至 ${expiresAt.toISOString().slice(0, 10)}。`,
      "This link is for you only; no account is needed. Please do not forward it.",
    ],
    action: { label: "查看并审批 / Review and sign", url: link },
  });
  await enqueueEmail(tx, {
    template: `review.${input.kind}`,
    projectId: input.projectId,
    payload: { to: [input.recipientEmail], subject: input.email.subject, text: body.text, html: body.html, attachments: input.email.attachments },
  });
  return { taskId: row.id, token, link };
}

export type ResolvedTask = { ok: true; task: ReviewTaskRow; project: ProjectRow } | { ok: false };

/**
 * The task a token opens, or a refusal that says nothing more: unknown, mutated, revoked,
 * expired and already decided all look the same to the caller (and to a guesser).
 */
export async function resolveReviewTask(db: Db, token: string | undefined, now = new Date()): Promise<ResolvedTask> {
  if (!plausibleToken(token)) return { ok: false };
  const [row] = await db
    .select({ task: reviewTasks, project: projects })
    .from(reviewTasks)
    .innerJoin(projects, eq(projects.id, reviewTasks.projectId))
    .where(eq(reviewTasks.tokenHash, sha256Hex(token)));
  if (!row) return { ok: false };
  const { task } = row;
  if (task.revokedAt || task.decidedAt || task.expiresAt.getTime() <= now.getTime()) return { ok: false };
  return { ok: true, task, project: row.project };
}

export async function markTaskOpened(db: Db, taskId: string, now = new Date()): Promise<void> {
  await db.update(reviewTasks).set({ openedAt: now }).where(and(eq(reviewTasks.id, taskId), isNull(reviewTasks.openedAt)));
}
