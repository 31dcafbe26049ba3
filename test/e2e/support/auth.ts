import { expect, type Page } from "@playwright/test";

/**
 * Sign in through the real /login form. Finds the fields by type (the labels are Chinese and may
 * change), submits, and waits until the browser has left /login.
 */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  const form = page.locator("form").filter({ has: page.locator('input[type="password"]') }).first();
  await form.locator('input[type="email"], input[name="email"]').first().fill(email);
  await form.locator('input[type="password"]').first().fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 }),
    form.locator('button[type="submit"], input[type="submit"], button:not([type])').first().click(),
  ]);
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
}

/** Demo accounts seeded on an empty database (not final: keep the values in this one place). */
export const DEMO_PASSWORD = "demo1234";
