// A company's track record: the list's aggregates across several companies, and the vendor
// page's history limited to the projects the user may see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { bidDecisions, files, vendorContracts, type Role } from "#db/schema";
import { createSession } from "~/lib/session.server";
import * as page from "~/routes/vendors.$vendorId";
import * as list from "~/routes/vendors._index";
import { listVendors } from "~/services/vendors/list-vendors.server";
import { getVendorHistory } from "~/services/vendors/vendor-history.server";
import { makeCompany, makeProject, makeQuote, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

type Args = Parameters<typeof page.loader>[0];
const payloadOf = <T = Record<string, any>>(v: unknown): T => ((v as { data?: unknown }).data ?? v) as T;

describe(`vendor history and list aggregates (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  const cookies: Record<string, string> = {};
  const users: Record<string, Awaited<ReturnType<typeof makeUser>>> = {};
  const v: Record<string, string> = {};
  const p: Record<string, string> = {};

  async function signIn(name: string, roles: Role[]) {
    users[name] = await makeUser(t.db, roles, { name: `用户${name}` });
    cookies[name] = (await createSession(t.db, users[name].id, { ip: "", userAgent: "" })).split(";")[0];
  }
  const req = (who: string, path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookies[who] } });
  const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as unknown as Args;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    await signIn("pm", ["pm"]);
    await signIn("pm2", ["pm"]);
    await signIn("boss", ["management"]);
    v.a = (await makeCompany(db, "installer", "甲安装")).id;
    v.b = (await makeCompany(db, "installer", "乙安装")).id;
    v.c = (await makeCompany(db, "installer", "丙安装")).id;
    await makeCompany(db, "client", "不是安装公司");
    p.one = (await makeProject(db, users.pm, { code: "P-1", name: "项目一", stage: "contracting" })).id;
    p.two = (await makeProject(db, users.pm, { code: "P-2", name: "项目二" })).id;
    p.three = (await makeProject(db, users.pm2, { code: "P-3", name: "项目三" })).id;

    await makeQuote(db, p.one, { vendorId: v.a, revision: 1, totalFen: 120_000_00, submittedAt: new Date("2026-01-01T02:00:00Z") });
    await makeQuote(db, p.one, { vendorId: v.a, revision: 2, totalFen: 110_000_00, submittedAt: new Date("2026-01-05T02:00:00Z") });
    await makeQuote(db, p.two, { vendorId: v.a, revision: 1, withdrawnAt: new Date("2026-01-03T00:00:00Z"), submittedAt: new Date("2026-01-02T02:00:00Z") });
    await makeQuote(db, p.three, { vendorId: v.a, revision: 1, validUntil: "2020-01-01", submittedAt: new Date("2026-01-09T02:00:00Z") });
    await makeQuote(db, p.one, { vendorId: v.b, revision: 1, submittedAt: new Date("2026-01-04T02:00:00Z") });

    await db.insert(bidDecisions).values([
      { projectId: p.one, kind: "award", vendorId: v.a, decidedBy: users.boss.id, decidedAt: new Date("2026-01-10T02:00:00Z") },
      { projectId: p.two, kind: "reopen", vendorId: null, reason: "重新比价", decidedBy: users.boss.id },
      { projectId: p.three, kind: "award", vendorId: v.b, decidedBy: users.boss.id },
    ]);
    const [file] = await db.insert(files).values({ projectId: p.one, name: "合同.pdf", mime: "application/pdf", size: 4, sha256: "x", bytes: Buffer.from("%PDF") }).returning();
    await db.insert(vendorContracts).values({ projectId: p.one, vendorId: v.a, contractNo: "AZ-001", amountFen: 110_000_00, signedOn: "2026-01-12", fileId: file.id });
  });
  afterAll(async () => t?.drop());

  it("list: counts and last quote per company from one query", async () => {
    const { items, total } = await listVendors(db, { limit: 50, offset: 0, today: "2026-03-01" });
    expect(total).toBe(3);
    const by = Object.fromEntries(items.map((i) => [i.name, i]));
    expect(by["甲安装"]).toMatchObject({ quoteCount: 3, awardCount: 1, projectCount: 1, lastQuoteAt: "2026-01-09T02:00:00.000Z" });
    expect(by["乙安装"]).toMatchObject({ quoteCount: 1, awardCount: 1, projectCount: 0, lastQuoteAt: "2026-01-04T02:00:00.000Z" });
    expect(by["丙安装"]).toMatchObject({ quoteCount: 0, awardCount: 0, projectCount: 0, lastQuoteAt: null });
    expect(by["丙安装"].qualifications.level).toBe("missing");
    // The page loader gives the same rows.
    const loaded = payloadOf(await list.loader(args(req("pm", "/vendors"))));
    expect(loaded.items.map((i: any) => [i.name, i.quoteCount])).toEqual(items.map((i) => [i.name, i.quoteCount]));
  });

  it("history: latest revision per project, status, awards and contracts — all of them for management", async () => {
    const h = await getVendorHistory(db, users.boss, v.a, "2026-03-01");
    expect(h.quotes.map((q) => [q.projectCode, q.revisions, q.latestTotalFen, q.status])).toEqual([
      ["P-3", 1, 50_000_00, "expired"],
      ["P-1", 2, 110_000_00, "valid"],
      ["P-2", 1, 50_000_00, "withdrawn"],
    ]);
    expect(h.awards).toEqual([{ projectId: p.one, projectCode: "P-1", projectName: "项目一", decidedAt: "2026-01-10T02:00:00.000Z", decidedBy: "用户boss" }]);
    expect(h.contracts).toEqual([{ projectId: p.one, projectCode: "P-1", projectName: "项目一", contractNo: "AZ-001", amountFen: 110_000_00, signedOn: "2026-01-12", stage: "contracting" }]);
    // The day after validity a valid quote is expired.
    const later = await getVendorHistory(db, users.boss, v.a, "2100-01-01");
    expect(later.quotes.find((q) => q.projectCode === "P-1")?.status).toBe("expired");
  });

  it("history: a pm sees rows of their own projects only; the page says how many are not shown", async () => {
    const d = payloadOf(await page.loader(args(req("pm", `/vendors/${v.a}`), { vendorId: v.a })));
    expect(d.history.quotes.map((q: any) => q.projectCode)).toEqual(["P-1", "P-2"]);
    expect(d.vendor.summary).toMatchObject({ quoteCount: 3, awardCount: 1, projectCount: 1 });
    const other = payloadOf(await page.loader(args(req("pm2", `/vendors/${v.b}`), { vendorId: v.b })));
    expect(other.history.quotes).toEqual([]);
    expect(other.history.awards.map((a: any) => a.projectCode)).toEqual(["P-3"]);
    expect(other.canEdit).toBe(true);
  });
});
