import { parseRoles, userRolesColumn } from "~/lib/user-roles.server";
import { likePattern } from "~/lib/like-pattern";
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
      roles: userRolesColumn,
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
      roles: parseRoles(r.roles),
      companyName: r.companyName,
      disabled: r.disabledAt !== null,
      createdAt: formatInstant(r.createdAt),
    })),
    total: Number(total),
  };
}
