import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "#db/schema";
import { escapeHtml, renderEmail } from "#templates/email/layout";
import { buildStageNotice, isStageNoticeTemplate, STAGE_NOTICE_TEMPLATES } from "#templates/email/stage-notice";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import { createFileTransport, emlPath, readEmlFile } from "~/lib/mail/transport.server";
import { getOutboxMessage, processOutboxOnce } from "~/lib/mail/worker.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

describe(`outbox file transport (${testDriver()})`, () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "outbox-eml-"));
  });
  afterAll(async () => {
    await database?.drop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("writes each message as a readable <id>.eml file", async () => {
    const db = database.db;
    const notice = buildStageNotice("decisionRequested", {
      projectCode: "P-2025-001",
      projectName: "喆堃赟昇峯犇 <script>alert(1)</script>",
      stageLabel: "招标比选",
      url: "http://localhost:3000/projects/1",
    });
    const id = await enqueueEmail(db, {
      template: "decisionRequested",
      payload: { to: ["王经理 <pm@example.com>"], ...notice, attachments: [{ filename: "报价.pdf", contentType: "application/pdf", base64: Buffer.from("%PDF-1.4 x").toString("base64") }] },
    });
    const transport = createFileTransport(dir);
    expect(await processOutboxOnce(db, { transport })).toEqual({ sent: 1, failed: 0, retried: 0 });

    expect(path.basename(emlPath(id, dir))).toBe(`${id}.eml`);
    const eml = await readEmlFile(id, dir);
    expect(eml).toBeTruthy();
    expect(eml).toContain("\r\n"); // RFC 822 line ends
    const parsed = await simpleParser(eml!);
    const row = await getOutboxMessage(db, id);
    expect(parsed.messageId).toBe(row?.messageId);
    expect(parsed.subject).toBe("【P-2025-001】待您决定中标单位：喆堃赟昇峯犇 <script>alert(1)</script>");
    expect(parsed.text).toContain("Please decide the winning vendor");
    expect(parsed.html).toContain("&lt;script&gt;");
    expect(parsed.html).not.toContain("<script>");
    expect(parsed.attachments[0].content.toString()).toBe("%PDF-1.4 x");
    expect(await fs.readdir(dir)).toEqual([`${id}.eml`]); // no temp files left
    expect(await readEmlFile(id + 1000, dir)).toBeNull();
    expect(() => emlPath(0, dir)).toThrow();
    await db.delete(outbox);
  });
});

describe("e-mail templates", () => {
  it("escapes every interpolated value and drops unsafe links", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const { html, text } = renderEmail({
      title: "<b>标题</b>",
      paragraphs: ['"引号" & <img src=x onerror=alert(1)>', "\u202e右到左"],
      action: { label: "<打开>", url: "javascript:alert(1)" },
      footer: "<i>footer</i>",
    });
    expect(html).not.toMatch(/<b>|<img|<i>|javascript:/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(text).toContain('"引号" & <img src=x onerror=alert(1)>');
    expect(text).not.toContain("javascript:");
    const linked = renderEmail({ title: "t", paragraphs: [], action: { label: "打开", url: "https://example.com/a?b=1&c=2" } });
    expect(linked.html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(linked.text).toContain("打开: https://example.com/a?b=1&c=2");
  });

  it("builds every stage notice: Chinese first, an English line, one-line subject", () => {
    expect(STAGE_NOTICE_TEMPLATES.length).toBeGreaterThanOrEqual(20);
    expect(isStageNoticeTemplate("decisionRequested")).toBe(true);
    expect(isStageNoticeTemplate("toString")).toBe(false);
    for (const t of STAGE_NOTICE_TEMPLATES) {
      const n = buildStageNotice(t, { projectCode: "P-1", projectName: "项目\r\nBcc: x", stageLabel: "阶段", url: "https://x.test/p/1", extra: "附加说明" });
      expect(n.subject).toMatch(/^【P-1】\S/);
      expect(n.subject).not.toMatch(/[\r\n]/);
      expect(n.text.indexOf("项目：")).toBeLessThan(n.text.indexOf("— project P-1"));
      expect(n.text.indexOf("— project P-1")).toBeGreaterThan(0);
      expect(n.text).toContain("附加说明");
      expect(n.html).toContain('href="https://x.test/p/1"');
    }
    expect(buildStageNotice("decisionRequested", { projectCode: "P", projectName: "N", stageLabel: "S", url: "https://x.test" }).subject).toBe(
      "【P】待您决定中标单位：N",
    );
  });
});
