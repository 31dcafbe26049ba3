import { expect, test, type Browser, type Page } from "./support/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { drawSignature } from "./support/signature";
import { linkIn, waitForMail } from "./support/mailbox";

// Demo data: PRJ-2025-0012 was accepted on 2025-12-20 (warranty to 2026-12-20) with installed units
// (YD-XF500 serial XF5-2025-0311 …). The customer scans the QR on its warranty card.
const CODE = "PRJ-2025-0012";
const seen = new Set<string>();

async function serviceUrl(page: Page): Promise<string> {
  await login(page, "service@demo.cn", DEMO_PASSWORD);
  await page.goto(`/projects?q=${CODE}`);
  await page.getByRole("link", { name: CODE }).first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  await page.goto(`${new URL(page.url()).pathname}/warranty`);
  const href = await page.locator('a[href*="/s/"]').first().getAttribute("href");
  return new URL(href!).pathname;
}

/** The customer, on a phone, files a request from the card's QR URL and gets a ticket number. */
async function fileRequest(browser: Browser, path: string, description: string, email: string): Promise<string> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto(path);
  await page.fill('input[name="reporterName"]', "刘建国");
  await page.fill('input[name="contactPhone"]', "13800138001");
  await page.fill('input[name="contactEmail"]', email);
  await page.locator('input[name="area"][value="city"]').check();
  await page.fill('input[name="serialNumber"]', "XF5-2025-0311");
  await page.fill('textarea[name="description"]', description);
  await page.waitForTimeout(3200); // a person takes longer than the bot check's 3 seconds
  await page.getByRole("button", { name: "提交报修" }).click();
  await expect(page.getByText("报修已提交")).toBeVisible();
  const number = (await page.getByText(/SV-\d{6}-\d{4}/).first().textContent())!.match(/SV-\d{6}-\d{4}/)![0];
  await ctx.close();
  return number;
}

async function step(page: Page, button: string, fill: () => Promise<void> = async () => {}) {
  const form = page.locator("form", { has: page.getByRole("button", { name: button, exact: true }) }).first();
  await fill.call(null);
  await form.getByRole("button", { name: button, exact: true }).click();
  await page.waitForLoadState("networkidle");
}

async function openTicket(page: Page, number: string) {
  await page.goto("/service/tickets");
  await page.getByRole("link", { name: number }).first().click();
  await page.waitForURL(/\/service\/tickets\/[0-9a-f-]{36}/);
}

test("service: a customer's QR request, triaged free, resolved, confirmed on the technician's phone and rated; a paid quote accepted by link", async ({ page, browser }) => {
  test.setTimeout(360_000);
  const path = await serviceUrl(page);
  const number = await fileRequest(browser, path, "三层会议室新风机噪声明显增大，出风量变小", "liu.jianguo@client.demo.cn");

  // Service triages it: assign, contact, diagnose as warranty (free), schedule, arrive, resolve.
  await page.setViewportSize({ width: 390, height: 844 });
  await openTicket(page, number);
  await step(page, "指派", async () => { await page.locator('select[name="assignedTo"]').selectOption({ index: 1 }); });
  await step(page, "已联系客户", async () => { await page.fill('textarea[name="note"]', "电话联系刘先生，约定明天上午上门"); });
  await step(page, "保存诊断", async () => {
    await page.fill('textarea[name="diagnosis"]', "风机轴承磨损，需更换");
    await page.locator('input[name="coverage"][value="warranty"]').check();
  });
  await expect(page.getByText("保修期内免费").first()).toBeVisible();
  await step(page, "保存预约", async () => {
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    await page.fill('input[name="scheduledFor"]', `${tomorrow}T09:30`);
  });
  await step(page, "我已到达现场");
  await step(page, "处理完成", async () => {
    await page.locator('select[name="causeCategory"]').selectOption("componentDefect");
    await page.fill('textarea[name="partsReplaced"]', "风机轴承 6203 × 2");
    await page.fill('input[name="minutesSpent"]', "90");
    await page.fill('textarea[name="resolution"]', "更换轴承，复测风量正常，噪声 42dB");
  });
  // The customer signs on the technician's phone; the survey QR appears.
  await step(page, "客户确认", async () => { await drawSignature(page); });
  await expect(page.getByTestId("survey-qr")).toBeVisible();
  const surveyHref = await page.getByTestId("survey-qr").locator("a").getAttribute("href");

  // The customer rates it from the QR (on their own phone).
  const customer = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const cp = await customer.newPage();
  await cp.goto(new URL(surveyHref!).pathname);
  for (const aspect of ["attitude", "skill", "arrivalTime", "promisesKept"]) await cp.locator(`input[name="${aspect}"][value="4"]`).check();
  await cp.fill('textarea[name="comment"]', "师傅很专业，准时到达");
  await cp.getByRole("button", { name: "提交评价" }).click();
  await expect(cp.getByText("感谢您的评价！")).toBeVisible();
  await cp.goto(new URL(surveyHref!).pathname);
  await expect(cp.getByText(/链接已失效|无效/).first()).toBeVisible();
  await customer.close();

  // The service record PDF of the ticket.
  await openTicket(page, number);
  await expect(page.getByText("已回访").first()).toBeVisible();
  const recordHref = await page.locator('a[href$="/record.pdf"]').first().getAttribute("href");
  const pdf = await page.request.get(recordHref!);
  expect(pdf.status()).toBe(200);

  // A paid ticket: a filter replacement (consumables are excluded) — the customer accepts the quote by link.
  const paid = await fileRequest(browser, path, "过滤网堵塞，需要更换新的过滤网滤芯", "liu.jianguo@client.demo.cn");
  await openTicket(page, paid);
  await step(page, "指派", async () => { await page.locator('select[name="assignedTo"]').selectOption({ index: 1 }); });
  await step(page, "已联系客户", async () => { await page.fill('textarea[name="note"]', "客户同意更换过滤网"); });
  await step(page, "保存诊断", async () => {
    await page.fill('textarea[name="diagnosis"]', "初效及高效过滤网堵塞");
    await page.locator('input[name="coverage"][value="paid"]').check();
    await page.locator('select[name="exclusion"]').selectOption("consumables");
  });
  await step(page, "发送报价给客户", async () => {
    await page.fill('textarea[name="items"]', "高效过滤网 × 2：1,000.00\n上门服务费：280.50");
    await page.fill('input[name="amount"]', "1280.50");
    await page.fill('input[name="validUntil"]', new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10));
  });
  const quoteMail = await waitForMail("liu.jianguo@client.demo.cn", paid, 15_000, seen);
  const qctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const qp = await qctx.newPage();
  await qp.goto(linkIn(quoteMail, "/sq/"));
  await expect(qp.getByText("人民币壹仟贰佰捌拾元零伍角")).toBeVisible();
  await qp.fill('input[name="name"]', "刘建国");
  await qp.getByRole("button", { name: "接受报价" }).click();
  await expect(qp.getByText("您已接受报价")).toBeVisible();
  await qctx.close();
  await openTicket(page, paid);
  await step(page, "保存预约", async () => {
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    await page.fill('input[name="scheduledFor"]', `${tomorrow}T14:00`);
  });
  await expect(page.getByText("已预约上门").first()).toBeVisible();
});
