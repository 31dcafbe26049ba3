import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { outbox, type EmailPayload } from "#db/schema";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { createSmtpTransport, type MailTransport } from "~/lib/mail/transport.server";
import {
  getOutboxMessage,
  MAX_ATTEMPTS,
  processOutboxOnce,
  retryOutboxMessage,
} from "~/lib/mail/worker.server";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const HOUR = 3_600_000;

function payload(over: Partial<EmailPayload> = {}): EmailPayload {
  return { to: ["pm@example.com"], subject: "结算已审核通过", text: "body", ...over };
}

describe(`outbox faults (${testDriver()})`, () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startTestSmtpServer();
    transport = createSmtpTransport(smtp.url);
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.stop();
    await database?.drop();
  });
  beforeEach(async () => {
    await smtp.restart();
    await database.db.delete(outbox);
    smtp.received.length = 0;
  });

  const rows = () => database.db.select().from(outbox).orderBy(outbox.id);

  it("SMTP down: rows stay pending with backoff; back up: each delivered exactly once", async () => {
    const db = database.db;
    await smtp.stop();
    for (let i = 0; i < 5; i++) await enqueueEmail(db, { template: "settlementApproved", payload: payload({ subject: `第${i}封` }) });
    const t0 = new Date();
    expect(await processOutboxOnce(db, { now: t0, transport })).toEqual({ sent: 0, failed: 0, retried: 5 });
    for (const r of await rows()) {
      expect(r.status).toBe("pending");
      expect(r.attempts).toBe(1);
      expect(r.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(r.lockedUntil).toBeNull();
      // 2^1 × 10 s, plus at most 10 % jitter
      const delay = r.nextAttemptAt.getTime() - t0.getTime();
      expect(delay).toBeGreaterThanOrEqual(20_000);
      expect(delay).toBeLessThanOrEqual(22_000);
    }
    // Not due yet: nothing is attempted.
    expect(await processOutboxOnce(db, { now: new Date(t0.getTime() + 10_000), transport })).toEqual({ sent: 0, failed: 0, retried: 0 });
    // Still down at the next attempt: the backoff grows (2^2 × 10 s).
    const t1 = new Date(t0.getTime() + 30_000);
    expect((await processOutboxOnce(db, { now: t1, transport })).retried).toBe(5);
    for (const r of await rows()) {
      expect(r.attempts).toBe(2);
      expect(r.nextAttemptAt.getTime() - t1.getTime()).toBeGreaterThanOrEqual(40_000);
    }

    await smtp.restart();
    const later = new Date(t0.getTime() + HOUR);
    expect((await processOutboxOnce(db, { now: later, transport })).sent).toBe(5);
    expect(await processOutboxOnce(db, { now: new Date(later.getTime() + 10 * HOUR), transport })).toEqual({ sent: 0, failed: 0, retried: 0 });
    const sent = await rows();
    expect(sent.every((r) => r.status === "sent" && r.attempts === 3 && r.lastError === null)).toBe(true);
    expect(smtp.received).toHaveLength(5);
    for (const r of sent) expect(smtp.countByMessageId(r.messageId!)).toBe(1);
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(["第0封", "第1封", "第2封", "第3封", "第4封"]);
  });

  it("workers running at the same time never send a row twice", async () => {
    const db = database.db;
    for (let i = 0; i < 40; i++) await enqueueEmail(db, { template: "retentionDue", payload: payload({ subject: `m${i}` }) });
    const now = new Date();
    const worker = async () => {
      let total = 0;
      for (;;) {
        const r = await processOutboxOnce(db, { now, transport, batch: 7 });
        if (r.sent + r.failed + r.retried === 0) return total;
        total += r.sent;
      }
    };
    const counts = await Promise.all([worker(), worker(), worker(), worker()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(smtp.received).toHaveLength(40);
    const ids = new Set(smtp.received.map((m) => m.messageId));
    expect(ids.size).toBe(40);
    expect((await rows()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("neutralises header injection in the subject and refuses it in an address", async () => {
    const db = database.db;
    const okId = await enqueueEmail(db, {
      template: "decisionRequested",
      payload: payload({ subject: "报价\r\nBcc: evil@example.com\r\nX-Evil: 1", attachments: [{ filename: "a\r\nX-Evil: 2.pdf", contentType: "application/pdf", base64: "JVBERg==" }] }),
    });
    const badId = await enqueueEmail(db, {
      template: "decisionRequested",
      payload: payload({ to: ["pm@example.com\r\nBcc: evil@example.com"] }),
    });
    const result = await processOutboxOnce(db, { transport });
    expect(result).toEqual({ sent: 1, failed: 1, retried: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.rcptTo).toEqual(["pm@example.com"]);
    expect(mail.subject).toBe("报价 Bcc: evil@example.com X-Evil: 1");
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.headers.has("x-evil")).toBe(false);
    expect(mail.raw.toString("latin1")).not.toMatch(/^(Bcc|X-Evil):/im);
    expect((await getOutboxMessage(db, okId))?.status).toBe("sent");

    const bad = await getOutboxMessage(db, badId);
    expect(bad?.status).toBe("failed");
    expect(bad?.attempts).toBe(1);
    expect(bad?.lastError).toMatch(/Invalid e-mail address/);
  });

  it(`fails after ${MAX_ATTEMPTS} attempts; an admin retry sends it`, async () => {
    const db = database.db;
    await smtp.stop();
    const id = await enqueueEmail(db, { template: "warrantyExpired", payload: payload() });
    let now = Date.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      now += 2 * HOUR; // past the longest backoff (1 h + jitter)
      const r = await processOutboxOnce(db, { now: new Date(now), transport });
      expect(r).toEqual(attempt < MAX_ATTEMPTS ? { sent: 0, failed: 0, retried: 1 } : { sent: 0, failed: 1, retried: 0 });
    }
    const failed = await getOutboxMessage(db, id);
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lockedUntil: null });
    expect(failed?.lastError).toBeTruthy();
    expect(await processOutboxOnce(db, { now: new Date(now + 10 * HOUR), transport })).toEqual({ sent: 0, failed: 0, retried: 0 });

    await smtp.restart();
    expect(await retryOutboxMessage(db, id)).toBe(true);
    expect(await retryOutboxMessage(db, id)).toBe(false); // no longer failed
    expect((await processOutboxOnce(db, { transport })).sent).toBe(1);
    expect(await getOutboxMessage(db, id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it("a worker whose claim expired mid-send cannot mark the row", async () => {
    const db = database.db;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: MailTransport = { kind: "smtp", send: async (m) => (await gate, transport.send(m)), close: () => {} };
    const id = await enqueueEmail(db, { template: "acceptanceRequested", payload: payload() });
    const t0 = new Date();
    const first = processOutboxOnce(db, { now: t0, transport: slow });
    while ((await getOutboxMessage(db, id))?.status !== "sending") await new Promise((r) => setTimeout(r, 10));
    // Three minutes later the claim has expired: another worker takes the row over and sends it.
    const second = await processOutboxOnce(db, { now: new Date(t0.getTime() + 3 * 60_000), transport });
    expect(second.sent).toBe(1);
    release();
    expect((await first).sent).toBe(0);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/claim lost/));
    // Both sends carry the same Message-ID, so the receiving side can drop the duplicate.
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(1);
    warn.mockRestore();
  });
});
