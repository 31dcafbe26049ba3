import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Browser, type Page } from "./support/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { linkIn, waitForMail } from "./support/mailbox";
import { createProjectViaForm, daysFromNow } from "./support/projects";

const A = { name: "广州恒通机电安装工程有限公司", email: "zhao@hengtong.demo.cn" };
const B = { name: "佛山顺达暖通工程有限公司", email: "qian@shunda.demo.cn" };
const C = { name: "东莞鑫源净化设备安装有限公司", email: "sun@xinyuan.demo.cn" };
const D = { name: "清远安居新风系统工程部", email: "li@anju.demo.cn" };

/** Picks the option of a select whose label starts with a company's name (labels carry totals). */
async function selectCompany(page: Page, selector: string, name: string) {
  const value = await page.locator(`${selector} option`, { hasText: name }).first().getAttribute("value");
  await page.selectOption(selector, value ?? "");
}

async function logout(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/login/);
}

/** Fills the quote form's terms and its first line. */
async function fillQuote(page: Page, unitPrice: string, opts: { lines?: boolean } = {}) {
  await page.selectOption("#f-contractingMethod", { label: "包工包料" });
  await page.fill("#f-validUntil", daysFromNow(60));
  await page.fill("#f-durationDays", "45");
  await page.fill("#f-paymentTerms", "进场 30%，验收 67%，质保金 3%");
  if (opts.lines === false) return;
  const line = page.locator("ol li").first();
  await line.locator('input[name$=".item"]').fill("新风主机安装");
  await line.locator('input[name$=".spec"]').fill("YD-XF500");
  await line.locator('input[name$=".unit"]').fill("台");
  await line.locator('input[name$=".quantity"]').fill("6");
  await line.locator('input[name$=".unitPrice"]').fill(unitPrice);
}

/** A vendor opens the link from their e-mail (no account) and submits a quote. */
async function quoteThroughLink(browser: Browser, email: string, unitPrice: string) {
  const mail = await waitForMail(email, "报价邀请");
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto(linkIn(mail, "/q/"));
  await fillQuote(page, unitPrice);
  await page.locator('button[name="intent"][value="quote.save"]:visible').click();
  await expect(page.getByText("报价已提交（第 1 版）")).toBeVisible();
  await ctx.close();
}

async function quotesXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("报价");
  ws.addRow(["项目", "规格", "单位", "数量", "单价", "金额"]);
  ws.addRow(["新风主机安装", "YD-XF500", "台", 6, 2100, 12600]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "quote-")), "清远安居报价.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

test("bidding: four invited, two quote by link, one on paper, one imported, one revised; rule of three; award; the PDF", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const code = `E2EB-${Date.now().toString(36).toUpperCase()}`;
  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  const projectPath = await createProjectViaForm(page, code, "E2E 比价项目");

  // Invite four installation companies.
  await page.goto(`${projectPath}/bidding`);
  for (const c of [A, B, C, D]) await page.getByLabel(c.name, { exact: true }).check();
  await page.fill("#f-scope", "新风主机、风管及末端安装调试（含风量测试）");
  await page.fill("#f-deadlineDate", daysFromNow(7));
  await page.getByRole("button", { name: "发送邀请" }).click();
  for (const c of [A, B, C, D]) await expect(page.locator("table").getByText(c.email)).toBeVisible();

  // Two companies quote through their links, on a phone.
  await quoteThroughLink(browser, A.email, "1880");
  await quoteThroughLink(browser, B.email, "1950");

  // Recommend A, and try to submit with two valid quotes: refused with the reason.
  await page.goto(`${projectPath}/comparison`);
  await page.selectOption("#rec-vendorId", { label: `${A.name}（¥11,280.00）` });
  await page.fill("#rec-reason", "报价最低，有同类项目经验");
  await page.getByRole("button", { name: "保存推荐意见" }).click();
  await page.getByRole("button", { name: "提交高层定标" }).click();
  await expect(page.getByTestId("submit-refusal")).toContainText("有效报价不足三家（目前 2 家）");

  // C's quote arrived on paper; D's lines come from an .xlsx.
  await page.goto(`${projectPath}/bidding?quote=paper`);
  await selectCompany(page, "#f-vendorId", C.name);
  await fillQuote(page, "2000");
  await page.locator('button[name="intent"][value="quote.save"]:visible').click();
  await expect(page.locator("main")).toContainText("¥12,000.00");

  await page.goto(`${projectPath}/bidding?quote=import`);
  await selectCompany(page, "#f-vendorId", D.name);
  await fillQuote(page, "", { lines: false });
  await page.setInputFiles("#f-linesFile", await quotesXlsx());
  await page.locator('button[name="intent"][value="quote.save"]:visible').click();
  await expect(page.locator("main")).toContainText("¥12,600.00");

  // Negotiation: A lowers its price in a second revision; both revisions stay visible.
  await page.getByTestId("vendor-quotes").filter({ hasText: A.name }).getByRole("link", { name: "议价后录入新版本" }).click();
  await page.locator("ol li").first().locator('input[name$=".unitPrice"]').fill("1800");
  await page.locator('button[name="intent"][value="quote.save"]:visible').click();
  await expect(page.getByTestId("vendor-quotes").filter({ hasText: A.name })).toContainText("¥10,800.00");
  await expect(page.getByTestId("vendor-quotes").filter({ hasText: C.name })).toContainText("¥12,000.00");

  // Now four valid quotes: the submission goes through.
  await page.goto(`${projectPath}/comparison`);
  await expect(page.locator("main")).toContainText("¥10,800.00");
  await page.getByRole("button", { name: "提交高层定标" }).click();
  await expect(page.getByText("待高层定标").first()).toBeVisible();
  await logout(page);

  // Management is told by e-mail, opens the comparison and awards the recommended company.
  await waitForMail("management@demo.cn", "待您决定中标单位");
  await login(page, "management@demo.cn", DEMO_PASSWORD);
  await page.goto(`${projectPath}/comparison`);
  await expect(page.locator("#award-vendorId")).toHaveValue(/.+/);
  await page.getByRole("button", { name: "决定中标单位" }).click();
  await expect(page.getByText(`已定标：${A.name}`)).toBeVisible();

  // The printed 安装单位比价审批表 holds the companies, the totals and the decision.
  const pdf = await page.request.get(`${projectPath}/comparison.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  const file = path.join(os.tmpdir(), `${code}.pdf`);
  fs.writeFileSync(file, await pdf.body());
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  for (const c of [A, B, C, D]) expect(text).toContain(c.name);
  for (const total of ["10,800.00", "11,700.00", "12,000.00", "12,600.00"]) expect(text).toContain(total);
  expect(text).toContain("安装单位比价审批表");
  expect(text).toContain(`决定：授予 ${A.name}`);
  expect(text).toContain("报价最低，有同类项目经验");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", file, path.join("test-results", "bidding-comparison")]);
});
