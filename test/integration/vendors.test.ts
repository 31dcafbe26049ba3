// Installation companies through their page routes: credit code rules, qualification uploads and
// their expiry states, contacts, history, the list's aggregates (in a fixed number of queries) and
// authorisation for every role.
import { count, eq } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as schema from "#db/schema";
import { companies, companyQualifications, contacts, files, type Role } from "#db/schema";
import { creditCodeCheckChar } from "~/lib/credit-code";
import { createSession } from "~/lib/session.server";
import * as page from "~/routes/vendors.$vendorId";
import * as list from "~/routes/vendors._index";
import * as create from "~/routes/vendors.new";
import { listVendors } from "~/services/vendors/list-vendors.server";
import { expiryState, summariseQualifications } from "~/services/vendors/qualification-status.server";
import { makeCompany, makeProject, makeQuote, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { statusOf, thrown } from "../support/route-results";

type Args = Parameters<typeof page.loader>[0];
const payloadOf = <T = Record<string, any>>(v: unknown): T => ((v as { data?: unknown }).data ?? v) as T;
/** A valid code: 17 characters plus the GB 32100 check character. */
export function creditCode(seed: number): string {
  const first17 = `9144010${String(seed).padStart(10, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(200)]);

describe(`vendors (${testDriver()})`, () => {
  let database: TestDatabase;
  let db: Db;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function signIn(name: string, roles: Role[]) {
    const u = await makeUser(db, roles);
    cookies[name] = (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
    ids[name] = u.id;
  }
  function req(who: string, path: string, body?: Record<string, string | File>): Request {
    const init: RequestInit = { headers: { Cookie: cookies[who] } };
    if (body) {
      const fd = new FormData();
      for (const [k, v] of Object.entries(body)) fd.append(k, v);
      Object.assign(init, { method: "POST", body: fd });
    }
    return new Request(`http://localhost${path}`, init);
  }
  const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as unknown as Args;
  const post = (who: string, vendorId: string, body: Record<string, string | File>) => page.action(args(req(who, `/vendors/${vendorId}`, body), { vendorId }));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    for (const [name, roles] of [["pm", ["pm"]], ["pm2", ["pm"]], ["boss", ["management"]], ["fin", ["finance"]], ["admin", ["admin"]], ["client", ["client"]], ["sup", ["supervisor"]], ["vendorUser", ["vendor"]], ["service", ["service"]]] as const) {
      await signIn(name, [...roles]);
    }
  });
  afterAll(async () => database?.drop());

  it("computes expiry states for a given day: expiring ≤ 30 days, expired the day after", () => {
    expect(expiryState("2026-03-31", "2026-03-01")).toEqual({ state: "expiring", daysLeft: 30 });
    expect(expiryState("2026-04-01", "2026-03-01")).toEqual({ state: "valid", daysLeft: 31 });
    expect(expiryState("2026-03-01", "2026-03-01")).toEqual({ state: "expiring", daysLeft: 0 });
    expect(expiryState("2026-02-28", "2026-03-01")).toEqual({ state: "expired", daysLeft: -1 });
    expect(expiryState(null, "2026-03-01")).toEqual({ state: "noExpiry", daysLeft: null });
    const all = (e: string | null) => ["businessLicence", "qualificationCertificate", "safetyProductionLicence"].map((kind) => ({ kind, expiresOn: e }));
    expect(summariseQualifications(all(null), "2026-03-01").level).toBe("ok");
    expect(summariseQualifications(all("2026-03-10"), "2026-03-01")).toMatchObject({ level: "expiring", expiring: ["businessLicence", "qualificationCertificate", "safetyProductionLicence"] });
    expect(summariseQualifications([{ kind: "businessLicence", expiresOn: "2020-01-01" }], "2026-03-01")).toMatchObject({ level: "missing", missing: ["qualificationCertificate", "safetyProductionLicence"], expired: ["businessLicence"] });
  });

  it("new vendor: credit code required, checked and unique — message beside the field, values kept, nothing written", async () => {
    const form = (code: string) => ({ name: "广州恒通机电安装工程有限公司", creditCode: code, address: "白云区", phone: "020-1", "contact.name": "赵志强", "contact.title": "队长", "contact.phone": "138", "contact.email": "zhao@example.cn" });
    const cases: [string, string][] = [["", "vendors.creditCodeRequired"], ["91440101MA5", "admin.company.creditCodeLength"], [creditCode(1).slice(0, 17) + (creditCode(1)[17] === "0" ? "1" : "0"), "admin.company.creditCodeInvalid"]];
    for (const [code, message] of cases) {
      const bad = await create.action(args(req("pm", "/vendors/new", form(code))));
      expect(statusOf(bad)).toBe(400);
      expect(payloadOf(bad).errors).toEqual({ creditCode: message });
      expect(payloadOf(bad).values).toMatchObject({ name: "广州恒通机电安装工程有限公司", "contact.email": "zhao@example.cn" });
    }
    const badEmail = await create.action(args(req("pm", "/vendors/new", { ...form(creditCode(1)), "contact.email": "nope" })));
    expect(payloadOf(badEmail).errors).toEqual({ "contact.email": "form.invalidEmail" });

    const ok = await create.action(args(req("pm", "/vendors/new", form(` ${creditCode(1).toLowerCase().replace(/(.{6})/, "$1 ")} `))));
    const location = (ok as Response).headers.get("Location")!;
    expect(location).toMatch(/^\/vendors\/[0-9a-f-]{36}\?done=created$/);
    ids.v1 = location.split("/")[2].split("?")[0];
    const [row] = await db.select().from(companies).where(eq(companies.id, ids.v1));
    expect(row).toMatchObject({ kind: "installer", creditCode: creditCode(1) });
    expect(await db.select({ name: contacts.name, email: contacts.email }).from(contacts).where(eq(contacts.companyId, ids.v1))).toEqual([{ name: "赵志强", email: "zhao@example.cn" }]);

    const before = Number((await db.select({ n: count() }).from(contacts))[0].n);
    const dup = await create.action(args(req("admin", "/vendors/new", { ...form(creditCode(1)), name: "另一家" })));
    expect(payloadOf(dup).errors).toEqual({ creditCode: "admin.company.creditCodeTaken" });
    expect(payloadOf(dup).values.name).toBe("另一家");
    expect(Number((await db.select({ n: count() }).from(contacts))[0].n)).toBe(before);

    // Without a first contact: all blank is fine.
    const bare = await create.action(args(req("pm", "/vendors/new", { name: "无联系人公司", creditCode: creditCode(2) })));
    expect(statusOf(bare)).toBe(302);
  });

  it("only pm and admin create; management/finance view; others get 403", async () => {
    for (const who of ["boss", "fin", "client", "sup", "vendorUser", "service"]) {
      expect(statusOf(await thrown(create.loader(args(req(who, "/vendors/new")))))).toBe(403);
      expect(statusOf(await thrown(create.action(args(req(who, "/vendors/new", { name: "x", creditCode: creditCode(3) })))))).toBe(403);
    }
    for (const who of ["client", "sup", "vendorUser", "service"]) {
      expect(statusOf(await thrown(list.loader(args(req(who, "/vendors")))))).toBe(403);
      expect(statusOf(await thrown(page.loader(args(req(who, `/vendors/${ids.v1}`), { vendorId: ids.v1 }))))).toBe(403);
    }
    for (const who of ["boss", "fin"]) {
      expect(payloadOf(await page.loader(args(req(who, `/vendors/${ids.v1}`), { vendorId: ids.v1 }))).canEdit).toBe(false);
      expect(statusOf(await thrown(post(who, ids.v1, { intent: "addContact", name: "x" })))).toBe(403);
    }
    const anon = await thrown(list.loader(args(new Request("http://localhost/vendors"))));
    expect((anon as Response).headers.get("Location")).toMatch(/^\/login/);
    // A client company's id is not a vendor page; a non-uuid neither.
    const client = await makeCompany(db, "client");
    expect(statusOf(await thrown(page.loader(args(req("pm", `/vendors/${client.id}`), { vendorId: client.id }))))).toBe(404);
    expect(statusOf(await thrown(post("pm", client.id, { intent: "addContact", name: "x" })))).toBe(404);
    expect(statusOf(await thrown(page.loader(args(req("pm", "/vendors/1"), { vendorId: "1" }))))).toBe(404);
  });

  it("qualifications: magic bytes and size are checked, replace and remove keep one row per kind", async () => {
    const upload = (bytes: Buffer, name: string, extra: Record<string, string> = {}) =>
      post("pm", ids.v1, { intent: "saveQualification", kind: "businessLicence", number: "BL-001", expiresOn: "2099-12-31", ...extra, file: new File([new Uint8Array(bytes)], name, { type: "application/pdf" }) });

    const exe = await upload(EXE, "营业执照.pdf");
    expect(statusOf(exe)).toBe(400);
    expect(payloadOf(exe)).toMatchObject({ intent: "saveQualification", kind: "businessLicence", errors: { file: "upload.badType" }, values: { number: "BL-001" } });
    const big = await upload(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), "big.pdf");
    expect(payloadOf(big).errors).toEqual({ file: "upload.tooLarge" });
    const badDate = await upload(PDF, "a.pdf", { expiresOn: "2026-02-30", number: "" });
    expect(payloadOf(badDate).errors).toEqual({ expiresOn: "form.invalidDate", number: "form.required" });
    const noFile = await post("pm", ids.v1, { intent: "saveQualification", kind: "businessLicence", number: "BL-001" });
    expect(payloadOf(noFile).errors).toEqual({ file: "upload.empty" });
    const badKind = await upload(PDF, "a.pdf", { kind: "passport" });
    expect(payloadOf(badKind).errors).toEqual({ kind: "form.invalidChoice" });
    expect(Number((await db.select({ n: count() }).from(files))[0].n)).toBe(0);

    expect(statusOf(await upload(PDF, "营业执照.pdf"))).toBe(302);
    const [first] = await db.select().from(companyQualifications).where(eq(companyQualifications.companyId, ids.v1));
    expect(first).toMatchObject({ kind: "businessLicence", number: "BL-001", expiresOn: "2099-12-31" });
    // Renewed expiry without a new scan keeps the scan.
    expect(statusOf(await post("pm", ids.v1, { intent: "saveQualification", kind: "businessLicence", number: "BL-002", expiresOn: "" }))).toBe(302);
    const [renewed] = await db.select().from(companyQualifications).where(eq(companyQualifications.companyId, ids.v1));
    expect(renewed).toMatchObject({ number: "BL-002", expiresOn: null, fileId: first.fileId });
    // A new scan replaces the old one, which is deleted.
    expect(statusOf(await upload(PDF, "new.pdf"))).toBe(302);
    const rows = await db.select().from(companyQualifications).where(eq(companyQualifications.companyId, ids.v1));
    expect(rows).toHaveLength(1);
    expect(await db.select({ id: files.id }).from(files).where(eq(files.id, first.fileId!))).toEqual([]);

    // Another company's qualification id changes nothing here.
    expect(statusOf(await thrown(post("pm", (await makeCompany(db, "installer")).id, { intent: "removeQualification", qualificationId: rows[0].id })))).toBe(404);
    expect(statusOf(await post("admin", ids.v1, { intent: "removeQualification", qualificationId: rows[0].id }))).toBe(302);
    expect(Number((await db.select({ n: count() }).from(files))[0].n)).toBe(0);
  });

  it("vendor page shows expired red / expiring amber with days left, computed for today", async () => {
    const v = (await makeCompany(db, "installer")).id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const plus = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
    await post("pm", v, { intent: "saveQualification", kind: "businessLicence", number: "1", expiresOn: plus(-3), file: new File([new Uint8Array(PDF)], "a.pdf") });
    await post("pm", v, { intent: "saveQualification", kind: "qualificationCertificate", number: "2", expiresOn: plus(12), file: new File([new Uint8Array(PDF)], "b.pdf") });
    const d = payloadOf(await page.loader(args(req("pm", `/vendors/${v}`), { vendorId: v })));
    const slots = Object.fromEntries(d.vendor.qualifications.map((s: any) => [s.kind, s.current]));
    expect(slots.businessLicence).toMatchObject({ state: "expired", daysLeft: -3 });
    expect(slots.qualificationCertificate).toMatchObject({ state: "expiring", daysLeft: 12 });
    expect(slots.safetyProductionLicence).toBeNull();
    expect(d.vendor.summary.qualifications).toMatchObject({ level: "missing", expired: ["businessLicence"], expiring: ["qualificationCertificate"], missing: ["safetyProductionLicence"] });
  });

  it("contacts: add, edit, remove with the admin rules; another company's contact is 404", async () => {
    const bad = await post("pm", ids.v1, { intent: "addContact", name: "", email: "x@" });
    expect(payloadOf(bad)).toMatchObject({ intent: "addContact", errors: { name: "form.required", email: "form.invalidEmail" }, values: { email: "x@" } });
    expect(statusOf(await post("pm", ids.v1, { intent: "addContact", name: "钱永", email: "QIAN@Example.cn" }))).toBe(302);
    const [qian] = await db.select().from(contacts).where(eq(contacts.name, "钱永"));
    expect(qian.email).toBe("qian@example.cn");
    expect(statusOf(await post("pm", ids.v1, { intent: "updateContact", contactId: qian.id, name: "钱永", title: "经理" }))).toBe(302);
    const other = (await makeCompany(db, "installer")).id;
    expect(statusOf(await thrown(post("pm", other, { intent: "updateContact", contactId: qian.id, name: "x" })))).toBe(404);
    expect(statusOf(await thrown(post("pm", other, { intent: "removeContact", contactId: qian.id })))).toBe(404);
    expect(statusOf(await post("pm", ids.v1, { intent: "removeContact", contactId: qian.id }))).toBe(302);
  });

  it("edit details: same credit code rules; a duplicate is shown beside the field", async () => {
    const bad = await post("pm", ids.v1, { intent: "saveCompany", name: "新名称", creditCode: creditCode(2), phone: "", address: "" });
    expect(payloadOf(bad)).toMatchObject({ intent: "saveCompany", errors: { creditCode: "admin.company.creditCodeTaken" }, values: { name: "新名称" } });
    const blank = await post("pm", ids.v1, { intent: "saveCompany", name: "新名称", creditCode: "" });
    expect(payloadOf(blank).errors).toEqual({ creditCode: "vendors.creditCodeRequired" });
    expect(statusOf(await post("admin", ids.v1, { intent: "saveCompany", name: "新名称", creditCode: creditCode(1) }))).toBe(302);
    const [row] = await db.select().from(companies).where(eq(companies.id, ids.v1));
    expect(row).toMatchObject({ name: "新名称", kind: "installer" });
  });

  it("list: search by name or code, paging, and the same number of queries for 3 or 30 companies", async () => {
    const byCode = payloadOf(await list.loader(args(req("fin", `/vendors?q=${creditCode(2).slice(-8)}`))));
    expect(byCode.items.map((i: any) => i.name)).toEqual(["无联系人公司"]);
    expect(payloadOf(await list.loader(args(req("boss", "/vendors?q=新名")))).items.map((i: any) => i.creditCode)).toEqual([creditCode(1)]);
    expect(payloadOf(await list.loader(args(req("pm", "/vendors?q=%25_")))).total).toBe(0);

    let queries = 0;
    const logger = { logQuery: () => void queries++ };
    const counting = (database.pglite ? drizzlePglite(database.pglite, { schema, logger }) : drizzlePostgres(database.sql!, { schema, logger })) as unknown as Db;
    const pm = { id: ids.pm };
    const measure = async () => {
      queries = 0;
      const r = await listVendors(counting, { limit: 50, offset: 0, today: "2026-03-01" });
      return { queries, rows: r.items.length };
    };
    for (let i = 0; i < 3; i++) {
      const v = await makeCompany(db, "installer");
      await makeQuote(db, (await makeProject(db, pm)).id, { vendorId: v.id });
    }
    const few = await measure();
    for (let i = 0; i < 27; i++) await makeQuote(db, (await makeProject(db, pm)).id, { vendorId: (await makeCompany(db, "installer")).id });
    const many = await measure();
    expect(many.rows).toBeGreaterThan(few.rows + 20);
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBeLessThanOrEqual(2);

    const page2 = await listVendors(db, { limit: 10, offset: 10, today: "2026-03-01" });
    const page1 = await listVendors(db, { limit: 10, offset: 0, today: "2026-03-01" });
    expect(page2.total).toBe(page1.total);
    expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0].id);
  });
});
