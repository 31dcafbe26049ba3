import { redirect } from "@remix-run/node";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { sessions, users, type Role } from "#db/schema";
import { env } from "./env.server";
import { randomToken, sha256Hex } from "./tokens.server";
import type { RequestInfo } from "./request-info.server";
import { parseRoles, userRolesColumn } from "./user-roles.server";

export const SESSION_COOKIE = "sid";
const SESSION_DAYS = 14;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  companyId: string | null;
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

function cookieHeader(value: string, maxAgeSeconds: number): string {
  const secure = env().NODE_ENV === "production" && env().PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export async function createSession(db: Db, userId: string, info: RequestInfo): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    id: sha256Hex(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    ip: info.ip,
    userAgent: info.userAgent,
  });
  return cookieHeader(token, SESSION_DAYS * 86_400);
}

/**
 * One lookup per request: the root loader and the page's loader both need the user and run in
 * parallel on the same Request, so they share the query (issue 8: queries per page). Keyed by the
 * Request object, so the next request looks again and logout or role removal still act at once.
 */
const lookups = new WeakMap<Request, Promise<SessionUser | null>>();

/** Looks the session up on every request, so logout, disabling and role removal act at once. */
export function getSessionUser(request: Request, db?: Db): Promise<SessionUser | null> {
  if (db) return lookUpSession(request, db);
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = lookUpSession(request, getDb());
    lookups.set(request, lookup);
  }
  return lookup;
}

async function lookUpSession(request: Request, db: Db): Promise<SessionUser | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      companyId: users.companyId,
      roles: userRolesColumn,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256Hex(token)), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)))
    .limit(1);
  return row ? { ...row, roles: parseRoles(row.roles) } : null;
}


export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export async function destroySession(request: Request, db: Db = getDb()): Promise<string> {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await db.delete(sessions).where(eq(sessions.id, sha256Hex(token)));
  return cookieHeader("", 0);
}

export function hasRole(user: Pick<SessionUser, "roles">, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}

/** The role shown beside the user's name: the most specific one they hold. */
export function primaryRole(user: Pick<SessionUser, "roles">): Role | null {
  const order: Role[] = ["admin", "management", "pm", "finance", "service", "supervisor", "client", "designer", "vendor"];
  return order.find((r) => user.roles.includes(r)) ?? null;
}
