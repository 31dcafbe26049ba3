// The server entry and the Remix build each load this module: the kick list lives on globalThis
// so an action in the build can wake the worker started by the server.
export const kicks = ((globalThis as unknown as { __installTrackerOutboxKicks?: Set<() => void> }).__installTrackerOutboxKicks ??=
  new Set());

/** Ask running workers to look at the outbox now (call after committing a change that enqueued mail). */
export function kickOutbox(): void {
  for (const kick of kicks) setImmediate(kick);
}

