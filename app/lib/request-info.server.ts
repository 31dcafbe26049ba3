/** What the HTTP server tells us about the caller (set in server.ts getLoadContext). */
export interface RequestInfo {
  ip: string;
  userAgent: string;
}

export function requestInfo(request: Request, context: unknown): RequestInfo {
  const ip = (context as { ip?: string } | undefined)?.ip ?? "";
  return { ip, userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 400) };
}
