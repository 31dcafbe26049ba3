import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "./support/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { drawSignature } from "./support/signature";
import { linkIn, waitForMail } from "./support/mailbox";
import { daysFromNow } from "./support/projects";

// Demo data: PRJ-2026-0003 is in survey; the supervision company's contact and the client's contact.
const SUPERVISOR = "zhang.hongwei@jiancheng.demo.cn";
const CLIENT = "liu.jianguo@client.demo.cn";
// A 1×1 PNG (site photo) and a tiny PDF (certificate scan), written to temporary files.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-e2e-"));
const photo = path.join(dir, "现场照片.png");
const scan = path.join(dir, "合格证.pdf");
fs.writeFileSync(photo, PNG);
fs.writeFileSync(scan, PDF);

async function logoutIfAny(page: Page) {
  await page.context().clearCookies();
}

/** Task mails already answered: a second request of the same kind is a new mail. */
const answered = new Set<string>();

/** The reviewer opens the newest task mail, draws (or types) a signature and decides. */
async function decideByLink(browser: Browser, email: string, subject: string, decision: "approved" | "rejected", opts: { opinion: string; signer: string; draw?: boolean; notice?: { subject: string; content: string } }) {
  const mail = await waitForMail(email, `【PRJ-2026-0003】请${subject}`, 15_000, answered);
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", hasTouch: false });
  const page = await ctx.newPage();
  await page.goto(linkIn(mail, "/r/"));
  if (opts.notice) {
    await page.fill("#f-subject", opts.notice.subject);
    await page.fill("#f-content", opts.notice.content);
    await page.fill("#f-deadlineOn", daysFromNow(7));
  } else {
    await page.locator(`input[name="decision"][value="${decision}"]`).check();
  }
  if (!opts.notice) await page.fill("#f-opinion", opts.opinion);
  await page.fill("#f-signerName", opts.signer);
  if (opts.draw) {
    await drawSignature(page);
  } else {
    await page.fill("#f-typedSignature", opts.signer);
  }
  await page.getByRole("button", { name: opts.notice ? "签发通知单" : "提交并签署" }).click();
  await expect(page.getByText(opts.notice ? "监理通知单已签发" : decision === "approved" ? "已提交：同意" : "已提交：不同意")).toBeVisible();
  await ctx.close();
}

test("site: survey on a phone, entry documents, supervisor and client sign by link, materials and a rectification", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  await page.goto("/projects?q=PRJ-2026-0003");
  await page.getByRole("link", { name: /PRJ-2026-0003/ }).first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}/);
  const projectPath = new URL(page.url()).pathname;

  // Survey, on the phone, with a photo.
  await page.goto(`${projectPath}/survey`);
  await page.fill("#f-siteLeadName", "赵志强");
  await page.fill("#f-crewLeadName", "赵志强");
  await page.fill("#f-surveyedOn", daysFromNow(-1));
  await page.fill("#f-conditions", "吊顶未封闭，设备间具备安装条件，临时用电已到位");
  await page.getByRole("button", { name: "添加障碍物件" }).click();
  await page.locator('[name="obstacles[0].description"]').fill("走廊喷淋管与风管标高冲突");
  await page.locator('[name="obstacles[0].plan"]').fill("风管局部降低 150mm，经设计确认");
  await page.locator('input[name="drawingsConfirmed"]').check();
  await page.setInputFiles('input[name="photos"]', photo);
  await page.getByRole("button", { name: "保存勘察记录" }).click();
  await expect(page.locator('img[src^="/files/"]').first()).toBeVisible();
  await page.getByRole("button", { name: "完成现场勘察" }).click();
  await expect(page.getByText("进场手续").first()).toBeVisible();

  // Entry documents: a crew member with a credential, a certificate; then the commencement application.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${projectPath}/entry`);
  await page.fill("#f-name", "黄大明");
  await page.fill("#f-position", "电工");
  await page.fill("#f-idNumber", "11010519491231002X");
  await page.getByRole("button", { name: "添加施工人员" }).click();
  await expect(page.getByText("110105********002X")).toBeVisible();
  await page.locator("summary", { hasText: "添加证件" }).first().click();
  const credential = page.locator("details[open]").filter({ has: page.getByRole("button", { name: "添加证件" }) }).first();
  await credential.locator('input[name$="type"]').fill("特种作业操作证（电工）");
  await credential.locator('input[name$="number"]').fill("T11010519491231002X");
  await credential.locator('input[name$="expiresOn"]').fill(daysFromNow(400));
  await credential.locator('input[type="file"]').setInputFiles(scan);
  await credential.getByRole("button", { name: "添加证件" }).click();
  await expect(page.getByText("特种作业操作证（电工）")).toBeVisible();
  const certificateForm = page.locator("form").filter({ has: page.getByRole("button", { name: "添加合格证" }) });
  await certificateForm.locator('input[name="name"]').fill("YD-XF500 产品合格证");
  await certificateForm.locator('input[name="number"]').fill("HG-2026-0811");
  await certificateForm.locator('input[type="file"]').setInputFiles(scan);
  await certificateForm.getByRole("button", { name: "添加合格证" }).click();
  await expect(page.getByText("YD-XF500 产品合格证")).toBeVisible();
  await page.getByRole("button", { name: "提交开工报审" }).click();
  await expect(page.getByText("开工报审").first()).toBeVisible();

  // The supervisor (drawn signature) and then the client (typed) approve through their e-mailed links.
  await decideByLink(browser, SUPERVISOR, "工程开工报审表（B.0.2）审批", "approved", { opinion: "开工条件已具备，同意开工", signer: "张宏伟", draw: true });
  await decideByLink(browser, CLIENT, "工程开工报审表（B.0.2）审批", "approved", { opinion: "同意开工", signer: "刘建国" });
  await page.goto(projectPath);
  await expect(page.getByText("施工中").first()).toBeVisible();

  // A material request is rejected; a new one is approved.
  async function requestMaterial(title: string) {
    await page.goto(`${projectPath}/materials`);
    await page.fill("#f-title", title);
    await page.fill("#f-enteredOn", daysFromNow(0));
    await page.fill("#f-placeOfUse", "三层新风机房");
    await page.locator('[name="items[0].name"]').fill("镀锌钢板");
    await page.locator('[name="items[0].spec"]').fill("δ=0.75mm");
    await page.locator('[name="items[0].quantity"]').fill("120 张");
    await page.locator('[name="items[0].certificate"]').setInputFiles(scan);
    await page.getByRole("button", { name: "提交监理审查" }).click();
    await expect(page.getByText(title).first()).toBeVisible();
  }
  await requestMaterial("第一批风管材料");
  await decideByLink(browser, SUPERVISOR, "工程材料/构配件/设备报审表（B.0.6）审查", "rejected", { opinion: "板厚不符合设计要求，不得使用", signer: "张宏伟" });
  await requestMaterial("第二批风管材料（更换）");
  await decideByLink(browser, SUPERVISOR, "工程材料/构配件/设备报审表（B.0.6）审查", "approved", { opinion: "资料齐全，同意使用", signer: "张宏伟" });
  await page.goto(`${projectPath}/materials`);
  await expect(page.getByText("不得使用").first()).toBeVisible();
  await expect(page.getByText("同意使用").first()).toBeVisible();

  // A rectification notice: issued by the supervisor by link, replied by the pm, verified and closed.
  await page.goto(`${projectPath}/rectifications`);
  await page.getByRole("button", { name: "给监理发送在线签发通知的链接" }).click();
  await decideByLink(browser, SUPERVISOR, "监理通知单（A.0.3）签发入口", "approved", { opinion: "请限期整改", signer: "张宏伟", notice: { subject: "风管吊架间距过大", content: "三层走廊风管吊架间距超过 3m，请按规范整改" } });
  await page.goto(`${projectPath}/rectifications`);
  await expect(page.getByText("风管吊架间距过大")).toBeVisible();
  await page.locator("summary", { hasText: "填写回复单（B.0.9）" }).first().click();
  await page.locator('details[open] textarea[name="content"]').first().fill("已按规范加密吊架，间距不大于 2.4m，详见照片");
  await page.setInputFiles('details[open] input[name="photos"]', photo);
  await page.getByRole("button", { name: "提交回复，请监理复查" }).first().click();
  await decideByLink(browser, SUPERVISOR, "监理通知回复单（B.0.9）复查", "approved", { opinion: "复查合格", signer: "张宏伟" });
  await page.goto(`${projectPath}/rectifications`);
  await expect(page.getByText("已关闭").first()).toBeVisible();
  await page.screenshot({ path: "test-results/site-rectifications.png", fullPage: true });

  // The B.0.2 form carries both opinions.
  const pdf = await page.request.get(`${projectPath}/commencement.pdf`);
  expect(pdf.status()).toBe(200);
  await logoutIfAny(page);
});
