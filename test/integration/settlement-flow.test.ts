// The settlement end to end through events: the pm's statement goes to finance by e-mail with both
// PDFs (received by a real SMTP server, read back with pdftotext), approval sends them to the client,
// payments settle it, the scheduler raises the retention release on its due date, and the
// installer's milestones become payment requests as their triggers are reached.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { createSmtpTransport, type MailTransport } from "~/lib/mail/transport.server";
import { processOutboxOnce } from "~/lib/mail/worker.server";
import { rmbInWords } from "~/lib/rmb-uppercase";
import { applyEvent } from "~/services/projects/apply-event.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { tickProjects } from "~/services/projects/scheduler-jobs.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";
import { saveSettlementDraft } from "~/services/settlement/settlement-save.server";
import { acceptToday, constructionProject, meetPreconditions } from "./acceptance-fixture";
import { makeUser } from "../support/factories";
import { pdfText } from "../support/pdf";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const info = { ip: "127.0.0.1", userAgent: "vitest" };
const today = () => shanghaiDate(new Date().toISOString());

describe(`settlement by events and e-mail (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    smtp = await startTestSmtpServer();
    transport = createSmtpTransport(smtp.url);
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.stop();
    await t?.drop();
  });

  it("submit → finance mail with both PDFs; approve → client mail; paid in two parts; retention raised on its date; milestones due", async () => {
    const finance = await makeUser(db, ["finance"], { name: "孙财务", email: "finance@test.cn" });
    const f = await constructionProject(db);
    const [contract] = await db.select().from(s.vendorContracts).where(eq(s.vendorContracts.projectId, f.project.id));
    await db.insert(s.contractMilestones).values([
      { contractId: contract.id, position: 0, trigger: "entry", label: "进场 30%", basisPoints: 3000, amountFen: 10_950_000 },
      { contractId: contract.id, position: 1, trigger: "acceptance", label: "验收 67%", basisPoints: 6700, amountFen: 24_455_000 },
      { contractId: contract.id, position: 2, trigger: "warrantyEnd", label: "质保期满 3%", basisPoints: 300, amountFen: 1_095_000 },
    ]);
    await meetPreconditions(db, f.project.id, f.pm.id);
    await acceptToday(db, f);
    const requests = await db.select().from(s.vendorPaymentRequests).where(eq(s.vendorPaymentRequests.projectId, f.project.id));
    expect(requests.map((r) => [r.trigger, r.amountFen, r.dueOn])).toEqual([["acceptance", 24_455_000, addDays(today(), 30)]]);

    // The pm's statement: ¥365,000.00 + ¥12,800.00 − ¥1,200.00, 3% retention, ¥100,000.00 paid before.
    const saved = await saveSettlementDraft(db, {
      access: await requireSettlementAccess(db, f.pm, f.project.id), user: f.pm,
      input: {
        contractAmount: "365000", retentionMode: "rate", retentionRate: "3", defectMonths: "12", paidBefore: "100000",
        paymentDueOn: addDays(today(), 30), basis: "施工合同及签证单", payeeBank: "工商银行天河支行", payeeAccount: "3602000000001",
        lines: [
          { kind: "variation", number: "BG-001", reason: "增设新风末端", amount: "12800", approvedBy: "陈代表", approvedOn: today() },
          { kind: "deduction", number: "KK-001", reason: "逾期违约金", amount: "-1200", approvedBy: "陈代表", approvedOn: today() },
        ],
      },
    });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const send = (user: typeof f.pm, type: string, json: Record<string, unknown> = {}) => sendProjectEvent(db, { projectId: f.project.id, user, type, json, info, locale: "zh-CN" });
    expect((await send(f.pm, "SUBMIT_SETTLEMENT")).ok).toBe(true);

    await processOutboxOnce(db, { transport });
    const toFinance = smtp.received.find((m) => m.to.includes("finance@test.cn") && m.subject?.includes("待您审核结算"));
    expect(toFinance?.attachments.map((a) => a.contentType)).toEqual(["application/pdf", "application/pdf"]);
    const [statement, application] = await Promise.all(toFinance!.attachments.map((a) => pdfText(a.content)));
    // final total 376,600.00; retention 11,298.00; payable now 265,302.00
    expect(statement).toContain("工程结算书");
    expect(statement).toContain("¥376,600.00");
    expect(statement).toContain(rmbInWords(37_660_000));
    expect(application).toContain("付款申请表");
    expect(application).toContain(rmbInWords(26_530_200));

    // Finance returns with a comment, the pm resubmits, finance approves: the client contact gets both PDFs.
    expect((await send(finance, "RETURN_SETTLEMENT", { comment: "请补充签证单编号" })).ok).toBe(true);
    expect((await send(f.pm, "SUBMIT_SETTLEMENT")).ok).toBe(true);
    expect((await send(finance, "APPROVE_SETTLEMENT")).ok).toBe(true);
    await processOutboxOnce(db, { transport });
    const toClient = smtp.received.find((m) => m.to.includes("chen@client.test") && m.attachments.length === 2);
    expect(toClient?.subject).toContain("工程结算书及付款申请");
    expect(await db.select().from(s.vendorPaymentRequests).where(eq(s.vendorPaymentRequests.projectId, f.project.id))).toHaveLength(1);

    // Two partial payments; more than outstanding is refused with the machine's reason.
    const over = await send(finance, "RECORD_PAYMENT", { amount: "265302.01", receivedOn: today() });
    expect(!over.ok && over.message).toContain("收款金额超过未付金额");
    expect((await send(finance, "RECORD_PAYMENT", { amount: "200000", receivedOn: today(), reference: "BANK-1" })).ok).toBe(true);
    expect((await send(finance, "RECORD_PAYMENT", { amount: "65302", receivedOn: today(), reference: "BANK-2" })).ok).toBe(true);
    const region = async () => ((await db.select().from(s.projects).where(eq(s.projects.id, f.project.id)))[0].snapshot as { value: { handover: { settlement: string } } }).value.handover.settlement;
    expect(await region()).toBe("retentionHeld");

    // The scheduler passes the retention's due date: a release request to finance and the client.
    const [approved] = await db.select().from(s.settlements).where(and(eq(s.settlements.projectId, f.project.id), eq(s.settlements.status, "approved")));
    const dueOn = approved.retentionDueOn!;
    // (the day before, the warranty region moves to expiring; the retention waits)
    await tickProjects(db, new Date(`${addDays(dueOn, -1)}T12:00:00+08:00`));
    expect(await region()).toBe("retentionHeld");
    await tickProjects(db, new Date(`${dueOn}T00:05:00+08:00`));
    expect(await region()).toBe("retentionReleaseRequested");
    const due = (await db.select().from(s.outbox).where(and(eq(s.outbox.projectId, f.project.id), eq(s.outbox.template, "retentionDue"))))[0];
    expect(due.payload.to).toEqual(expect.arrayContaining(["finance@test.cn", "chen@client.test"]));
    // The warranty ended the same day: the installer's last milestone is due now.
    const last = await db.select().from(s.vendorPaymentRequests).where(and(eq(s.vendorPaymentRequests.projectId, f.project.id), eq(s.vendorPaymentRequests.trigger, "warrantyEnd")));
    expect(last).toHaveLength(0);
    await tickProjects(db, new Date(`${addDays(dueOn, 1)}T00:05:00+08:00`));
    const after = await db.select().from(s.vendorPaymentRequests).where(and(eq(s.vendorPaymentRequests.projectId, f.project.id), eq(s.vendorPaymentRequests.trigger, "warrantyEnd")));
    expect(after.map((r) => r.amountFen)).toEqual([1_095_000]);
    // Finance records the release: the settlement region is finished.
    // Today it is not due yet (the machine says when); on the due date finance records the release.
    const early = await send(finance, "RELEASE_RETENTION", { receivedOn: today() });
    expect(!early.ok && early.message).toContain(`${dueOn} 起方可退还`);
    const release = await applyEvent(db, { projectId: f.project.id, type: "RELEASE_RETENTION", payload: { receivedOn: dueOn, reference: "BANK-3" }, actor: { userId: finance.id, role: "finance", label: finance.name }, info, at: new Date(`${dueOn}T15:00:00+08:00`) });
    expect(release.ok).toBe(true);
    expect(await region()).toBe("retentionReleased");
    const paid = await db.select().from(s.payments).where(eq(s.payments.projectId, f.project.id));
    expect(paid.map((p) => [p.kind, p.amountFen]).sort()).toEqual([["progress", 20_000_000], ["progress", 6_530_200], ["retention", 1_129_800]].sort());
  });
});
