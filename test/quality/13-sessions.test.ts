// quality.md, "Faults and bad inputs", the last line — the whole statement of it, through the real
// routes (login, logout, the admin's user page, a page and an API endpoint that need a role), where
// test/integration/auth.test.ts checks the sign-in service on its own. "No state change on GET" for
// every route is test/integration/no-state-change-on-get.test.ts; here, the GETs that matter most
// for sessions: /logout and /login.
import crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { translate } from "~/i18n";
import { resetEnvForTests } from "~/lib/env.server";
import { verifyPassword } from "~/lib/password.server";
import { sha256Hex } from "~/lib/tokens.server";
import * as adminUser from "~/routes/admin.users.$userId";
import * as adminNewUser from "~/routes/admin.users.new";
import * as apiMe from "~/routes/api.v1.me";
import * as home from "~/routes/_index";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as newProject from "~/routes/projects.new";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { createUser } from "~/services/admin/create-user.server";
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "~/services/auth/sign-in.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { statusOf, thrown } from "../support/route-results";

let t: TestDatabase;
let adminCookie: string;

type Args = Parameters<typeof login.action>[0];
const args = (request: Request, params: Record<string, string> = {}, ip = "198.51.100.1") => ({ request, params, context: { ip } }) as unknown as Args;

function post(path: string, fields: [string, string][], cookie?: string): Request {
  const body = new FormData();
  for (const [k, v] of fields) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}
const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

/** Signs in through the login form; returns the Set-Cookie header and the cookie pair. */
async function signInByForm(email: string, password: string, ip?: string) {
  const res = (await login.action(args(post("/login", [["email", email], ["password", password], ["redirectTo", "/projects"]]), {}, ip))) as Response;
  expect(res.status, await bodyText(res)).toBe(302);
  expect(res.headers.get("Location")).toBe("/projects");
  const setCookie = res.headers.get("Set-Cookie")!;
  return { setCookie, cookie: setCookie.split(";")[0] };
}
async function bodyText(res: unknown): Promise<string> {
  return res instanceof Response ? res.clone().text() : JSON.stringify((res as { data?: unknown })?.data ?? res);
}

/** What a signed-in page answers: 200, or a redirect to /login, or a 403. */
async function homeAs(cookie: string): Promise<number> {
  try {
    return statusOf(await home.loader(args(get("/", { Cookie: cookie })) as never)) ?? 0;
  } catch (e) {
    const status = statusOf(e) ?? 0;
    if (status === 302) expect((e as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    return status;
  }
}

async function newAccount(email: string, roles: s.Role[], password = "correct-horse-9") {
  const created = await createUser(t.db, { name: "测试用户", email, phone: "", companyId: null, password, roles });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await newAccount("admin-13@test.cn", ["admin"], "admin-pass-13");
  adminCookie = (await signInByForm("admin-13@test.cn", "admin-pass-13")).cookie;
});
afterAll(async () => t?.drop());

describe(`Sessions: logout and role removal take effect at once; passwords hashed with a memory-hard or adaptive hash; login attempts rate-limited; cookies httpOnly, SameSite=Lax, Secure in production; no state change on GET (${testDriver()})`, () => {
  it("logout ends the session on the server at once: the old cookie, replayed, is no session any more", async () => {
    await newAccount("logout@test.cn", ["pm"]);
    const { cookie } = await signInByForm("logout@test.cn", "correct-horse-9");
    const other = await signInByForm("logout@test.cn", "correct-horse-9"); // a second browser
    expect(await homeAs(cookie)).toBe(200);

    const res = (await logout.action(args(post("/logout", [], cookie)))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
    expect(res.headers.get("Set-Cookie")).toMatch(/^sid=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);

    // Someone who kept a copy of the cookie (the browser ignoring the clearing header) gets nothing.
    expect(await homeAs(cookie)).toBe(302);
    const [{ n }] = await t.db.select({ n: count() }).from(s.sessions).where(eq(s.sessions.id, sha256Hex(decodeURIComponent(cookie.split("=")[1]))));
    expect(n).toBe(0);
    // Signing out here does not sign out the other browser.
    expect(await homeAs(other.cookie)).toBe(200);
  });

  it("GET /logout (a link, a prefetch, an <img src>) does not log out; GET /login with a session writes nothing", async () => {
    await newAccount("get-logout@test.cn", ["pm"]);
    const { cookie } = await signInByForm("get-logout@test.cn", "correct-horse-9");
    const sessionsBefore = await t.db.select().from(s.sessions);
    const res = (await logout.loader()) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const again = await thrown(login.loader(args(get("/login", { Cookie: cookie })) as never));
    expect(statusOf(again)).toBe(302);
    expect(await t.db.select().from(s.sessions)).toEqual(sessionsBefore);
    expect(await homeAs(cookie)).toBe(200);
  });

  it("an admin removing a role or disabling a user takes effect on that user's next request, pages and API tokens alike", async () => {
    const userId = await newAccount("demoted@test.cn", ["pm"]);
    const { cookie } = await signInByForm("demoted@test.cn", "correct-horse-9");
    const { token } = await issueApiToken(t.db, { userId, name: "script" });
    const apiRoles = async () => {
      const res = (await apiMe.loader(args(get("/api/v1/me", { Authorization: `Bearer ${token}` })) as never)) as Response;
      return res.status === 200 ? ((await res.json()) as { roles: string[] }).roles : res.status;
    };
    expect(statusOf(await newProject.loader(args(get("/projects/new", { Cookie: cookie })) as never))).toBe(200);
    expect(await apiRoles()).toEqual(["pm"]);

    // The admin takes the pm role away (keeps "finance") through the user page.
    const saved = await adminUser.action(args(post(`/admin/users/${userId}`, [["intent", "save"], ["name", "测试用户"], ["phone", ""], ["companyId", ""], ["roles", "finance"]], adminCookie), { userId }));
    expect(statusOf(saved)).toBe(302);
    expect(statusOf(await thrown(newProject.loader(args(get("/projects/new", { Cookie: cookie })) as never)))).toBe(403);
    expect(await apiRoles()).toEqual(["finance"]);
    expect(await homeAs(cookie)).toBe(200);

    // Then disables the account: the very next request is signed out, the token refused.
    const disabled = await adminUser.action(args(post(`/admin/users/${userId}`, [["intent", "disable"]], adminCookie), { userId }));
    expect(statusOf(disabled)).toBe(302);
    expect(await homeAs(cookie)).toBe(302);
    expect(await apiRoles()).toBe(401);
    // And the password no longer opens a session.
    const refused = await login.action(args(post("/login", [["email", "demoted@test.cn"], ["password", "correct-horse-9"]]), {}, "198.51.100.9"));
    expect(statusOf(refused)).toBe(401);
  });

  it("passwords are stored as scrypt (memory-hard) with its cost in the record, a random salt each time, never the password", async () => {
    const password = "同一个密码-Same-Pass-1";
    const made: string[] = [];
    for (const email of ["twin-a@test.cn", "twin-b@test.cn"]) {
      const res = await adminNewUser.action(args(post("/admin/users/new", [["name", "同密码"], ["email", email], ["phone", ""], ["companyId", ""], ["roles", "pm"], ["password", password]], adminCookie)));
      expect(statusOf(res)).toBe(302);
      const [row] = await t.db.select({ hash: s.users.passwordHash }).from(s.users).where(eq(s.users.email, email));
      made.push(row.hash);
    }
    const [a, b] = made;
    expect(a).not.toBe(b);
    for (const stored of made) {
      expect(stored).not.toContain(password);
      const [scheme, n, r, p, salt, key] = stored.split("$");
      expect(scheme).toBe("scrypt");
      const [N, R, P] = [Number(n), Number(r), Number(p)];
      // scrypt needs 128·N·r bytes of memory per hash: at least 32 MiB here, which is what makes
      // guessing on GPUs expensive; N is a power of two as scrypt requires.
      expect(Number.isInteger(Math.log2(N))).toBe(true);
      expect(N).toBeGreaterThanOrEqual(2 ** 15);
      expect(R).toBeGreaterThanOrEqual(8);
      expect(P).toBeGreaterThanOrEqual(1);
      expect(128 * N * R).toBeGreaterThanOrEqual(32 * 1024 * 1024);
      expect(Buffer.from(salt, "base64")).toHaveLength(16);
      expect(Buffer.from(key, "base64")).toHaveLength(32);
      expect(await verifyPassword(password, stored)).toBe(true);
      expect(await verifyPassword(`${password} `, stored)).toBe(false);
    }
    // Adaptive: the cost travels with each hash, so raising it later leaves the older hashes
    // verifiable (here one made at a quarter of today's cost), and it is really used: the same
    // key under another cost does not verify.
    const oldSalt = crypto.randomBytes(16);
    const oldKey = crypto.scryptSync(password.normalize("NFKC"), oldSalt, 32, { N: 2 ** 13, r: 8, p: 1 });
    expect(await verifyPassword(password, `scrypt$${2 ** 13}$8$1$${oldSalt.toString("base64")}$${oldKey.toString("base64")}`)).toBe(true);
    expect(await verifyPassword(password, `scrypt$${2 ** 14}$8$1$${oldSalt.toString("base64")}$${oldKey.toString("base64")}`)).toBe(false);
  });

  it(`login is rate-limited: after ${MAX_FAILURES_PER_EMAIL} failures for an e-mail the next attempt — even with the right password — is refused (429) with a clear Chinese message`, async () => {
    await newAccount("limited@test.cn", ["pm"]);
    const ip = "203.0.113.5";
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const res = await login.action(args(post("/login", [["email", "limited@test.cn"], ["password", `guess-${i}`]]), {}, ip));
      expect(statusOf(res)).toBe(401);
      expect((res as { data: { formError: string } }).data.formError).toBe("auth.invalid");
    }
    const limited = await login.action(args(post("/login", [["email", "limited@test.cn"], ["password", "correct-horse-9"]]), {}, ip));
    expect(statusOf(limited)).toBe(429);
    const body = (limited as { data: { formError: string; email: string } }).data;
    expect(body.email).toBe("limited@test.cn"); // the form comes back filled
    const message = translate("zh-CN", body.formError);
    expect(message).toBe("登录失败次数过多，请 15 分钟后再试。");
    expect(LOGIN_WINDOW_MS).toBe(15 * 60_000); // the message's 15 minutes is the real window
    // From another address too: the limit is on the account, not only on the address.
    expect(statusOf(await login.action(args(post("/login", [["email", "limited@test.cn"], ["password", "correct-horse-9"]]), {}, "203.0.113.99")))).toBe(429);
    // No session was opened by the refused attempts.
    const [user] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, "limited@test.cn"));
    const [{ n }] = await t.db.select({ n: count() }).from(s.sessions).where(eq(s.sessions.userId, user.id));
    expect(n).toBe(0);
  });

  it(`one address spraying many accounts is stopped after ${MAX_FAILURES_PER_IP} failures, for every account`, async () => {
    await newAccount("sprayed@test.cn", ["pm"]);
    const ip = "203.0.113.66";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect(statusOf(await login.action(args(post("/login", [["email", `nobody-${i}@test.cn`], ["password", "x"]]), {}, ip)))).toBe(401);
    }
    expect(statusOf(await login.action(args(post("/login", [["email", "sprayed@test.cn"], ["password", "correct-horse-9"]]), {}, ip)))).toBe(429);
    // The account itself is fine from anywhere else.
    await signInByForm("sprayed@test.cn", "correct-horse-9", "203.0.113.67");
  });

  describe("the session cookie", () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, PUBLIC_URL: process.env.PUBLIC_URL };
    const setEnv = (nodeEnv: "production" | "development", publicUrl: string) => {
      process.env.NODE_ENV = nodeEnv;
      process.env.PUBLIC_URL = publicUrl;
      resetEnvForTests();
    };
    afterEach(() => {
      const env = process.env as Record<string, string | undefined>;
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete env[k];
      else env[k] = v;
      resetEnvForTests();
    });
    const attributes = (setCookie: string) => setCookie.split(";").slice(1).map((a) => a.trim());

    it("in production (https): HttpOnly, SameSite=Lax, Secure, Path=/, a bounded lifetime — and the logout cookie the same", async () => {
      await newAccount("cookie-prod@test.cn", ["pm"]);
      setEnv("production", "https://install.example.cn");
      const { setCookie, cookie } = await signInByForm("cookie-prod@test.cn", "correct-horse-9");
      const attrs = attributes(setCookie);
      expect(attrs).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Secure", "Path=/"]));
      const maxAge = Number(attrs.find((a) => a.startsWith("Max-Age="))!.split("=")[1]);
      expect(maxAge).toBeGreaterThan(0);
      expect(maxAge).toBeLessThanOrEqual(30 * 86_400);
      // The token is long and random (it is the whole credential).
      expect(decodeURIComponent(cookie.split("=")[1]).length).toBeGreaterThanOrEqual(40);
      const out = (await logout.action(args(post("/logout", [], cookie)))) as Response;
      expect(attributes(out.headers.get("Set-Cookie")!)).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=0"]));
    });

    it("in development: HttpOnly and SameSite=Lax but not Secure (http://localhost must keep working)", async () => {
      await newAccount("cookie-dev@test.cn", ["pm"]);
      setEnv("development", "https://install.example.cn");
      const { setCookie } = await signInByForm("cookie-dev@test.cn", "correct-horse-9");
      expect(attributes(setCookie)).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax"]));
      expect(attributes(setCookie)).not.toContain("Secure");
    });

    it("in production served over plain http (PUBLIC_URL http://…), not Secure: browsers would drop it and nobody could sign in", async () => {
      await newAccount("cookie-http@test.cn", ["pm"]);
      setEnv("production", "http://10.0.0.5:3000");
      const { setCookie } = await signInByForm("cookie-http@test.cn", "correct-horse-9");
      expect(attributes(setCookie)).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax"]));
      expect(attributes(setCookie)).not.toContain("Secure");
    });
  });
});
