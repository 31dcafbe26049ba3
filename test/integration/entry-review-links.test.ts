import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { reviewTasks, sessions } from "#db/schema";
import * as entryRoute from "~/routes/projects.$projectId.entry";
import { sha256Hex } from "~/lib/tokens.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeUser } from "../support/factories";
import { args, enterReview, statusOf } from "./review-fixture";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

/** A signed-in request for a user (a real session row, as the login would create). */
async function asUser(userId: string, path: string, form: Record<string, string>) {
  const token = `test-${Math.random().toString(36).slice(2)}`;
  await t.db.insert(sessions).values({ id: sha256Hex(token), userId, expiresAt: new Date(Date.now() + 3600_000) });
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: { Cookie: `sid=${token}` } });
}

describe(`the pm manages the waiting reviewer's link from the entry page (${testDriver()})`, () => {
  it("resends a fresh link (the old one dies) and revokes it; another pm gets 404", async () => {
    const { pm, project } = await enterReview(t.db);
    const [first] = await t.db.select().from(reviewTasks).where(and(eq(reviewTasks.projectId, project.id), isNull(reviewTasks.revokedAt)));
    expect(first.party).toBe("supervisor");
    const path = `/projects/${project.id}/entry`;

    const resent = await entryRoute.action(args(await asUser(pm.id, path, { intent: `resendTask:${first.id}` }), { projectId: project.id }));
    expect(statusOf(resent)).toBe(302);
    const open = await t.db.select().from(reviewTasks).where(and(eq(reviewTasks.projectId, project.id), isNull(reviewTasks.revokedAt)));
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(first.id);

    const other = await makeUser(t.db, ["pm"]);
    const refused = await entryRoute.action(args(await asUser(other.id, path, { intent: `revokeTask:${open[0].id}` }), { projectId: project.id })).catch((e) => e);
    expect(statusOf(refused)).toBe(404);

    const revoked = await entryRoute.action(args(await asUser(pm.id, path, { intent: `revokeTask:${open[0].id}` }), { projectId: project.id }));
    expect(statusOf(revoked)).toBe(302);
    const still = await t.db.select().from(reviewTasks).where(and(eq(reviewTasks.projectId, project.id), isNull(reviewTasks.revokedAt)));
    expect(still).toHaveLength(0);
  });
});
