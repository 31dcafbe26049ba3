// The warranty's services: the project's public service code (issued once), the 质量保修卡 PDF
// (units, dates, terms, exclusions, the /s/<code> QR URL), maintenance contracts (who, when,
// every bad field, overlaps, the contract covering a day) and who sees the warranty page.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { env } from "~/lib/env.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { addMaintenanceContract, contractCovering, listMaintenanceContracts } from "~/services/service/maintenance-contracts.server";
import { ensureServiceCode, normaliseServiceCode, projectByServiceCode } from "~/services/service/service-code.server";
import { requireWarrantyAccess } from "~/services/service/warranty-access.server";
import { issueWarrantyCard } from "~/services/service/warranty-card.server";
import { EXCLUSIONS } from "~/services/service/vocabulary";
import { createSession } from "~/lib/session.server";
import * as contractsApi from "~/routes/api.v1.projects.$projectId.maintenance-contracts";
import * as cardApi from "~/routes/api.v1.projects.$projectId.warranty-card[.]pdf";
import * as cardPdf from "~/routes/projects.$projectId.warranty-card[.]pdf";
import * as warrantyPage from "~/routes/projects.$projectId.warranty";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { makeUser } from "../support/factories";
import { payloadOf, statusOf, thrown } from "../support/route-results";
import { pdfPageCount, pdfPageToPng, pdfText } from "../support/pdf";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { constructionProject } from "./acceptance-fixture";
import { acceptedProject } from "./warranty-fixture";

async function fileBytes(db: Db, fileId: string): Promise<Buffer> {
  const [file] = await db.select().from(s.files).where(eq(s.files.id, fileId));
  return Buffer.from(file.bytes as Uint8Array);
}

describe(`warranty card, service code and maintenance contracts (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    await db.insert(s.companies).values({ kind: "own", name: "英德环境科技有限公司", phone: "400-800-1234" });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("issues one service code per project, stable, and finds the project by it however it is typed", async () => {
    const f = await acceptedProject(db, "2025-06-10");
    const first = await ensureServiceCode(db, f.project.id);
    expect(first).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/);
    expect(await ensureServiceCode(db, f.project.id)).toBe(first);
    // Concurrent first uses agree on one code.
    const other = await acceptedProject(db, "2025-06-10");
    const codes = await Promise.all([ensureServiceCode(db, other.project.id), ensureServiceCode(db, other.project.id), ensureServiceCode(db, other.project.id)]);
    expect(new Set(codes).size).toBe(1);
    expect(codes[0]).not.toBe(first);
    expect(await db.select().from(s.serviceCodes).where(eq(s.serviceCodes.projectId, other.project.id))).toHaveLength(1);

    const typed = ` ${first.slice(0, 5).toLowerCase()} ${first.slice(5)} `;
    expect(normaliseServiceCode(typed)).toBe(first);
    const found = await projectByServiceCode(db, typed);
    expect(found).toMatchObject({ projectId: f.project.id, code: first, name: f.project.name, siteAddress: f.project.siteAddress, warranty: { acceptedOn: "2025-06-10", warrantyEndsOn: "2026-06-10" } });
    expect(found!.units.map((u) => [u.name, u.model, u.quantity, u.serialNumbers])).toEqual([
      ["新风净化主机", "YD-XF500", 2, ["XF5-2026-0001", "XF5-2026-0002"]],
      ["智能控制面板", "YD-CP10", 12, []],
    ]);
    expect(await projectByServiceCode(db, "ABCDEFGHJK")).toBeNull();
    expect(await projectByServiceCode(db, "0O1I")).toBeNull();
    expect(await projectByServiceCode(db, "")).toBeNull();
  });

  it("prints the warranty card only after acceptance, with units, dates, terms, exclusions and the /s/ URL; same data → same document", async () => {
    const before = await constructionProject(db);
    expect(await issueWarrantyCard(db, { projectId: before.project.id, userId: before.pm.id })).toBeNull();

    const f = await acceptedProject(db, "2024-02-29");
    const card = await issueWarrantyCard(db, { projectId: f.project.id, userId: f.pm.id });
    expect(card).toBeTruthy();
    expect(card!.number).toBe(`BX-${f.project.code}-V1`);
    const code = await ensureServiceCode(db, f.project.id);
    const url = `${env().PUBLIC_URL.replace(/\/+$/, "")}/s/${code}`;
    const pdf = await fileBytes(db, card!.fileId);
    const text = await pdfText(pdf);
    const flat = text.replace(/\s+/g, "");
    for (const expected of ["质量保修卡", f.project.name, f.project.code, "2024-02-29", "2025-02-28（含当日）", "新风净化主机", "YD-XF500", "XF5-2026-0001", "XF5-2026-0002", "智能控制面板", "屋面设备间", "英德环境科技有限公司", "400-800-1234", "免费维修", "安装工程质量", "维保合同"]) {
      expect(flat, expected).toContain(expected.replace(/\s+/g, ""));
    }
    for (const exclusion of EXCLUSIONS) expect(flat, exclusion.code).toContain(exclusion.zh.replace(/\s+/g, ""));
    expect(flat).toContain(url);
    expect(flat).toContain(`服务码${code.slice(0, 5)}${code.slice(5)}`);
    expect(flat).toContain(`/v/${card!.shortCode}`); // the footer's verification link as well
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
    await pdfPageToPng(pdf, "/tmp/warranty-card.png", { dpi: 80 });

    // Printing again gives the same document; a unit added later gives version 2.
    expect((await issueWarrantyCard(db, { projectId: f.project.id, userId: f.pm.id }))!.id).toBe(card!.id);
    await db.insert(s.installedUnits).values({ projectId: f.project.id, name: "排风机", model: "PF-300", quantity: 1, location: "地下车库", serialNumbers: ["PF3-0009"] });
    const v2 = await issueWarrantyCard(db, { projectId: f.project.id, userId: f.pm.id });
    expect(v2!.number).toBe(`BX-${f.project.code}-V2`);
    expect((await pdfText(await fileBytes(db, v2!.fileId))).replace(/\s+/g, "")).toContain("PF3-0009");
  });

  it("maintenance contracts: who may add, only after acceptance, every bad field beside it, no overlaps, the contract covering a day", async () => {
    const f = await acceptedProject(db, "2025-06-10");
    const good = { number: "WB-2026-001", startsOn: "2026-06-11", endsOn: "2027-06-10", price: "12,800.50", scope: "每季度保养一次，更换滤网，故障 4 小时响应" };

    const finance = await makeUser(db, ["finance"]);
    expect(await addMaintenanceContract(db, { projectId: f.project.id, user: finance, input: good })).toMatchObject({ ok: false, status: 403, formError: "error.forbidden" });
    const otherPm = await makeUser(db, ["pm"]);
    expect(await addMaintenanceContract(db, { projectId: f.project.id, user: otherPm, input: good })).toMatchObject({ ok: false, status: 403 });

    const notYet = await constructionProject(db);
    expect(await addMaintenanceContract(db, { projectId: notYet.project.id, user: notYet.pm, input: good })).toMatchObject({ ok: false, status: 409, formError: "serviceWarranty.contract.notAccepted" });

    const bad = async (input: Partial<typeof good>) => {
      const r = await addMaintenanceContract(db, { projectId: f.project.id, user: f.pm, input: { ...good, ...input } });
      if (r.ok) throw new Error("accepted");
      expect(r.status).toBe(400);
      expect(r.values).toMatchObject({ ...good, ...input }); // values kept for the form
      return r.errors;
    };
    expect(await bad({ number: " ", scope: "" })).toEqual({ number: "form.required", scope: "form.required" });
    expect(await bad({ number: "X".repeat(41) })).toEqual({ number: "form.tooLong" });
    expect(await bad({ startsOn: "2026-02-30" })).toEqual({ startsOn: "form.invalidDate" });
    expect(await bad({ startsOn: "2025-06-09" })).toEqual({ startsOn: "serviceWarranty.contract.beforeAcceptance" });
    expect(await bad({ endsOn: "2026-06-11" })).toEqual({ endsOn: "serviceWarranty.contract.endsBeforeStart" });
    expect(await bad({ endsOn: "2026-06-01" })).toEqual({ endsOn: "serviceWarranty.contract.endsBeforeStart" });
    expect(await bad({ endsOn: "2031-06-12" })).toEqual({ endsOn: "serviceWarranty.contract.tooLong" });
    expect(await bad({ price: "0" })).toEqual({ price: "form.amountPositive" });
    expect(await bad({ price: "12.345" })).toEqual({ price: "form.invalidAmount" });
    expect(await bad({ price: "-5" })).toEqual({ price: "form.invalidAmount" });
    expect(await bad({ price: "1e5" })).toEqual({ price: "form.invalidAmount" });
    expect(await bad({ price: "" })).toEqual({ price: "form.required" });
    expect(await listMaintenanceContracts(db, f.project.id)).toEqual([]);

    // Exactly five years is accepted; service and management may add as well.
    const service = await makeUser(db, ["service"]);
    const added = await addMaintenanceContract(db, { projectId: f.project.id, user: service, input: good });
    expect(added).toMatchObject({ ok: true, contract: { number: "WB-2026-001", startsOn: "2026-06-11", endsOn: "2027-06-10", priceFen: 1_280_050 } });
    expect(await bad({ number: "WB-2026-001", startsOn: "2027-06-11", endsOn: "2028-06-10" })).toEqual({ number: "serviceWarranty.contract.duplicate" });
    expect(await bad({ number: "WB-2027-001", startsOn: "2027-06-10", endsOn: "2028-06-09" })).toEqual({ startsOn: "serviceWarranty.contract.overlaps" });
    const management = await makeUser(db, ["management"]);
    const renewal = await addMaintenanceContract(db, { projectId: f.project.id, user: management, input: { ...good, number: "WB-2027-001", startsOn: "2027-06-11", endsOn: "2032-06-11" } });
    expect(renewal.ok).toBe(true);

    expect((await listMaintenanceContracts(db, f.project.id)).map((c) => c.number)).toEqual(["WB-2026-001", "WB-2027-001"]);
    expect(await contractCovering(db, f.project.id, "2026-06-10")).toBeNull(); // still the warranty
    expect((await contractCovering(db, f.project.id, "2026-06-11"))?.number).toBe("WB-2026-001");
    expect((await contractCovering(db, f.project.id, "2027-06-10"))?.number).toBe("WB-2026-001");
    expect((await contractCovering(db, f.project.id, "2027-06-11"))?.number).toBe("WB-2027-001");
    expect(await contractCovering(db, f.project.id, "2032-06-12")).toBeNull();
    expect(await contractCovering(db, f.project.id, "not-a-date")).toBeNull();
  });

  it("the warranty page: the pm and staff (service included) read it; the client's users do not; service-only users get overview + warranty", async () => {
    const f = await acceptedProject(db, "2025-06-10");
    const service = await makeUser(db, ["service"]);
    const clientUser = await makeUser(db, ["client"]);
    await db.insert(s.projectMembers).values({ projectId: f.project.id, userId: clientUser.id, party: "client" });
    expect((await requireWarrantyAccess(db, f.pm, f.project.id)).canManageContracts).toBe(true);
    expect((await requireWarrantyAccess(db, service, f.project.id)).canManageContracts).toBe(true);
    expect((await requireWarrantyAccess(db, await makeUser(db, ["finance"]), f.project.id)).canManageContracts).toBe(false);
    await expect(requireWarrantyAccess(db, clientUser, f.project.id)).rejects.toMatchObject({ init: { status: 404 } });
    await expect(requireWarrantyAccess(db, await makeUser(db, ["pm"]), f.project.id)).rejects.toMatchObject({ init: { status: 404 } });

    expect(projectSections(service, f.project)).toEqual(["overview", "warranty"]);
    expect(projectSections(f.pm, f.project)).toContain("warranty");
    expect(projectSections(clientUser, f.project)).toEqual(["overview"]);
    const construction = await constructionProject(db);
    expect(projectSections(service, construction.project)).toEqual(["overview"]);
    expect(projectSections(construction.pm, construction.project)).not.toContain("warranty");
  });

  it("the routes: the page shows the clock and keeps a refused form's values; the card PDF and the API answer with the same checks", async () => {
    const f = await acceptedProject(db, "2025-06-10");
    const cookie = (await createSession(db, f.pm.id, { ip: "", userAgent: "" })).split(";")[0];
    const args = (path: string, body?: Record<string, string>) => {
      const init: RequestInit = { headers: { Cookie: cookie } };
      if (body) {
        const fd = new FormData();
        for (const [k, v] of Object.entries(body)) fd.append(k, v);
        Object.assign(init, { method: "POST", body: fd });
      }
      return { request: new Request(`http://localhost${path}`, init), params: { projectId: f.project.id }, context: {} } as unknown as Parameters<typeof warrantyPage.loader>[0];
    };
    const page = payloadOf<Awaited<ReturnType<typeof warrantyPage.loader>>>(await warrantyPage.loader(args(`/projects/${f.project.id}/warranty`)));
    expect(page.clock).toMatchObject({ acceptedOn: "2025-06-10", endsOn: "2026-06-10" });
    expect(page.units).toHaveLength(2);
    expect(page.service?.url).toMatch(/\/s\/[2-9A-HJ-NP-Z]{10}$/);
    expect(page.canAddContract).toBe(true);
    expect(page.sections).toContain("warranty");
    expect(page.tickets).toEqual([]);

    const refused = await warrantyPage.action(args(`/projects/${f.project.id}/warranty?intent=addContract`, { number: "WB-1", startsOn: "2026-06-11", endsOn: "2026-06-01", price: "abc", scope: "保养" }));
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused)).toMatchObject({ errors: { endsOn: "serviceWarranty.contract.endsBeforeStart", price: "form.invalidAmount" }, values: { number: "WB-1", price: "abc", scope: "保养" } });
    const added = await warrantyPage.action(args(`/projects/${f.project.id}/warranty?intent=addContract`, { number: "WB-1", startsOn: "2026-06-11", endsOn: "2027-06-10", price: "9800", scope: "保养" }));
    expect(statusOf(added)).toBe(302);

    const pdf = await cardPdf.loader(args(`/projects/${f.project.id}/warranty-card.pdf`));
    expect(pdf.headers.get("Content-Type")).toContain("application/pdf");
    // A pm of another project: 404, as for every record of a project one may not see.
    const stranger = await makeUser(db, ["pm"]);
    const strangerCookie = (await createSession(db, stranger.id, { ip: "", userAgent: "" })).split(";")[0];
    const strangerArgs = { request: new Request(`http://localhost/projects/${f.project.id}/warranty`, { headers: { Cookie: strangerCookie } }), params: { projectId: f.project.id }, context: {} } as unknown as Parameters<typeof warrantyPage.loader>[0];
    expect(statusOf(await thrown(warrantyPage.loader(strangerArgs)))).toBe(404);

    const { token } = await issueApiToken(db, { userId: f.pm.id, name: "erp" });
    const api = (path: string, init: RequestInit = {}) =>
      ({ request: new Request(`http://localhost/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) } }), params: { projectId: f.project.id }, context: {} }) as unknown as Parameters<typeof contractsApi.loader>[0];
    const listed = (await (await contractsApi.loader(api(`/projects/${f.project.id}/maintenance-contracts`))).json()) as { items: { number: string; priceFen: number }[] };
    expect(listed.items.map((c) => [c.number, c.priceFen])).toEqual([["WB-1", 980_000]]);
    const badPost = await contractsApi.action(api(`/projects/${f.project.id}/maintenance-contracts`, { method: "POST", body: JSON.stringify({ number: "WB-2", startsOn: "2027-06-11", endsOn: "2033-06-11", price: 0, scope: "x" }) }));
    expect(badPost.status).toBe(400);
    expect(((await badPost.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors).toEqual({ endsOn: "维保期最长 5 年", price: "金额必须大于 0" });
    const okPost = await contractsApi.action(api(`/projects/${f.project.id}/maintenance-contracts`, { method: "POST", body: JSON.stringify({ number: "WB-2", startsOn: "2027-06-11", endsOn: "2028-06-10", price: 10800.5, scope: "全年保养" }) }));
    expect(okPost.status).toBe(201);
    const apiPdf = await cardApi.loader(api(`/projects/${f.project.id}/warranty-card.pdf`));
    expect(apiPdf.status).toBe(200);
    expect(apiPdf.headers.get("Content-Type")).toContain("application/pdf");
  });
});
