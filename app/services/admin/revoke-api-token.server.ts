import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { apiTokens } from "#db/schema";

/** Returns false when the token does not exist or was already revoked (the first revocation time stays). */
export async function revokeApiToken(db: Db, tokenId: string, now = new Date()): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(tokenId)) return false;
  const updated = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return updated.length > 0;
}
