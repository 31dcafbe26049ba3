// The project routes' loaders and actions, called as Remix calls them: per-record authorisation,
// form round trips and the event action's no-JavaScript fallback.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { companies, projectMembers, projects, userRoles, users, type Role } from "#db/schema";
import { createSession } from "~/lib/session.server";
import * as home from "~/routes/_index";
import * as events from "~/routes/projects.$projectId.events";
import * as edit from "~/routes/projects.$projectId.edit";
import * as page from "~/routes/projects.$projectId._index";
import * as list from "~/routes/projects._index";
import * as create from "~/routes/projects.new";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { payloadOf, statusOf, thrown } from "../support/route-results";

type Args = Parameters<typeof page.loader>[0];

/** Status of what a loader/action returned or threw: a Response or Remix's data() wrapper. */

describe(`project routes (${testDriver()})`, () => {
  let database: TestDatabase;
  let db: Db;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function user(name: string, roles: Role[]) {
    const [u] = await db.insert(users).values({ email: `${name}@example.test`, name, passwordHash: "x" }).returning();
    for (const role of roles) await db.insert(userRoles).values({ userId: u.id, role });
    const setCookie = await createSession(db, u.id, { ip: "", userAgent: "" });
    cookies[name] = setCookie.split(";")[0];
    ids[name] = u.id;
  }

  function req(who: string, path: string, body?: Record<string, string>): Request {
    const init: RequestInit = { headers: { Cookie: cookies[who] } };
    if (body) {
      const fd = new FormData();
      for (const [k, v] of Object.entries(body)) fd.append(k, v);
      init.method = "POST";
      init.body = fd;
    }
    return new Request(`http://localhost${path}`, init);
  }
  const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: { ip: "127.0.0.1" } }) as unknown as Args;

  const validForm = () => ({
    code: "R-0001",
    name: "测试项目 🚧 喆堃赟",
    clientId: ids.client,
    siteAddress: "杭州市西湖区",
    clientContractNo: "HT-9",
    clientContractAmount: "1,000,000.50",
    clientContractSignedOn: "2024-02-29",
    supervisionCompanyId: "",
    designCompanyId: "",
    plannedStartOn: "",
    plannedFinishOn: "",
    "equipment[0].model": "VRV-X",
    "equipment[0].quantity": "4",
    "equipment[0].location": "屋面",
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const [c] = await db.insert(companies).values({ kind: "client", name: "甲方" }).returning();
    ids.client = c.id;
    await user("pm1", ["pm"]);
    await user("pm2", ["pm"]);
    await user("boss", ["management"]);
    await user("sup", ["supervisor"]);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("create: bad input comes back 400 with messages and values; a valid form redirects to the project", async () => {
    const bad = await create.action(args(req("pm1", "/projects/new", { ...validForm(), "equipment[0].quantity": "0", clientContractAmount: "-1" })) as never);
    expect(statusOf(bad)).toBe(400);
    const body = payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(bad);
    expect(body.errors).toMatchObject({ "equipment[0].quantity": "form.invalidInteger", clientContractAmount: "form.invalidAmount" });
    expect(body.values.name).toBe("测试项目 🚧 喆堃赟");
    expect(Number((await db.select({ n: count() }).from(projects))[0].n)).toBe(0);

    const ok = await create.action(args(req("pm1", "/projects/new", validForm())) as never);
    expect(ok).toBeInstanceOf(Response);
    const location = (ok as Response).headers.get("Location")!;
    expect(location).toMatch(/^\/projects\/[0-9a-f-]{36}\?notice=created$/);
    ids.project = location.split("/")[2].split("?")[0];
    const [row] = await db.select().from(projects).where(eq(projects.id, ids.project));
    expect(row).toMatchObject({ clientContractAmountFen: 100_000_050, pmId: ids.pm1, clientContractSignedOn: "2024-02-29" });

    const dup = await create.action(args(req("pm1", "/projects/new", validForm())) as never);
    expect(payloadOf<{ errors: Record<string, string> }>(dup).errors).toEqual({ code: "projects.form.codeTaken" });
  });

  it("create: only pm and admin may open the form", async () => {
    expect(statusOf(await thrown(create.loader(args(req("boss", "/projects/new")) as never)))).toBe(403);
    const loaded = payloadOf<{ initial: { code: string; pmId: string } }>(await create.loader(args(req("pm1", "/projects/new")) as never));
    expect(loaded.initial.pmId).toBe(ids.pm1);
    expect(loaded.initial.code).toMatch(/^PRJ-\d{4}-\d{4}$/);
  });

  it("project page: 404 for another pm and an uninvited supervisor; the own pm sees what the next step needs", async () => {
    expect(statusOf(await thrown(page.loader(args(req("pm2", `/projects/${ids.project}`), { projectId: ids.project }))))).toBe(404);
    expect(statusOf(await thrown(page.loader(args(req("sup", `/projects/${ids.project}`), { projectId: ids.project }))))).toBe(404);
    expect(statusOf(await thrown(page.loader(args(req("pm1", `/projects/nope`), { projectId: "nope" }))))).toBe(404);
    const d = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(req("pm1", `/projects/${ids.project}?notice=created`), { projectId: ids.project })));
    expect(d.project.stage).toBe("bidding");
    expect(d.notice).toEqual({ kind: "created", event: null });
    expect(d.timeline[0]).toMatchObject({ stage: "bidding", current: true });
    expect(d.audit.rows.map((r) => r.event)).toEqual(["PROJECT_CREATED"]);
    expect(d.canEdit).toBe(true);
    // Bidding needs three quotes: SUBMIT_FOR_DECISION is blocked with its reasons.
    expect(d.events.blocked.find((b) => b.type === "SUBMIT_FOR_DECISION")?.missing.length).toBeGreaterThan(0);

    await db.insert(projectMembers).values({ projectId: ids.project, userId: ids.sup, party: "supervisor" });
    const invited = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(req("sup", `/projects/${ids.project}`), { projectId: ids.project })));
    expect(invited.canEdit).toBe(false);
  });

  it("list and home respect visibility", async () => {
    const mine = payloadOf<Awaited<ReturnType<typeof list.loader>>>(await list.loader(args(req("pm1", "/projects?q=r-00")) as never));
    expect(mine.list.total).toBe(1);
    const other = payloadOf<Awaited<ReturnType<typeof list.loader>>>(await list.loader(args(req("pm2", "/projects")) as never));
    expect(other.list.total).toBe(0);
    const h = payloadOf<Awaited<ReturnType<typeof home.loader>>>(await home.loader(args(req("pm1", "/")) as never));
    expect(h.home.sections.find((s) => s.key === "pmTurn")?.total).toBe(1);
    const anonymous = await thrown(home.loader(args(new Request("http://localhost/")) as never));
    expect((anonymous as Response).headers.get("Location")).toBe("/login?redirectTo=%2F");
  });

  it("edit: 404 for another pm, 403 for management; an edit redirects with a notice", async () => {
    expect(statusOf(await thrown(edit.loader(args(req("pm2", `/projects/${ids.project}/edit`), { projectId: ids.project }) as never)))).toBe(404);
    expect(statusOf(await thrown(edit.action(args(req("boss", `/projects/${ids.project}/edit`, validForm()), { projectId: ids.project }) as never)))).toBe(403);
    const loaded = payloadOf<Awaited<ReturnType<typeof edit.loader>>>(await edit.loader(args(req("pm1", `/projects/${ids.project}/edit`), { projectId: ids.project }) as never));
    const res = await edit.action(args(req("pm1", `/projects/${ids.project}/edit`, { ...loaded.values, name: "新名称" }), { projectId: ids.project }) as never);
    expect((res as Response).headers.get("Location")).toBe(`/projects/${ids.project}?notice=saved`);
  });

  it("events: refused input comes back beside the field (no JS: in the URL), values kept; allowed events redirect with a notice", async () => {
    const v = String((await db.select().from(projects).where(eq(projects.id, ids.project)))[0].version);
    // The pm may not cancel (management only): refused, nothing changes.
    const byPm = await events.action(args(req("pm1", `/projects/${ids.project}/events`, { type: "CANCEL", version: v, reason: "x" }), { projectId: ids.project }) as never);
    expect(statusOf(byPm)).toBe(403);
    // No reason, submitted without JavaScript: back to the page with the field error and values.
    const noReason = await events.action(args(req("boss", `/projects/${ids.project}/events`, { type: "CANCEL", version: v, reason: "", _nojs: "1" }), { projectId: ids.project }) as never);
    const back = new URL((noReason as Response).headers.get("Location")!, "http://localhost");
    expect(back.pathname).toBe(`/projects/${ids.project}`);
    expect(back.searchParams.get("failed")).toBe("CANCEL");
    expect(back.searchParams.get("fe.reason")).toBe("form.required");
    // A stale version is refused with 409.
    const stale = await events.action(args(req("boss", `/projects/${ids.project}/events`, { type: "CANCEL", version: "999", reason: "客户取消" }), { projectId: ids.project }) as never);
    expect(statusOf(stale)).toBe(409);
    expect(payloadOf<{ values: Record<string, string> }>(stale).values.reason).toBe("客户取消");
    const done = await events.action(args(req("boss", `/projects/${ids.project}/events`, { type: "CANCEL", version: v, reason: "客户取消" }), { projectId: ids.project }) as never);
    expect((done as Response).headers.get("Location")).toBe(`/projects/${ids.project}?notice=done&event=CANCEL`);
    expect((await db.select().from(projects).where(eq(projects.id, ids.project)))[0].stage).toBe("cancelled");
    // Cancelled: the edit form is frozen.
    const frozen = payloadOf<Awaited<ReturnType<typeof edit.loader>>>(await edit.loader(args(req("pm1", `/projects/${ids.project}/edit`), { projectId: ids.project }) as never));
    expect(frozen.editable).toBe(false);
  });
});
