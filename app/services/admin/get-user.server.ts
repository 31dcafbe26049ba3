import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { userRoles, users, type Role } from "#db/schema";
import { formatInstant } from "./format-time.server";

export interface AdminUserDetail {
  id: string;
  name: string;
  email: string;
  phone: string;
  companyId: string | null;
  roles: Role[];
  disabledAt: string | null;
  createdAt: string;
}

export async function getUserForAdmin(db: Db, userId: string): Promise<AdminUserDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(userRoles.role);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    companyId: user.companyId,
    roles: roles.map((r) => r.role),
    disabledAt: user.disabledAt ? formatInstant(user.disabledAt) : null,
    createdAt: formatInstant(user.createdAt),
  };
}
