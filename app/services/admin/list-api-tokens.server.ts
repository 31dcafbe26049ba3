import { desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { apiTokens, users } from "#db/schema";
import { formatInstant } from "./format-time.server";

export interface AdminTokenRow {
  id: string;
  name: string;
  prefix: string;
  userName: string;
  userEmail: string;
  createdAt: string;
  lastUsedAt: string;
  revokedAt: string;
}

export async function listApiTokens(db: Db): Promise<AdminTokenRow[]> {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      userName: users.name,
      userEmail: users.email,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(500);
  return rows.map((r) => ({
    ...r,
    createdAt: formatInstant(r.createdAt),
    lastUsedAt: formatInstant(r.lastUsedAt),
    revokedAt: formatInstant(r.revokedAt),
  }));
}
