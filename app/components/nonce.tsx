import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce, provided by entry.server around <RemixServer> so that the root can
 * put it on <Scripts> and <ScrollRestoration>. In the browser there is no provider: the value is
 * undefined, which is right — those inline scripts only run from the server's HTML, and browsers
 * hide a nonce attribute from scripts anyway.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
