// postgres.js with a `debug` callback that counts statements (see query-counter.mjs). Only the
// default export (the client factory) is used by db/client.ts; its static helpers are copied over.
const realUrl = new URL(import.meta.url).searchParams.get("real");
const real = (await import(realUrl)).default;

function counted(url, options) {
  if (typeof url === "object" && options === undefined) return counted(undefined, url);
  const user = options?.debug;
  return real(url, {
    ...options,
    debug: (...args) => {
      globalThis.__benchQueryCount = (globalThis.__benchQueryCount ?? 0) + 1;
      if (typeof user === "function") user(...args);
    },
  });
}
Object.assign(counted, real);
export default counted;
