import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { files, outbox } from "#db/schema";
import type { OutboxRow } from "./admin.server";
import { kicks } from "./kick.server";
import { getMailTransport, PermanentMailError, type MailTransport, type OutgoingMail } from "./transport.server";

export { readEmlFile } from "./transport.server";
export { kickOutbox } from "./kick.server";
export { getOutboxMessage, listOutbox, retryOutboxMessage, type OutboxListItem, type OutboxRow } from "./admin.server";

export const MAX_ATTEMPTS = 12;
/** Longer than any send may take (SMTP timeouts are 10–30 s); an expired claim is taken over. */
export const CLAIM_MS = 2 * 60_000;
const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 60 * 60_000;

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export interface ProcessOptions {
  now?: Date;
  transport?: MailTransport;
  batch?: number;
  /** Retry delays; the defaults suit production (10 s doubling to 1 h), a soak test shortens them. */
  backoff?: BackoffOptions;
}

export interface ProcessResult {
  sent: number;
  failed: number;
  retried: number;
}

/** min(2^attempts × 10 s, 1 h), plus up to 10 % jitter so a burst of failures spreads out. */
export function backoffMs(attempts: number, random = Math.random(), backoff: BackoffOptions = { baseMs: BASE_DELAY_MS, maxMs: MAX_DELAY_MS }): number {
  const base = Math.min(2 ** attempts * backoff.baseMs, backoff.maxMs);
  return Math.round(base * (1 + 0.1 * random));
}

/** Claims due rows in a short transaction; the sends happen after it commits. */
async function claim(db: Db, now: Date, batch: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          inArray(outbox.status, ["pending", "sending"]),
          lte(outbox.nextAttemptAt, now),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(outbox.nextAttemptAt, outbox.id)
      .limit(batch)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({
        status: "sending",
        lockedUntil: new Date(now.getTime() + CLAIM_MS),
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(inArray(outbox.id, due.map((r) => r.id)))
      .returning();
  });
}

async function toOutgoing(db: Db, row: OutboxRow): Promise<OutgoingMail> {
  const p = row.payload;
  const attachments: OutgoingMail["attachments"] = [];
  for (const a of p.attachments ?? []) {
    let content: Buffer;
    if (a.fileId) {
      const [file] = await db.select({ bytes: files.bytes }).from(files).where(eq(files.id, a.fileId));
      if (!file) throw new PermanentMailError(`Attachment file ${a.fileId} not found`);
      content = file.bytes;
    } else if (a.base64 !== undefined) {
      content = Buffer.from(a.base64, "base64");
    } else {
      throw new PermanentMailError(`Attachment ${a.filename} has no content`);
    }
    attachments.push({ filename: a.filename, contentType: a.contentType, content });
  }
  return {
    outboxId: row.id,
    idempotencyKey: row.idempotencyKey,
    to: p.to ?? [],
    cc: p.cc,
    subject: p.subject ?? "",
    text: p.text ?? "",
    html: p.html,
    attachments,
  };
}

/** Only the holder of the claim (same attempt number, still sending) may record the outcome. */
function ownClaim(row: OutboxRow) {
  return and(eq(outbox.id, row.id), eq(outbox.status, "sending"), eq(outbox.attempts, row.attempts));
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}

/**
 * Records a send's outcome, retrying a failed write. The mail is already out: losing this write to
 * a dropped database connection left the row `sending` until its claim expired, and then it was
 * sent AGAIN — and the exception also stranded the rest of the claimed batch for two minutes.
 * Found by `npm run soak` (pg_terminate_backend right after a send: the message delivered twice).
 * The write is guarded by the claim (same attempt, still sending), so repeating it is harmless.
 * Only if the database stays unreachable for the whole retry does the row fall back to the claim
 * expiry (and a repeat carrying the same Message-ID).
 */
async function recordOutcome(write: () => Promise<{ id: number }[]>): Promise<{ rows: { id: number }[]; retried: boolean }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { rows: await write(), retried: attempt > 0 };
    } catch (error) {
      if (attempt >= 6) {
        console.warn(`outbox: could not record a send's outcome, left to the claim expiry: ${describe(error)}`);
        return { rows: [], retried: true };
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
  }
}

export async function processOutboxOnce(db: Db, options: ProcessOptions = {}): Promise<ProcessResult> {
  const now = options.now ?? new Date();
  const transport = options.transport ?? getMailTransport();
  const result: ProcessResult = { sent: 0, failed: 0, retried: 0 };
  const rows = await claim(db, now, options.batch ?? 20);
  for (const row of rows) {
    let messageId: string;
    try {
      messageId = await transport.send(await toOutgoing(db, row));
    } catch (error) {
      const permanent = error instanceof PermanentMailError || row.attempts >= MAX_ATTEMPTS;
      const updated = await recordOutcome(() => db
        .update(outbox)
        .set(
          permanent
            ? { status: "failed", lockedUntil: null, lastError: describe(error) }
            : {
                status: "pending",
                lockedUntil: null,
                lastError: describe(error),
                nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts, Math.random(), options.backoff)),
              },
        )
        .where(ownClaim(row))
        .returning({ id: outbox.id }));
      if (updated.rows.length > 0) result[permanent ? "failed" : "retried"]++;
      continue;
    }
    const updated = await recordOutcome(() => db
      .update(outbox)
      .set({ status: "sent", sentAt: now, messageId, lockedUntil: null, lastError: null })
      .where(ownClaim(row))
      .returning({ id: outbox.id }));
    if (updated.rows.length > 0) result.sent++;
    // Our claim expired while sending and another worker took the row over: it will record the
    // outcome; the shared Message-ID lets the receiving side drop the duplicate. (After a retried
    // write, no row back usually means the first write did commit and only its answer was lost.)
    else if (!updated.retried) console.warn(`outbox ${row.id}: claim lost while sending; outcome left to the new holder`);
  }
  return result;
}

// --- the polling loop ------------------------------------------------------------------------

export function startOutboxWorker(options: { intervalMs: number; transport?: MailTransport; batch?: number; backoff?: BackoffOptions }): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true; // a kick during a pass: run once more right after, never in parallel
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const batch = options.batch ?? 20;
          const r = await processOutboxOnce(getDb(), { transport: options.transport, batch, backoff: options.backoff });
          if (r.sent + r.failed + r.retried >= batch) again = true; // more may be waiting
        } catch (error) {
          console.warn("outbox worker:", error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref?.();
  kicks.add(tick);
  setImmediate(tick);
  return async () => {
    stopped = true;
    clearInterval(timer);
    kicks.delete(tick);
    await running;
  };
}
