import { useRouteError } from "@remix-run/react";
import { ErrorView } from "./error-view";

/** Every route's ErrorBoundary: `export function ErrorBoundary() { return <RouteErrorBoundary /> }`. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  return <ErrorView error={error} />;
}
