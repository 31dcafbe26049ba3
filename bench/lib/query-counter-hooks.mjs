// Resolve hook (see query-counter.mjs): bare "postgres" → the counting wrapper. The wrapper itself
// imports the real driver by file URL, so it is not redirected again.
const wrapper = new URL("./postgres-counted.mjs", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "postgres" && context.parentURL !== wrapper) {
    const real = await nextResolve(specifier, context);
    return { url: `${wrapper}?real=${encodeURIComponent(real.url)}`, format: "module", shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
