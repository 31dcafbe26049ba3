import { expect, test, type Page } from "./support/test";
import { DEMO_PASSWORD, login } from "./support/auth";

async function logout(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/login/);
}

// One story, in order: the pm creates a project (bad input first), finds it in the list and on the
// home page; management sends an event and sees it in the audit log; another pm is refused.
test.describe.configure({ mode: "serial" });

test("pm creates a project, management cancels it, another pm cannot see it", async ({ page }) => {
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const name = "E2E 新风系统 <b>喆堃</b>";

  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  await page.goto("/projects/new");

  // Bad input: no client, three decimals, finish before start, a negative quantity.
  await page.fill("#f-code", code);
  await page.fill("#f-name", name);
  await page.fill("#f-siteAddress", "广州市天河区体育西路 1 号");
  await page.fill("#f-clientContractNo", "HT-E2E-1");
  await page.fill("#f-clientContractAmount", "12.345");
  await page.fill("#f-plannedStartOn", "2026-12-10");
  await page.fill("#f-plannedFinishOn", "2026-12-01");
  await page.locator('[name="equipment[0].model"]').fill("YD-XF500 全热交换新风机");
  await page.locator('[name="equipment[0].quantity"]').fill("-1");
  await page.locator('[name="equipment[0].location"]').fill("屋面设备间");
  await page.getByRole("button", { name: "创建项目" }).or(page.locator('button[name="intent"][value="save"]:visible')).first().click();

  await expect(page.locator("#f-clientId-error")).toContainText("请选择");
  await expect(page.locator("#f-clientContractAmount-error")).toContainText("两位小数");
  await expect(page.locator("#f-clientContractSignedOn-error")).toContainText("必填");
  await expect(page.locator("#f-plannedFinishOn-error")).toContainText("不能早于");
  await expect(page.locator('[aria-invalid="true"][name="equipment[0].quantity"]')).toBeVisible();
  // Nothing typed is lost.
  await expect(page.locator("#f-name")).toHaveValue(name);
  await expect(page.locator("#f-code")).toHaveValue(code);
  await expect(page.locator('[name="equipment[0].location"]')).toHaveValue("屋面设备间");
  await page.screenshot({ path: "test-results/spine-bad-input.png", fullPage: true });

  await page.selectOption("#f-clientId", { label: "华南置业发展有限公司" });
  await page.fill("#f-clientContractAmount", "868,000.50");
  await page.fill("#f-clientContractSignedOn", "2026-10-01");
  await page.fill("#f-plannedFinishOn", "2027-01-20");
  await page.locator('[name="equipment[0].quantity"]').fill("3");
  await page.locator('button[name="intent"][value="save"]:visible').first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}(\?.*)?$/);
  const projectUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name); // rendered as text, not markup
  await expect(page.getByText("¥868,000.50")).toBeVisible();

  await page.goto(`/projects?q=${encodeURIComponent(code)}`);
  await expect(page.getByRole("link", { name: new RegExp(code) }).first()).toBeVisible();
  await page.goto("/");
  await expect(page.getByText(code).first()).toBeVisible();
  await logout(page);

  // Management cancels it: a reason is required (message beside the field), then the audit shows it.
  await login(page, "management@demo.cn", DEMO_PASSWORD);
  await page.goto(projectUrl);
  await page.locator("summary", { hasText: "取消项目" }).click();
  await page.getByRole("button", { name: /取消项目/ }).last().click();
  await expect(page.locator("#ev-CANCEL-reason-error")).toContainText("必填");
  await page.fill("#ev-CANCEL-reason", "甲方暂停采购，项目取消");
  await page.getByRole("button", { name: /取消项目/ }).last().click();
  await expect(page.getByText("已取消").first()).toBeVisible();
  const audit = page.locator("section", { hasText: "操作记录" });
  await expect(audit).toContainText("取消项目");
  await expect(audit).toContainText("陈国强");
  await page.screenshot({ path: "test-results/spine-cancelled.png", fullPage: true });
  await logout(page);

  // Another pm is refused the record (404: its existence is not revealed), and so is its API.
  await login(page, "pm2@demo.cn", DEMO_PASSWORD);
  const response = await page.goto(projectUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("没有找到该页面或记录")).toBeVisible();
  const edit = await page.goto(`${projectUrl}/edit`);
  expect(edit?.status()).toBe(404);
  // A forged event POST from this pm changes nothing.
  const forged = await page.request.post(`${projectUrl}/events`, { form: { type: "SUBMIT_FOR_DECISION", version: "1" } });
  expect([403, 404]).toContain(forged.status());
});

test("management awards the vendor on a project awaiting decision; the pm is not offered the award", async ({ page }) => {
  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  await page.goto("/projects?q=PRJ-2026-0002");
  await page.getByRole("link", { name: /PRJ-2026-0002/ }).first().click();
  await expect(page.getByText("待高层定标").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "决定中标单位" })).toHaveCount(0);
  await logout(page);

  await login(page, "management@demo.cn", DEMO_PASSWORD);
  await page.goto("/projects?q=PRJ-2026-0002");
  await page.getByRole("link", { name: /PRJ-2026-0002/ }).first().click();
  await page.locator("summary", { hasText: "决定中标单位" }).click();
  // Not the recommended company and no reason: refused with the reason named.
  await page.selectOption("#ev-AWARD-vendorId", { label: "东莞鑫源净化设备安装有限公司" });
  await page.getByRole("button", { name: "决定中标单位" }).click();
  await expect(page.getByRole("alert").first()).toContainText("理由");
  await page.selectOption("#ev-AWARD-vendorId", { label: "佛山顺达暖通工程有限公司" });
  await page.getByRole("button", { name: "决定中标单位" }).click();
  await expect(page.getByText("签订合同").first()).toBeVisible();
  await expect(page.locator("section", { hasText: "操作记录" })).toContainText("决定中标单位");
});
