import { Link, isRouteErrorResponse } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { Alert } from "./ui/layout";

/** One shared error display for every route's ErrorBoundary. */
export function ErrorView({ error }: { error: unknown }) {
  const t = useT();
  let key = "error.generic";
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const fromData = (error.data as { messageKey?: string } | null)?.messageKey;
    key = fromData ?? (status === 404 ? "error.notFound" : status === 403 ? "error.forbidden" : status === 409 ? "error.conflict" : "error.generic");
  }
  return (
    <div className="space-y-4 py-6">
      <Alert tone={status >= 500 ? "red" : "amber"} title={`${t("error.title")}（${status}）`}>
        {t(key)}
      </Alert>
      <Link to="/" className="btn-secondary">
        {t("error.backHome")}
      </Link>
    </div>
  );
}
