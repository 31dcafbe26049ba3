// The 安装单位比价审批表 PDF: drawn from a fixture (rare CJK, markup, 5 companies × 30 lines), read
// back with poppler (pdftotext, pdffonts, pdftoppm), then issued through the registry from the
// demo data and served by the print route.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { seedDemoData } from "#db/seed";
import { documents, projects, users } from "#db/schema";
import { drawBidComparison } from "#templates/pdf/bid-comparison";
import { formatFen } from "~/lib/money";
import type { SessionUser } from "~/lib/session.server";
import { createSession } from "~/lib/session.server";
import * as printRoute from "~/routes/projects.$projectId.comparison[.]pdf";
import { issueComparisonPdf } from "~/services/bidding/issue-comparison-pdf.server";
import { comparisonFixture } from "../support/comparison-fixture";
import { makeUser } from "../support/factories";
import { pdfFonts, pdfPageCount, pdfPageToPng, pdfText } from "../support/pdf";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const meta = { number: "BJ-PRJ-2026-0042-V1", shortCode: "K7M2Q9XZ", verifyUrl: "https://install.example.cn/v/K7M2Q9XZ", version: 1, createdAt: new Date("2026-03-08T01:02:03Z"), companyName: "英德环境科技有限公司" };
const squash = (s: string) => s.replace(/\s+/g, "");

describe("bid comparison PDF from a fixture", () => {
  const data = comparisonFixture({ companies: 5, lines: 30 });
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    pdf = await drawBidComparison(data, meta);
    text = await pdfText(pdf);
  });

  it("holds the title, project, companies (rare CJK and markup as text), totals, ★ and the decision", () => {
    const flat = squash(text);
    for (const s of ["英德环境科技有限公司", "安装单位比价审批表", "BJ-PRJ-2026-0042-V1", "PRJ-2026-0042", "喆堃大厦新风及空调安装工程", "赟昇置业（广州）有限公司", "峯犇路", "王晓东"]) expect(flat).toContain(squash(s));
    for (const c of data.companies) {
      expect(flat).toContain(squash(c.vendorName));
      expect(flat).toContain(formatFen(c.totalFen));
    }
    expect(flat).toContain("<script>alert(1)</script>");
    expect(text).toContain("★");
    expect(flat).toMatch(/\+\d+\.\d%/);
    expect(flat).toContain("最低");
    for (const s of ["承包方式", "施工范围", "工期", "安装要求", "付款方式", "售后维护", "报价有效期", "报价修订记录", "第2版（现行）", "-¥1,234.56"]) expect(flat).toContain(squash(s));
    // The award went to a company other than the recommended one: both, and the reason, are printed.
    expect(flat).toContain(squash(`推荐单位：${data.companies[0].vendorName}`));
    expect(flat).toContain(squash(`决定：授予${data.companies[1].vendorName}`));
    expect(flat).toContain("该单位质保期更长，综合成本更低");
    expect(flat).toContain("陈国强");
    expect(flat).toContain("经办人/项目经理（签字）");
  });

  it("prints the footer on every page: page x / y, code, verification URL", async () => {
    const pages = await pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const flat = squash(text);
    for (let p = 1; p <= pages; p++) expect(flat).toContain(`第${p}页/共${pages}页`);
    expect(flat.split("验证码：K7M2Q9XZ").length - 1).toBe(pages);
    expect(flat.split(squash("扫码或访问 https://install.example.cn/v/K7M2Q9XZ 验证真伪")).length - 1).toBe(pages);
  });

  it("embeds the Noto Sans SC subset (regular and bold), no other font", async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
      expect(f.embedded && f.subset).toBe(true);
    }
    expect(fonts.some((f) => f.name.includes("Bold"))).toBe(true);
  });

  it("is deterministic: the same data and meta give the same bytes", async () => {
    const again = await drawBidComparison(data, meta);
    if (!again.equals(pdf)) {
      fs.writeFileSync("/tmp/pdfhelper/nd-a.pdf", pdf);
      fs.writeFileSync("/tmp/pdfhelper/nd-b.pdf", again);
    }
    expect(again.equals(pdf)).toBe(true);
  });

  it("lays page 1 out in landscape and renders it to PNG (looked at by eye)", async () => {
    const png = await pdfPageToPng(pdf, "/tmp/comparison-pdf-page1.png", { page: 1, dpi: 90 });
    const head = fs.readFileSync(png).subarray(16, 24);
    expect(head.readUInt32BE(0)).toBeGreaterThan(head.readUInt32BE(4)); // wider than tall
  });

  it("portrait for three companies, blank decision lines when undecided, invalid quotes noted", async () => {
    const small = await drawBidComparison(comparisonFixture({ companies: 3, lines: 4, decided: false, invalid: true }), meta);
    const flat = squash(await pdfText(small));
    expect(flat).toContain("□同意项目经理推荐的单位");
    expect(flat).toContain("□不予授予，重新询价");
    expect(flat).toContain("不计入有效报价");
    const png = await pdfPageToPng(small, "/tmp/comparison-pdf-portrait-page1.png", { page: 1, dpi: 60 });
    const head = fs.readFileSync(png).subarray(16, 24);
    expect(head.readUInt32BE(0)).toBeLessThan(head.readUInt32BE(4));
  });

  it("splits seven companies into groups that each repeat the item columns", async () => {
    const seven = comparisonFixture({ companies: 7, lines: 6 });
    const flat = squash(await pdfText(await drawBidComparison(seven, meta)));
    expect(flat).toContain("（第1组，共2组）");
    expect(flat).toContain("（第2组，共2组）");
    for (const c of seven.companies) expect(flat).toContain(squash(c.vendorName));
  });

  it("prints a reopen decision with its reason", async () => {
    const reopened = { ...data, decision: { kind: "reopen" as const, vendorId: null, vendorName: null, reason: "报价均超预算，重新询价", by: "陈国强", at: "2026-03-07T08:00:00.000Z" } };
    const flat = squash(await pdfText(await drawBidComparison(reopened, meta)));
    expect(flat).toContain("决定：不予授予，重新询价");
    expect(flat).toContain("报价均超预算，重新询价");
  });
});

describe(`comparison PDF issued from the demo data (${testDriver()})`, () => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  let pm: SessionUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedDemoData(db);
    const [project] = await db.select().from(projects).where(eq(projects.code, "PRJ-2026-0002"));
    projectId = project.id;
    const [pmRow] = await db.select().from(users).where(eq(users.id, project.pmId));
    pm = { id: pmRow.id, email: pmRow.email, name: pmRow.name, roles: ["pm"], companyId: pmRow.companyId };
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("issues BJ-<code>-V1 once: printing unchanged data again returns the same document", async () => {
    const first = await issueComparisonPdf(db, { projectId, user: pm });
    expect(first.number).toBe("BJ-PRJ-2026-0002-V1");
    expect(first.shortCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const again = await issueComparisonPdf(db, { projectId, user: pm });
    expect(again.id).toBe(first.id);
    expect(await db.select().from(documents).where(eq(documents.projectId, projectId))).toHaveLength(1);
  });

  it("serves it inline to the pm; the PDF holds the four companies and the recommendation", async () => {
    const cookie = (await createSession(db, pm.id, { ip: "", userAgent: "" })).split(";")[0];
    const response = (await printRoute.loader({ request: new Request(`http://localhost/projects/${projectId}/comparison.pdf`, { headers: { Cookie: cookie } }), params: { projectId }, context: {} } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; .*filename\*=UTF-8''%E5%AE%89%E8%A3%85/);
    const flat = squash(await pdfText(Buffer.from(await response.arrayBuffer())));
    expect(flat).toContain("PRJ-2026-0002");
    expect(flat).toContain("项目经理推荐意见");
    expect((flat.match(/¥[\d,]+\.\d\d/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it("is not served to a vendor user or another pm (404)", async () => {
    for (const roles of [["vendor"], ["pm"]] as const) {
      const other = await makeUser(db, [...roles]);
      const cookie = (await createSession(db, other.id, { ip: "", userAgent: "" })).split(";")[0];
      const outcome = await printRoute
        .loader({ request: new Request(`http://localhost/projects/${projectId}/comparison.pdf`, { headers: { Cookie: cookie } }), params: { projectId }, context: {} } as never)
        .then(() => null, (e: unknown) => e as { init?: { status?: number } });
      expect(outcome?.init?.status).toBe(404);
    }
  });
});
