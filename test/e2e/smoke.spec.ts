import path from "node:path";
import { DEMO_PASSWORD, login } from "./support/auth";
import { expect, test } from "./support/test";

test("GET /healthz answers 200 with JSON status ok", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"] ?? "").toContain("application/json");
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok" });
});

test("/login renders a sign-in form", async ({ page }, testInfo) => {
  const res = await page.goto("/login");
  expect(res?.status()).toBe(200);
  const form = page.locator("form").filter({ has: page.locator('input[type="password"]') }).first();
  await expect(form).toBeVisible();
  await expect(form.locator('input[type="email"], input[name="email"]').first()).toBeVisible();
  await expect(form.locator('input[type="password"]').first()).toBeVisible();
  await expect(form.locator('button[type="submit"], input[type="submit"], button:not([type])').first()).toBeVisible();
  // For a human look at the (Chinese) page: test-results/login.png. The heading text itself is not
  // asserted while the copy is still changing.
  await page.screenshot({ path: path.join(testInfo.project.outputDir, "login.png"), fullPage: true });
});

test("English on request: the page, client-side navigation and a hydrated form speak English, and 中文 comes back", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  await page.goto("/projects");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("项目");
  // The browser build carries only the Chinese messages; English is a chunk of its own, loaded
  // before hydration (scripts/vite-i18n-split.ts).
  const english = page.waitForResponse((r) => /i18n-english.*\.js$/.test(r.url()));
  await page.getByRole("button", { name: "English" }).click();
  await english;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Projects");
  // Client-side navigation renders new text in the browser: it must be English too.
  await page.getByRole("link", { name: "My work" }).click();
  await expect(page.getByRole("link", { name: "Projects", exact: true }).first()).toBeVisible();
  await page.getByRole("link", { name: "Projects", exact: true }).first().click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Projects");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("项目");
  // No hydration mismatch (React reports one as a console error).
  expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
});
