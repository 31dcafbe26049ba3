// The comparison (比价): loadComparison, the page's recommendation / submit / award / reopen
// actions, the .xlsx export and the API — each refusing other people's projects.
import ExcelJS from "exceljs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditEvents, bidDecisions, bidRecommendations, projectMembers, projects, quoteLines, quotes } from "#db/schema";
import { createSession } from "~/lib/session.server";
import * as page from "~/routes/projects.$projectId.comparison";
import * as xlsx from "~/routes/projects.$projectId.comparison[.]xlsx";
import * as apiComparison from "~/routes/api.v1.projects.$projectId.comparison";
import * as apiRecommendation from "~/routes/api.v1.projects.$projectId.recommendation";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import type { ComparisonData } from "~/services/bidding/comparison-types";
import { neutraliseCell } from "~/services/bidding/export-comparison-xlsx.server";
import { lineKey, loadComparison } from "~/services/bidding/load-comparison.server";
import { saveRecommendation } from "~/services/bidding/save-recommendation.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { payloadOf, statusOf, thrown } from "../support/route-results";

type Line = { item: string; spec?: string; unit: string; quantity: string; unitPriceFen: number; amountFen: number };

async function quote(db: Db, projectId: string, vendorId: string, revision: number, lines: Line[], fields: Partial<typeof quotes.$inferInsert> = {}) {
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const [q] = await db.insert(quotes).values({ projectId, vendorId, revision, validUntil: "2099-12-31", totalFen, source: "paper", paymentTerms: "=HYPERLINK(\"http://evil\")", ...fields }).returning();
  if (lines.length) await db.insert(quoteLines).values(lines.map((l, position) => ({ quoteId: q.id, position, spec: "", ...l })));
  return q;
}
const L = (item: string, unitPriceFen: number, quantity = "2", spec = "", unit = "台"): Line => ({ item, spec, unit, quantity, unitPriceFen, amountFen: Math.round(Number(quantity) * unitPriceFen) });


describe(`bidding comparison (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  const cookie: Record<string, string> = {};
  const token: Record<string, string> = {};
  const u: Record<string, Awaited<ReturnType<typeof makeUser>>> = {};
  const v: Record<string, string> = {};
  let projectId: string;

  const req = (who: string, path: string, body?: Record<string, string>) => {
    const init: RequestInit = { headers: { Cookie: cookie[who] } };
    if (body) {
      const fd = new FormData();
      for (const [k, val] of Object.entries(body)) fd.append(k, val);
      Object.assign(init, { method: "POST", body: fd });
    }
    return new Request(`http://localhost${path}`, init);
  };
  const args = (request: Request, id = projectId) => ({ request, params: { projectId: id }, context: { ip: "127.0.0.1" } }) as never;
  const version = async () => (await db.select({ v: projects.version }).from(projects).where(eq(projects.id, projectId)))[0]!.v;
  const stage = async () => (await db.select({ s: projects.stage }).from(projects).where(eq(projects.id, projectId)))[0]!.s;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    for (const [name, roles] of [["pm", ["pm"]], ["pm2", ["pm"]], ["boss", ["management"]], ["fin", ["finance"]], ["svc", ["service"]], ["sup", ["supervisor"]]] as const) {
      u[name] = await makeUser(db, [...roles], { name: `用户${name}` });
      cookie[name] = (await createSession(db, u[name]!.id, { ip: "", userAgent: "" })).split(";")[0]!;
      token[name] = (await issueApiToken(db, { userId: u[name]!.id, name: "t" })).token;
    }
    for (const k of ["a", "b", "c", "d", "e"]) v[k] = (await makeCompany(db, "installer", `安装公司${k.toUpperCase()}`)).id;
    projectId = (await makeProject(db, u.pm!)).id;
    await db.insert(projectMembers).values({ projectId, userId: u.sup!.id, party: "supervisor" });
    // A: two revisions (negotiated down); B: spacing differs on the same items; C: withdrawn;
    // D: expired yesterday (Shanghai); E: later, to reach three.
    await quote(db, projectId, v.a!, 1, [L("新风主机安装", 200_000), L("风管", 10_000, "820.5", "δ=0.75mm", "m²")], { submittedAt: new Date("2026-01-10T02:00:00Z") });
    await quote(db, projectId, v.a!, 2, [L("新风主机安装", 190_000), L("风管", 10_000, "820.5", "δ=0.75mm", "m²")], { submittedAt: new Date("2026-01-15T02:00:00Z") });
    await quote(db, projectId, v.b!, 1, [L(" 新风主机安装 ", 185_000), L("风管", 11_000, "820.5", "δ=0.75mm ", " m²"), L("系统调试", 500_000, "1", "", "项")]);
    await quote(db, projectId, v.c!, 1, [L("新风主机安装", 100_000)], { withdrawnAt: new Date() });
    await quote(db, projectId, v.d!, 1, [L("新风主机安装", 90_000)], { validUntil: "2026-03-01" });
  });
  afterAll(async () => t?.drop());

  it("neutralises formula-like text", () => {
    for (const bad of ["=1+1", "+86 138", "-2", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    for (const ok of ["新风", "1=1", "", " =x"]) expect(neutraliseCell(ok)).toBe(ok);
    expect(lineKey(" 风管  镀锌 ", "a  b", "m²")).toBe(lineKey("风管 镀锌", "a b", " m²"));
  });

  it("loadComparison: latest revisions, matched lines, lowest per valid line, spread, invalid reasons, history", async () => {
    // 2026-03-01T16:30Z is 2026-03-02 in Shanghai: D's validity (2026-03-01) has passed there.
    const c = await loadComparison(db, projectId, new Date("2026-03-01T16:30:00Z"));
    expect(c.validCompanyCount).toBe(2);
    const by = Object.fromEntries(c.companies.map((x) => [x.vendorName, x]));
    expect(c.companies.map((x) => x.valid)).toEqual([true, true, false, false]);
    expect(by["安装公司A"]).toMatchObject({ revision: 2, valid: true, isLowest: true, spreadPercent: 0, totalFen: 380_000 + 8_205_000 });
    expect(by["安装公司A"]!.history).toEqual([{ revision: 1, totalFen: 400_000 + 8_205_000, submittedAt: "2026-01-10T02:00:00.000Z" }]);
    const bTotal = 370_000 + 9_025_500 + 500_000;
    expect(by["安装公司B"]).toMatchObject({ totalFen: bTotal, isLowest: false, spreadPercent: Math.round(((bTotal - 8_585_000) * 1000) / 8_585_000) / 10 });
    expect(by["安装公司C"]!.invalidReasons).toEqual(["bidding.comparison.invalid.withdrawn"]);
    expect(by["安装公司D"]!.invalidReasons).toEqual(["bidding.comparison.invalid.expired"]);
    expect(by["安装公司D"]!.spreadPercent).toBe(0);
    // The same item with other spacing is one row; C and D (invalid) are cheaper but not "lowest".
    expect(c.lines.map((l) => l.item)).toEqual(["新风主机安装", "风管", "系统调试"]);
    const host = c.lines[0]!;
    expect(Object.keys(host.cells).sort()).toEqual([v.a, v.b, v.c, v.d].sort());
    expect(host.lowestVendorIds).toEqual([v.b]);
    expect(c.lines[1]!.lowestVendorIds).toEqual([v.a]);
    expect(c.lines[1]!.cells[v.a!]).toEqual({ quantityMilli: 820_500, unitPriceFen: 10_000, amountFen: 8_205_000 });
    expect(c.lines[2]!.lowestVendorIds).toEqual([v.b]);
    expect(c.project).toMatchObject({ id: projectId, pmName: "用户pm" });
    // A day earlier (Shanghai 2026-03-01), D is still valid.
    expect((await loadComparison(db, projectId, new Date("2026-03-01T15:59:00Z"))).validCompanyCount).toBe(3);
  });

  it("only the own pm, management, admin and finance see it (page, export, API)", async () => {
    for (const who of ["pm2", "svc", "sup"]) {
      expect(statusOf(await thrown(page.loader(args(req(who, `/projects/${projectId}/comparison`)))))).toBe(404);
      expect(statusOf(await thrown(page.action(args(req(who, `/projects/${projectId}/comparison`, { intent: "submit", version: "1" })))))).toBe(404);
      expect(statusOf(await thrown(xlsx.loader(args(req(who, `/projects/${projectId}/comparison.xlsx`)))))).toBe(404);
      const api = await apiComparison.loader(args(new Request("http://localhost/api", { headers: { Authorization: `Bearer ${token[who]}` } })));
      expect(api.status).toBe(404);
    }
    const fin = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(req("fin", `/projects/${projectId}/comparison`))));
    expect(fin.canRecommend).toBe(false);
    expect(fin.submit).toBeNull();
    const api = await apiComparison.loader(args(new Request("http://localhost/api", { headers: { Authorization: `Bearer ${token.boss}` } })));
    expect(((await api.json()) as ComparisonData).companies.length).toBeGreaterThanOrEqual(4);
  });

  it("recommendation: refused for an invalid company, another pm (404) and management (403); saved for a valid one", async () => {
    const bad = await page.action(args(req("pm", `/projects/${projectId}/comparison`, { intent: "recommend", vendorId: v.c!, reason: "最便宜" })));
    expect(statusOf(bad)).toBe(422);
    expect(payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(bad)).toMatchObject({ errors: { vendorId: "bidding.recommendation.vendorNotValid" }, values: { reason: "最便宜" } });
    const empty = await page.action(args(req("pm", `/projects/${projectId}/comparison`, { intent: "recommend", vendorId: v.a!, reason: " " })));
    expect(payloadOf<{ errors: Record<string, string> }>(empty).errors).toEqual({ reason: "form.required" });
    expect(statusOf(await thrown(saveRecommendation(db, u.pm2!, projectId, { vendorId: v.a, reason: "x" })))).toBe(404);
    expect(await saveRecommendation(db, u.boss!, projectId, { vendorId: v.a, reason: "x" })).toMatchObject({ ok: false, status: 403 });
    const apiOther = await apiRecommendation.action(args(new Request("http://localhost/api", { method: "PUT", headers: { Authorization: `Bearer ${token.pm2}`, "Content-Type": "application/json" }, body: JSON.stringify({ vendorId: v.a, reason: "x" }) })));
    expect(apiOther.status).toBe(404);
    expect(await db.select().from(bidRecommendations)).toEqual([]);

    const ok = await page.action(args(req("pm", `/projects/${projectId}/comparison`, { intent: "recommend", vendorId: v.a!, reason: "价格最低，工期合理" })));
    expect((ok as Response).headers.get("Location")).toBe(`/projects/${projectId}/comparison?notice=recommended`);
    const api = await apiRecommendation.action(args(new Request("http://localhost/api", { method: "PUT", headers: { Authorization: `Bearer ${token.pm}`, "Content-Type": "application/json" }, body: JSON.stringify({ vendorId: v.b, reason: "综合最优" }) })));
    expect(api.status).toBe(200);
    expect((await api.json()).recommendation).toMatchObject({ vendorId: v.b, vendorName: "安装公司B", reason: "综合最优", by: "用户pm" });
  });

  it("SUBMIT_FOR_DECISION with two valid quotes is refused beside the button with the machine's reason", async () => {
    const view = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(req("pm", `/projects/${projectId}/comparison`))));
    expect(view.submit?.missing.join("")).toContain("有效报价不足三家（目前 2 家）");
    const res = await page.action(args(req("pm", `/projects/${projectId}/comparison`, { intent: "submit", version: String(await version()) })));
    expect(statusOf(res)).toBe(422);
    expect(payloadOf<{ intent: string; reasons: string[] }>(res)).toMatchObject({ intent: "submit", reasons: [expect.stringContaining("有效报价不足三家（目前 2 家）")] });
    expect(await stage()).toBe("bidding");
  });

  it("with a third valid quote: submitted; AWARD another company needs a reason; the award is recorded and audited", async () => {
    await quote(db, projectId, v.e!, 1, [L("新风主机安装", 195_000), L("系统调试", 450_000, "1", "", "项")]);
    const sent = await page.action(args(req("pm", `/projects/${projectId}/comparison`, { intent: "submit", version: String(await version()) })));
    expect((sent as Response).headers.get("Location")).toContain("notice=submitted");
    expect(await stage()).toBe("awaitingDecision");
    // The pm can no longer change the recommendation.
    expect(await saveRecommendation(db, u.pm!, projectId, { vendorId: v.a, reason: "x" })).toMatchObject({ ok: false, status: 409, formError: "bidding.recommendation.wrongStage" });

    const boss = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(req("boss", `/projects/${projectId}/comparison`))));
    expect(boss.award).toBeTruthy();
    expect(boss.comparison.recommendation?.vendorId).toBe(v.b);
    expect(statusOf(await page.action(args(req("pm", `/projects/${projectId}/comparison`, { intent: "award", vendorId: v.b!, reason: "", version: String(await version()) }))))).toBe(403);

    const noReason = await page.action(args(req("boss", `/projects/${projectId}/comparison`, { intent: "award", vendorId: v.e!, reason: "", version: String(await version()) })));
    expect(statusOf(noReason)).toBe(422);
    expect(payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(noReason)).toMatchObject({ errors: { reason: expect.stringContaining("理由") }, values: { vendorId: v.e } });
    const invalid = await page.action(args(req("boss", `/projects/${projectId}/comparison`, { intent: "award", vendorId: v.c!, reason: "便宜", version: String(await version()) })));
    expect(payloadOf<{ errors: Record<string, string> }>(invalid).errors.vendorId).toContain("没有有效报价");
    expect(await db.select().from(bidDecisions)).toEqual([]);

    const ok = await page.action(args(req("boss", `/projects/${projectId}/comparison`, { intent: "award", vendorId: v.e!, reason: "E 公司售后网点近", version: String(await version()) })));
    expect((ok as Response).headers.get("Location")).toContain("notice=awarded");
    expect(await stage()).toBe("contracting");
    const [decision] = await db.select().from(bidDecisions).where(eq(bidDecisions.projectId, projectId));
    expect(decision).toMatchObject({ kind: "award", vendorId: v.e, reason: "E 公司售后网点近", decidedBy: u.boss!.id });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.event, "AWARD"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ projectId, actorUserId: u.boss!.id, fromStage: "awaitingDecision", toStage: "contracting" });
    const after = await loadComparison(db, projectId);
    expect(after.decision).toMatchObject({ kind: "award", vendorId: v.e, vendorName: "安装公司E", by: "用户boss" });
  });

  it("REOPEN_BIDDING needs a reason and is recorded", async () => {
    const p2 = (await makeProject(db, u.pm!)).id;
    for (const k of ["a", "b", "e"]) await quote(db, p2, v[k]!, 1, [L("新风主机安装", 200_000)]);
    expect(await saveRecommendation(db, u.pm!, p2, { vendorId: v.a, reason: "最低" })).toEqual({ ok: true });
    const ver = async () => String((await db.select({ v: projects.version }).from(projects).where(eq(projects.id, p2)))[0]!.v);
    await page.action(args(req("pm", `/projects/${p2}/comparison`, { intent: "submit", version: await ver() }), p2));
    const bare = await page.action(args(req("boss", `/projects/${p2}/comparison`, { intent: "reopen", reason: "", version: await ver() }), p2));
    expect(statusOf(bare)).toBe(400);
    expect(payloadOf<{ errors: Record<string, string> }>(bare).errors.reason).toBeTruthy();
    const stale = await page.action(args(req("boss", `/projects/${p2}/comparison`, { intent: "reopen", reason: "报价普遍偏高", version: "1" }), p2));
    expect(statusOf(stale)).toBe(409);
    const ok = await page.action(args(req("boss", `/projects/${p2}/comparison`, { intent: "reopen", reason: "报价普遍偏高", version: await ver() }), p2));
    expect((ok as Response).headers.get("Location")).toContain("notice=reopened");
    const [row] = await db.select().from(bidDecisions).where(eq(bidDecisions.projectId, p2));
    expect(row).toMatchObject({ kind: "reopen", vendorId: null, reason: "报价普遍偏高" });
    expect((await db.select({ s: projects.stage }).from(projects).where(eq(projects.id, p2)))[0]!.s).toBe("bidding");
    expect(Number((await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.event, "REOPEN_BIDDING")))[0]!.n)).toBe(1);
  });

  it("exports an .xlsx that opens, with money as numbers and formula-like text neutralised", async () => {
    const res = (await xlsx.loader(args(req("fin", `/projects/${projectId}/comparison.xlsx`)))) as Response;
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(res.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("比价-")}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(["比价", "报价历史"]);
    const sheet = wb.getWorksheet("比价")!;
    const texts: string[] = [];
    const money: { value: number; fmt: string }[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") texts.push(cell.value);
        if (typeof cell.value === "number" && cell.numFmt === "¥#,##0.00") money.push({ value: cell.value, fmt: cell.numFmt });
      }),
    );
    expect(texts).toContain(`'=HYPERLINK("http://evil")`);
    expect(texts.some((s) => s.startsWith("="))).toBe(false);
    expect(sheet.getCell("A4").value).toBe("序号");
    expect(money.map((m) => m.value)).toContain(85_850);
    const history = wb.getWorksheet("报价历史")!;
    expect(history.getRow(1).values).toContain("安装公司");
    expect(history.rowCount).toBe(1 + 6); // A has two revisions, B C D E one each
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });
});
