// The acceptance records (完工确认, 施工自检及调试记录, 设备清单) through the page intents and the
// API: validation beside each field with values kept and nothing written, the commissioning
// verdict computed by the server (a forged "passed" is ignored), who may write and when, a change
// during acceptance review making a new round (REVISE_ACCEPTANCE), and serial numbers unique.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { describeRefusal } from "#machines/messages";
import * as s from "#db/schema";
import { translate } from "~/i18n";
import { addDays, shanghaiDate } from "~/lib/calendar";
import type { SessionUser } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { requireAcceptanceAccess } from "~/services/acceptance/acceptance-access.server";
import type { IntentResult } from "~/services/acceptance/intent-result";
import { handleRecordsIntent } from "~/services/acceptance/records-actions.server";
import { loadAcceptanceRecords } from "~/services/acceptance/records-load.server";
import { decodeMessage } from "~/services/acceptance/records-shared";
import { saveSelfInspection } from "~/services/acceptance/self-inspection-save.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import * as completionApi from "~/routes/api.v1.projects.$projectId.acceptance.completion";
import * as selfApi from "~/routes/api.v1.projects.$projectId.acceptance.self-inspection";
import * as unitsApi from "~/routes/api.v1.projects.$projectId.acceptance.units";
import * as unitApi from "~/routes/api.v1.projects.$projectId.acceptance.units.$unitId";
import { constructionProject, meetPreconditions } from "./acceptance-fixture";
import { makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const info = { ip: "127.0.0.1", userAgent: "vitest" };
const today = () => shanghaiDate(new Date().toISOString());
const PNG_1x1 = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6d1c60000000049454e44ae426082", "hex");
const pngDataUrl = `data:image/png;base64,${PNG_1x1.toString("base64")}`;

type Ctx = Awaited<ReturnType<typeof constructionProject>>;
type Failure = Extract<IntentResult, { ok: false }>;

/** A complete, passing self-inspection as the page posts it (system −4.2%, outlets −5.0% / +8.3%). */
function selfForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    inspectedOn: today(),
    foremanName: "赵志强",
    "items.0.name": "设备安装牢固、减振措施到位",
    "items.0.ok": "yes",
    "items.0.note": "",
    "items.1.name": "风管连接严密、无漏风",
    "items.1.ok": "yes",
    "items.1.note": "复查两处法兰",
    trialRunPassed: "yes",
    trialRunHours: "8",
    trialRunNote: "连续运行 8 小时无异常",
    systemDesignM3h: "12000",
    systemMeasuredM3h: "11500",
    "outlets.0.location": "301 会议室",
    "outlets.0.designM3h": "800",
    "outlets.0.measuredM3h": "760",
    "outlets.1.location": "302 办公室",
    "outlets.1.designM3h": "600",
    "outlets.1.measuredM3h": "650",
    ...overrides,
  };
}

/** The same as an API JSON body. */
function selfJson(overrides: Record<string, unknown> = {}) {
  return {
    inspectedOn: today(),
    foremanName: "赵志强",
    items: [{ name: "设备安装牢固、减振措施到位", ok: true, note: "" }, { name: "过滤网安装正确", ok: true }],
    trialRunPassed: true,
    trialRunHours: 8,
    trialRunNote: "",
    systemDesignM3h: 12000,
    systemMeasuredM3h: 11500,
    outlets: [{ location: "301 会议室", designM3h: 800, measuredM3h: 760 }],
    ...overrides,
  };
}

describe(`acceptance records (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let management: SessionUser;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    management = await makeUser(db, ["management"]);
  });
  afterAll(async () => t?.drop());

  async function tokenFor(user: SessionUser) {
    if (!tokens.has(user.id)) tokens.set(user.id, (await issueApiToken(db, { userId: user.id, name: "t" })).token);
    return tokens.get(user.id)!;
  }

  /** Posts a page form to one of the record intents, as the acceptance page's action would pass it on. */
  async function post(user: SessionUser, projectId: string, intent: string, fields: Record<string, string>): Promise<IntentResult> {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    const request = new Request(`http://localhost/projects/${projectId}/acceptance?intent=${intent}`, { method: "POST", body });
    const access = await requireAcceptanceAccess(db, user, projectId);
    const result = await handleRecordsIntent(intent, { request, db, user, access, info, locale: "zh-CN" });
    if (!result) throw new Error(`intent ${intent} not handled`);
    return result;
  }
  const failed = (r: IntentResult): Failure => {
    expect(r.ok).toBe(false);
    return r as Failure;
  };
  const errorKey = (r: IntentResult, field: string) => decodeMessage(failed(r).errors[field] ?? "").key;

  async function api(user: SessionUser, method: string, path: string, json?: unknown) {
    const headers: Record<string, string> = { Authorization: `Bearer ${await tokenFor(user)}` };
    if (json !== undefined) headers["Content-Type"] = "application/json";
    return new Request(`http://localhost/api/v1${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  }
  const routeArgs = (request: Request, params: Record<string, string>) => ({ request, params, context: { ip: "127.0.0.1" } }) as never;

  async function inReview(): Promise<Ctx> {
    const ctx = await constructionProject(db);
    await meetPreconditions(db, ctx.project.id, ctx.pm.id);
    const r = await applyEvent(db, {
      projectId: ctx.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today(), startTime: "09:30", place: "一楼会议室" },
      actor: { userId: ctx.pm.id, role: "pm", label: ctx.pm.name }, info,
    });
    expect(r.ok).toBe(true);
    return ctx;
  }
  const roundOf = async (projectId: string) => (await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, projectId)))[0]?.round;
  const revisions = async (projectId: string) => db.select().from(s.auditEvents).where(and(eq(s.auditEvents.projectId, projectId), eq(s.auditEvents.event, "REVISE_ACCEPTANCE")));

  describe("completion confirmation", () => {
    it("refuses a future date, a date before the construction start and a missing confirmation; writes nothing", async () => {
      const { pm, project } = await constructionProject(db, { startedOn: "2026-09-01" });
      const future = await post(pm, project.id, "completion", { completedOn: addDays(today(), 1), note: "", confirm: "on" });
      expect(errorKey(future, "completedOn")).toBe("acceptanceRecords.date.future");
      const early = await post(pm, project.id, "completion", { completedOn: "2026-08-31", note: "提前", confirm: "on" });
      expect(errorKey(early, "completedOn")).toBe("acceptanceRecords.completion.beforeStart");
      expect(decodeMessage(failed(early).errors.completedOn).params).toEqual({ startedOn: "2026-09-01" });
      expect(failed(early).values).toMatchObject({ completedOn: "2026-08-31", note: "提前", confirm: true });
      const unconfirmed = await post(pm, project.id, "completion", { completedOn: today(), note: "" });
      expect(errorKey(unconfirmed, "confirm")).toBe("acceptanceRecords.completion.confirmRequired");
      expect(await db.select().from(s.completionChecks).where(eq(s.completionChecks.projectId, project.id))).toEqual([]);
    });

    it("saves and replaces the confirmation with who confirmed it", async () => {
      const { pm, project } = await constructionProject(db);
      const first = await post(pm, project.id, "completion", { completedOn: "2026-11-15", note: "全部完成", confirm: "on" });
      expect(first).toEqual({ intent: "completion", ok: true, notice: "acceptanceRecords.completion.saved" });
      await post(pm, project.id, "completion", { completedOn: "2026-11-16", note: "", confirm: "on" });
      const records = await loadAcceptanceRecords(db, project.id);
      expect(records.completion).toMatchObject({ completedOn: "2026-11-16", note: "", confirmedByName: pm.name });
    });
  });

  describe("self-inspection", () => {
    async function savedPassed(ctx: Ctx, overrides: Record<string, string>) {
      const r = await post(ctx.pm, ctx.project.id, "selfInspection", selfForm(overrides));
      expect(r.ok).toBe(true);
      const [row] = await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id));
      return row.passed;
    }

    it("computes the verdict on the server at the tolerance limits (system ±10%, outlets ±15%)", async () => {
      const ctx = await constructionProject(db);
      expect(await savedPassed(ctx, {})).toBe(true);
      expect(await savedPassed(ctx, { systemDesignM3h: "1000", systemMeasuredM3h: "900" })).toBe(true); // −10.0%
      expect(await savedPassed(ctx, { systemDesignM3h: "1000", systemMeasuredM3h: "899" })).toBe(false); // −10.1%
      expect(await savedPassed(ctx, { "outlets.0.designM3h": "1000", "outlets.0.measuredM3h": "1150" })).toBe(true); // +15.0%
      expect(await savedPassed(ctx, { "outlets.0.designM3h": "1000", "outlets.0.measuredM3h": "1151" })).toBe(false); // +15.1%
      expect(await savedPassed(ctx, { "items.1.ok": "no" })).toBe(false);
      expect(await savedPassed(ctx, { trialRunPassed: "no" })).toBe(false);
      const loaded = (await loadAcceptanceRecords(db, ctx.project.id)).selfInspection!;
      expect(loaded.passed).toBe(false);
      expect(loaded.evaluated.system).toMatchObject({ designM3h: 12000, measuredM3h: 11500, deviationPct: "−4.2", passed: true });
      expect(loaded.evaluated.outlets.map((o) => o.deviationPct)).toEqual(["−5.0", "+8.3"]);
    });

    it("ignores a forged passed=true, from the form and from the API", async () => {
      const ctx = await constructionProject(db);
      expect(await savedPassed(ctx, { passed: "true", systemMeasuredM3h: "5000" })).toBe(false);
      const res = await selfApi.action(routeArgs(await api(ctx.pm, "PUT", `/projects/${ctx.project.id}/acceptance/self-inspection`, selfJson({ passed: true, trialRunPassed: false })), { projectId: ctx.project.id }));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.selfInspection.passed).toBe(false);
      const [row] = await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id));
      expect(row.passed).toBe(false);
    });

    it("keys errors per row, keeps every value (rows included) and writes nothing", async () => {
      const ctx = await constructionProject(db);
      const r = failed(await post(ctx.pm, ctx.project.id, "selfInspection", selfForm({
        foremanName: "",
        "items.1.name": "",
        "items.2.name": "冷凝水排放通畅",
        "items.2.ok": "",
        "items.2.note": "待复查",
        trialRunHours: "721",
        systemMeasuredM3h: "0",
        "outlets.0.location": "",
        "outlets.1.designM3h": "abc",
        "outlets.1.measuredM3h": "-5",
        inspectedOn: addDays(today(), 2),
      })));
      expect(r.formError).toBe("form.fixErrors");
      expect(Object.keys(r.errors).sort()).toEqual([
        "foremanName", "inspectedOn", "items.1.name", "items.2.ok", "outlets.0.location", "outlets.1.designM3h", "outlets.1.measuredM3h", "systemMeasuredM3h", "trialRunHours",
      ]);
      expect(errorKey(r, "items.2.ok")).toBe("acceptanceRecords.self.itemResultRequired");
      expect(errorKey(r, "trialRunHours")).toBe("acceptanceRecords.self.hoursRange");
      expect(errorKey(r, "systemMeasuredM3h")).toBe("acceptanceRecords.airflow.positive");
      expect(errorKey(r, "outlets.1.measuredM3h")).toBe("acceptanceRecords.airflow.range");
      const values = r.values as { items: { name: string; note: string }[]; outlets: { designM3h: string }[]; trialRunHours: string };
      expect(values.items).toHaveLength(3);
      expect(values.items[2]).toEqual({ name: "冷凝水排放通畅", ok: "", note: "待复查" });
      expect(values.outlets[1].designM3h).toBe("abc");
      expect(values.trialRunHours).toBe("721");
      expect(await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id))).toEqual([]);

      const empty = failed(await post(ctx.pm, ctx.project.id, "selfInspection", { inspectedOn: today(), foremanName: "赵" }));
      expect(empty.errors.items).toBe("acceptanceRecords.self.itemsRequired");
      expect(empty.errors.outlets).toBe("acceptanceRecords.self.outletsRequired");
    });

    it("stores the foreman's drawn signature and keeps it when the next save has none; refuses a non-PNG", async () => {
      const ctx = await constructionProject(db);
      const bad = failed(await post(ctx.pm, ctx.project.id, "selfInspection", selfForm({ signature: "data:image/png;base64,PHNjcmlwdD4=" })));
      expect(bad.errors.signature).toBe("review.signature.notPng");
      expect((await post(ctx.pm, ctx.project.id, "selfInspection", selfForm({ signature: pngDataUrl }))).ok).toBe(true);
      const [first] = await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id));
      const [file] = await db.select().from(s.files).where(eq(s.files.id, first.foremanSignatureFileId!));
      expect(file).toMatchObject({ mime: "image/png", projectId: ctx.project.id });
      expect(Buffer.from(file.bytes).equals(PNG_1x1)).toBe(true);
      expect((await post(ctx.pm, ctx.project.id, "selfInspection", selfForm({ foremanName: "钱师傅", signature: "" }))).ok).toBe(true);
      const [second] = await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id));
      expect(second.foremanSignatureFileId).toBe(first.foremanSignatureFileId);
      expect(second.foremanName).toBe("钱师傅");
      expect((await loadAcceptanceRecords(db, ctx.project.id)).selfInspection?.hasForemanSignature).toBe(true);
    });
  });

  describe("who may write, and when", () => {
    it("refuses a viewer who is not the project's pm (page: error.forbidden, API: 403); another pm gets 404", async () => {
      const ctx = await constructionProject(db);
      const page = failed(await post(management, ctx.project.id, "selfInspection", selfForm()));
      expect(page.formError).toBe("error.forbidden");
      expect(page.errors).toEqual({});
      const res = await selfApi.action(routeArgs(await api(management, "PUT", `/projects/${ctx.project.id}/acceptance/self-inspection`, selfJson()), { projectId: ctx.project.id }));
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toBe(translate("zh-CN", "error.forbidden"));
      // Management may read.
      const read = await unitsApi.loader(routeArgs(await api(management, "GET", `/projects/${ctx.project.id}/acceptance/units`), { projectId: ctx.project.id }));
      expect(read.status).toBe(200);
      const otherPm = await makeUser(db, ["pm"]);
      const hidden = await completionApi.action(routeArgs(await api(otherPm, "PUT", `/projects/${ctx.project.id}/acceptance/completion`, { completedOn: today(), confirm: true }), { projectId: ctx.project.id }));
      expect(hidden.status).toBe(404);
      expect(await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id))).toEqual([]);
      expect(await db.select().from(s.completionChecks).where(eq(s.completionChecks.projectId, ctx.project.id))).toEqual([]);
    });

    it("refuses every change once the acceptance is signed (handover): frozen, 409 on the API", async () => {
      const ctx = await constructionProject(db);
      await meetPreconditions(db, ctx.project.id, ctx.pm.id);
      await db.update(s.projects).set({ stage: "handover" }).where(eq(s.projects.id, ctx.project.id));
      const [unit] = await db.select().from(s.installedUnits).where(eq(s.installedUnits.projectId, ctx.project.id));
      for (const [intent, fields] of [["completion", { completedOn: today(), confirm: "on" }], ["selfInspection", selfForm()], ["addUnit", { name: "新风机", quantity: "1" }], ["removeUnit", { id: unit.id }]] as const) {
        expect(failed(await post(ctx.pm, ctx.project.id, intent, fields)).formError).toBe("acceptance.frozen");
      }
      const res = await unitApi.action(routeArgs(await api(ctx.pm, "DELETE", `/projects/${ctx.project.id}/acceptance/units/${unit.id}`), { projectId: ctx.project.id, unitId: unit.id }));
      expect(res.status).toBe(409);
      expect(await db.select().from(s.installedUnits).where(eq(s.installedUnits.projectId, ctx.project.id))).toHaveLength(2);
      const [inspection] = await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id));
      expect(inspection.foremanName).toBe("赵志强");
    });
  });

  describe("during acceptance review", () => {
    it("a save makes REVISE_ACCEPTANCE in the same transaction: new round, audit event with the reason", async () => {
      const ctx = await inReview();
      expect(await roundOf(ctx.project.id)).toBe(1);
      const r = await post(ctx.pm, ctx.project.id, "selfInspection", selfForm({ "outlets.1.measuredM3h": "640" }));
      expect(r).toEqual({ intent: "selfInspection", ok: true, notice: "acceptanceRecords.savedRevised" });
      expect(await roundOf(ctx.project.id)).toBe(2);
      const events = await revisions(ctx.project.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorUserId: ctx.pm.id, role: "pm", ip: "127.0.0.1" });
      expect((events[0].payload as { payload: { reason: string } }).payload.reason).toBe("修改了自检记录");

      const added = await unitsApi.action(routeArgs(await api(ctx.pm, "POST", `/projects/${ctx.project.id}/acceptance/units`, { name: "排风机", model: "PF-200", quantity: 1, serialNumbers: [`PF-${ctx.project.id.slice(0, 8)}`] }), { projectId: ctx.project.id }));
      expect(added.status).toBe(201);
      expect((await added.json()).revised).toBe(true);
      expect(await roundOf(ctx.project.id)).toBe(3);
      expect(((await revisions(ctx.project.id)).at(-1)!.payload as { payload: { reason: string } }).payload.reason).toBe("添加了设备：排风机");
    });

    it("a change the statechart refuses (a failing self-inspection) is rolled back with its messages", async () => {
      const ctx = await inReview();
      const r = failed(await post(ctx.pm, ctx.project.id, "selfInspection", selfForm({ trialRunPassed: "no" })));
      expect(r.formErrorText).toEqual([describeRefusal({ code: "SELF_INSPECTION_FAILED" }, "zh-CN")]);
      const [row] = await db.select().from(s.selfInspections).where(eq(s.selfInspections.projectId, ctx.project.id));
      expect(row).toMatchObject({ passed: true, trialRunPassed: true, foremanName: "赵志强" });
      expect(await roundOf(ctx.project.id)).toBe(1);
      expect(await revisions(ctx.project.id)).toEqual([]);
      const res = await selfApi.action(routeArgs(await api(ctx.pm, "PUT", `/projects/${ctx.project.id}/acceptance/self-inspection`, selfJson({ trialRunPassed: false })), { projectId: ctx.project.id }));
      expect(res.status).toBe(422);
      expect((await res.json()).error.code).toBe("REFUSED");
    });
  });

  describe("installed units", () => {
    it("adds a line with trimmed, deduplicated serial numbers and removes it again", async () => {
      const ctx = await constructionProject(db);
      const tag = ctx.project.id.slice(0, 8);
      const r = await post(ctx.pm, ctx.project.id, "addUnit", { name: " 新风净化主机 ", model: "YD-XF500", quantity: "3", location: "屋面", serialNumbers: `A-${tag}-1\n A-${tag}-2 ，A-${tag}-1、a-${tag}-2\n\n` });
      expect(r).toEqual({ intent: "addUnit", ok: true, notice: "acceptanceRecords.unit.added" });
      const [unit] = (await loadAcceptanceRecords(db, ctx.project.id)).units;
      expect(unit).toMatchObject({ name: "新风净化主机", quantity: 3, serialNumbers: [`A-${tag}-1`, `A-${tag}-2`] });
      expect(await post(ctx.pm, ctx.project.id, "removeUnit", { id: unit.id })).toEqual({ intent: "removeUnit", ok: true, notice: "acceptanceRecords.unit.removed" });
      expect((await loadAcceptanceRecords(db, ctx.project.id)).units).toEqual([]);
    });

    it("refuses a serial on another project without naming it, a serial already on this project, and more serials than units", async () => {
      const a = await constructionProject(db);
      const b = await constructionProject(db);
      const tag = a.project.id.slice(0, 8);
      expect((await post(a.pm, a.project.id, "addUnit", { name: "主机", quantity: "2", serialNumbers: `S-${tag}-1, S-${tag}-2` })).ok).toBe(true);

      const elsewhere = failed(await post(b.pm, b.project.id, "addUnit", { name: "主机", quantity: "2", serialNumbers: `s-${tag}-2\nS-${tag}-9` }));
      expect(errorKey(elsewhere, "serialNumbers")).toBe("acceptanceRecords.unit.serialElsewhere");
      expect(elsewhere.values).toMatchObject({ name: "主机", quantity: "2", serialNumbers: `s-${tag}-2\nS-${tag}-9` });
      const res = await unitsApi.action(routeArgs(await api(b.pm, "POST", `/projects/${b.project.id}/acceptance/units`, { name: "主机", quantity: 1, serialNumbers: `S-${tag}-1` }), { projectId: b.project.id }));
      expect(res.status).toBe(400);
      const message = (await res.json()).error.fieldErrors.serialNumbers as string;
      expect(message).toContain("该序列号已登记在其他项目");
      expect(message).not.toContain(a.project.code);
      expect(message).not.toContain(a.project.name);

      const here = failed(await post(a.pm, a.project.id, "addUnit", { name: "主机", quantity: "1", serialNumbers: `S-${tag}-1` }));
      expect(errorKey(here, "serialNumbers")).toBe("acceptanceRecords.unit.serialHere");
      const tooMany = failed(await post(a.pm, a.project.id, "addUnit", { name: "面板", quantity: "1", serialNumbers: `P-${tag}-1、P-${tag}-2` }));
      expect(decodeMessage(tooMany.errors.serialNumbers)).toEqual({ key: "acceptanceRecords.unit.serialsExceedQuantity", params: { count: 2, quantity: 1 } });
      const badQuantity = failed(await post(a.pm, a.project.id, "addUnit", { name: "", quantity: "0" }));
      expect(Object.keys(badQuantity.errors).sort()).toEqual(["name", "quantity"]);
      expect(await db.select().from(s.installedUnits).where(eq(s.installedUnits.projectId, b.project.id))).toEqual([]);
      expect(await db.select().from(s.installedUnits).where(eq(s.installedUnits.projectId, a.project.id))).toHaveLength(1);
    });

    it("refuses to remove another project's line (not found), on the page and the API", async () => {
      const a = await constructionProject(db);
      const b = await constructionProject(db);
      await meetPreconditions(db, b.project.id, b.pm.id);
      const [foreign] = await db.select().from(s.installedUnits).where(eq(s.installedUnits.projectId, b.project.id));
      expect(failed(await post(a.pm, a.project.id, "removeUnit", { id: foreign.id })).formError).toBe("error.notFound");
      expect(failed(await post(a.pm, a.project.id, "removeUnit", { id: "not-a-uuid" })).formError).toBe("error.notFound");
      const res = await unitApi.action(routeArgs(await api(a.pm, "DELETE", `/projects/${a.project.id}/acceptance/units/${foreign.id}`), { projectId: a.project.id, unitId: foreign.id }));
      expect(res.status).toBe(404);
      expect(await db.select().from(s.installedUnits).where(eq(s.installedUnits.id, foreign.id))).toHaveLength(1);
    });
  });

  describe("API", () => {
    it("saves and reads the records with JSON, field messages translated (English on request)", async () => {
      const ctx = await constructionProject(db);
      const put = await completionApi.action(routeArgs(await api(ctx.pm, "PUT", `/projects/${ctx.project.id}/acceptance/completion`, { completedOn: today(), note: "全部完成", confirm: true }), { projectId: ctx.project.id }));
      expect(put.status).toBe(200);
      expect((await put.json()).completion).toMatchObject({ completedOn: today(), note: "全部完成" });

      const req = await api(ctx.pm, "PUT", `/projects/${ctx.project.id}/acceptance/self-inspection`, selfJson({ items: [{ name: "", ok: true }], outlets: [{ location: "A", designM3h: 0, measuredM3h: 10 }] }));
      req.headers.set("Accept-Language", "en");
      const bad = await selfApi.action(routeArgs(req, { projectId: ctx.project.id }));
      expect(bad.status).toBe(400);
      const error = (await bad.json()).error;
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors).toEqual({ "items.0.name": "Required", "outlets.0.designM3h": "Enter a whole number from 1 to 1,000,000" });

      const ok = await selfApi.action(routeArgs(await api(ctx.pm, "PUT", `/projects/${ctx.project.id}/acceptance/self-inspection`, selfJson({ signature: pngDataUrl })), { projectId: ctx.project.id }));
      expect(ok.status).toBe(200);
      const got = await selfApi.loader(routeArgs(await api(ctx.pm, "GET", `/projects/${ctx.project.id}/acceptance/self-inspection`), { projectId: ctx.project.id }));
      const body = await got.json();
      expect(body.selfInspection).toMatchObject({ passed: true, foremanName: "赵志强", hasForemanSignature: true, items: [{ name: "设备安装牢固、减振措施到位", ok: true, note: "" }, { name: "过滤网安装正确", ok: true, note: "" }] });

      const wrongMethod = await unitsApi.action(routeArgs(await api(ctx.pm, "PUT", `/projects/${ctx.project.id}/acceptance/units`, {}), { projectId: ctx.project.id }));
      expect(wrongMethod.status).toBe(405);
      const direct = await saveSelfInspection({ db, access: await requireAcceptanceAccess(db, ctx.pm, ctx.project.id), user: ctx.pm, info, locale: "zh-CN", object: selfJson() });
      expect(direct.ok).toBe(true);
    });

    it("the handler leaves other intents to the page", async () => {
      const ctx = await constructionProject(db);
      const request = new Request("http://localhost/x?intent=archiveUpload", { method: "POST", body: new FormData() });
      expect(await handleRecordsIntent("archiveUpload", { request, db, user: ctx.pm, access: await requireAcceptanceAccess(db, ctx.pm, ctx.project.id), info, locale: "zh-CN" })).toBeNull();
    });
  });
});
