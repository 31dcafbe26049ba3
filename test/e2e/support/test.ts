import { test as base, expect, type BrowserContext } from "@playwright/test";

/**
 * The `test` every spec imports (instead of @playwright/test's): the same, plus a guard that fails
 * the test on any Content-Security-Policy violation in any page of any browser context it opened
 * — the default one and those opened with browser.newContext() for a second signer (ADR 007).
 *
 * Two sources, because each misses something: a `securitypolicyviolation` listener installed
 * before any page script (it sees every blocked script, style, image, connection and form), and
 * the browser's own console messages ("Refused to …"), which also cover a refused stylesheet or
 * script under nosniff.
 *
 * A test that provokes a violation on purpose takes it out of `cspViolations` (splice) and
 * asserts on it; whatever is left at the end fails the test.
 */
const MARK = "[csp-violation]";

let current: string[] | null = null;
const guarded = new WeakSet<BrowserContext>();

async function guard(context: BrowserContext): Promise<void> {
  if (guarded.has(context)) return;
  guarded.add(context);
  await context.addInitScript((mark) => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`${mark} ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.documentURI}${e.sample ? ` (${e.sample})` : ""}`);
    });
  }, MARK);
  context.on("console", (message) => {
    const text = message.text();
    if (text.startsWith(MARK) || (message.type() === "error" && text.startsWith("Refused to"))) current?.push(`${text} — ${message.page()?.url() ?? ""}`);
  });
}

export const test = base.extend<{ cspViolations: string[] }, { cspGuardBrowser: void }>({
  // Worker-wide: every context the browser makes from now on is guarded, including the one behind
  // the built-in `page`/`context` fixtures.
  cspGuardBrowser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const context = await newContext(...args);
        await guard(context);
        return context;
      };
      await use();
      browser.newContext = newContext;
    },
    { scope: "worker", auto: true },
  ],
  cspViolations: [
    async ({}, use) => {
      const violations: string[] = [];
      current = violations;
      await use(violations);
      current = null;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Browser, BrowserContext, Page } from "@playwright/test";
