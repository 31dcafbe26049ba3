/**
 * Reading what a Remix loader or action produced when called directly in a test: a Response
 * (redirects, resource routes) or `data(...)` (a DataWithResponseInit), returned or thrown.
 */
export function statusOf(value: unknown): number | undefined {
  if (value instanceof Response) return value.status;
  return (value as { init?: { status?: number } } | null)?.init?.status ?? 200;
}

export function payloadOf<T = Record<string, unknown>>(value: unknown): T {
  return ((value as { data?: unknown }).data ?? value) as T;
}

/** The value a promise rejects with (loaders throw 404/403 responses); fails if it resolves. */
export async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}
