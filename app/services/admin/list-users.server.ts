import { asc, count, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, users, type Role } from "#db/schema";
import { formatInstant } from "./format-time.server";

export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  roles: Role[];
  companyName: string | null;
  disabled: boolean;
  createdAt: string;
}

/** `%` and `_` typed into the search box are matched literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function rolesOf(value: unknown): Role[] {
  if (Array.isArray(value)) return value as Role[];
  if (typeof value === "string") return value.replace(/[{}]/g, "").split(",").filter(Boolean) as Role[];
  return [];
}

export async function listUsers(
  db: Db,
  options: { q?: string; limit: number; offset: number },
): Promise<{ items: AdminUserRow[]; total: number }> {
  const q = options.q?.trim();
  const where = q ? or(ilike(users.name, likePattern(q)), ilike(users.email, likePattern(q))) : undefined;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      companyName: companies.name,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      roles: sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(where)
    .orderBy(asc(users.name), asc(users.email))
    .limit(options.limit)
    .offset(options.offset);
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      roles: rolesOf(r.roles),
      companyName: r.companyName,
      disabled: r.disabledAt !== null,
      createdAt: formatInstant(r.createdAt),
    })),
    total: Number(total),
  };
}
