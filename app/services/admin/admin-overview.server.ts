import { count, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { apiTokens, companies, COMPANY_KINDS, outbox, users, type CompanyKind, type OutboxStatus } from "#db/schema";

export interface AdminOverview {
  users: { total: number; disabled: number };
  companies: Record<CompanyKind, number>;
  outbox: Record<OutboxStatus, number>;
  activeTokens: number;
}

export async function getAdminOverview(db: Db): Promise<AdminOverview> {
  const [userCounts] = await db
    .select({ total: count(), disabled: sql<number>`count(${users.disabledAt})`.mapWith(Number) })
    .from(users);
  const companyRows = await db.select({ kind: companies.kind, n: count() }).from(companies).groupBy(companies.kind);
  const outboxRows = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  const [tokenCount] = await db.select({ n: count() }).from(apiTokens).where(isNull(apiTokens.revokedAt));
  const perKind = Object.fromEntries(COMPANY_KINDS.map((k) => [k, 0])) as Record<CompanyKind, number>;
  for (const r of companyRows) if (r.kind in perKind) perKind[r.kind] = Number(r.n);
  const perStatus: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of outboxRows) if (r.status in perStatus) perStatus[r.status] = Number(r.n);
  return {
    users: { total: Number(userCounts.total), disabled: userCounts.disabled },
    companies: perKind,
    outbox: perStatus,
    activeTokens: Number(tokenCount.n),
  };
}
