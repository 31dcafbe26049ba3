import { expect, test, type Page } from "./support/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { waitForMail } from "./support/mailbox";

// Demo data: PRJ-2025-0012 was accepted on 2025-12-20 and its settlement statement is a draft
// (contract ¥1,016,140.00, a variation, a site instruction and a deduction, ¥300,000.00 paid before).
const CODE = "PRJ-2025-0012";

async function openSettlement(page: Page, email: string): Promise<string> {
  await page.context().clearCookies();
  await login(page, email, DEMO_PASSWORD);
  await page.goto(`/projects?q=${CODE}`);
  await page.getByRole("link", { name: CODE }).first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  const path = `${new URL(page.url()).pathname}/settlement`;
  await page.goto(path);
  return path;
}

test("settlement: pm submits, finance returns, pm fixes, finance approves, an invoice and two partial payments settle it", async ({ page }) => {
  test.setTimeout(300_000);
  // The pm submits the draft to finance.
  await openSettlement(page, "pm@demo.cn");
  await expect(page.getByText("大写：人民币壹佰零叁万陆仟玖佰玖拾元零伍角").first()).toBeVisible();
  await page.getByRole("button", { name: "提交财务审核" }).click();
  await expect(page.getByText("已提交财务审核").first()).toBeVisible();
  const mail = await waitForMail("finance@demo.cn", `【${CODE}】待您审核结算`);
  expect(mail.subject).toContain("白云区医院门诊楼新风净化");

  // Finance returns it with a comment (an empty comment is refused first).
  let path = await openSettlement(page, "finance@demo.cn");
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.locator("#f-comment-error, [id$='comment-error']").first()).toBeVisible();
  await page.fill('textarea[name="comment"]', "请补充夜间施工签证的监理签字日期");
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByText("请补充夜间施工签证的监理签字日期").first()).toBeVisible();

  // The pm fixes the line: bad input first (three decimals), then the right amount; and resubmits.
  path = await openSettlement(page, "pm@demo.cn");
  await expect(page.getByText("请补充夜间施工签证的监理签字日期").first()).toBeVisible();
  await page.locator('input[name="lines.1.amount"]').fill("3450.505");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.locator('input[name="lines.1.amount"]')).toHaveValue("3450.505");
  await expect(page.locator("[id$='-amount-error']").first()).toBeVisible();
  await page.locator('input[name="lines.1.amount"]').fill("3950.50");
  await page.locator('input[name="lines.1.approvedOn"]').fill("2025-11-21");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("结算书草稿已保存")).toBeVisible();
  await page.getByRole("button", { name: "提交财务审核" }).click();
  await expect(page.getByText("已提交财务审核").first()).toBeVisible();

  // Finance approves: the client contact receives both PDFs.
  path = await openSettlement(page, "finance@demo.cn");
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByRole("button", { name: "登记收款" })).toBeVisible();
  await waitForMail("liu.jianguo@client.demo.cn", "工程结算书及付款申请");

  // An invoice, then two partial payments; an overpayment is refused with the reason.
  await page.fill('input[name="number"]', "44001234");
  await page.locator('input[name="amount"]').last().fill("1037490.50");
  await page.getByRole("button", { name: "登记发票" }).click();
  await expect(page.getByText("44001234")).toBeVisible();
  const pay = async (amount: string, reference: string) => {
    await page.locator('form[action*="intent=recordPayment"] input[name="amount"]').fill(amount);
    await page.locator('form[action*="intent=recordPayment"] input[name="reference"]').fill(reference);
    await page.getByRole("button", { name: "登记收款" }).click();
  };
  await pay("999999.99", "TOO-MUCH");
  await expect(page.getByText("收款金额超过未付金额").first()).toBeVisible();
  await pay("400000.00", "ICBC-001");
  await expect(page.getByText("ICBC-001")).toBeVisible();
  await pay("306365.78", "ICBC-002");
  await expect(page.getByText("已收清（不含质保金）").first()).toBeVisible();
  await page.screenshot({ path: "test-results/settlement-settled.png", fullPage: true });

  // The finance inbox no longer lists it as outstanding; the export downloads.
  await page.goto("/finance");
  await expect(page.getByRole("heading", { name: "财务收件箱" })).toBeVisible();
  const xlsx = await page.request.get("/finance/export.xlsx");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  expect(path).toContain("/settlement");
});
