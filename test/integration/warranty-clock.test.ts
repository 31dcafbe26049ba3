// The 12-month warranty clock driven through the scheduler job with given times: the Civil Code
// last day (29 February, month ends, year ends), expiring 30 days before it, expired the day
// after, each boundary at 23:59 and 00:00 Beijing time on a server whose clock runs in UTC; and
// the expiring e-mail delivered to a real SMTP server with the last day and the maintenance offer.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { createSmtpTransport, type MailTransport } from "~/lib/mail/transport.server";
import { processOutboxOnce } from "~/lib/mail/worker.server";
import { tickProjects } from "~/services/projects/scheduler-jobs.server";
import { warrantyClock } from "~/services/projects/warranty-clock";
import { makeUser } from "../support/factories";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { acceptedProject } from "./warranty-fixture";

/** The instant of a Beijing wall-clock time ("2025-01-29 00:00"). */
const beijing = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);

describe(`the warranty clock through the scheduler (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  const savedTz = process.env.TZ;
  beforeAll(async () => {
    // A server running in UTC: the dates must still be Beijing's.
    process.env.TZ = "UTC";
    t = await createTestDatabase();
    db = t.db;
    smtp = await startTestSmtpServer();
    transport = createSmtpTransport(smtp.url);
  });
  afterAll(async () => {
    process.env.TZ = savedTz;
    transport?.close();
    await smtp?.stop();
    await t?.drop();
  });

  async function state(projectId: string) {
    const [row] = await db.select().from(s.projects).where(eq(s.projects.id, projectId));
    const snap = row.snapshot as { value: { handover: { warranty: string } }; context: { acceptedOn: string; warrantyEndsOn: string } };
    const mails = await db.select({ template: s.outbox.template }).from(s.outbox).where(eq(s.outbox.projectId, projectId));
    return { warranty: snap.value.handover.warranty, context: snap.context, templates: mails.map((m) => m.template).filter((x) => x.startsWith("warranty")) };
  }

  /** Ticks at `at`, then checks the machine's state and that the page's clock agrees with it. */
  async function tickAndExpect(projectId: string, at: Date, expected: "active" | "expiring" | "expired") {
    await tickProjects(db, at);
    const now = await state(projectId);
    expect(now.warranty, at.toISOString()).toBe(expected);
    const beijingDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(at);
    expect(warrantyClock(now.context, beijingDay)?.state, `page clock on ${beijingDay}`).toBe(expected);
    return now;
  }

  it("29 February 2024: last day 2025-02-28; expiring from 2025-01-29 00:00 Beijing, expired from 2025-03-01 00:00", async () => {
    const f = await acceptedProject(db, "2024-02-29");
    expect((await state(f.project.id)).context).toMatchObject({ acceptedOn: "2024-02-29", warrantyEndsOn: "2025-02-28" });
    // 2025-01-28 23:59 in Beijing: 31 days ahead, nothing due (and nothing written).
    expect((await tickAndExpect(f.project.id, beijing("2025-01-28 23:59"), "active")).templates).toEqual([]);
    // One minute later — still the 28th on the UTC server (16:00Z) — it is the 29th in Beijing.
    const at = beijing("2025-01-29 00:00");
    expect(at.toISOString()).toBe("2025-01-28T16:00:00.000Z");
    expect((await tickAndExpect(f.project.id, at, "expiring")).templates).toEqual(["warrantyExpiring"]);
    // Ticking again (same day, later days) sends nothing more.
    await tickAndExpect(f.project.id, beijing("2025-02-10 09:00"), "expiring");
    // The last day is inside the warranty up to its last minute.
    expect((await tickAndExpect(f.project.id, beijing("2025-02-28 23:59"), "expiring")).templates).toEqual(["warrantyExpiring"]);
    expect((await tickAndExpect(f.project.id, beijing("2025-03-01 00:00"), "expired")).templates).toEqual(["warrantyExpiring", "warrantyExpired"]);
  });

  it("month end 2025-01-31: last day 2026-01-31, expiring from 2026-01-01, expired from 2026-02-01", async () => {
    const f = await acceptedProject(db, "2025-01-31");
    expect((await state(f.project.id)).context.warrantyEndsOn).toBe("2026-01-31");
    await tickAndExpect(f.project.id, beijing("2025-12-31 23:59"), "active");
    await tickAndExpect(f.project.id, beijing("2026-01-01 00:00"), "expiring");
    await tickAndExpect(f.project.id, beijing("2026-01-31 23:59"), "expiring");
    await tickAndExpect(f.project.id, beijing("2026-02-01 00:00"), "expired");
  });

  it("year end 2025-12-31: last day 2026-12-31, expiring from 2026-12-01, expired from 2027-01-01 00:00 Beijing (still 2026 in UTC)", async () => {
    const f = await acceptedProject(db, "2025-12-31");
    expect((await state(f.project.id)).context.warrantyEndsOn).toBe("2026-12-31");
    await tickAndExpect(f.project.id, beijing("2026-11-30 23:59"), "active");
    await tickAndExpect(f.project.id, beijing("2026-12-01 00:00"), "expiring");
    await tickAndExpect(f.project.id, beijing("2026-12-31 23:59"), "expiring");
    const newYear = beijing("2027-01-01 00:00");
    expect(newYear.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    await tickAndExpect(f.project.id, newYear, "expired");
  });

  it("a scheduler that was down past the last day goes straight to expired with only the expired notice", async () => {
    const f = await acceptedProject(db, "2025-03-15");
    expect((await state(f.project.id)).context.warrantyEndsOn).toBe("2026-03-15");
    expect((await tickAndExpect(f.project.id, beijing("2026-04-02 08:00"), "expired")).templates).toEqual(["warrantyExpired"]);
  });

  it("delivers the expiring e-mail to the client contact, the pm and service over SMTP: last day and a maintenance contract offer", async () => {
    const service = await makeUser(db, ["service"], { name: "刘售后", email: "service@test.cn" });
    const f = await acceptedProject(db, "2024-02-29");
    await tickAndExpect(f.project.id, beijing("2025-01-29 08:00"), "expiring");
    // Only this project's mails (other projects of this file ticked earlier were sent or are ignored here).
    const [row] = await db.select().from(s.outbox).where(and(eq(s.outbox.projectId, f.project.id), eq(s.outbox.template, "warrantyExpiring")));
    expect(row).toBeTruthy();
    for (let i = 0; i < 10 && !smtp.received.some((m) => m.subject?.includes(f.project.code)); i++) await processOutboxOnce(db, { transport });
    const mail = smtp.received.find((m) => m.subject?.includes(f.project.code) && m.subject?.includes("质保期即将到期"));
    expect(mail, "expiring mail delivered").toBeTruthy();
    expect(mail!.rcptTo).toEqual(expect.arrayContaining(["chen@client.test", f.pm.email, service.email]));
    const text = mail!.text ?? "";
    expect(text).toContain("保修期至 2025-02-28（含当日）");
    expect(text).toContain("维保合同");
    expect(text).toContain("续签维保合同");
    expect(text).toContain("The warranty's last day is 2025-02-28");
    expect(String(mail!.html)).toContain("2025-02-28");
    // The link leads to the project.
    expect(text).toContain(`/projects/${f.project.id}`);
  });
});
