import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "./support/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { drawSignature } from "./support/signature";
import { linkIn, readMailbox, waitForMail } from "./support/mailbox";
import { daysFromNow } from "./support/projects";

// Demo data: PRJ-2026-0005 is in construction; the supervision, client and design contacts.
const CODE = "PRJ-2026-0005";
const SUPERVISOR = "zhang.hongwei@jiancheng.demo.cn";
const CLIENT = "liu.jianguo@client.demo.cn";
const DESIGNER = "zhou.min@design.demo.cn";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
// A red square as a company seal (a real PNG).
const SEAL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR42mP4z8AARMRDAKNzB0bgS2QZAAAAAElFTkSuQmCC", "base64");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-e2e-"));
const doc = path.join(dir, "竣工资料.pdf");
const seal = path.join(dir, "公章.png");
fs.writeFileSync(doc, PDF);
fs.writeFileSync(seal, SEAL);

/** Signing mails already answered: each round's link is a new mail. */
const answered = new Set<string>();

/** The party opens the newest acceptance mail on a phone, draws a signature, adds the seal and decides. */
async function signByLink(browser: Browser, email: string, decision: "approved" | "rejected", opinion: string, signer: string) {
  const mail = await waitForMail(email, `【${CODE}】请竣工验收签署`, 15_000, answered);
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto(linkIn(mail, "/r/"));
  await expect(page.getByText("设备清单")).toBeVisible();
  await page.locator(`input[name="decision"][value="${decision}"]`).check();
  await page.fill("#f-opinion", opinion);
  await page.fill("#f-signerName", signer);
  await drawSignature(page);
  await page.setInputFiles("#f-seal", seal);
  await page.getByRole("button", { name: "提交并签署" }).click();
  await expect(page.getByText(decision === "approved" ? "已提交：同意" : "已提交：不同意")).toBeVisible();
  await ctx.close();
  return mail;
}

async function fillRecords(page: Page, acceptancePath: string) {
  await page.goto(acceptancePath);
  // Bad input first: a completion date in the future is refused beside the field, the note kept.
  await page.fill('input[name="completedOn"]', daysFromNow(5));
  await page.fill('textarea[name="note"]', "新风主机、风管及控制系统全部完成");
  await page.locator('input[name="confirm"]').check();
  await page.getByRole("button", { name: "确认完工" }).click();
  await expect(page.locator("#f-completedOn-error")).toBeVisible();
  await expect(page.locator('textarea[name="note"]')).toHaveValue("新风主机、风管及控制系统全部完成");
  await page.fill('input[name="completedOn"]', daysFromNow(0));
  await page.locator('input[name="confirm"]').check();
  await page.getByRole("button", { name: "确认完工" }).click();
  await expect(page.getByText("已保存完工确认")).toBeVisible();

  // Self-inspection with commissioning figures: the verdict is computed, not chosen.
  await page.fill('input[name="inspectedOn"]', daysFromNow(0));
  await page.fill('input[name="foremanName"]', "赵志强");
  const items = await page.locator('input[name^="items."][name$=".name"]').count();
  for (let i = 0; i < items; i++) await page.locator(`input[name="items.${i}.ok"][value="yes"]`).check({ force: true });
  await page.locator('input[name="trialRunPassed"][value="yes"]').check({ force: true });
  await page.fill('input[name="trialRunHours"]', "8");
  await page.fill('input[name="systemDesignM3h"]', "12000");
  await page.fill('input[name="systemMeasuredM3h"]', "11500");
  await page.fill('input[name="outlets.0.location"]', "301 会议室");
  await page.fill('input[name="outlets.0.designM3h"]', "800");
  await page.fill('input[name="outlets.0.measuredM3h"]', "760");
  await page.getByRole("button", { name: "保存自检记录" }).click();
  await expect(page.getByText("已保存自检记录")).toBeVisible();

  // The installed equipment, with serial numbers.
  await page.fill('#units input[name="name"]', "全热交换新风机");
  await page.fill('#units input[name="model"]', "YD-XF500");
  await page.fill('#units input[name="quantity"]', "2");
  await page.fill('#units input[name="location"]', "屋面设备间");
  await page.fill('#units textarea[name="serialNumbers"]', "XF5-2026-0101\nXF5-2026-0102");
  await page.getByRole("button", { name: "添加设备" }).click();
  await expect(page.getByText("XF5-2026-0101")).toBeVisible();

  // Every archive document, one file each.
  const forms = page.locator('#archive-checklist form:has(input[name="file"])');
  const count = await forms.count();
  for (let i = 0; i < count; i++) {
    const form = page.locator('#archive-checklist form:has(input[name="file"])').nth(i);
    await form.locator('input[name="file"]').setInputFiles(doc);
    await Promise.all([page.waitForURL(/notice=/), form.locator('button[type="submit"]').click()]);
  }
  await expect(page.locator('[data-testid="preconditions"] [data-met="no"]')).toHaveCount(0);
}

test("acceptance: records, a rejection round, three signers by link, the certificate and its verification", async ({ page, browser }) => {
  test.setTimeout(360_000);
  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  await page.goto(`/projects?q=${CODE}`);
  await page.getByRole("link", { name: CODE }).first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  const projectPath = new URL(page.url()).pathname;
  const acceptancePath = `${projectPath}/acceptance`;

  // Requesting with preconditions unmet is refused with the reasons.
  await page.goto(acceptancePath);
  await page.fill('input[name="acceptanceDate"]', daysFromNow(0));
  await page.getByRole("button", { name: "提交竣工验收申请" }).click();
  await expect(page.getByText("施工单位自检尚未登记")).toBeVisible();

  await fillRecords(page, acceptancePath);
  await page.fill('input[name="acceptanceDate"]', daysFromNow(0));
  await page.fill('input[name="place"]', "项目现场一楼会议室");
  await page.getByRole("button", { name: "提交竣工验收申请" }).click();
  await expect(page.getByText("已提交竣工验收申请")).toBeVisible();

  // Round 1: the supervisor's pre-acceptance finds a defect; it becomes a rectification notice.
  const first = await signByLink(browser, SUPERVISOR, "rejected", "三层风口噪声偏大", "张宏伟");
  expect(first.subject).toContain("竣工验收");
  const invite = (await readMailbox()).find((m) => m.to.includes(CLIENT) && m.subject.includes("竣工验收邀请"));
  expect(invite).toBeTruthy();
  await page.goto(`${projectPath}/rectifications`);
  await expect(page.getByText("三层风口噪声偏大")).toBeVisible();
  await page.locator("summary", { hasText: "填写回复单（B.0.9）" }).first().click();
  await page.locator('details[open] textarea[name="content"]').first().fill("已更换三层风口消声器，复测噪声 42dB");
  await page.getByRole("button", { name: "提交回复，请监理复查" }).first().click();
  const verify = await waitForMail(SUPERVISOR, `【${CODE}】请监理通知回复单（B.0.9）复查`, 15_000, answered);
  const vctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const vpage = await vctx.newPage();
  await vpage.goto(linkIn(verify, "/r/"));
  await vpage.locator('input[name="decision"][value="approved"]').check();
  await vpage.fill("#f-opinion", "复查合格");
  await vpage.fill("#f-signerName", "张宏伟");
  await vpage.fill("#f-typedSignature", "张宏伟");
  await vpage.getByRole("button", { name: "提交并签署" }).click();
  await expect(vpage.getByText("已提交")).toBeVisible();
  await vctx.close();

  // Round 2: request again; the supervisor signs, then the client and the design unit.
  await page.goto(acceptancePath);
  await expect(page.getByText("上次验收未通过")).toBeVisible();
  await page.fill('input[name="acceptanceDate"]', daysFromNow(0));
  await page.getByRole("button", { name: "提交竣工验收申请" }).click();
  await expect(page.getByText("已提交竣工验收申请")).toBeVisible();
  await signByLink(browser, SUPERVISOR, "approved", "经预验收，工程质量合格，同意组织正式验收", "张宏伟");
  await signByLink(browser, CLIENT, "approved", "同意验收", "刘建国");
  await signByLink(browser, DESIGNER, "approved", "符合设计要求", "周敏");

  // Accepted today: the warranty's last day is shown; the records are frozen.
  await page.goto(acceptancePath);
  await expect(page.getByTestId("accepted-on")).toHaveText(daysFromNow(0));
  await expect(page.getByText("验收资料已冻结").first()).toBeVisible();
  await page.screenshot({ path: "test-results/acceptance-accepted.png", fullPage: true });
  await page.goto(projectPath);
  await expect(page.getByText("保修截止").first()).toBeVisible();

  // The certificate: its text, rendered to PNG, and its verification page.
  const res = await page.request.get(`${acceptancePath}/certificate.pdf`);
  expect(res.status()).toBe(200);
  const pdf = Buffer.from(await res.body());
  const file = path.join(dir, "certificate.pdf");
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
  for (const expected of ["竣工验收单", "YD-XF500", "XF5-2026-0101", "张宏伟", "刘建国", "周敏", "签署记录", "三层风口噪声偏大"]) expect(text).toContain(expected);
  execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", file, "test-results/acceptance-certificate"]);
  const code = /验证码[:：]\s*([A-Z0-9]{8})/.exec(text)![1];

  const visitor = await browser.newContext();
  const vp = await visitor.newPage();
  await vp.goto(`/v/${code}`);
  await expect(vp.getByText("张宏伟")).toBeVisible();
  await vp.setInputFiles('input[name="pdf"]', file);
  await vp.getByRole("button", { name: "比对" }).click();
  await expect(vp.getByText("文件与系统存档一致")).toBeVisible();
  const changed = Buffer.from(pdf);
  changed[Math.floor(changed.length / 2)] ^= 0x01;
  const changedFile = path.join(dir, "certificate-changed.pdf");
  fs.writeFileSync(changedFile, changed);
  await vp.setInputFiles('input[name="pdf"]', changedFile);
  await vp.getByRole("button", { name: "比对" }).click();
  await expect(vp.getByText("文件与系统存档不一致（可能被修改）")).toBeVisible();
  await visitor.close();
});
