// quality.md, "Faults and bad inputs", line 3. Generated from the machine: for every state on the
// happy path (and cancelled), every event type the state has no transition for is sent with a valid
// payload, by a user whose role may send it, through the API events endpoint and through the
// project page's event form. Each must be refused (409/422) naming the event and the stage, and no
// snapshot, audit, outbox or any other row may change. A new event type or state is covered as soon
// as it is in EVENT_TYPES / HAPPY_PATH; a payload field of a new kind fails the payload test below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { ev, HAPPY_PATH, reach } from "#machines/fixtures";
import { acceptedEventTypes, decide, stageOf, type PersistedProjectSnapshot } from "#machines/runtime";
import { EVENT_ROLES, EVENT_TYPES, PARTIES, type EventType, type Role } from "#machines/types";
import { formDataToObject } from "~/lib/forms";
import { sha256Hex } from "~/lib/tokens.server";
import * as apiEvents from "~/routes/api.v1.projects.$projectId.events";
import * as pageEvents from "~/routes/projects.$projectId.events";
import { MILESTONE_TRIGGERS } from "~/services/bidding/milestone-rules";
import { EVENT_PAYLOADS, type EventField } from "~/services/projects/event-payloads";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { caller, changedTables, fingerprint, outcome, requestAs, routeArgs, type Caller } from "./support";

/** A valid value for an event field of each kind, as JSON (API) and as form fields (page). */
function fieldValue(field: EventField, ids: { vendorId: string; fileId: string }): unknown {
  switch (field.kind) {
    case "text":
    case "textarea":
      return field.name.endsWith("Time") ? "10:00" : "越阶段发送的说明";
    case "amount":
      return "1000.00";
    case "date":
      return "2026-06-01";
    case "vendor":
      return ids.vendorId;
    case "file":
      return ids.fileId;
    case "items":
      return ["风口松动"];
    case "milestones":
      return [{ trigger: MILESTONE_TRIGGERS[0], label: "合同签订", percent: "100" }];
  }
}

function toForm(json: Record<string, unknown>): FormData {
  const fd = new FormData();
  const put = (key: string, v: unknown) => {
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x === "string")) fd.append(key, v.join("\n"));
      else v.forEach((x, i) => put(`${key}[${i}]`, x));
    } else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) put(`${key}.${k}`, x);
    else fd.append(key, String(v));
  };
  for (const [k, v] of Object.entries(json)) put(k, v);
  return fd;
}

/** The states to test: the initial one, every labelled step of the happy path, and cancelled. */
function states(): [string, PersistedProjectSnapshot][] {
  const list: [string, PersistedProjectSnapshot][] = [["bidding", reach("bidding")]];
  for (const [label] of HAPPY_PATH) list.push([label, reach(label)]);
  const cancelled = decide(reach("survey"), ev("CANCEL"));
  if (!cancelled.ok) throw new Error("fixture: CANCEL refused");
  list.push(["cancelled", cancelled.snapshot]);
  return list;
}

describe("An event not allowed in the current stage, sent by direct POST", () => {
  let t: TestDatabase;
  const users = {} as Record<Role, Caller>;
  const ids = { vendorId: "", fileId: "" };
  const projects = new Map<string, { id: string; version: number }>();

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db;
    const sup = await makeCompany(db, "supervision");
    const design = await makeCompany(db, "design");
    const vendor = await makeCompany(db, "installer");
    ids.vendorId = vendor.id;
    const roles: Role[] = ["pm", "management", "finance", "supervisor", "client", "designer", "vendor", "service", "admin"];
    const made: Record<string, { id: string }> = {};
    for (const role of roles) {
      made[role] = await makeUser(db, [role]);
      users[role] = await caller(db, made[role]);
    }
    for (const [label, snapshot] of states()) {
      const p = await makeProject(db, made.pm, { name: `阶段-${label}`, stage: stageOf(snapshot.value as never), snapshot, supervisionCompanyId: sup.id, designCompanyId: design.id });
      await db.insert(s.projectMembers).values(PARTIES.map((party) => ({ projectId: p.id, userId: made[party].id, party })));
      projects.set(label, { id: p.id, version: p.version });
    }
    const [file] = await db.insert(s.files).values({ projectId: projects.get("contracting")!.id, name: "合同.pdf", mime: "application/pdf", size: 8, sha256: sha256Hex("%PDF-1.4"), bytes: Buffer.from("%PDF-1.4") }).returning();
    ids.fileId = file.id;
  }, 120_000);
  afterAll(async () => t?.drop());

  const validPayload = (type: EventType) => Object.fromEntries(EVENT_PAYLOADS[type].fields.map((f) => [f.name, fieldValue(f, ids)]));

  it("has a valid payload for every event type, as JSON and as a form (so a refusal is about the stage only)", () => {
    for (const type of EVENT_TYPES) {
      const json = validPayload(type);
      expect(EVENT_PAYLOADS[type].schema.safeParse(json).success, `${type} JSON`).toBe(true);
      expect(EVENT_PAYLOADS[type].schema.safeParse(formDataToObject(toForm(json)).object).success, `${type} form`).toBe(true);
    }
  });

  for (const [label, snapshot] of states()) {
    const refused = EVENT_TYPES.filter((type) => type !== "TICK" && !acceptedEventTypes(snapshot).includes(type));
    it(`in ${label}: ${refused.join(", ")} → 409/422 with the reason, through the API and the page, nothing written`, async () => {
      const project = projects.get(label)!;
      const stage = stageOf(snapshot.value as never);
      const before = await fingerprint(t.db);
      const problems: string[] = [];
      for (const type of refused) {
        const sender = users[EVENT_ROLES[type][0] as Role];
        const payload = validPayload(type);

        const api = await outcome(() =>
          apiEvents.action(routeArgs(requestAs(sender, "api.v1", `/api/v1/projects/${project.id}/events`, { json: { type, payload, expectedVersion: project.version } }), { projectId: project.id })),
        );
        const body = JSON.parse(api.text || "{}") as { error?: { message?: string; refusals?: { code: string; params?: Record<string, string>; message?: string }[] } };
        const refusal = body.error?.refusals?.find((r) => r.code === "EVENT_NOT_ALLOWED_IN_STAGE");
        if (![409, 422].includes(api.status) || !refusal || refusal.params?.event !== type || refusal.params?.stage !== stage || !refusal.message || !body.error?.message)
          problems.push(`API ${type}: ${api.status} ${api.text.slice(0, 200)}`);

        const form = toForm(payload);
        form.set("type", type);
        form.set("version", String(project.version));
        const page = await outcome(() => pageEvents.action(routeArgs(requestAs(sender, "projects", `/projects/${project.id}/events`, { form }), { projectId: project.id })));
        const pageBody = JSON.parse(page.text || "{}") as { message?: string };
        if (![409, 422].includes(page.status) || !pageBody.message) problems.push(`page ${type}: ${page.status} ${page.text.slice(0, 200)}`);
      }
      expect(problems).toEqual([]);
      expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
    });
  }

  it("TICK (the scheduler's event) is refused from users in every state, nothing written", async () => {
    const before = await fingerprint(t.db);
    for (const [label] of states()) {
      const project = projects.get(label)!;
      const o = await outcome(() => apiEvents.action(routeArgs(requestAs(users.pm, "api.v1", `/api/v1/projects/${project.id}/events`, { json: { type: "TICK", expectedVersion: project.version } }), { projectId: project.id })));
      expect(o.status, label).toBe(400);
    }
    expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
  });

  it(`runs on ${testDriver()}`, () => expect(["pglite", "postgres"]).toContain(testDriver()));
});
