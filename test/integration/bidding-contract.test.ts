// RECORD_CONTRACT: the contract page (file + event + milestones in one transaction), the API path
// (upload, then the event with milestones), and the milestone arithmetic.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { contractMilestones, files, projectMembers, projects, vendorContracts } from "#db/schema";
import { createSession } from "~/lib/session.server";
import * as page from "~/routes/projects.$projectId.contract";
import * as apiEvents from "~/routes/api.v1.projects.$projectId.events";
import * as apiFiles from "~/routes/api.v1.projects.$projectId.files";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { parsePercentToBasisPoints, splitAmountFen, withAmounts } from "~/services/bidding/milestone-rules";
import { saveRecommendation } from "~/services/bidding/save-recommendation.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeProject, makeQuote, makeUser } from "../support/factories";
import { payloadOf, statusOf, thrown } from "../support/route-results";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = new TextEncoder().encode("MZ\u0090\u0000\u0003\u0000\u0000\u0000 this is not a pdf");


describe("milestone arithmetic", () => {
  it("parses percents with up to two decimals and splits amounts exactly to the fen", () => {
    expect(["30", "33.33", "0.01", "100", "3%"].map(parsePercentToBasisPoints)).toEqual([3000, 3333, 1, 10000, 300]);
    for (const bad of ["0", "-1", "100.01", "1.234", "abc", "", "1e2"]) expect(parsePercentToBasisPoints(bad)).toBeNull();
    expect(splitAmountFen(10_000_001, [3000, 6700, 300])).toEqual([3_000_000, 6_700_001, 300_000]);
    expect(splitAmountFen(100_000, [3333, 3333, 3334])).toEqual([33_330, 33_330, 33_340]);
    expect(splitAmountFen(1, [5000, 5000])).toEqual([1, 0]);
    for (const amount of [1, 7, 99, 12_345_678_901]) {
      const parts = splitAmountFen(amount, [3333, 3333, 3333, 1]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
      expect(parts.every((p) => p >= 0)).toBe(true);
    }
    expect(withAmounts([{ trigger: "entry", label: "进场款", percent: 10000 }], 5)).toEqual([{ trigger: "entry", label: "进场款", basisPoints: 10000, amountFen: 5 }]);
  });
});

describe(`contract (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  const cookie: Record<string, string> = {};
  const token: Record<string, string> = {};
  const u: Record<string, Awaited<ReturnType<typeof makeUser>>> = {};
  let projectId: string;
  let awardedId: string;
  const info = { ip: "127.0.0.1", userAgent: "test" };

  async function toContracting(): Promise<{ id: string; vendorId: string }> {
    const p = await makeProject(db, u.pm!);
    const q = [await makeQuote(db, p.id, { totalFen: 36_000_000 }), await makeQuote(db, p.id), await makeQuote(db, p.id)];
    await saveRecommendation(db, u.pm!, p.id, { vendorId: q[0]!.vendorId, reason: "报价合理" });
    expect(await sendProjectEvent(db, { projectId: p.id, user: u.pm!, type: "SUBMIT_FOR_DECISION", json: {}, info, locale: "zh-CN" })).toMatchObject({ ok: true });
    expect(await sendProjectEvent(db, { projectId: p.id, user: u.boss!, type: "AWARD", json: { vendorId: q[0]!.vendorId }, info, locale: "zh-CN" })).toMatchObject({ ok: true, stage: "contracting" });
    return { id: p.id, vendorId: q[0]!.vendorId };
  }

  const form = (fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    if (file) fd.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
    return fd;
  };
  const post = (who: string, id: string, fd: FormData) => ({ request: new Request(`http://localhost/projects/${id}/contract`, { method: "POST", headers: { Cookie: cookie[who]! }, body: fd }), params: { projectId: id }, context: { ip: "127.0.0.1" } }) as never;
  const get = (who: string, id: string) => ({ request: new Request(`http://localhost/projects/${id}/contract`, { headers: { Cookie: cookie[who]! } }), params: { projectId: id }, context: {} }) as never;
  const version = async (id: string) => String((await db.select({ v: projects.version }).from(projects).where(eq(projects.id, id)))[0]!.v);
  const counts = async () => ({
    files: Number((await db.select({ n: count() }).from(files))[0]!.n),
    contracts: Number((await db.select({ n: count() }).from(vendorContracts))[0]!.n),
    milestones: Number((await db.select({ n: count() }).from(contractMilestones))[0]!.n),
  });
  const fields = (overrides: Record<string, string> = {}) => ({
    contractNo: "AZ-2026-001",
    amount: "100,000.01",
    signedOn: "2026-03-02",
    "milestones[0].trigger": "entry",
    "milestones[0].label": "进场款",
    "milestones[0].percent": "30",
    "milestones[1].trigger": "acceptance",
    "milestones[1].label": "竣工验收款",
    "milestones[1].percent": "67",
    "milestones[2].trigger": "warrantyEnd",
    "milestones[2].label": "质保金",
    "milestones[2].percent": "3",
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    for (const [name, roles] of [["pm", ["pm"]], ["pm2", ["pm"]], ["boss", ["management"]], ["fin", ["finance"]], ["sup", ["supervisor"]]] as const) {
      u[name] = await makeUser(db, [...roles], { name: `用户${name}` });
      cookie[name] = (await createSession(db, u[name]!.id, { ip: "", userAgent: "" })).split(";")[0]!;
      token[name] = (await issueApiToken(db, { userId: u[name]!.id, name: "t" })).token;
    }
    ({ id: projectId, vendorId: awardedId } = await toContracting());
    await db.insert(projectMembers).values({ projectId, userId: u.sup!.id, party: "supervisor" });
  });
  afterAll(async () => t?.drop());

  it("the page shows the awarded company with its quote total; others' projects are 404", async () => {
    const d = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(get("pm", projectId)));
    expect(d).toMatchObject({ canRecord: true, contract: null, awarded: { vendorId: awardedId, quoteTotalFen: 36_000_000 } });
    expect(payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(get("boss", projectId))).canRecord).toBe(false);
    for (const who of ["pm2", "sup"]) {
      expect(statusOf(await thrown(page.loader(get(who, projectId))))).toBe(404);
      expect(statusOf(await thrown(page.action(post(who, projectId, form({ ...fields(), version: await version(projectId) }, { bytes: PDF, name: "c.pdf", type: "application/pdf" })))))).toBe(404);
    }
    const boss = await page.action(post("boss", projectId, form({ ...fields(), version: await version(projectId) }, { bytes: PDF, name: "c.pdf", type: "application/pdf" })));
    expect(statusOf(boss)).toBe(403);
    expect(await counts()).toEqual({ files: 0, contracts: 0, milestones: 0 });
  });

  it("percents not summing to 100% are refused beside the rows, values kept, nothing written", async () => {
    const res = await page.action(post("pm", projectId, form({ ...fields({ "milestones[2].percent": "2.5" }), version: await version(projectId) }, { bytes: PDF, name: "合同.pdf", type: "application/pdf" })));
    expect(statusOf(res)).toBe(400);
    const body = payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(res);
    expect(body.errors).toEqual({ milestones: "bidding.contract.percentSum" });
    expect(body.values).toMatchObject({ contractNo: "AZ-2026-001", "milestones[2].percent": "2.5" });
    const bad = await page.action(post("pm", projectId, form({ ...fields({ "milestones[0].percent": "30.123", amount: "-5" }), version: await version(projectId) }, { bytes: PDF, name: "合同.pdf", type: "application/pdf" })));
    expect(payloadOf<{ errors: Record<string, string> }>(bad).errors).toMatchObject({ "milestones[0].percent": "bidding.contract.percentInvalid", amount: "form.invalidAmount" });
    expect(await counts()).toEqual({ files: 0, contracts: 0, milestones: 0 });
    expect((await db.select({ s: projects.stage }).from(projects).where(eq(projects.id, projectId)))[0]!.s).toBe("contracting");
  });

  it("a file that is not a PDF or image is refused; a missing file too", async () => {
    const exe = await page.action(post("pm", projectId, form({ ...fields(), version: await version(projectId) }, { bytes: EXE, name: "合同.pdf", type: "application/pdf" })));
    expect(payloadOf<{ errors: Record<string, string> }>(exe).errors).toEqual({ file: "upload.badType" });
    const none = await page.action(post("pm", projectId, form({ ...fields(), version: await version(projectId) })));
    expect(payloadOf<{ errors: Record<string, string> }>(none).errors).toEqual({ file: "upload.empty" });
    expect(await counts()).toEqual({ files: 0, contracts: 0, milestones: 0 });
  });

  it("without JavaScript, add/remove row post back the rows changed and write nothing", async () => {
    const res = await page.action(post("pm", projectId, form({ ...fields(), intent: "removeRow:1", version: await version(projectId) })));
    const values = payloadOf<{ values: Record<string, string> }>(res).values;
    expect(values["milestones[1].label"]).toBe("质保金");
    expect(values["milestones[2].label"]).toBeUndefined();
    expect(await counts()).toEqual({ files: 0, contracts: 0, milestones: 0 });
  });

  it("records the contract, file and milestones in one go; the amounts add up to the contract amount exactly", async () => {
    const res = await page.action(post("pm", projectId, form({ ...fields(), version: await version(projectId) }, { bytes: PDF, name: "安装合同.pdf", type: "application/pdf" })));
    expect((res as Response).headers.get("Location")).toBe(`/projects/${projectId}/contract?notice=recorded`);
    const [contract] = await db.select().from(vendorContracts).where(eq(vendorContracts.projectId, projectId));
    expect(contract).toMatchObject({ vendorId: awardedId, contractNo: "AZ-2026-001", amountFen: 10_000_001, signedOn: "2026-03-02", createdBy: u.pm!.id });
    const [file] = await db.select({ projectId: files.projectId, name: files.name, mime: files.mime }).from(files).where(eq(files.id, contract!.fileId));
    expect(file).toEqual({ projectId, name: "安装合同.pdf", mime: "application/pdf" });
    const rows = await db.select().from(contractMilestones).where(eq(contractMilestones.contractId, contract!.id)).orderBy(contractMilestones.position);
    expect(rows.map((r) => [r.trigger, r.basisPoints, r.amountFen])).toEqual([["entry", 3000, 3_000_000], ["acceptance", 6700, 6_700_001], ["warrantyEnd", 300, 300_000]]);
    expect((await db.select({ s: projects.stage }).from(projects).where(eq(projects.id, projectId)))[0]!.s).toBe("survey");
    const d = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(get("fin", projectId)));
    expect(d.canRecord).toBe(false);
    expect(d.contract).toMatchObject({ contractNo: "AZ-2026-001", fileName: "安装合同.pdf", milestones: [{ label: "进场款" }, { label: "竣工验收款" }, { label: "质保金" }] });
    // A second submission (double click) changes nothing.
    const again = await page.action(post("pm", projectId, form({ ...fields(), version: await version(projectId) }, { bytes: PDF, name: "x.pdf", type: "application/pdf" })));
    expect(statusOf(again)).toBe(422);
    expect(await counts()).toEqual({ files: 1, contracts: 1, milestones: 3 });
  });

  it("API: upload the file (own pm only), then RECORD_CONTRACT with milestones through /events", async () => {
    const p = await toContracting();
    const upload = (who: string, id: string, bytes: Uint8Array, name = "c.pdf") =>
      apiFiles.action({ request: new Request(`http://localhost/api/v1/projects/${id}/files`, { method: "POST", headers: { Authorization: `Bearer ${token[who]}` }, body: form({}, { bytes, name, type: "application/pdf" }) }), params: { projectId: id }, context: {} } as never);
    expect((await upload("pm2", p.id, PDF)).status).toBe(404);
    expect((await upload("sup", p.id, PDF)).status).toBe(404);
    expect((await upload("boss", p.id, PDF)).status).toBe(403);
    const exe = await upload("pm", p.id, EXE);
    expect(exe.status).toBe(400);
    expect((await exe.json()).error.fieldErrors.file).toContain("文件类型");
    const ok = await upload("pm", p.id, PDF, "合同 (签字).pdf");
    expect(ok.status).toBe(201);
    const stored = (await ok.json()) as { id: string; name: string; sha256: string };
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    // A file of another project cannot be the contract here.
    const foreign = await upload("pm", projectId, PDF);
    const foreignId = ((await foreign.json()) as { id: string }).id;

    const send = (payload: Record<string, unknown>) =>
      apiEvents.action({ request: new Request(`http://localhost/api/v1/projects/${p.id}/events`, { method: "POST", headers: { Authorization: `Bearer ${token.pm}`, "Content-Type": "application/json" }, body: JSON.stringify({ type: "RECORD_CONTRACT", payload }) }), params: { projectId: p.id }, context: { ip: "127.0.0.1" } } as never);
    const base = { contractNo: "AZ-API-1", amount: "1000", signedOn: "2026-03-03", fileId: stored.id };
    const missing = await send(base);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fieldErrors.milestones).toBe("请至少填写一个付款节点");
    const sum = await send({ ...base, milestones: [{ trigger: "entry", label: "进场", percent: 50 }, { trigger: "acceptance", label: "验收", percent: 49.99 }] });
    expect((await sum.json()).error.fieldErrors.milestones).toBe("各付款节点比例合计须正好为 100%");
    const ms = [{ trigger: "signing", label: "签约", percent: 33.33 }, { trigger: "acceptance", label: "验收", percent: "33.33" }, { trigger: "settlement", label: "结算", percent: 33.34 }];
    const wrongFile = await send({ ...base, fileId: foreignId, milestones: ms });
    expect(wrongFile.status).toBe(422);
    expect((await wrongFile.json()).error.message).toContain("合同文件");
    const done = await send({ ...base, milestones: ms });
    expect(done.status).toBe(200);
    const [c] = await db.select().from(vendorContracts).where(eq(vendorContracts.projectId, p.id));
    const rows = await db.select().from(contractMilestones).where(eq(contractMilestones.contractId, c!.id)).orderBy(contractMilestones.position);
    expect(rows.map((r) => r.amountFen)).toEqual([33_330, 33_330, 33_340]);
    expect(rows.reduce((s, r) => s + r.amountFen, 0)).toBe(c!.amountFen);
  });
});
