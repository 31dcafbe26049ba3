import { data } from "@remix-run/node";

/** Thrown from loaders/actions; the route ErrorBoundary shows a translated message. */
export function notFound(): never {
  throw data({ messageKey: "error.notFound" }, { status: 404 });
}

export function forbidden(): never {
  throw data({ messageKey: "error.forbidden" }, { status: 403 });
}
