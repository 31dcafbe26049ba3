import type { Db } from "#db/client";
import { outbox, type EmailPayload } from "#db/schema";

export interface EnqueueEmailInput {
  template: string;
  projectId?: string | null;
  payload: EmailPayload;
}

/**
 * Adds an e-mail to the outbox inside the caller's transaction: it commits or rolls back with the
 * change that caused it. Nothing is checked or sent here, so a bad address or a dead SMTP server
 * can never block the change itself; the worker reports such problems on the row.
 * After the transaction commits, call `kickOutbox()` for prompt delivery.
 */
export async function enqueueEmail(tx: Db, input: EnqueueEmailInput): Promise<number> {
  // Due by the app's clock, not the database's (transaction start, microseconds): the worker
  // compares with the app's clock, and a kick right after commit must find the row due.
  const nextAttemptAt = new Date();
  const [row] = await tx
    .insert(outbox)
    .values({ kind: "email", template: input.template, projectId: input.projectId ?? null, payload: input.payload, nextAttemptAt })
    .returning({ id: outbox.id });
  return row.id;
}
