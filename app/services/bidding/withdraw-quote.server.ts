// Use case: a company's latest quote is withdrawn (by the pm, or by the vendor through its link).
// The revision stays on record, marked withdrawn; the reason goes to the audit log.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, quotes } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import type { RequestInfo } from "~/lib/request-info.server";
import { actorColumns, checkActor, refuse, refusedResult, type QuoteActor } from "./submit-quote.server";

export type WithdrawResult = { ok: true } | { ok: false; errors: FieldErrors; formError?: string };

export async function withdrawQuote(
  db: Db,
  actor: QuoteActor,
  projectId: string,
  quoteId: string,
  reasonRaw: string,
  opts: { info?: RequestInfo; now?: Date } = {},
): Promise<WithdrawResult> {
  const now = opts.now ?? new Date();
  const reason = reasonRaw.trim();
  if (!reason) return { ok: false, errors: { reason: "form.required" }, formError: "form.fixErrors" };
  if (reason.length > 500) return { ok: false, errors: { reason: "form.tooLong" }, formError: "form.fixErrors" };
  if (!/^[0-9a-f-]{36}$/i.test(quoteId)) return { ok: false, errors: {}, formError: "error.notFound" };
  try {
    return await db.transaction(async (tx) => {
      const [quote] = await tx.select().from(quotes).where(and(eq(quotes.id, quoteId), eq(quotes.projectId, projectId)));
      if (!quote) refuse("error.notFound");
      const { project, vendor } = await checkActor(tx, actor, projectId, quote!.vendorId, now);
      const [latest] = await tx
        .select({ id: quotes.id, withdrawnAt: quotes.withdrawnAt })
        .from(quotes)
        .where(and(eq(quotes.projectId, projectId), eq(quotes.vendorId, quote!.vendorId)))
        .orderBy(desc(quotes.revision))
        .limit(1);
      if (latest.id !== quoteId) refuse("bidding.quote.notLatest");
      if (latest.withdrawnAt) refuse("bidding.quote.alreadyWithdrawn");
      await tx.update(quotes).set({ withdrawnAt: now }).where(eq(quotes.id, quoteId));
      await tx.insert(auditEvents).values({
        projectId,
        ...actorColumns(actor, opts.info),
        event: "QUOTE_WITHDRAWN",
        fromStage: project.stage,
        toStage: project.stage,
        projectVersion: project.version,
        payload: { quoteId, vendor: vendor.name, revision: quote!.revision, reason },
      });
      return { ok: true as const };
    });
  } catch (error) {
    const refused = refusedResult(error);
    if (refused) return refused;
    throw error;
  }
}
