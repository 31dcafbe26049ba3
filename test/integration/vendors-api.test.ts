// /api/v1/vendors: the same services, checks and messages as the pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { companyQualifications } from "#db/schema";
import { creditCodeCheckChar } from "~/lib/credit-code";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import * as list from "~/routes/api.v1.vendors._index";
import * as one from "~/routes/api.v1.vendors.$vendorId._index";
import * as qualifications from "~/routes/api.v1.vendors.$vendorId.qualifications";
import * as openapi from "~/routes/api.v1.openapi[.]json";
import { makeCompany, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const code = (seed: number) => {
  const first17 = `9133010${String(seed).padStart(10, "0")}`;
  return first17 + creditCodeCheckChar(first17);
};
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

let t: TestDatabase;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestDatabase();
  for (const role of ["pm", "management", "finance", "client", "vendor"] as const) {
    const u = await makeUser(t.db, [role]);
    tokens[role] = (await issueApiToken(t.db, { userId: u.id, name: "test" })).token;
  }
});
afterAll(async () => t?.drop());

const base = "http://localhost/api/v1";
function req(path: string, token: string | null, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`${base}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;

describe(`/api/v1/vendors on ${testDriver()}`, () => {
  let vendorId = "";

  it("creates with the page's validation: credit code required, checked, unique; messages in Chinese or English", async () => {
    const missing = await list.action(args(req("/vendors", tokens.pm, { method: "POST", json: { name: "接口公司" } })));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fieldErrors).toEqual({ creditCode: "安装公司必须填写统一社会信用代码" });
    const wrong = await list.action(args(req("/vendors", tokens.pm, { method: "POST", json: { name: "接口公司", creditCode: code(1).slice(0, 17) + "Y", contact: { name: "", email: "x" } }, headers: { "Accept-Language": "en" } })));
    const wrongBody = await wrong.json();
    if (code(1)[17] !== "Y") expect(wrongBody.error.fieldErrors.creditCode).toMatch(/check character/);
    expect(wrongBody.error.fieldErrors["contact.name"]).toBe("Required");

    const created = await list.action(args(req("/vendors", tokens.pm, { method: "POST", json: { name: "接口公司", creditCode: code(1), phone: "020", contact: { name: "王五", email: "wang@example.cn" } } })));
    expect(created.status).toBe(201);
    vendorId = (await created.json()).id;
    const dup = await list.action(args(req("/vendors", tokens.pm, { method: "POST", json: { name: "重复", creditCode: code(1) } })));
    expect((await dup.json()).error.fieldErrors.creditCode).toBe("已有单位使用该统一社会信用代码");
    const forbidden = await list.action(args(req("/vendors", tokens.management, { method: "POST", json: { name: "x", creditCode: code(2) } })));
    expect(forbidden.status).toBe(403);
  });

  it("uploads a qualification as multipart: content checked, then shown with its state", async () => {
    const form = (bytes: Buffer, name: string) => {
      const fd = new FormData();
      fd.append("kind", "safetyProductionLicence");
      fd.append("number", "(粤)JZ安许证字[2024]010001");
      fd.append("expiresOn", "2099-01-01");
      fd.append("file", new File([new Uint8Array(bytes)], name));
      return fd;
    };
    const exe = await qualifications.action(args(req(`/vendors/${vendorId}/qualifications`, tokens.pm, { method: "POST", body: form(Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"), "scan.pdf") }), { vendorId }));
    expect(exe.status).toBe(400);
    expect((await exe.json()).error.fieldErrors.file).toContain("文件类型不允许");
    const finance = await qualifications.action(args(req(`/vendors/${vendorId}/qualifications`, tokens.finance, { method: "POST", body: form(PDF, "scan.pdf") }), { vendorId }));
    expect(finance.status).toBe(403);
    const ok = await qualifications.action(args(req(`/vendors/${vendorId}/qualifications`, tokens.pm, { method: "POST", body: form(PDF, "安许证.pdf") }), { vendorId }));
    expect(ok.status).toBe(201);
    expect(await t.db.select({ n: companyQualifications.number }).from(companyQualifications).where(eq(companyQualifications.companyId, vendorId))).toEqual([{ n: "(粤)JZ安许证字[2024]010001" }]);
    const other = await makeCompany(t.db, "client");
    expect((await qualifications.action(args(req(`/vendors/${other.id}/qualifications`, tokens.pm, { method: "POST", body: form(PDF, "a.pdf") }), { vendorId: other.id }))).status).toBe(404);
  });

  it("lists and reads for pm, management, finance; 403 for client and vendor users", async () => {
    const listed = await (await list.loader(args(req("/vendors?q=接口", tokens.finance)))).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ id: vendorId, creditCode: code(1), quoteCount: 0, qualificationStatus: { level: "missing", missing: ["businessLicence", "qualificationCertificate"] } });
    const detail = await (await one.loader(args(req(`/vendors/${vendorId}`, tokens.management), { vendorId }))).json();
    expect(detail.contacts).toMatchObject([{ name: "王五", email: "wang@example.cn" }]);
    const slot = detail.qualifications.find((q: { kind: string }) => q.kind === "safetyProductionLicence");
    expect(slot.current).toMatchObject({ state: "valid", file: { name: "安许证.pdf", mime: "application/pdf" } });
    expect(slot.current.file.url).toMatch(/^\/files\/[0-9a-f-]{36}$/);
    expect(detail.history).toEqual({ quotes: [], awards: [], contracts: [] });

    for (const role of ["client", "vendor"]) {
      expect((await list.loader(args(req("/vendors", tokens[role])))).status).toBe(403);
      expect((await one.loader(args(req(`/vendors/${vendorId}`, tokens[role]), { vendorId }))).status).toBe(403);
    }
    expect((await one.loader(args(req("/vendors/nope", tokens.pm), { vendorId: "nope" }))).status).toBe(404);
    expect((await list.loader(args(req("/vendors", null)))).status).toBe(401);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await (await openapi.loader()).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/vendors", "/vendors/{vendorId}", "/vendors/{vendorId}/qualifications"]));
    expect(doc.paths["/vendors/{vendorId}/qualifications"].post.requestBody.content["multipart/form-data"]).toBeTruthy();
  });
});
