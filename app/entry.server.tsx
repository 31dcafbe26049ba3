import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { COMMON_SECURITY_HEADERS, contentSecurityPolicy, createNonce } from "~/lib/security-headers.server";

const ABORT_DELAY = 5_000;

/**
 * Thrown 4xx responses (a 404 for another user's record, a 403) are answers, not faults: only
 * unexpected errors are logged, and aborted requests (client went away) are ignored.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const bot = isbot(request.headers.get("user-agent") ?? "");
  // A fresh nonce per page (ADR 007): React puts it on every inline script Remix renders, and the
  // enforced policy below lets only those run. The Vite dev server (its HMR runtime is in the
  // manifest only then) needs a websocket and injected styles; production never gets them.
  const nonce = createNonce();
  const dev = Boolean((remixContext.manifest as { hmr?: { runtime?: string } }).hmr?.runtime);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const app = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      // Bots get the whole page at once; browsers get the shell as soon as it is ready.
      [bot ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) responseHeaders.set(name, value);
        responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, { dev }));
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
