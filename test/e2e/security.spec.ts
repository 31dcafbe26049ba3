import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "./support/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { drawSignature } from "./support/signature";
import { linkIn, waitForMail } from "./support/mailbox";

// The app runs under its enforced Content-Security-Policy (ADR 007). Every spec already fails on
// any CSP violation (support/test.ts); this one visits each kind of page on purpose, checks the
// header and the nonces, and shows that an injected script is refused.
//
// Demo data: PRJ-2026-0004 is in entry review, so its commencement link to the supervision
// company's contact is open (no other spec answers it); PRJ-2025-0012 is accepted (warranty,
// service code, settlement); PRJ-2026-0005 is in construction (progress bars are style attributes).
const SUPERVISOR = "zhang.hongwei@jiancheng.demo.cn";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "security-e2e-")), "故障照片.png");
fs.writeFileSync(photo, PNG);

const nonceIn = (policy: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];

/**
 * Loads a page and checks what makes it run under the policy: the enforced header (not
 * report-only) with the directives we rely on, a nonce, and that nonce on every <script> in the
 * HTML as sent and in the DOM. Returns the nonce.
 */
async function visit(page: Page, url: string): Promise<string> {
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  expect(response!.status(), url).toBeLessThan(400);
  const headers = response!.headers();
  expect(headers["content-security-policy-report-only"], url).toBeUndefined();
  const policy = headers["content-security-policy"] ?? "";
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) expect(policy, url).toContain(directive);
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  const nonce = nonceIn(policy)!;

  const html = await response!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, `${url}: inline scripts`).toBeGreaterThanOrEqual(3);
  for (const tag of tags) expect(tag, url).toContain(`nonce="${nonce}"`);
  // In the DOM the attribute is hidden from scripts, the property keeps it.
  const domNonces = await page.locator("script").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  for (const n of domNonces) expect(n).toBe(nonce);
  await page.waitForLoadState("networkidle");
  return nonce;
}

/** The page's path of a demo project, found through the list as a user would. */
async function projectPath(page: Page, code: string): Promise<string> {
  await page.goto(`/projects?q=${code}`);
  await page.getByRole("link", { name: new RegExp(code) }).first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test("every kind of page runs under the enforced policy: fresh nonce per load, every script carries it, JavaScript works", async ({ page }) => {
  test.setTimeout(180_000);
  const first = await visit(page, "/login");
  const second = await visit(page, "/login");
  expect(first).not.toBe(second);

  // A Remix <Form> submit (fetch with JavaScript) and the redirect after it.
  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  await visit(page, "/projects");

  // Client-side navigation: a link click is handled by the hydrated app, not a new document.
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
  await page.getByRole("link", { name: /PRJ-2025-0012/ }).first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("白云区医院");
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  const accepted = new URL(page.url()).pathname;
  await visit(page, accepted);
  await visit(page, `${accepted}/acceptance`);
  await visit(page, `${accepted}/warranty`);
  await visit(page, `${accepted}/settlement`);
  const construction = await projectPath(page, "PRJ-2026-0005");
  await visit(page, `${construction}/construction`);
  await visit(page, `${construction}/acceptance`);

  // Finance and the service reports (bars drawn with style attributes).
  await page.context().clearCookies();
  await login(page, "finance@demo.cn", DEMO_PASSWORD);
  await visit(page, "/finance");
  await page.context().clearCookies();
  await login(page, "service@demo.cn", DEMO_PASSWORD);
  await visit(page, "/service/tickets");
  await visit(page, "/service/reports");
});

test("public pages: the signing link with its signature canvas, and the service request with a photo upload", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // The supervisor's commencement link for PRJ-2026-0004, opened on a phone without an account.
  const mail = await waitForMail(SUPERVISOR, "【PRJ-2026-0004】请", 20_000);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const signer = await phone.newPage();
  await visit(signer, linkIn(mail, "/r/"));
  await drawSignature(signer);
  // The canvas handler ran (React, under the policy) and put the drawing in the form.
  await expect(signer.locator('input[name="signature"]')).toHaveValue(/^data:image\/png;base64,/);

  // The service request page from the warranty card's QR code, filed with a photo.
  await login(page, "service@demo.cn", DEMO_PASSWORD);
  const accepted = await projectPath(page, "PRJ-2025-0012");
  await page.goto(`${accepted}/warranty`);
  const serviceUrl = new URL((await page.locator('a[href*="/s/"]').first().getAttribute("href"))!).pathname;
  await visit(signer, serviceUrl);
  await signer.fill('input[name="reporterName"]', "刘建国");
  await signer.fill('input[name="contactPhone"]', "13800138001");
  await signer.locator('input[name="area"][value="city"]').check();
  await signer.fill('textarea[name="description"]', "安全测试：出风口有异响");
  await signer.setInputFiles('input[name="photos"]', photo);
  await signer.waitForTimeout(3200); // the bot-speed check wants more than 3 seconds
  await signer.getByRole("button", { name: "提交报修" }).click();
  await expect(signer.getByText("报修已提交")).toBeVisible();
  await phone.close();
});

test("an injected inline script or inline handler is refused, and the app cannot be framed", async ({ page, cspViolations }) => {
  await visit(page, "/login");
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = 'script ran'";
    document.body.appendChild(script);
    document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image.png" onerror="window.__injected = 'handler ran'">`);
  });
  await expect.poll(() => cspViolations.filter((v) => v.includes("script-src")).length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  // The same script with the page's nonce would run: the nonce, not the element, is what counts.
  expect(cspViolations.filter((v) => v.includes("script-src-elem")).length).toBeGreaterThanOrEqual(1);
  expect(cspViolations.filter((v) => v.includes("script-src-attr")).length).toBeGreaterThanOrEqual(1);
  cspViolations.splice(0);

  // Another site framing a page of the app (clickjacking) gets nothing.
  const origin = new URL(page.url()).origin;
  await page.route("http://attacker.test/", (route) => route.fulfill({ contentType: "text/html", body: `<iframe src="${origin}/login"></iframe>` }));
  await page.goto("http://attacker.test/");
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  // Chromium replaces a refused frame with its error page.
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
  await expect(frame.locator('input[type="password"]')).toHaveCount(0);
});

test("PDFs, files and the JSON API carry nosniff, Referrer-Policy and frame-ancestors too", async ({ page }) => {
  await login(page, "pm@demo.cn", DEMO_PASSWORD);
  const accepted = await projectPath(page, "PRJ-2025-0012");
  for (const url of [`${accepted}/warranty-card.pdf`, `${accepted}/acceptance/certificate.pdf`, "/api/v1/openapi.json", "/healthz"]) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(200);
    const h = res.headers();
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["referrer-policy"], url).toBe("same-origin");
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["content-security-policy"], url).toBe("frame-ancestors 'none'");
  }
});
