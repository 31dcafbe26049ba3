// Actions on a company's latest quote: a new revision after negotiation, and withdrawal with a reason.
import { Form, Link, useNavigation } from "@remix-run/react";
import { TextField } from "~/components/ui/field";
import { Alert } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { VendorQuotesData } from "./quote-history";

export interface WithdrawFailure {
  quoteId: string;
  errors: Record<string, string>;
  formError?: string | null;
  values: Record<string, string>;
}

export function WithdrawForm({ quoteId, failure, open }: { quoteId: string; failure?: WithdrawFailure | null; open?: boolean }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const mine = failure?.quoteId === quoteId ? failure : null;
  return (
    <details className="min-w-[16rem] flex-1" open={open || Boolean(mine)}>
      <summary className="cursor-pointer text-sm text-red-600">{t("bidding.quote.withdraw")}</summary>
      <Form method="post" noValidate className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="quoteId" value={quoteId} />
        {mine?.formError && mine.formError !== "form.fixErrors" ? <Alert>{t(mine.formError)}</Alert> : null}
        <TextField name="reason" id={`reason-${quoteId}`} label={t("bidding.quote.withdrawReason")} defaultValue={mine?.values.reason ?? ""} error={mine?.errors.reason} required />
        <button type="submit" className="btn-danger" disabled={busy}>
          {t("bidding.quote.withdraw")}
        </button>
      </Form>
    </details>
  );
}

export function PmQuoteActions({ group, failure }: { group: VendorQuotesData; failure?: WithdrawFailure | null }) {
  const t = useT();
  const latest = group.revisions[0];
  return (
    <>
      <Link to={`?quote=revise&vendor=${group.vendorId}#quote-form`} className="btn-secondary" preventScrollReset>
        {t("bidding.quote.revise")}
      </Link>
      {latest && !latest.withdrawnAt ? <WithdrawForm quoteId={latest.id} failure={failure} /> : null}
    </>
  );
}
