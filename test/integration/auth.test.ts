import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessions, userRoles } from "#db/schema";
import { hashPassword, verifyPassword } from "~/lib/password.server";
import { destroySession, getSessionUser } from "~/lib/session.server";
import { MAX_FAILURES_PER_EMAIL, signIn } from "~/services/auth/sign-in.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeUser } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const info = { ip: "192.0.2.10", userAgent: "vitest" };
const cookieFrom = (setCookie: string) => setCookie.split(";")[0];
const requestWith = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

async function userWithPassword(password: string) {
  const user = await makeUser(t.db, ["pm"]);
  const { users } = await import("#db/schema");
  await t.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.id));
  return user;
}

describe(`sign-in and sessions on ${testDriver()}`, () => {
  it("hashes passwords with scrypt and a per-password salt", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("Correct horse", a)).toBe(false);
  });

  it("opens a database session with an HttpOnly, SameSite=Lax cookie; logout ends it at once", async () => {
    const user = await userWithPassword("s3cret-pass");
    const result = await signIn(t.db, user.email.toUpperCase(), "s3cret-pass", info);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.setCookie).toMatch(/HttpOnly/);
    expect(result.setCookie).toMatch(/SameSite=Lax/);
    const cookie = cookieFrom(result.setCookie);
    expect((await getSessionUser(requestWith(cookie), t.db))?.id).toBe(user.id);
    // Only the token's hash is stored.
    const stored = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored[0].id).not.toBe(cookie.split("=")[1]);
    expect(stored[0]).toMatchObject({ ip: info.ip, userAgent: "vitest" });

    const cleared = await destroySession(requestWith(cookie), t.db);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await getSessionUser(requestWith(cookie), t.db)).toBeNull();
  });

  it("role removal takes effect on the next request", async () => {
    const user = await userWithPassword("another-pass");
    const result = await signIn(t.db, user.email, "another-pass", info);
    if (!result.ok) throw new Error("sign-in failed");
    const request = requestWith(cookieFrom(result.setCookie));
    expect((await getSessionUser(request, t.db))?.roles).toEqual(["pm"]);
    await t.db.delete(userRoles).where(eq(userRoles.userId, user.id));
    expect((await getSessionUser(request, t.db))?.roles).toEqual([]);
  });

  it("refuses a wrong password and an unknown e-mail the same way", async () => {
    const user = await userWithPassword("right-password");
    expect(await signIn(t.db, user.email, "wrong-password", info)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(t.db, "nobody@test.cn", "whatever", info)).toEqual({ ok: false, reason: "invalid" });
  });

  it("rate-limits repeated failures for an e-mail, even with the right password afterwards", async () => {
    const user = await userWithPassword("limit-password");
    const from = { ...info, ip: "192.0.2.77" };
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await signIn(t.db, user.email, `wrong-${i}`, from);
    expect(await signIn(t.db, user.email, "limit-password", from)).toEqual({ ok: false, reason: "rateLimited" });
    // Fifteen minutes later the window has passed.
    const later = new Date(Date.now() + 16 * 60_000);
    expect((await signIn(t.db, user.email, "limit-password", from, later)).ok).toBe(true);
  });

  it("failures for other e-mails from the same address do not lock out a different account early", async () => {
    const from = { ...info, ip: "192.0.2.88" };
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL + 2; i++) await signIn(t.db, `guess-${i}@test.cn`, "x", from);
    const user = await userWithPassword("shared-office-ip");
    expect((await signIn(t.db, user.email, "shared-office-ip", from)).ok).toBe(true);
  });

  it("an invalid, expired or forged cookie is no session", async () => {
    expect(await getSessionUser(requestWith("sid=forged-token"), t.db)).toBeNull();
    expect(await getSessionUser(new Request("http://localhost/"), t.db)).toBeNull();
    const user = await userWithPassword("expire-pass");
    const result = await signIn(t.db, user.email, "expire-pass", info);
    if (!result.ok) throw new Error("sign-in failed");
    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    expect(await getSessionUser(requestWith(cookieFrom(result.setCookie)), t.db)).toBeNull();
  });
});
