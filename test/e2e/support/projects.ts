import { expect, type Page } from "@playwright/test";

/** Creates a project through the real form as the signed-in pm and returns its page path. */
export async function createProjectViaForm(page: Page, code: string, name: string): Promise<string> {
  await page.goto("/projects/new");
  await page.fill("#f-code", code);
  await page.fill("#f-name", name);
  await page.selectOption("#f-clientId", { label: "华南置业发展有限公司" });
  await page.fill("#f-siteAddress", "广州市天河区体育西路 1 号");
  await page.fill("#f-clientContractNo", `HT-${code}`);
  await page.fill("#f-clientContractAmount", "868000");
  await page.fill("#f-clientContractSignedOn", "2026-10-01");
  await page.locator('[name="equipment[0].model"]').fill("YD-XF500 全热交换新风机");
  await page.locator('[name="equipment[0].quantity"]').fill("6");
  await page.locator('[name="equipment[0].location"]').fill("屋面设备间");
  await page.locator('button[name="intent"][value="save"]:visible').first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}(\?.*)?$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  return new URL(page.url()).pathname;
}

/** A date n days from today as YYYY-MM-DD (what a date input takes). */
export function daysFromNow(n: number): string {
  return new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}
