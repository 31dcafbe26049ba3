import path from "node:path";
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
