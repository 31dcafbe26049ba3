// Use case: a quote revision is recorded — by the pm (paper, import, API, negotiation) or by the
// vendor through the invitation link. A revision is never edited: each submission adds n+1.
import { and, eq, max } from "drizzle-orm";
import { pgErrorCode, type Db } from "#db/client";
import { auditEvents, companies, files, quoteAttachments, quoteInvitations, quoteLines, quotes } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { biddingAccess, lockBiddingProject } from "./list-bidding.server";
import { storedScope } from "./quote-fields";
import type { QuoteInput } from "./quote-input";

/** Who records the quote: a signed-in user, or the holder of an invitation link (no account). */
export type QuoteActor = { kind: "user"; user: SessionUser } | { kind: "link"; invitationId: string; vendorName: string };

export type SubmitQuoteResult = { ok: true; quoteId: string; revision: number } | { ok: false; errors: FieldErrors; formError?: string };

class Refused extends Error {
  constructor(readonly result: { ok: false; errors: FieldErrors; formError?: string }) {
    super("refused");
  }
}
export const refuse = (formError: string, errors: FieldErrors = {}): never => {
  throw new Refused({ ok: false, errors, formError });
};
export function refusedResult(error: unknown): { ok: false; errors: FieldErrors; formError?: string } | null {
  return error instanceof Refused ? error.result : null;
}

/**
 * Inside the transaction, after the project lock: the actor may act for this company on this
 * project now. A link is re-checked here (it may have been revoked or expired since the page loaded).
 */
export async function checkActor(tx: Db, actor: QuoteActor, projectId: string, vendorId: string, now: Date) {
  const locked = await lockBiddingProject(tx, projectId);
  if ("refusal" in locked) refuse(actor.kind === "link" && locked.refusal === "bidding.closed" ? "bidding.link.closed" : locked.refusal);
  const { project } = locked as Exclude<typeof locked, { refusal: string }>;
  if (actor.kind === "user") {
    if (biddingAccess(actor.user, project) !== "edit") refuse("error.notFound");
  } else {
    const [inv] = await tx.select().from(quoteInvitations).where(eq(quoteInvitations.id, actor.invitationId));
    if (!inv || inv.projectId !== projectId || inv.vendorId !== vendorId || inv.revokedAt || inv.deadline.getTime() <= now.getTime()) refuse("link.invalid");
  }
  const [vendor] = /^[0-9a-f-]{36}$/i.test(vendorId)
    ? await tx.select({ id: companies.id, name: companies.name }).from(companies).where(and(eq(companies.id, vendorId), eq(companies.kind, "installer")))
    : [];
  if (!vendor) refuse("form.fixErrors", { vendorId: "form.invalidChoice" });
  return { project, vendor: vendor! };
}

export function actorColumns(actor: QuoteActor, info?: RequestInfo) {
  return actor.kind === "user"
    ? { actorUserId: actor.user.id, actorLabel: actor.user.name, role: "pm", ip: info?.ip ?? "", userAgent: info?.userAgent ?? "" }
    : { actorUserId: null, actorLabel: `${actor.vendorName}（报价链接）`, role: "vendor", ip: info?.ip ?? "", userAgent: info?.userAgent ?? "" };
}

export async function submitQuote(
  db: Db,
  actor: QuoteActor,
  projectId: string,
  vendorId: string,
  input: QuoteInput,
  opts: { source: "link" | "paper" | "import" | "api"; attachments?: ReceivedFile[]; info?: RequestInfo; now?: Date },
): Promise<SubmitQuoteResult> {
  const now = opts.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const { project, vendor } = await checkActor(tx, actor, projectId, vendorId, now);
      const [{ latest }] = await tx.select({ latest: max(quotes.revision) }).from(quotes).where(and(eq(quotes.projectId, projectId), eq(quotes.vendorId, vendorId)));
      const current = latest ?? 0;
      // A second tab or a double click posts the same basedOnRevision: only the first one counts.
      if ((actor.kind === "link" && input.basedOnRevision === null) || (input.basedOnRevision !== null && input.basedOnRevision !== current)) {
        refuse("bidding.quote.staleRevision");
      }
      const revision = current + 1;
      const [quote] = await tx
        .insert(quotes)
        .values({
          projectId,
          vendorId,
          revision,
          contractingMethod: input.contractingMethod,
          scope: storedScope(input),
          durationDays: input.durationDays,
          requirements: input.requirements,
          paymentTerms: input.paymentTerms,
          maintenanceTerms: input.maintenanceTerms,
          validUntil: input.validUntil,
          totalFen: input.lines.reduce((sum, l) => sum + l.amountFen, 0),
          source: opts.source,
          enteredBy: actor.kind === "user" ? actor.user.id : null,
          submittedAt: now,
        })
        .returning({ id: quotes.id });
      await tx.insert(quoteLines).values(
        input.lines.map((l, position) => ({ quoteId: quote.id, position, item: l.item, spec: l.spec, unit: l.unit, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })),
      );
      for (const file of opts.attachments ?? []) {
        const [stored] = await tx
          .insert(files)
          .values({ projectId, name: file.name, mime: file.mime, size: file.size, sha256: file.sha256, bytes: file.bytes, uploadedBy: actor.kind === "user" ? actor.user.id : null })
          .returning({ id: files.id });
        await tx.insert(quoteAttachments).values({ quoteId: quote.id, fileId: stored.id });
      }
      await tx.insert(auditEvents).values({
        projectId,
        ...actorColumns(actor, opts.info),
        event: "QUOTE_SUBMITTED",
        fromStage: project.stage,
        toStage: project.stage,
        projectVersion: project.version,
        payload: { vendor: vendor.name, revision, totalFen: input.lines.reduce((sum, l) => sum + l.amountFen, 0), source: opts.source },
      });
      return { ok: true as const, quoteId: quote.id, revision };
    });
  } catch (error) {
    const refused = refusedResult(error);
    if (refused) return refused;
    // Two submissions racing past the lock cannot happen on one row lock, but the unique index is the last word.
    if (pgErrorCode(error) === "23505") return { ok: false, errors: {}, formError: "bidding.quote.staleRevision" };
    throw error;
  }
}
