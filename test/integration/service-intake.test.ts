// Ticket intake from the four channels: the warranty card's public page (/s/<code>) with its spam
// and flood defences, staff entry with its permissions, the public and staff API, unique numbers
// under concurrency, and the overdue listing at a given time.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { createSession } from "~/lib/session.server";
import * as publicPage from "~/routes/s.$code";
import * as staffNew from "~/routes/service.tickets.new";
import * as staffList from "~/routes/service.tickets._index";
import * as apiTickets from "~/routes/api.v1.service.tickets";
import * as apiRequests from "~/routes/api.v1.service-requests.$code";
import { issueFormStamp } from "~/services/service/form-stamp.server";
import { ensureServiceCode } from "~/services/service/service-code.server";
import { createTicket } from "~/services/service/ticket-create.server";
import { listTickets, overdueSteps } from "~/services/service/ticket-list.server";
import { constructionProject, meetPreconditions } from "./acceptance-fixture";
import { args, PNG_1x1 } from "./review-fixture";
import { makeProject, makeUser } from "../support/factories";
import { payloadOf, statusOf, thrown } from "../support/route-results";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

type Fixture = Awaited<ReturnType<typeof constructionProject>>;

describe(`service ticket intake (${testDriver()})`, () => {
  let database: TestDatabase;
  let db: Db;
  let f: Fixture;
  let code: string;
  let otherCode: string;
  let otherProjectId: string;
  let serviceUser: { id: string; email: string };
  let ipSeq = 0;
  const freshIp = () => `203.0.113.${++ipSeq}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    f = await constructionProject(db);
    await meetPreconditions(db, f.project.id, f.pm.id);
    // Accepted a week ago: the warranty runs to the Civil Code last day a year on.
    const current = f.project.snapshot as unknown as { context: Record<string, unknown> };
    const snapshot = { ...current, context: { ...current.context, acceptedOn: "2026-11-16", warrantyEndsOn: "2027-11-15" } } as unknown as typeof f.project.snapshot;
    await db.update(s.projects).set({ snapshot, siteAddress: "广州市天河区体育西路 1 号" }).where(eq(s.projects.id, f.project.id));
    code = await db.transaction((tx) => ensureServiceCode(tx, f.project.id));
    // Another customer's project with its own serial numbers.
    const other = await makeProject(db, f.pm, { name: "越秀商场新风" });
    otherProjectId = other.id;
    await db.insert(s.installedUnits).values({ projectId: other.id, name: "新风主机", model: "YD-XF300", location: "屋面", serialNumbers: ["XF3-OTHER-0009"] });
    otherCode = await db.transaction((tx) => ensureServiceCode(tx, other.id));
    serviceUser = await makeUser(db, ["service"], { name: "售后小刘", email: "service-liu@test.cn" });
  });
  afterAll(async () => database?.drop());

  const ticketCount = async (projectId?: string) =>
    (await db.select({ n: count() }).from(s.serviceTickets).where(projectId ? eq(s.serviceTickets.projectId, projectId) : undefined))[0].n;

  const validFields = (over: Record<string, string> = {}) => ({
    reporterName: "陈先生",
    contactPhone: "138 0013 8000",
    contactEmail: "chen@customer.test",
    siteAddress: "广州市天河区体育西路 1 号 12 楼",
    area: "city",
    serialNumber: "xf5-2026-0002",
    description: "新风主机运行时有异响，出风量明显变小，已持续两天。",
    ...over,
  });

  /** The page's form as a browser posts it: multipart, with the stamp the page handed out. */
  function post(pageCode: string, fields: Record<string, string>, opts: { stampAgeMs?: number; photos?: { bytes: Buffer; name: string; type: string }[] } = {}) {
    const fd = new FormData();
    fd.append("_stamp", issueFormStamp(pageCode, new Date(Date.now() - (opts.stampAgeMs ?? 5_000))));
    if (!("website" in fields)) fd.append("website", "");
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    for (const p of opts.photos ?? []) fd.append("photos", new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.name);
    return new Request(`http://localhost/s/${pageCode}`, { method: "POST", body: fd });
  }

  describe("the public page /s/<code>", () => {
    it("shows the project, its units without serials, and the warranty in one line", async () => {
      const result = await publicPage.loader(args(new Request(`http://localhost/s/${code}`), { code }, freshIp()));
      const page = payloadOf<{ state: string; project: { name: string; siteAddress: string; units: Record<string, unknown>[]; warranty: { state: string; endsOn: string } }; stamp: string }>(result);
      expect(page.state).toBe("ok");
      expect(page.project.name).toBe("天河写字楼新风系统");
      expect(page.project.siteAddress).toBe("广州市天河区体育西路 1 号");
      expect(page.project.units.map((u) => u.model)).toEqual(["YD-XF500", "YD-CP10"]);
      expect(JSON.stringify(page.project)).not.toMatch(/XF5-2026|XF3-OTHER|serial/i);
      expect(page.project.warranty).toEqual({ state: "active", endsOn: "2027-11-15" });
      expect(page.stamp).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
      // Lower case and spaces as typed from the card still find it.
      const typed = await publicPage.loader(args(new Request("http://localhost/s/x"), { code: `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}` }, freshIp()));
      expect(payloadOf<{ state: string }>(typed).state).toBe("ok");
    });

    it("answers an unknown code with a generic 404", async () => {
      const result = await publicPage.loader(args(new Request("http://localhost/s/ZZZZZZZZZZ"), { code: "ZZZZZZZZZZ" }, freshIp()));
      expect(statusOf(result)).toBe(404);
      expect(payloadOf(result)).toEqual({ state: "notFound" });
      const posted = await publicPage.action(args(post("ZZZZZZZZZZ", validFields()), { code: "ZZZZZZZZZZ" }, freshIp()));
      expect(statusOf(posted)).toBe(404);
    });

    it("files a valid request: SV number, contact due in 4 h, unit from the serial, photo kept, service e-mailed", async () => {
      const before = Date.now();
      const result = await publicPage.action(args(post(code, validFields(), { photos: [{ bytes: PNG_1x1, name: "故障.png", type: "image/png" }] }), { code }, freshIp()));
      expect(statusOf(result)).toBe(200);
      const done = payloadOf<{ state: string; number: string }>(result);
      expect(done.state).toBe("done");
      expect(done.number).toMatch(/^SV-\d{6}-\d{4}$/);
      const [ticket] = await db.select().from(s.serviceTickets).where(eq(s.serviceTickets.number, done.number));
      expect(ticket).toMatchObject({ projectId: f.project.id, channel: "online", status: "received", contactPhone: "13800138000", serialNumber: "XF5-2026-0002", area: "city", createdBy: null });
      expect(ticket.contactDueAt.getTime() - ticket.receivedAt.getTime()).toBe(4 * 3_600_000);
      expect(ticket.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const [unit] = await db.select().from(s.installedUnits).where(eq(s.installedUnits.id, ticket.unitId!));
      expect(unit.model).toBe("YD-XF500");
      const events = await db.select().from(s.ticketEvents).where(eq(s.ticketEvents.ticketId, ticket.id));
      expect(events).toEqual([expect.objectContaining({ action: "received", fromStatus: null, toStatus: "received", actorUserId: null })]);
      const photos = await db.select({ mime: s.files.mime, stage: s.ticketPhotos.stage }).from(s.ticketPhotos).innerJoin(s.files, eq(s.files.id, s.ticketPhotos.fileId)).where(eq(s.ticketPhotos.ticketId, ticket.id));
      expect(photos).toEqual([{ mime: "image/png", stage: "request" }]);
      const mails = await db.select().from(s.outbox).where(eq(s.outbox.template, "serviceTicketReceived"));
      const mail = mails.find((m) => m.payload.subject.includes(done.number))!;
      expect(mail.payload.to).toContain(serviceUser.email);
      expect(mail.payload.subject).toContain("新售后服务单");
      expect(mail.payload.text).toContain(`/service/tickets/${ticket.id}`);
    });

    it("thanks a bot that fills the honeypot and writes nothing", async () => {
      const n = await ticketCount();
      const result = await publicPage.action(args(post(code, validFields({ website: "http://spam.example" })), { code }, freshIp()));
      expect(statusOf(result)).toBe(200);
      expect(payloadOf(result)).toEqual({ state: "done", number: null });
      expect(await ticketCount()).toBe(n);
    });

    it("quietly refuses a submission sooner than 3 s after the page was opened, or with a forged stamp", async () => {
      const n = await ticketCount();
      const fast = await publicPage.action(args(post(code, validFields(), { stampAgeMs: 500 }), { code }, freshIp()));
      expect(statusOf(fast)).toBe(400);
      const body = payloadOf<{ state: string; formError: string; values: Record<string, string>; errors: Record<string, string>; stamp: string }>(fast);
      expect(body).toMatchObject({ state: "form", formError: "serviceTickets.request.tryAgain", errors: {} });
      expect(body.values.reporterName).toBe("陈先生");
      expect(body.values.website).toBeUndefined();
      const forged = post(code, validFields());
      const fd = await forged.formData();
      fd.set("_stamp", `${Date.now() - 60_000}.${"A".repeat(43)}`);
      const forgedResult = await publicPage.action(args(new Request(`http://localhost/s/${code}`, { method: "POST", body: fd }), { code }, freshIp()));
      expect(payloadOf<{ formError: string }>(forgedResult).formError).toBe("serviceTickets.request.tryAgain");
      // A stamp handed out for another project's page does not fit this one.
      const elsewhere = post(code, validFields());
      const fd2 = await elsewhere.formData();
      fd2.set("_stamp", issueFormStamp(otherCode, new Date(Date.now() - 10_000)));
      const crossResult = await publicPage.action(args(new Request(`http://localhost/s/${code}`, { method: "POST", body: fd2 }), { code }, freshIp()));
      expect(payloadOf<{ formError: string }>(crossResult).formError).toBe("serviceTickets.request.tryAgain");
      expect(await ticketCount()).toBe(n);
    });

    it("answers the 6th request from one IP within 10 minutes with 429", async () => {
      const ip = freshIp();
      const statuses: (number | undefined)[] = [];
      for (let i = 0; i < 6; i++) {
        // Bots included: every submission counts, also refused ones.
        statuses.push(statusOf(await publicPage.action(args(post(code, validFields({ description: i % 2 ? "短" : validFields().description })), { code }, ip))));
      }
      expect(statuses.slice(0, 5)).not.toContain(429);
      expect(statuses[5]).toBe(429);
      const refused = await publicPage.action(args(post(code, validFields()), { code }, ip));
      expect(payloadOf(refused)).toEqual({ state: "rateLimited" });
      // Another IP is not affected.
      expect(statusOf(await publicPage.action(args(post(code, validFields()), { code }, freshIp())))).toBe(200);
    });

    it("refuses a serial number from another project as not on this project, writing nothing", async () => {
      const n = await ticketCount();
      const result = await publicPage.action(args(post(code, validFields({ serialNumber: "XF3-OTHER-0009" })), { code }, freshIp()));
      expect(statusOf(result)).toBe(400);
      const body = payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(result);
      expect(body.errors).toEqual({ serialNumber: "serviceTickets.serialNotOnProject" });
      expect(body.values.serialNumber).toBe("XF3-OTHER-0009");
      // The same answer as for a serial that exists nowhere: nothing about the other project leaks.
      const unknown = await publicPage.action(args(post(code, validFields({ serialNumber: "NOPE-1" })), { code }, freshIp()));
      expect(payloadOf<{ errors: Record<string, string> }>(unknown).errors).toEqual(body.errors);
      expect(await ticketCount()).toBe(n);
      const mails = await db.select({ n: count() }).from(s.outbox).where(and(eq(s.outbox.template, "serviceTicketReceived"), eq(s.outbox.projectId, otherProjectId)));
      expect(mails[0].n).toBe(0);
    });

    it("refuses a bad phone and a short description beside the fields, values kept", async () => {
      const n = await ticketCount();
      const result = await publicPage.action(args(post(code, validFields({ contactPhone: "12345", description: "坏了", area: "" })), { code }, freshIp()));
      expect(statusOf(result)).toBe(400);
      const body = payloadOf<{ errors: Record<string, string>; values: Record<string, string>; formError: string }>(result);
      expect(body.errors).toMatchObject({ contactPhone: "serviceTickets.form.badPhone", description: "serviceTickets.form.descriptionShort", area: "serviceTickets.form.chooseArea" });
      expect(body.values).toMatchObject({ contactPhone: "12345", description: "坏了", reporterName: "陈先生" });
      expect(await ticketCount()).toBe(n);
      // A landline with its area code is a valid number.
      const landline = await publicPage.action(args(post(code, validFields({ contactPhone: "020-8888 6666", serialNumber: "" })), { code }, freshIp()));
      expect(payloadOf<{ state: string }>(landline).state).toBe("done");
    });

    it("refuses a program renamed .jpg as a photo", async () => {
      const n = await ticketCount();
      const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(200)]);
      const result = await publicPage.action(args(post(code, validFields(), { photos: [{ bytes: exe, name: "照片.jpg", type: "image/jpeg" }] }), { code }, freshIp()));
      expect(statusOf(result)).toBe(400);
      expect(payloadOf<{ errors: Record<string, string> }>(result).errors).toEqual({ photos: "serviceTickets.form.photoBadType" });
      expect(await ticketCount()).toBe(n);
    });

    it("refuses a seventh photo", async () => {
      const photos = Array.from({ length: 7 }, (_, i) => ({ bytes: PNG_1x1, name: `p${i}.png`, type: "image/png" }));
      const result = await publicPage.action(args(post(code, validFields(), { photos }), { code }, freshIp()));
      expect(payloadOf<{ errors: Record<string, string> }>(result).errors).toEqual({ photos: "serviceTickets.form.tooManyPhotos" });
    });
  });

  describe("staff entry", () => {
    const cookies: Record<string, string> = {};
    const users: Record<string, { id: string }> = {};
    beforeAll(async () => {
      const add = async (name: string, u: { id: string }) => {
        users[name] = u;
        cookies[name] = (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
      };
      await add("service", serviceUser);
      await add("pm", f.pm);
      await add("otherPm", await makeUser(db, ["pm"]));
      await add("client", await makeUser(db, ["client"]));
      await add("management", await makeUser(db, ["management"]));
    });
    const get = (who: string, path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookies[who] } });
    const postAs = (who: string, fields: Record<string, string>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      return new Request("http://localhost/service/tickets/new", { method: "POST", body: fd, headers: { Cookie: cookies[who] } });
    };
    const staffFields = (over: Record<string, string> = {}) => ({ projectId: f.project.id, channel: "hotline", ...validFields({ serialNumber: "" }), ...over });

    it("is a 404 for a client user, on the list, the form and the post", async () => {
      expect(statusOf(await thrown(staffNew.loader(args(get("client", "/service/tickets/new"), {}))))).toBe(404);
      expect(statusOf(await thrown(staffList.loader(args(get("client", "/service/tickets"), {}))))).toBe(404);
      expect(statusOf(await thrown(staffNew.action(args(postAs("client", staffFields()), {}))))).toBe(404);
    });

    it("lets a pm search and enter tickets for their own projects only", async () => {
      const found = payloadOf<{ results: { id: string }[] }>(await staffNew.loader(args(get("pm", "/service/tickets/new?q=天河写字楼"), {})));
      expect(found.results.map((r) => r.id)).toEqual([f.project.id]);
      const none = payloadOf<{ results: { id: string }[] }>(await staffNew.loader(args(get("otherPm", "/service/tickets/new?q=天河写字楼"), {})));
      expect(none.results).toEqual([]);
      expect(statusOf(await thrown(staffNew.loader(args(get("otherPm", `/service/tickets/new?projectId=${f.project.id}`), {}))))).toBe(404);
      const n = await ticketCount();
      expect(statusOf(await thrown(staffNew.action(args(postAs("otherPm", staffFields()), {}))))).toBe(404);
      expect(await ticketCount()).toBe(n);
      const chosen = payloadOf<{ project: { siteAddress: string }; units: { serialNumbers: string[] }[] }>(await staffNew.loader(args(get("pm", `/service/tickets/new?projectId=${f.project.id}`), {})));
      expect(chosen.project.siteAddress).toBe("广州市天河区体育西路 1 号");
      expect(chosen.units[0].serialNumbers).toEqual(["XF5-2026-0001", "XF5-2026-0002"]);
      const created = await staffNew.action(args(postAs("pm", staffFields({ channel: "dealer", serialNumber: "XF5-2026-0001" })), {}));
      expect(statusOf(created)).toBe(302);
      const number = decodeURIComponent((created as Response).headers.get("Location")!.split("created=")[1]);
      const [ticket] = await db.select().from(s.serviceTickets).where(eq(s.serviceTickets.number, number));
      expect(ticket).toMatchObject({ channel: "dealer", createdBy: users.pm.id, serialNumber: "XF5-2026-0001" });
    });

    it("lets service enter a hotline ticket; refusals keep the values", async () => {
      const bad = await staffNew.action(args(postAs("service", staffFields({ channel: "online", contactPhone: "abc", serialNumber: "XF3-OTHER-0009" })), {}));
      expect(statusOf(bad)).toBe(400);
      const body = payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(bad);
      expect(body.errors).toMatchObject({ channel: "form.invalidChoice", contactPhone: "serviceTickets.form.badPhone" });
      expect(body.values.contactPhone).toBe("abc");
      const serial = await staffNew.action(args(postAs("service", staffFields({ serialNumber: "XF3-OTHER-0009" })), {}));
      expect(payloadOf<{ errors: Record<string, string> }>(serial).errors).toEqual({ serialNumber: "serviceTickets.serialNotOnProject" });
      const ok = await staffNew.action(args(postAs("service", staffFields()), {}));
      expect(statusOf(ok)).toBe(302);
    });

    it("lists tickets for service and management; a pm sees only their own projects'", async () => {
      const svc = payloadOf<{ tickets: { projectId: string; channel: string }[] }>(await staffList.loader(args(get("service", "/service/tickets?channel=hotline"), {})));
      expect(svc.tickets.length).toBeGreaterThan(0);
      expect(svc.tickets.every((t) => t.channel === "hotline")).toBe(true);
      const mgmt = payloadOf<{ tickets: unknown[] }>(await staffList.loader(args(get("management", "/service/tickets"), {})));
      expect(mgmt.tickets.length).toBe(await ticketCount());
      const other = payloadOf<{ tickets: unknown[] }>(await staffList.loader(args(get("otherPm", "/service/tickets"), {})));
      expect(other.tickets).toEqual([]);
    });

    it("pages the list (50 a page) and finds tickets by a project's code or name, not by a list of every project", async () => {
      const project = await makeProject(db, f.pm, { name: "分页测试喆堃大厦" });
      for (let i = 0; i < 52; i++) {
        const r = await db.transaction((tx) =>
          createTicket(tx, { projectId: project.id, channel: "hotline", reporterName: `分页${i}`, contactPhone: "13900000000", area: "city", description: "分页列表的测试描述", createdBy: null, now: new Date(Date.UTC(2031, 6, 1, 0, i)) }),
        );
        expect(r.ok).toBe(true);
      }
      type Page = { tickets: { projectId: string; number: string }[]; page: number; total: number; pageSize: number };
      const first = payloadOf<Page>(await staffList.loader(args(get("management", "/service/tickets?project=%E5%96%86%E5%A0%83"), {})));
      expect(first).toMatchObject({ page: 1, total: 52, pageSize: 50 });
      expect(first.tickets).toHaveLength(50);
      expect(first.tickets.every((t) => t.projectId === project.id)).toBe(true);
      const second = payloadOf<Page>(await staffList.loader(args(get("management", `/service/tickets?project=${encodeURIComponent(project.code)}&page=2`), {})));
      expect(second).toMatchObject({ page: 2, total: 52 });
      expect(second.tickets).toHaveLength(2);
      expect(new Set([...first.tickets, ...second.tickets].map((t) => t.number)).size).toBe(52);
      // A page past the end shows the last page; a LIKE wildcard typed by the user matches literally.
      expect(payloadOf<Page>(await staffList.loader(args(get("management", `/service/tickets?project=${encodeURIComponent(project.code)}&page=99`), {}))).page).toBe(2);
      expect(payloadOf<Page>(await staffList.loader(args(get("management", "/service/tickets?project=%25"), {}))).total).toBe(0);
      // The pm of another company finds nothing by the name either.
      expect(payloadOf<Page>(await staffList.loader(args(get("otherPm", "/service/tickets?project=%E5%96%86%E5%A0%83"), {}))).total).toBe(0);
    });
  });

  describe("the API", () => {
    let serviceToken: string;
    let clientToken: string;
    beforeAll(async () => {
      serviceToken = (await issueApiToken(db, { userId: serviceUser.id, name: "erp" })).token;
      clientToken = (await issueApiToken(db, { userId: (await makeUser(db, ["client"])).id, name: "x" })).token;
    });
    const api = (path: string, token: string | null, json?: unknown) =>
      new Request(`http://localhost/api/v1${path}`, {
        method: json === undefined ? "GET" : "POST",
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), "Content-Type": "application/json" },
        body: json === undefined ? undefined : JSON.stringify(json),
      });

    it("creates staff tickets with the page's messages and lists them with filters", async () => {
      const created = await apiTickets.action(args(api("/service/tickets", serviceToken, { projectId: f.project.id, channel: "regionalManager", ...validFields({ serialNumber: "XF5-2026-0001" }) }), {}));
      expect(created.status).toBe(201);
      const body = (await created.json()) as { number: string; contactDueAt: string };
      expect(body.number).toMatch(/^SV-\d{6}-\d{4}$/);
      const bad = await apiTickets.action(args(api("/service/tickets", serviceToken, { projectId: f.project.id, channel: "hotline", ...validFields({ serialNumber: "XF3-OTHER-0009" }) }), {}));
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.serialNumber).toContain("不属于本项目");
      const listed = await apiTickets.loader(args(api("/service/tickets?channel=regionalManager", serviceToken), {}));
      const items = ((await listed.json()) as { items: { number: string }[] }).items;
      expect(items.map((i) => i.number)).toEqual([body.number]);
      expect((await apiTickets.loader(args(api("/service/tickets?status=bogus", serviceToken), {}))).status).toBe(400);
      expect((await apiTickets.loader(args(api("/service/tickets", clientToken), {}))).status).toBe(404);
    });

    it("takes a public request by code, rate-limited, without the form stamp", async () => {
      const ip = freshIp();
      const ok = await apiRequests.action(args(api(`/service-requests/${code}`, null, validFields()), { code }, ip));
      expect(ok.status).toBe(201);
      const bad = await apiRequests.action(args(api(`/service-requests/${code}`, null, validFields({ description: "短" })), { code }, ip));
      expect(bad.status).toBe(400);
      expect((await apiRequests.action(args(api("/service-requests/ZZZZZZZZZZ", null, validFields()), { code: "ZZZZZZZZZZ" }, ip))).status).toBe(404);
      for (let i = 0; i < 2; i++) await apiRequests.action(args(api(`/service-requests/${code}`, null, validFields({ description: "短" })), { code }, ip));
      expect((await apiRequests.action(args(api(`/service-requests/${code}`, null, validFields()), { code }, ip))).status).toBe(429);
      const view = await apiRequests.loader(args(api(`/service-requests/${code}`, null), { code }, freshIp()));
      expect(((await view.json()) as { name: string }).name).toBe("天河写字楼新风系统");
    });
  });

  it("gives unique consecutive numbers to five tickets created at once", async () => {
    const now = new Date("2031-03-15T02:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        db.transaction((tx) =>
          createTicket(tx, { projectId: f.project.id, channel: "hotline", reporterName: `客户${i}`, contactPhone: "13900000000", area: "suburb", description: "并发创建的服务单测试描述", createdBy: null, now }),
        ),
      ),
    );
    const numbers = results.map((r) => (r.ok ? r.number : "refused")).sort();
    expect(numbers).toEqual(["SV-203103-0001", "SV-203103-0002", "SV-203103-0003", "SV-203103-0004", "SV-203103-0005"]);
  });

  it("numbers by the month in Beijing (23:30 UTC on the 31st is already the next month)", async () => {
    const r = await db.transaction((tx) =>
      createTicket(tx, { projectId: f.project.id, channel: "hotline", reporterName: "月末", contactPhone: "13900000000", area: "city", description: "月末跨月编号的测试描述", createdBy: null, now: new Date("2031-03-31T16:30:00Z") }),
    );
    expect(r.ok && r.number).toBe("SV-203104-0001");
  });

  it("lists overdue contact and arrival steps at a given time", async () => {
    const project = await makeProject(db, f.pm, { name: "逾期测试项目" });
    const make = (receivedAt: string) =>
      db.transaction(async (tx) => {
        const r = await createTicket(tx, { projectId: project.id, channel: "hotline", reporterName: "逾期", contactPhone: "13900000000", area: "city", description: "逾期步骤列表的测试描述", createdBy: null, now: new Date(receivedAt) });
        if (!r.ok) throw new Error("refused");
        return r;
      });
    const late = await make("2031-05-06T01:00:00Z"); // contact due 05:00Z, never contacted
    const contacted = await make("2031-05-06T01:30:00Z");
    await db.update(s.serviceTickets).set({ status: "scheduled", contactedAt: new Date("2031-05-06T02:00:00Z"), arrivalDueAt: new Date("2031-05-06T07:00:00Z") }).where(eq(s.serviceTickets.id, contacted.ticketId));
    const onTime = await make("2031-05-06T06:00:00Z"); // contact due 10:00Z
    const closed = await make("2031-05-06T00:00:00Z");
    await db.update(s.serviceTickets).set({ status: "closed", closedAt: new Date("2031-05-06T03:00:00Z") }).where(eq(s.serviceTickets.id, closed.ticketId));
    const management = await makeUser(db, ["management"]);

    const at = (iso: string) => listTickets(db, management, { projectId: project.id, overdue: true, now: new Date(iso) });
    expect((await at("2031-05-06T04:59:00Z")).map((t) => t.number)).toEqual([]);
    const rows = await at("2031-05-06T08:00:00Z");
    expect(rows.map((t) => t.id).sort()).toEqual([late.ticketId, contacted.ticketId].sort());
    expect(overdueSteps(rows)).toEqual([
      expect.objectContaining({ ticketId: late.ticketId, step: "contact", dueAt: "2031-05-06T05:00:00.000Z" }),
      expect.objectContaining({ ticketId: contacted.ticketId, step: "arrival", dueAt: "2031-05-06T07:00:00.000Z" }),
    ]);
    const all = await listTickets(db, management, { projectId: project.id, now: new Date("2031-05-06T11:00:00Z") });
    expect(all.find((t) => t.id === onTime.ticketId)).toMatchObject({ contactOverdue: true, arrivalOverdue: false });
    expect(all.find((t) => t.id === closed.ticketId)).toMatchObject({ contactOverdue: false });
    // The pm of another project sees none of it.
    const stranger = await makeUser(db, ["pm"]);
    expect(await listTickets(db, stranger, { overdue: true, now: new Date("2031-05-06T11:00:00Z") })).toEqual([]);
  });
});
