import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Db } from "#db/client";
import { publicHits } from "#db/schema";
import { randomToken, sha256Hex } from "./tokens.server";

/** A secret for an e-mailed link: the link carries the token, the database only its hash. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomToken(24);
  return { token, hash: sha256Hex(token) };
}

/** A token that cannot be one of ours is refused without a database lookup. */
export function plausibleToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{20,64}$/.test(token);
}

const LINK_LIMIT = { max: 30, windowMs: 10 * 60_000 };

/**
 * Token links (quotes, signing tasks): only FAILED attempts count, so guessing is slow and
 * visible, while a signer behind a company's shared address who opens, downloads and signs many
 * times is never locked out. Check first; record a miss when the token turned out unusable.
 */
export async function tooManyFailedAttempts(db: Db, bucket: string, key: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LINK_LIMIT.windowMs);
  const [{ n }] = await db
    .select({ n: count() })
    .from(publicHits)
    .where(and(eq(publicHits.bucket, bucket), eq(publicHits.key, key), gt(publicHits.at, since)));
  return n >= LINK_LIMIT.max;
}

export async function recordFailedAttempt(db: Db, bucket: string, key: string, now = new Date()): Promise<void> {
  await db.insert(publicHits).values({ bucket, key, at: now });
  if (Math.random() < 0.01) await db.delete(publicHits).where(lt(publicHits.at, new Date(now.getTime() - 24 * 3600_000)));
}

/**
 * Counts a hit and says whether the caller is over the limit (per IP, across app servers).
 * Public pages that take a token call it first, so guessing tokens is slow and visible.
 */
export async function overRateLimit(db: Db, bucket: string, key: string, { max = 30, windowMs = 10 * 60_000, now = new Date() } = {}): Promise<boolean> {
  const since = new Date(now.getTime() - windowMs);
  const [{ n }] = await db
    .select({ n: count() })
    .from(publicHits)
    .where(and(eq(publicHits.bucket, bucket), eq(publicHits.key, key), gt(publicHits.at, since)));
  if (n >= max) return true;
  await db.insert(publicHits).values({ bucket, key, at: now });
  // Keep the table small: old hits are worthless.
  if (Math.random() < 0.01) await db.delete(publicHits).where(lt(publicHits.at, new Date(now.getTime() - 24 * 3600_000)));
  return false;
}
