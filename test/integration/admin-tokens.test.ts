import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "#db/schema";
import { sha256Hex } from "~/lib/tokens.server";
import { authenticateApiToken } from "~/services/admin/authenticate-api-token.server";
import { createUser } from "~/services/admin/create-user.server";
import { issueApiToken, UnknownUserError } from "~/services/admin/issue-api-token.server";
import { listApiTokens } from "~/services/admin/list-api-tokens.server";
import { revokeApiToken } from "~/services/admin/revoke-api-token.server";
import { setUserDisabled } from "~/services/admin/set-user-disabled.server";
import { updateUser } from "~/services/admin/update-user.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

describe(`admin: API tokens (${testDriver()})`, () => {
  let database: TestDatabase;
  let userId: string;
  let adminId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const admin = await createUser(database.db, { name: "管理员", email: "root@example.com", phone: "", companyId: null, password: "admin-pass-1", roles: ["admin"] });
    const user = await createUser(database.db, { name: "接口用户", email: "erp@example.com", phone: "", companyId: null, password: "erp-password", roles: ["pm", "finance"] });
    if (!admin.ok || !user.ok) throw new Error("setup failed");
    adminId = admin.id;
    userId = user.id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("issues a token shown once: only its hash and an 8-character prefix are stored", async () => {
    const { token, id } = await issueApiToken(database.db, { userId, name: "ERP 同步" });
    expect(token).toMatch(/^it_[A-Za-z0-9_-]{43}$/);
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row.tokenHash).toBe(sha256Hex(token));
    expect(row.prefix).toBe(token.slice(0, 8));
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
    expect((await listApiTokens(database.db)).find((t) => t.id === id)).toMatchObject({ name: "ERP 同步", prefix: token.slice(0, 8), lastUsedAt: "", revokedAt: "" });
  });

  it("refuses to issue for an unknown user", async () => {
    await expect(issueApiToken(database.db, { userId: "00000000-0000-4000-8000-000000000000", name: "x" })).rejects.toBeInstanceOf(UnknownUserError);
    await expect(issueApiToken(database.db, { userId: "nope", name: "x" })).rejects.toBeInstanceOf(UnknownUserError);
  });

  it("authenticates a bearer token with the user's current roles and records use at most once a minute", async () => {
    const { token, id } = await issueApiToken(database.db, { userId, name: "roles" });
    const t0 = new Date("2025-03-01T08:00:00Z");
    const user = await authenticateApiToken(database.db, `Bearer ${token}`, t0);
    expect(user).toMatchObject({ id: userId, email: "erp@example.com", roles: ["finance", "pm"] });
    const lastUsed = async () => (await database.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0].lastUsedAt?.toISOString();
    expect(await lastUsed()).toBe(t0.toISOString());

    await authenticateApiToken(database.db, token, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + 61_000);
    await authenticateApiToken(database.db, token, t2);
    expect(await lastUsed()).toBe(t2.toISOString());

    await updateUser(database.db, { id: adminId }, userId, { name: "接口用户", phone: "", companyId: null, roles: ["finance"] });
    expect((await authenticateApiToken(database.db, token))?.roles).toEqual(["finance"]);
  });

  it("refuses unknown, malformed, revoked tokens and disabled users", async () => {
    const { token, id } = await issueApiToken(database.db, { userId, name: "to revoke" });
    expect(await authenticateApiToken(database.db, null)).toBeNull();
    expect(await authenticateApiToken(database.db, "")).toBeNull();
    expect(await authenticateApiToken(database.db, "Bearer it_unknown")).toBeNull();
    expect(await authenticateApiToken(database.db, token.slice(3))).toBeNull();
    expect(await authenticateApiToken(database.db, `${token}x`)).toBeNull();
    expect(await authenticateApiToken(database.db, token)).not.toBeNull();

    expect(await revokeApiToken(database.db, id)).toBe(true);
    expect(await revokeApiToken(database.db, id)).toBe(false);
    expect(await revokeApiToken(database.db, "not-a-uuid")).toBe(false);
    expect(await authenticateApiToken(database.db, token)).toBeNull();

    const other = await issueApiToken(database.db, { userId, name: "disabled user" });
    await setUserDisabled(database.db, { id: adminId }, userId, true);
    expect(await authenticateApiToken(database.db, other.token)).toBeNull();
    await setUserDisabled(database.db, { id: adminId }, userId, false);
    expect(await authenticateApiToken(database.db, other.token)).not.toBeNull();
  });
});
