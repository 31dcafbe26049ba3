import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { outbox, type OutboxStatus } from "#db/schema";
import { kickOutbox } from "./kick.server";

/** Queries for the admin outbox page: delivery state must be visible (quality promise 3). */

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxListItem {
  id: number;
  template: string;
  projectId: string | null;
  to: string[];
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export async function listOutbox(
  db: Db,
  options: { limit: number; offset: number; status?: OutboxStatus },
): Promise<{ items: OutboxListItem[]; total: number }> {
  const where = options.status ? eq(outbox.status, options.status) : undefined;
  const rows = await db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(options.limit).offset(options.offset);
  const [{ total }] = await db.select({ total: count() }).from(outbox).where(where);
  const items = rows.map((r) => ({
    id: r.id,
    template: r.template,
    projectId: r.projectId,
    to: r.payload.to ?? [],
    subject: r.payload.subject ?? "",
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    sentAt: r.sentAt,
    createdAt: r.createdAt,
  }));
  return { items, total: Number(total) };
}

export async function getOutboxMessage(db: Db, id: number): Promise<OutboxRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}

/** Admin: give a failed message a fresh set of attempts, due now. Returns false if not failed. */
export async function retryOutboxMessage(db: Db, id: number): Promise<boolean> {
  if (!Number.isSafeInteger(id) || id <= 0) return false;
  const updated = await db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
    .returning({ id: outbox.id });
  if (updated.length > 0) kickOutbox();
  return updated.length > 0;
}
