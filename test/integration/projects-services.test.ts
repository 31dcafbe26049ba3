import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditEvents, companies, projectEquipment, projectMembers, projects, userRoles, users, type CompanyKind, type Role } from "#db/schema";
import { initialProjectSnapshot } from "#machines/runtime";
import type { SessionUser } from "~/lib/session.server";
import { createProject, suggestProjectCode } from "~/services/projects/create-project.server";
import { getHomeForUser } from "~/services/projects/home.server";
import { likePattern, listFilterOptions, listProjects, parseListQuery } from "~/services/projects/list-projects.server";
import { readProjectForm, type ProjectInput } from "~/services/projects/project-form";
import { updateProject } from "~/services/projects/update-project.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

async function makeCompany(db: Db, kind: CompanyKind, name: string) {
  const [c] = await db.insert(companies).values({ kind, name }).returning();
  return c;
}

async function makeUser(db: Db, name: string, roles: Role[]): Promise<SessionUser> {
  const [u] = await db.insert(users).values({ email: `${name.toLowerCase().replace(/\W/g, "")}-${Math.random().toString(36).slice(2, 7)}@example.test`, name, passwordHash: "x" }).returning();
  for (const role of roles) await db.insert(userRoles).values({ userId: u.id, role });
  return { id: u.id, email: u.email, name: u.name, roles, companyId: null };
}

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

describe(`projects services (${testDriver()})`, () => {
  let database: TestDatabase;
  let db: Db;
  let client: Awaited<ReturnType<typeof makeCompany>>;
  let client2: Awaited<ReturnType<typeof makeCompany>>;
  let supervision: Awaited<ReturnType<typeof makeCompany>>;
  let design: Awaited<ReturnType<typeof makeCompany>>;
  let pm: SessionUser, pm2: SessionUser, admin: SessionUser, management: SessionUser, finance: SessionUser, service: SessionUser, supervisor: SessionUser;

  const input = (over: Partial<ProjectInput> = {}): ProjectInput => ({
    code: `T-${Math.random().toString(36).slice(2, 8)}`,
    name: "某大厦中央空调安装",
    clientId: client.id,
    siteAddress: "上海市浦东新区世纪大道 100 号",
    clientContractNo: "HT-001",
    clientContractAmount: 123_456_789,
    clientContractSignedOn: "2025-03-01",
    pmId: null,
    supervisionCompanyId: supervision.id,
    designCompanyId: design.id,
    plannedStartOn: "2025-04-01",
    plannedFinishOn: "2025-10-31",
    loadedAt: "",
    equipment: [{ model: "RHXYQ10", quantity: 2, location: "屋面" }],
    ...over,
  });

  const countOf = async (table: typeof projects | typeof auditEvents | typeof projectEquipment) => Number((await db.select({ n: count() }).from(table))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    client = await makeCompany(db, "client", "甲方置业有限公司");
    client2 = await makeCompany(db, "client", "100%_乙方集团");
    supervision = await makeCompany(db, "supervision", "华东监理");
    design = await makeCompany(db, "design", "市政设计院");
    pm = await makeUser(db, "王经理", ["pm"]);
    pm2 = await makeUser(db, "李经理", ["pm"]);
    admin = await makeUser(db, "Admin", ["admin"]);
    management = await makeUser(db, "赵总", ["management"]);
    finance = await makeUser(db, "钱会计", ["finance"]);
    service = await makeUser(db, "孙售后", ["service"]);
    supervisor = await makeUser(db, "周监理", ["supervisor"]);
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe("create", () => {
    it("creates the project in bidding with its equipment and one audit row, in one go", async () => {
      const result = await createProject(db, pm, input({ code: "PRJ-2025-0001", equipment: [{ model: "A", quantity: 1, location: "一层" }, { model: "B", quantity: 3, location: "二层" }] }), { ip: "10.0.0.1", userAgent: "vitest" });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [row] = await db.select().from(projects).where(eq(projects.id, result.id));
      expect(row).toMatchObject({ stage: "bidding", version: 1, pmId: pm.id, machineVersion: 1, clientContractAmountFen: 123_456_789 });
      expect(row.snapshot).toEqual(initialProjectSnapshot());
      const lines = await db.select().from(projectEquipment).where(eq(projectEquipment.projectId, result.id));
      expect(lines.map((l) => [l.position, l.model, l.quantity])).toEqual([[0, "A", 1], [1, "B", 3]]);
      const audit = await db.select().from(auditEvents).where(eq(auditEvents.projectId, result.id));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ event: "PROJECT_CREATED", actorLabel: "王经理", role: "pm", ip: "10.0.0.1", userAgent: "vitest", fromStage: null, toStage: "bidding" });
    });

    it("suggests the next free PRJ-<year>-<nnnn> code", async () => {
      expect(await suggestProjectCode(db, new Date("2025-06-01T00:00:00Z"))).toBe("PRJ-2025-0002");
      // 2025-12-31 20:00 UTC is already 2026 in Shanghai.
      expect(await suggestProjectCode(db, new Date("2025-12-31T20:00:00Z"))).toBe("PRJ-2026-0001");
    });

    it("bad input: a message beside each field, everything typed kept, nothing written", async () => {
      const before = [await countOf(projects), await countOf(auditEvents)];
      const posted = form({
        code: "",
        name: "测试<script>",
        clientId: "not-a-uuid",
        siteAddress: "某地",
        clientContractNo: "HT",
        clientContractAmount: "12.345",
        clientContractSignedOn: "2025-02-30",
        plannedStartOn: "2025-05-01",
        plannedFinishOn: "2025-04-30",
        "equipment[0].model": "A",
        "equipment[0].quantity": "1",
        "equipment[0].location": "屋面",
        "equipment[1].model": "B",
        "equipment[1].quantity": "-3",
        "equipment[1].location": "地下室",
      });
      const result = readProjectForm(posted);
      expect(result.kind).toBe("invalid");
      if (result.kind !== "invalid") return;
      expect(result.errors).toMatchObject({
        code: "form.required",
        clientId: "form.invalidChoice",
        clientContractAmount: "form.invalidAmount",
        clientContractSignedOn: "form.invalidDate",
        plannedFinishOn: "form.dateAfter",
        "equipment[1].quantity": "form.invalidInteger",
      });
      expect(result.values["equipment[1].quantity"]).toBe("-3");
      expect(result.values.name).toBe("测试<script>");
      expect([await countOf(projects), await countOf(auditEvents)]).toEqual(before);
    });

    it("requires one equipment line; blank rows are dropped and the rest renumbered", async () => {
      const none = readProjectForm(form({ code: "X", "equipment[0].model": "", "equipment[0].quantity": "", "equipment[0].location": " " }));
      expect(none.kind === "invalid" && none.errors.equipment).toBe("projects.form.equipmentRequired");
      const gaps = readProjectForm(
        form({ "equipment[0].model": "", "equipment[0].quantity": "", "equipment[0].location": "", "equipment[3].model": "M", "equipment[3].quantity": "x", "equipment[3].location": "L" }),
      );
      expect(gaps.kind).toBe("invalid");
      if (gaps.kind !== "invalid") return;
      expect(gaps.errors["equipment[0].quantity"]).toBe("form.invalidInteger");
      expect(gaps.values["equipment[0].model"]).toBe("M");
    });

    it("addLine / removeLine redraw the form without validating (no JavaScript)", () => {
      const base = { code: "X", "equipment[0].model": "A", "equipment[0].quantity": "1", "equipment[0].location": "L", "equipment[1].model": "B", "equipment[1].quantity": "2", "equipment[1].location": "M" };
      const added = readProjectForm(form({ ...base, intent: "addLine" }));
      expect(added.kind).toBe("redraw");
      expect(added.values["equipment[2].model"]).toBe("");
      expect(added.values.code).toBe("X");
      const removed = readProjectForm(form({ ...base, intent: "removeLine:0" }));
      expect(removed.values["equipment[0].model"]).toBe("B");
      expect(removed.values["equipment[1].model"]).toBeUndefined();
    });

    it("a duplicate code is reported on the code field and nothing is written", async () => {
      const before = [await countOf(projects), await countOf(auditEvents), await countOf(projectEquipment)];
      const result = await createProject(db, pm, input({ code: "PRJ-2025-0001" }));
      expect(result).toEqual({ ok: false, errors: { code: "projects.form.codeTaken" } });
      expect([await countOf(projects), await countOf(auditEvents), await countOf(projectEquipment)]).toEqual(before);
    });

    it("a pm always gets the project themself; only an admin assigns a pm, and only a real pm", async () => {
      const forged = await createProject(db, pm, input({ pmId: pm2.id }));
      expect(forged.ok && (await db.select().from(projects).where(eq(projects.id, forged.id)))[0].pmId).toBe(pm.id);
      const byAdmin = await createProject(db, admin, input({ pmId: pm2.id }));
      expect(byAdmin.ok && (await db.select().from(projects).where(eq(projects.id, byAdmin.id)))[0].pmId).toBe(pm2.id);
      expect(await createProject(db, admin, input({ pmId: finance.id }))).toMatchObject({ ok: false, errors: { pmId: "form.invalidChoice" } });
      expect(await createProject(db, admin, input({ pmId: null }))).toMatchObject({ ok: false, errors: { pmId: "form.invalidChoice" } });
    });

    it("refuses companies of the wrong kind and users who may not create", async () => {
      expect(await createProject(db, pm, input({ clientId: supervision.id, designCompanyId: client.id }))).toMatchObject({
        ok: false,
        errors: { clientId: "form.invalidChoice", designCompanyId: "form.invalidChoice" },
      });
      expect(await createProject(db, management, input())).toMatchObject({ ok: false, formError: "error.forbidden" });
    });
  });

  describe("list", () => {
    let invitedId: string;
    beforeAll(async () => {
      // 30 projects of pm2 for paging, with distinct names.
      for (let i = 0; i < 30; i++) {
        const r = await createProject(db, admin, input({ code: `PAGE-${String(i).padStart(2, "0")}`, name: `分页项目${i}`, pmId: pm2.id, clientId: client2.id }));
        if (!r.ok) throw new Error("seed failed");
      }
      const special = await createProject(db, pm, input({ code: "SPEC-1", name: "折扣 50% 项目_甲", siteAddress: "北京市海淀区" }));
      if (!special.ok) throw new Error("seed failed");
      invitedId = special.id;
      await db.insert(projectMembers).values({ projectId: invitedId, userId: supervisor.id, party: "supervisor" });
    });

    it("pages by 25, newest first, with the total", async () => {
      const p1 = await listProjects(db, admin, { pmId: pm2.id });
      expect(p1.total).toBe(31); // 30 + the one the admin created for pm2 above
      expect(p1.rows).toHaveLength(25);
      const p2 = await listProjects(db, admin, { pmId: pm2.id, page: 2 });
      expect(p2.rows).toHaveLength(6);
      const ids = new Set([...p1.rows, ...p2.rows].map((r) => r.id));
      expect(ids.size).toBe(31);
      expect(p1.rows[0].updatedAt >= p1.rows[24].updatedAt).toBe(true);
      expect(p1.rows[0]).toMatchObject({ clientName: expect.any(String), pmName: "李经理" });
    });

    it("searches code, name, address and client name; % and _ are literal", async () => {
      expect((await listProjects(db, admin, { q: "spec-1" })).rows.map((r) => r.code)).toEqual(["SPEC-1"]);
      expect((await listProjects(db, admin, { q: "海淀" })).rows.map((r) => r.code)).toEqual(["SPEC-1"]);
      expect((await listProjects(db, admin, { q: "50%" })).rows.map((r) => r.code)).toEqual(["SPEC-1"]);
      expect((await listProjects(db, admin, { q: "_甲" })).rows.map((r) => r.code)).toEqual(["SPEC-1"]);
      expect((await listProjects(db, admin, { q: "%" })).total).toBe(31); // the client named 100%_乙方集团 (+ 50%)
      expect((await listProjects(db, admin, { q: "乙方集团" })).total).toBe(30);
      expect(likePattern("a%b_c\\")).toBe("%a\\%b\\_c\\\\%");
    });

    it("filters by stage, pm and client; bad URL values are ignored", async () => {
      expect((await listProjects(db, admin, { stage: "construction" })).total).toBe(0);
      const bidding = await listProjects(db, admin, { stage: "bidding" });
      const all = await listProjects(db, admin, {});
      expect(bidding.total).toBe(all.total);
      expect((await listProjects(db, admin, { clientId: client2.id })).total).toBe(30);
      expect(parseListQuery(new URLSearchParams("stage=drop table&pm=1&client=x&page=-4&q=%20a%20"))).toEqual({ q: "a", stage: "", pmId: "", clientId: "", page: 1 });
    });

    it("a pm sees only their own projects; a supervisor only those they are invited to", async () => {
      const mine = await listProjects(db, pm, {});
      expect(mine.rows.every((r) => r.pmName === "王经理")).toBe(true);
      expect((await listProjects(db, pm, { pmId: pm2.id })).total).toBe(0);
      const invited = await listProjects(db, supervisor, {});
      expect(invited.rows.map((r) => r.id)).toEqual([invitedId]);
      expect((await listProjects(db, management, {})).total).toBe((await listProjects(db, admin, {})).total);
      const opts = await listFilterOptions(db, supervisor);
      expect(opts.clients.map((c) => c.name)).toEqual(["甲方置业有限公司"]);
      expect(opts.pms.map((p) => p.name)).toEqual(["王经理"]);
    });
  });

  describe("edit", () => {
    it("writes PROJECT_UPDATED with the changed fields and leaves the machine columns alone", async () => {
      const created = await createProject(db, pm, input({ code: "EDIT-1" }));
      if (!created.ok) throw new Error("seed failed");
      const [before] = await db.select().from(projects).where(eq(projects.id, created.id));
      const result = await updateProject(
        db,
        pm,
        created.id,
        input({ code: "EDIT-1", name: "改名后的项目", clientContractAmount: 100, loadedAt: before.updatedAt.toISOString(), equipment: [{ model: "RHXYQ10", quantity: 3, location: "屋面" }, { model: "新增", quantity: 1, location: "机房" }] }),
        { ip: "1.2.3.4", userAgent: "ua" },
      );
      expect(result).toMatchObject({ ok: true, changed: ["name", "clientContractAmountFen", "equipment"] });
      const [after] = await db.select().from(projects).where(eq(projects.id, created.id));
      expect(after).toMatchObject({ name: "改名后的项目", clientContractAmountFen: 100, stage: before.stage, version: before.version, machineVersion: before.machineVersion });
      expect(after.snapshot).toEqual(before.snapshot);
      const audit = await db.select().from(auditEvents).where(eq(auditEvents.projectId, created.id));
      expect(audit.map((a) => a.event)).toEqual(["PROJECT_CREATED", "PROJECT_UPDATED"]);
      expect(audit[1]).toMatchObject({ actorLabel: "王经理", role: "pm", ip: "1.2.3.4", payload: { changed: ["name", "clientContractAmountFen", "equipment"] } });
      expect(await db.select().from(projectEquipment).where(eq(projectEquipment.projectId, created.id))).toHaveLength(2);

      // The same form again (stale loadedAt) is refused rather than overwriting.
      expect(await updateProject(db, pm, created.id, input({ code: "EDIT-1", loadedAt: before.updatedAt.toISOString() }))).toMatchObject({ ok: false, formError: "error.conflict" });
      // Nothing changed → no audit row.
      const current = (await db.select().from(projects).where(eq(projects.id, created.id)))[0];
      const same = await updateProject(db, pm, created.id, input({ code: "EDIT-1", name: "改名后的项目", clientContractAmount: 100, loadedAt: current.updatedAt.toISOString(), equipment: [{ model: "RHXYQ10", quantity: 3, location: "屋面" }, { model: "新增", quantity: 1, location: "机房" }] }));
      expect(same).toMatchObject({ ok: true, changed: [] });
      expect(await db.select().from(auditEvents).where(eq(auditEvents.projectId, created.id))).toHaveLength(2);
    });

    it("another pm gets not-found; a pm cannot hand the project to someone else; closed projects are frozen", async () => {
      const created = await createProject(db, pm, input({ code: "EDIT-2" }));
      if (!created.ok) throw new Error("seed failed");
      expect(await updateProject(db, pm2, created.id, input({ code: "EDIT-2" }))).toMatchObject({ ok: false, formError: "error.notFound" });
      expect(await updateProject(db, management, created.id, input({ code: "EDIT-2" }))).toMatchObject({ ok: false, formError: "error.notFound" });
      await updateProject(db, pm, created.id, input({ code: "EDIT-2", pmId: pm2.id, name: "x" }));
      expect((await db.select().from(projects).where(eq(projects.id, created.id)))[0].pmId).toBe(pm.id);
      expect(await updateProject(db, pm, created.id, input({ code: "PRJ-2025-0001" }))).toMatchObject({ ok: false, errors: { code: "projects.form.codeTaken" } });

      await db.update(projects).set({ stage: "cancelled" }).where(eq(projects.id, created.id)); // test setup only
      const audits = (await db.select().from(auditEvents).where(eq(auditEvents.projectId, created.id))).length;
      expect(await updateProject(db, pm, created.id, input({ code: "EDIT-2", name: "不应保存" }))).toMatchObject({ ok: false, formError: "projects.edit.frozen" });
      expect(await updateProject(db, admin, created.id, input({ code: "EDIT-2", name: "不应保存", pmId: pm.id }))).toMatchObject({ ok: false, formError: "projects.edit.frozen" });
      expect((await db.select().from(auditEvents).where(eq(auditEvents.projectId, created.id))).length).toBe(audits);
    });
  });

  describe("home", () => {
    async function projectIn(owner: SessionUser, code: string, value: unknown) {
      const r = await createProject(db, admin, input({ code, pmId: owner.id }));
      if (!r.ok) throw new Error("seed failed");
      const stage = typeof value === "string" ? value : Object.keys(value as object)[0];
      // Test setup: put the project where the scenario needs it (the runtime does this in real life).
      await db.update(projects).set({ stage, snapshot: { ...initialProjectSnapshot(), value } }).where(eq(projects.id, r.id));
      return r.id;
    }

    it("shows each role what waits for it", async () => {
      const pm3 = await makeUser(db, "陈经理", ["pm"]);
      const client3 = await makeUser(db, "甲方代表", ["client"]);
      const decision = await projectIn(pm3, "HOME-DEC", "awaitingDecision");
      await projectIn(pm3, "HOME-BID", "bidding");
      const settlement = await projectIn(pm3, "HOME-SET", { handover: { settlement: "submitted", warranty: "active", archive: "pending" } });
      const expiring = await projectIn(pm3, "HOME-WAR", { handover: { settlement: "retentionReleased", warranty: "expiring", archive: "archived" } });
      const review = await projectIn(pm3, "HOME-REV", { entryReview: "awaitingSupervisor" });
      await projectIn(pm3, "HOME-CAN", "cancelled");
      await db.insert(projectMembers).values([
        { projectId: review, userId: supervisor.id, party: "supervisor" },
        { projectId: decision, userId: client3.id, party: "client" },
      ]);

      const pmHome = await getHomeForUser(db, pm3);
      expect(pmHome.canCreate).toBe(true);
      const turn = pmHome.sections.find((s) => s.key === "pmTurn")!;
      const waiting = pmHome.sections.find((s) => s.key === "pmWaiting")!;
      expect(turn.items.map((i) => i.code).sort()).toEqual(["HOME-BID", "HOME-SET", "HOME-WAR"]);
      expect(waiting.items.map((i) => i.code).sort()).toEqual(["HOME-DEC", "HOME-REV"]);
      expect(turn.items.find((i) => i.code === "HOME-SET")?.substate).toBe("handover.settlement.submitted");
      expect(pmHome.stageCounts.find((c) => c.stage === "handover")?.count).toBe(2);
      expect(pmHome.stageCounts.find((c) => c.stage === "cancelled")).toBeUndefined();

      const mgmt = await getHomeForUser(db, management);
      expect(mgmt.canCreate).toBe(false);
      expect(mgmt.sections.find((s) => s.key === "decisions")?.items.map((i) => i.id)).toEqual([decision]);
      expect(mgmt.sections.find((s) => s.key === "cancellations")?.items.map((i) => i.code)).toContain("HOME-CAN");

      const fin = await getHomeForUser(db, finance);
      expect(fin.sections.map((s) => s.key)).toEqual(["settlements"]);
      expect(fin.sections[0].items.map((i) => i.id)).toEqual([settlement]);

      const svc = await getHomeForUser(db, service);
      expect(svc.sections[0].items.map((i) => i.id)).toEqual([expiring]);

      const sup = await getHomeForUser(db, supervisor);
      expect(sup.sections[0]).toMatchObject({ key: "reviews", total: 1 });
      expect(sup.sections[0].items[0]).toMatchObject({ id: review, substate: "entryReview.awaitingSupervisor" });
      // The client is invited to a project in awaitingDecision only: nothing to review.
      expect((await getHomeForUser(db, client3)).sections[0]).toMatchObject({ key: "reviews", total: 0 });

      const adm = await getHomeForUser(db, admin);
      expect(adm).toMatchObject({ isAdmin: true, canCreate: true, sections: [] });
    });
  });
});
