import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { files, outbox, type EmailPayload } from "#db/schema";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { createSmtpTransport, messageIdFor, type MailTransport } from "~/lib/mail/transport.server";
import {
  getOutboxMessage,
  kickOutbox,
  listOutbox,
  processOutboxOnce,
  startOutboxWorker,
} from "~/lib/mail/worker.server";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

// A small but real PDF: %PDF header, binary bytes and a trailer, so any re-encoding would show.
const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "latin1"),
  crypto.randomBytes(3000),
  Buffer.from("\n%%EOF\n"),
]);

function payload(over: Partial<EmailPayload> = {}): EmailPayload {
  return { to: ["pm@example.com"], subject: "待您决定中标单位：喆堃赟昇峯犇 工程", text: "正文 body", ...over };
}

describe(`outbox delivery (${testDriver()})`, () => {
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
    await database.db.delete(outbox);
    smtp.received.length = 0;
  });

  it("never sends a message whose transaction rolled back", async () => {
    const db = database.db;
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { template: "decisionRequested", payload: payload() });
        throw new Error("the stage change failed");
      }),
    ).rejects.toThrow("the stage change failed");
    const result = await processOutboxOnce(db, { transport });
    expect(result).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await db.select().from(outbox)).toHaveLength(0);
  });

  it("sends a committed message once, Chinese subject and PDF attachments intact", async () => {
    const db = database.db;
    const [file] = await db
      .insert(files)
      .values({ name: "验收单.pdf", mime: "application/pdf", size: PDF.length, sha256: "x", bytes: PDF })
      .returning({ id: files.id });
    const id = await db.transaction((tx) =>
      enqueueEmail(tx, {
        template: "projectAccepted",
        payload: payload({
          cc: ["finance@example.com"],
          html: "<p>正文</p>",
          attachments: [
            { filename: "验收单.pdf", contentType: "application/pdf", fileId: file.id },
            { filename: "inline.pdf", contentType: "application/pdf", base64: PDF.toString("base64") },
          ],
        }),
      }),
    );
    expect(await processOutboxOnce(db, { transport })).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await processOutboxOnce(db, { transport, now: new Date(Date.now() + 86_400_000) })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });

    const row = await getOutboxMessage(db, id);
    expect(row?.status).toBe("sent");
    expect(row?.attempts).toBe(1);
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.messageId).toBe(messageIdFor(row!.idempotencyKey));

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.messageId).toBe(row?.messageId);
    expect(smtp.countByMessageId(row!.messageId!)).toBe(1);
    expect(mail.subject).toBe("待您决定中标单位：喆堃赟昇峯犇 工程");
    expect(mail.to).toEqual(["pm@example.com"]);
    expect(mail.cc).toEqual(["finance@example.com"]);
    expect(mail.from).toBe("noreply@install-tracker.local");
    expect(mail.text?.trim()).toBe("正文 body");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["验收单.pdf", "inline.pdf"]);
    for (const a of mail.attachments) {
      expect(a.contentType).toBe("application/pdf");
      expect(a.content.equals(PDF)).toBe(true);
    }
  });

  it("the polling worker delivers promptly when kicked", async () => {
    const stop = startOutboxWorker({ intervalMs: 60_000, transport });
    try {
      // Let the start-up pass finish on an empty outbox, so only the kick can deliver.
      await new Promise((r) => setTimeout(r, 200));
      const id = await database.db.transaction((tx) => enqueueEmail(tx, { template: "vendorAwarded", payload: payload() }));
      kickOutbox();
      const deadline = Date.now() + 10_000;
      while ((await getOutboxMessage(database.db, id))?.status !== "sent" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await getOutboxMessage(database.db, id))?.status).toBe("sent");
      expect(smtp.received).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it("lists messages for the admin page, newest first, filtered by status", async () => {
    const db = database.db;
    for (let i = 0; i < 3; i++) await enqueueEmail(db, { template: "retentionDue", payload: payload({ subject: `s${i}` }) });
    await db.execute(sql`update outbox set status = 'failed' where payload->>'subject' = 's0'`);
    const all = await listOutbox(db, { limit: 2, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.subject)).toEqual(["s2", "s1"]);
    const failed = await listOutbox(db, { limit: 10, offset: 0, status: "failed" });
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({ subject: "s0", to: ["pm@example.com"], status: "failed", template: "retentionDue" });
    expect(await getOutboxMessage(db, 999_999)).toBeNull();
    expect(await getOutboxMessage(db, -1)).toBeNull();
  });
});
