import { translate, type Locale } from "~/i18n";
import { apiError } from "~/lib/api.server";
import { fenToInput } from "~/lib/money";
import type { VendorQuotes } from "./list-bidding.server";
import { decodeMessage } from "./quote-fields";

/** A refused bidding write as an API error: field messages (with their parameters) in the caller's language. */
export function biddingApiError(locale: Locale, result: { errors: Record<string, string>; formError?: string | null }): Response {
  const text = (encoded: string) => {
    const { key, params } = decodeMessage(encoded);
    return translate(locale, key, params);
  };
  const f = result.formError;
  if (f === "error.notFound") return apiError(404, "NOT_FOUND", text(f));
  if (f === "bidding.closed" || f === "bidding.quote.staleRevision" || f === "bidding.invite.alreadyRevoked") return apiError(409, "CONFLICT", text(f));
  if (f && f !== "form.fixErrors" && Object.keys(result.errors).length === 0) return apiError(422, "REFUSED", text(f));
  const fieldErrors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, text(v)]));
  return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors });
}

/** Quote revisions for the API: amounts as integer fen and as yuan strings. */
export function quotesJson(groups: VendorQuotes[]) {
  return groups.map((g) => ({
    vendorId: g.vendorId,
    vendorName: g.vendorName,
    revisions: g.revisions.map((r) => ({
      ...r,
      total: fenToInput(r.totalFen),
      lines: r.lines.map((l) => ({ ...l, unitPrice: fenToInput(l.unitPriceFen), amount: fenToInput(l.amountFen) })),
    })),
  }));
}

