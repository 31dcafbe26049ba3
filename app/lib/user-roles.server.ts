import { sql } from "drizzle-orm";
import { users, type Role } from "#db/schema";

/** A user's roles as one array column, read per request so a removed role stops working at once. */
export const userRolesColumn = sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = ${users.id}), '{}')`;

/** Both drivers return text[] as an array; guard against the literal '{a,b}' form all the same. */
export function parseRoles(value: unknown): Role[] {
  if (Array.isArray(value)) return value as Role[];
  if (typeof value === "string") return value.replace(/[{}]/g, "").split(",").filter(Boolean) as Role[];
  return [];
}
