import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, userRoles, users } from "#db/schema";
import { verifyPassword } from "~/lib/password.server";
import { createSession, getSessionUser } from "~/lib/session.server";
import { createUser } from "~/services/admin/create-user.server";
import { getUserForAdmin } from "~/services/admin/get-user.server";
import { listUsers } from "~/services/admin/list-users.server";
import { resetUserPassword } from "~/services/admin/reset-user-password.server";
import { setUserDisabled } from "~/services/admin/set-user-disabled.server";
import { updateUser } from "~/services/admin/update-user.server";
import { editUserSchema, newUserSchema, parseUserForm } from "~/services/admin/user-form.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const info = { ip: "127.0.0.1", userAgent: "vitest" };

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

/** A request carrying the session cookie that createSession handed out. */
function requestWith(setCookie: string): Request {
  const pair = setCookie.split(";")[0];
  return new Request("http://localhost/", { headers: { Cookie: pair } });
}

describe(`admin: users (${testDriver()})`, () => {
  let database: TestDatabase;
  let adminId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const created = await createUser(database.db, {
      name: "管理员",
      email: "root@example.com",
      phone: "",
      companyId: null,
      password: "admin-pass-1",
      roles: ["admin"],
    });
    if (!created.ok) throw new Error("setup failed");
    adminId = created.id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("creates a user with roles and a hashed password", async () => {
    const parsed = parseUserForm(
      newUserSchema,
      form([
        ["name", "张喆堃"],
        ["email", "  Zhang@Example.COM "],
        ["phone", "13800000000"],
        ["companyId", ""],
        ["roles", "pm"],
        ["roles", "finance"],
        ["password", "s3cret-pass"],
      ]),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = await createUser(database.db, parsed.data);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const user = await getUserForAdmin(database.db, result.id);
    expect(user).toMatchObject({ name: "张喆堃", email: "zhang@example.com", roles: ["finance", "pm"] });
    const [row] = await database.db.select().from(users).where(eq(users.id, result.id));
    expect(row.passwordHash).not.toContain("s3cret-pass");
    expect(await verifyPassword("s3cret-pass", row.passwordHash)).toBe(true);
  });

  it("refuses a duplicate e-mail (any case) beside the e-mail field and writes nothing", async () => {
    const [{ before }] = await database.db.select({ before: count() }).from(users);
    const [{ rolesBefore }] = await database.db.select({ rolesBefore: count() }).from(userRoles);
    const result = await createUser(database.db, {
      name: "另一个张",
      email: "ZHANG@example.com".toLowerCase(),
      phone: "",
      companyId: null,
      password: "another-pass",
      roles: ["vendor"],
    });
    expect(result).toEqual({ ok: false, errors: { email: "admin.user.emailTaken" } });
    const [{ after }] = await database.db.select({ after: count() }).from(users);
    const [{ rolesAfter }] = await database.db.select({ rolesAfter: count() }).from(userRoles);
    expect(after).toBe(before);
    expect(rolesAfter).toBe(rolesBefore);
  });

  it("refuses bad input field by field, keeping what was typed but not the password", () => {
    const parsed = parseUserForm(
      newUserSchema,
      form([
        ["name", ""],
        ["email", "not-an-email"],
        ["password", "short"],
        ["roles", "superuser"],
        ["phone", "<script>alert(1)</script>"],
      ]),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.failure.errors).toMatchObject({
      name: "form.required",
      email: "form.invalidEmail",
      password: "admin.user.passwordTooShort",
      roles: "form.invalidChoice",
    });
    expect(parsed.failure.values).toMatchObject({ email: "not-an-email", phone: "<script>alert(1)</script>" });
    expect(parsed.failure.values.password).toBeUndefined();

    const noRoles = parseUserForm(editUserSchema, form([["name", "x"]]));
    expect(!noRoles.ok && noRoles.failure.errors.roles).toBe("admin.user.rolesRequired");
  });

  it("removing a role takes effect on the user's next request", async () => {
    const created = await createUser(database.db, { name: "李工", email: "li@example.com", phone: "", companyId: null, password: "li-password", roles: ["pm", "service"] });
    if (!created.ok) throw new Error("create failed");
    const cookie = await createSession(database.db, created.id, info);
    expect((await getSessionUser(requestWith(cookie), database.db))?.roles).toEqual(["pm", "service"]);

    const result = await updateUser(database.db, { id: adminId }, created.id, { name: "李工", phone: "", companyId: null, roles: ["service"] });
    expect(result.ok).toBe(true);
    expect((await getSessionUser(requestWith(cookie), database.db))?.roles).toEqual(["service"]);
  });

  it("an admin cannot remove their own admin role or disable themselves", async () => {
    const roleResult = await updateUser(database.db, { id: adminId }, adminId, { name: "管理员", phone: "", companyId: null, roles: ["pm"] });
    expect(roleResult).toEqual({ ok: false, errors: { roles: "admin.user.cannotRemoveOwnAdmin" } });
    expect((await getUserForAdmin(database.db, adminId))?.roles).toEqual(["admin"]);

    const disableResult = await setUserDisabled(database.db, { id: adminId }, adminId, true);
    expect(disableResult).toMatchObject({ ok: false, formError: "admin.user.cannotDisableSelf" });
    expect((await getUserForAdmin(database.db, adminId))?.disabledAt).toBeNull();
  });

  it("disabling deletes the user's sessions; enabling does not bring them back", async () => {
    const created = await createUser(database.db, { name: "王监理", email: "wang@example.com", phone: "", companyId: null, password: "wang-password", roles: ["supervisor"] });
    if (!created.ok) throw new Error("create failed");
    const cookieA = await createSession(database.db, created.id, info);
    const cookieB = await createSession(database.db, created.id, info);
    expect(await getSessionUser(requestWith(cookieA), database.db)).not.toBeNull();

    expect((await setUserDisabled(database.db, { id: adminId }, created.id, true)).ok).toBe(true);
    const [{ n }] = await database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, created.id));
    expect(n).toBe(0);
    expect(await getSessionUser(requestWith(cookieA), database.db)).toBeNull();
    expect((await listUsers(database.db, { q: "wang@", limit: 10, offset: 0 })).items[0]).toMatchObject({ disabled: true });

    expect((await setUserDisabled(database.db, { id: adminId }, created.id, false)).ok).toBe(true);
    expect(await getSessionUser(requestWith(cookieB), database.db)).toBeNull();
    expect((await getUserForAdmin(database.db, created.id))?.disabledAt).toBeNull();
  });

  it("resetting someone's password ends their sessions; unknown ids change nothing", async () => {
    const created = await createUser(database.db, { name: "赵财务", email: "zhao@example.com", phone: "", companyId: null, password: "old-password", roles: ["finance"] });
    if (!created.ok) throw new Error("create failed");
    const cookie = await createSession(database.db, created.id, info);
    expect(await resetUserPassword(database.db, { id: adminId }, created.id, "new-password-1")).toBe(true);
    expect(await getSessionUser(requestWith(cookie), database.db)).toBeNull();
    const [row] = await database.db.select().from(users).where(eq(users.id, created.id));
    expect(await verifyPassword("new-password-1", row.passwordHash)).toBe(true);

    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await resetUserPassword(database.db, { id: adminId }, missing, "whatever-123")).toBe(false);
    expect(await setUserDisabled(database.db, { id: adminId }, missing, true)).toMatchObject({ ok: false, formError: "error.notFound" });
    expect(await getUserForAdmin(database.db, "not-a-uuid")).toBeNull();
  });

  it("lists users with search (LIKE wildcards taken literally)", async () => {
    const all = await listUsers(database.db, { limit: 100, offset: 0 });
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect((await listUsers(database.db, { q: "张喆", limit: 10, offset: 0 })).items.map((u) => u.email)).toEqual(["zhang@example.com"]);
    expect((await listUsers(database.db, { q: "%", limit: 10, offset: 0 })).total).toBe(0);
  });
});
