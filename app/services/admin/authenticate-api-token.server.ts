import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { apiTokens, users, type Role } from "#db/schema";
import type { SessionUser } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import { API_TOKEN_PREFIX } from "./issue-api-token.server";
import { parseRoles, userRolesColumn } from "~/lib/user-roles.server";

/** last_used_at is a hint for admins, not an audit trail: writing it once a minute is enough. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The user behind `Authorization: Bearer it_…` (the header value or the bare token), or null when
 * the token is unknown, revoked or its user disabled. Roles are read now, like sessions do, so a
 * removed role stops working for tokens too.
 */
export async function authenticateApiToken(db: Db, bearer: string | null | undefined, now = new Date()): Promise<SessionUser | null> {
  const token = (bearer ?? "").trim().replace(/^Bearer\s+/i, "");
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      email: users.email,
      name: users.name,
      companyId: users.companyId,
      roles: userRolesColumn,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    const cutoff = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    // The condition repeats in SQL so parallel requests with the same token write it once.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, cutoff))));
  }
  return { id: row.id, email: row.email, name: row.name, companyId: row.companyId, roles: parseRoles(row.roles) };
}
