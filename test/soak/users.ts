// What the simulated people do: a pm drives a project from bidding to handover, management awards
// (on the project page, like a browser), an installer quotes through its e-mailed link, the
// supervisor, client and design unit review and sign through the links the counting SMTP server
// received, finance approves and records the payment, service staff run a ticket to its survey.
// Everything goes through HTTP — the API or the pages' forms — never around the app.
import { shanghaiDate } from "~/lib/calendar";
import { png } from "../support/png";
import { Client, inputValue, optionValue, RetryExhausted, RunClosed, sleep, type Reply, type Stats } from "./client";
import type { CountingSmtpServer } from "./smtp";

export interface World {
  base: string;
  stats: Stats;
  smtp: CountingSmtpServer;
  tokens: { pm: string; management: string; finance: string; service: string };
  passwords: { pm: string; management: string };
  serviceUserId: string;
  deadline: number;
  /** How long a person waits for an e-mail before giving up on this project. */
  mailTimeoutMs: number;
}

const SUPERVISOR = "zhang.hongwei@jiancheng.demo.cn";
const CLIENT = "liu.jianguo@client.demo.cn";
const DESIGNER = "zhou.min@design.demo.cn";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
// A drawn signature (a zig-zag stroke), as the signature pad would send it.
const SIGNATURE_PNG = `data:image/png;base64,${png(120, 40, (x, y) => (Math.abs(y - 20 - 12 * Math.sin(x / 6)) < 2 ? [20, 20, 60, 255] : [255, 255, 255, 0])).toString("base64")}`;

export class StepFailed extends Error {}

const today = () => shanghaiDate(new Date().toISOString());
const daysFromToday = (n: number) => shanghaiDate(new Date(Date.now() + n * 86_400_000).toISOString());

/** A valid GB 11643 identity number (check digit computed). */
function idNumber(seq: number): string {
  const body = `44010119900101${String(seq % 1000).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}

export class SimulatedUser {
  readonly http: Client;
  private pmCookie = "";
  private managementCookie = "";
  private usedLinks = new Set<string>();
  completed = 0;
  stagesReached = new Map<string, number>();

  constructor(readonly n: number, readonly w: World) {
    // Each simulated person (and the parties they deal with) at an address of their own: the
    // per-address limits on links and logins then see separate offices, not one crowd.
    this.http = new Client(w.base, w.stats, `soak-user-${n}`, `10.20.${Math.floor(n / 250)}.${(n % 250) + 1}`);
  }

  private note(msg: string) {
    this.w.stats.notes.push(`[u${this.n}] ${msg}`);
  }

  private expect(reply: Reply, ok: number[], what: string): Reply {
    if (!ok.includes(reply.status)) throw new StepFailed(`${what}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
    return reply;
  }

  private api(kind: string, method: string, path: string, token: string, json?: unknown) {
    return this.http.call(kind, method, `/api/v1${path}`, { token, json });
  }

  /** Logs in through the /login form and keeps the session cookie, as a browser would. */
  private async login(email: string, password: string): Promise<string> {
    await this.http.call("page GET /login", "GET", "/login");
    const r = await this.http.call("page POST /login", "POST", "/login", { form: { email, password, redirectTo: "/" } });
    const cookie = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    if (r.status !== 302 && r.status !== 303 || !cookie) throw new StepFailed(`login ${email}: HTTP ${r.status}`);
    return cookie;
  }

  private async project(id: string): Promise<{ stage: string; version: number }> {
    return this.readState(id);
  }

  /**
   * Sends an event with the version just read. A 5xx may have committed before the connection
   * died, so a retry re-reads first: if the project already moved on, that is success, not a
   * second application (the version compare-and-set would refuse it anyway with 409).
   */
  private async event(id: string, token: string, type: string, payload: Record<string, unknown>, movedOn: (stage: string) => boolean): Promise<void> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = await this.project(id);
      if (movedOn(before.stage) && attempt > 0) return;
      let r: Reply;
      try {
        r = await this.http.call(`POST event ${type}`, "POST", `/api/v1/projects/${id}/events`, { token, json: { type, expectedVersion: before.version, payload }, retries: 0 });
      } catch (error) {
        if (!(error instanceof RetryExhausted)) throw error;
        await sleep(500);
        continue; // re-read and decide again
      }
      if (r.status === 200) return;
      if (r.status === 409) {
        const after = await this.project(id);
        if (movedOn(after.stage)) return;
        continue;
      }
      throw new StepFailed(`${type}: HTTP ${r.status} ${r.text.slice(0, 400)}`);
    }
    throw new StepFailed(`${type}: gave up after repeated conflicts/failures`);
  }

  /** Waits for an e-mail to `to` about project `code` carrying a link under `prefix` not used yet. */
  private async link(to: string, code: string, prefix: string): Promise<string> {
    const until = Math.min(Date.now() + this.w.mailTimeoutMs, this.w.deadline + 120_000);
    const re = new RegExp(`https?://[^\\s]+(${prefix.replace(/\//g, "\\/")}[A-Za-z0-9_-]+)`);
    for (;;) {
      for (const m of this.w.smtp.mails) {
        if (!m.to.includes(to) || !(m.subject.includes(code) || m.text.includes(code))) continue;
        const found = re.exec(m.text);
        if (found && !this.usedLinks.has(found[1])) {
          this.usedLinks.add(found[1]);
          return new URL(found[0]).pathname;
        }
      }
      if (Date.now() > until) throw new StepFailed(`no ${prefix} mail to ${to} for ${code}`);
      await this.w.smtp.nextMail(2_000);
    }
  }

  private reached(stage: string) {
    this.stagesReached.set(stage, (this.stagesReached.get(stage) ?? 0) + 1);
  }

  async loop(): Promise<void> {
    let round = 0;
    while (Date.now() < this.w.deadline) {
      round++;
      try {
        if (!this.pmCookie) this.pmCookie = await this.login("pm@demo.cn", this.w.passwords.pm);
        if (!this.managementCookie) this.managementCookie = await this.login("management@demo.cn", this.w.passwords.management);
        await this.lifecycle(round);
        this.completed++;
      } catch (error) {
        if (error instanceof RunClosed) return;
        const message = error instanceof Error ? error.message : String(error);
        this.note(`round ${round} stopped: ${message.slice(0, 400)}`);
        if (!(error instanceof StepFailed) && !(error instanceof RetryExhausted)) this.w.stats.notes.push(String((error as Error).stack ?? error));
        await sleep(1000);
      }
    }
  }

  async lifecycle(round: number): Promise<void> {
    const w = this.w;
    const code = `SOAK-${this.n}-${round}-${Date.now().toString(36).toUpperCase()}`;
    const id = await this.createProjectByPage(code);
    this.reached("bidding");

    // —— bidding: two paper quotes by the pm, one through the installer's own invitation link ——
    const vendors = ((this.expect(await this.api("GET vendors", "GET", "/vendors", w.tokens.pm), [200], "vendors")).body as { items: { id: string; name: string }[] }).items;
    const installers = vendors.filter((v) => /恒通|顺达|鑫源/.test(v.name));
    if (installers.length < 3) throw new StepFailed(`only ${installers.length} installers`);
    const quote = (vendorId: string, price: string) => ({
      vendorId, contractingMethod: "包工包料", scope: "新风系统安装", drawingsConfirmed: true, durationDays: 30, paymentTerms: "按进度", maintenanceTerms: "一年保修",
      validUntil: daysFromToday(60), lines: [{ item: "新风主机安装", spec: "XF500", unit: "台", quantity: "2", unitPrice: price }],
    });
    for (const [i, v] of installers.slice(0, 2).entries()) {
      this.expect(await this.api("POST quote (API)", "POST", `/projects/${id}/quotes`, w.tokens.pm, quote(v.id, String(20000 + i * 1500 + this.n))), [201, 409], "quote");
    }
    await this.quoteByInvitation(id, code, installers[2].id);
    this.expect(await this.api("PUT recommendation", "PUT", `/projects/${id}/recommendation`, w.tokens.pm, { vendorId: installers[0].id, reason: "价格最低，资质齐全" }), [200], "recommendation");
    await this.event(id, w.tokens.pm, "SUBMIT_FOR_DECISION", {}, (s) => s !== "bidding");
    this.reached("awaitingDecision");

    // —— management awards on the project page; a second tab fires the same award at once ——
    await this.awardByPage(id, installers[0].id);
    this.reached("contracting");

    // —— contract ——
    const fd = new FormData();
    fd.append("file", new Blob([PDF], { type: "application/pdf" }), "安装合同.pdf");
    const file = this.expect(await this.http.call("POST file", "POST", `/api/v1/projects/${id}/files`, { token: w.tokens.pm, multipart: fd }), [201], "contract file").body as { id: string };
    await this.event(id, w.tokens.pm, "RECORD_CONTRACT", {
      contractNo: `AZ-${code}`, amount: "40000.00", signedOn: today(), fileId: file.id,
      milestones: [{ trigger: "entry", label: "进场款", percent: "30" }, { trigger: "acceptance", label: "验收款", percent: "70" }],
    }, (s) => s !== "contracting");
    this.reached("survey");

    // —— survey ——
    this.expect(await this.api("PUT survey", "PUT", `/projects/${id}/survey`, w.tokens.pm, {
      siteLeadName: "赵志强", crewLeadName: "钱永", surveyedOn: today(), conditions: "屋面设备间具备安装条件", drawingsConfirmed: true,
      obstacles: [{ description: "吊顶内消防管道", plan: "风管绕行并加装检修口" }],
    }), [200], "survey");
    await this.event(id, w.tokens.pm, "COMPLETE_SURVEY", {}, (s) => s !== "survey");
    this.reached("entry");

    // —— entry documents and the commencement application ——
    this.expect(await this.api("POST crew", "POST", `/projects/${id}/entry/crew`, w.tokens.pm, {
      name: `张${this.n}`, position: "电工", idNumber: idNumber(this.n * 37 + round), credential: { type: "电工证", number: `T-${code}`, expiresOn: daysFromToday(700) },
    }), [200, 201], "crew");
    this.expect(await this.api("POST certificate", "POST", `/projects/${id}/entry/certificates`, w.tokens.pm, { name: "新风主机合格证", kind: "equipment", number: `HG-${code}`, expiresOn: daysFromToday(700) }), [200, 201], "certificate");
    await this.event(id, w.tokens.pm, "SUBMIT_COMMENCEMENT", {}, (s) => s !== "entry");
    this.reached("entryReview");

    // —— the supervisor reviews on the signing page, the client through the link API ——
    await this.signByPage(await this.link(SUPERVISOR, code, "/r/"), "张宏伟", "总监理工程师");
    await this.signByApi(await this.link(CLIENT, code, "/r/"), "刘建国", "甲方代表");
    await this.waitStage(id, "construction");
    this.reached("construction");

    // —— construction records and the acceptance preconditions ——
    this.expect(await this.api("POST progress", "POST", `/projects/${id}/progress`, w.tokens.pm, { entryDate: today(), percentComplete: 100, notes: "全部安装完成" }), [200, 201], "progress");
    this.expect(await this.api("PUT completion", "PUT", `/projects/${id}/acceptance/completion`, w.tokens.pm, { completedOn: today(), note: "全部完成", confirm: true }), [200], "completion");
    this.expect(await this.api("PUT self-inspection", "PUT", `/projects/${id}/acceptance/self-inspection`, w.tokens.pm, {
      inspectedOn: today(), foremanName: "赵志强", items: [{ name: "设备安装牢固", ok: true }], trialRunPassed: true, trialRunHours: 8,
      systemDesignM3h: 12000, systemMeasuredM3h: 11600, outlets: [{ location: "301 会议室", designM3h: 800, measuredM3h: 780 }],
    }), [200], "self-inspection");
    const units = this.expect(await this.api("GET units", "GET", `/projects/${id}/acceptance/units`, w.tokens.pm), [200], "units").body as { items?: unknown[] } | unknown[];
    if ((Array.isArray(units) ? units : units.items ?? []).length === 0) {
      this.expect(await this.api("POST unit", "POST", `/projects/${id}/acceptance/units`, w.tokens.pm, { name: "新风净化主机", model: "YD-XF500", quantity: 1, location: "屋面", serialNumbers: [`SN-${code}`] }), [200, 201], "unit");
    }
    for (const kind of ["asBuiltDrawings", "equipmentCertificates", "materialEntryRecords", "constructionLog", "commissioningRecords", "operationManual"]) {
      const doc = new FormData();
      doc.append("kind", kind);
      doc.append("file", new Blob([Buffer.concat([PDF, Buffer.from(`% ${kind}\n`)])], { type: "application/pdf" }), `${kind}.pdf`);
      this.expect(await this.http.call("POST archive document", "POST", `/api/v1/projects/${id}/acceptance/documents`, { token: w.tokens.pm, multipart: doc }), [200, 201], `document ${kind}`);
    }
    await this.event(id, w.tokens.pm, "REQUEST_ACCEPTANCE", { acceptanceDate: today(), startTime: "09:30", place: "项目部会议室" }, (s) => s !== "construction");
    this.reached("acceptanceReview");

    // —— acceptance: the supervisor first, then client and design unit at the same moment ——
    await this.signByApi(await this.link(SUPERVISOR, code, "/r/"), "张宏伟", "总监理工程师");
    const [clientLink, designLink] = await Promise.all([this.link(CLIENT, code, "/r/"), this.link(DESIGNER, code, "/r/")]);
    await Promise.all([this.signByApi(clientLink, "刘建国", "甲方代表"), this.signByPage(designLink, "周敏", "设计负责人")]);
    await this.waitStage(id, "handover");
    this.reached("handover");

    // —— settlement: pm drafts and submits; finance approves twice at once (one wins), then is paid ——
    this.expect(await this.api("PUT settlement", "PUT", `/projects/${id}/settlement`, w.tokens.pm, {
      contractAmount: "868000.00", lines: [], retentionMode: "rate", retentionRate: "3", defectMonths: 12, paidBefore: "0",
      paymentDueOn: daysFromToday(30), basis: "按合同结算", payeeBank: "中国银行广州分行", payeeAccount: "6217 0000 1111 2222",
    }), [200], "settlement draft");
    await this.event(id, w.tokens.pm, "SUBMIT_SETTLEMENT", {}, () => this.settlementPast("draft"));
    await this.racingApproval(id);
    const settlement = this.expect(await this.api("GET settlement", "GET", `/projects/${id}/settlement`, w.tokens.finance), [200], "settlement").body as { settlement?: { latest?: { figures?: { payableNowFen?: number } } } };
    const payableFen = settlement.settlement?.latest?.figures?.payableNowFen;
    if (typeof payableFen === "number" && payableFen > 0) {
      await this.event(id, w.tokens.finance, "RECORD_PAYMENT", { amount: (payableFen / 100).toFixed(2), receivedOn: today(), reference: `BANK-${code}` }, () => this.settlementPast("awaitingPayment"));
    } else this.note(`${code}: no payable amount in the settlement reply`);
    await this.event(id, w.tokens.pm, "ARCHIVE", {}, () => this.archived);
    this.reached("settled");

    // —— a service ticket, hotline to survey ——
    await this.ticket(id, code);
    this.reached("ticketClosed");
  }

  // The event helper's "moved on" tests for the handover regions read the last project state.
  private lastState: unknown = null;
  private get archived(): boolean {
    return JSON.stringify(this.lastState).includes('"archived"');
  }
  private settlementPast(sub: string): boolean {
    const s = (this.lastState as { handover?: { settlement?: string } } | null)?.handover?.settlement;
    return !!s && s !== sub;
  }

  private async waitStage(id: string, stage: string): Promise<void> {
    const until = Date.now() + 60_000;
    for (;;) {
      if ((await this.project(id)).stage === stage) return;
      if (Date.now() > until) throw new StepFailed(`project never reached ${stage}`);
      await sleep(500);
    }
  }

  private async createProjectByPage(code: string): Promise<string> {
    const page = this.expect(await this.http.call("page GET /projects/new", "GET", "/projects/new", { cookie: this.pmCookie }), [200], "new project page");
    const clientId = optionValue(page.text, "clientId", "华南置业");
    const supervisionCompanyId = optionValue(page.text, "supervisionCompanyId", "建诚");
    const designCompanyId = optionValue(page.text, "designCompanyId", "华南建筑");
    if (!clientId || !supervisionCompanyId || !designCompanyId) throw new StepFailed("new project page: company options not found");
    const form: Record<string, string> = {
      code, name: `巡检新风项目 ${code}`, clientId, supervisionCompanyId, designCompanyId, siteAddress: "广州市天河区体育西路 1 号",
      clientContractNo: `HT-${code}`, clientContractAmount: "868000", clientContractSignedOn: daysFromToday(-30), plannedStartOn: today(), plannedFinishOn: daysFromToday(60),
      "equipment[0].model": "YD-XF500 全热交换新风机", "equipment[0].quantity": "2", "equipment[0].location": "屋面设备间", intent: "save",
    };
    const r = await this.http.call("page POST /projects/new", "POST", "/projects/new", { cookie: this.pmCookie, form });
    const m = r.location && /\/projects\/([0-9a-f-]{36})/.exec(r.location);
    if (m) return m[1];
    // A retried post may have been created by the first attempt: find it by its code.
    const found = (await this.api("GET projects", "GET", `/projects?q=${encodeURIComponent(code)}`, this.w.tokens.pm)).body as { items?: { id: string; code: string }[] };
    const existing = found?.items?.find((p) => p.code === code);
    if (existing) return existing.id;
    throw new StepFailed(`create project: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  }

  private async quoteByInvitation(id: string, code: string, vendorId: string): Promise<void> {
    const w = this.w;
    const vendor = this.expect(await this.api("GET vendor", "GET", `/vendors/${vendorId}`, w.tokens.pm), [200], "vendor").body as { contacts?: { id: string; email: string | null }[] };
    const contact = vendor.contacts?.find((c) => c.email);
    if (!contact) throw new StepFailed("installer without a contact e-mail");
    this.expect(await this.api("POST invitation", "POST", `/projects/${id}/invitations`, w.tokens.pm, { vendorId, contactId: contact.id, scope: "新风系统安装", deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() }), [201], "invitation");
    const path = await this.link(contact.email!.toLowerCase(), code, "/q/");
    this.expect(await this.http.call("page GET /q/", "GET", path), [200], "quote page");
    const fd = new FormData();
    const fields: Record<string, string> = {
      intent: "quote", contractingMethod: "包工包料", scope: "新风系统安装", durationDays: "35", paymentTerms: "按进度", maintenanceTerms: "一年保修",
      validUntil: daysFromToday(60), basedOnRevision: "0", "lines[0].item": "新风主机安装", "lines[0].spec": "XF500", "lines[0].unit": "台", "lines[0].quantity": "2", "lines[0].unitPrice": String(23000 + this.n),
    };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    const r = await this.http.call("page POST /q/ (installer quote)", "POST", path, { multipart: fd });
    if (!(r.status === 302 || r.status === 303 || r.status === 409)) throw new StepFailed(`installer quote: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  }

  /** Two tabs of the same manager post the award at once: exactly one may take effect. */
  private async awardByPage(id: string, vendorId: string): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      const page = this.expect(await this.http.call("page GET /projects/:id", "GET", `/projects/${id}`, { cookie: this.managementCookie }), [200], "project page");
      if (!page.text.includes('value="AWARD"')) {
        if ((await this.project(id)).stage !== "awaitingDecision") return;
        throw new StepFailed("project page offers no award");
      }
      const version = inputValue(page.text, "version");
      const form = { type: "AWARD", version: version ?? "", vendorId, reason: "", _nojs: "1" };
      const [a, b] = await Promise.allSettled([
        this.http.call("page POST event AWARD (tab 1)", "POST", `/projects/${id}/events`, { cookie: this.managementCookie, form, retries: 0 }),
        this.http.call("page POST event AWARD (tab 2)", "POST", `/projects/${id}/events`, { cookie: this.managementCookie, form, retries: 0 }),
      ]);
      const done = [a, b].filter((x) => x.status === "fulfilled" && /notice=done/.test(x.value.location ?? "")).length;
      const refused = [a, b].filter((x) => x.status === "fulfilled" && /failed=AWARD/.test(x.value.location ?? "")).length;
      if (done > 1) this.note(`${id}: BOTH concurrent awards reported success`);
      if (done === 1 && refused === 1) this.w.stats.op("concurrent duplicate → exactly one applied").ok++;
      if ((await this.project(id)).stage === "contracting") return;
    }
    throw new StepFailed("award did not take effect");
  }

  private async linkView(path: string): Promise<{ token: string; hash: string } | null> {
    const token = path.split("/").pop()!;
    const r = await this.http.call("GET link (API)", "GET", `/api/v1/links/${token}`);
    if (r.status !== 200) return null;
    const b = r.body as { view?: { contentHash?: string }; contentHash?: string };
    return { token, hash: b.view?.contentHash ?? b.contentHash ?? "" };
  }

  private async signByApi(path: string, name: string, role: string): Promise<void> {
    const view = await this.linkView(path);
    if (!view) throw new StepFailed(`link ${path} refused`);
    const r = await this.http.call("POST link sign (API)", "POST", `/api/v1/links/${view.token}`, {
      json: { contentHash: view.hash, decision: "approved", opinion: "同意", signerName: name, signerRole: role, typedSignature: name },
    });
    // 409 after a retry: the first attempt was recorded (the task is used up) — exactly once.
    this.expect(r, [200, 201, 409], `sign ${path}`);
  }

  private async signByPage(path: string, name: string, role: string): Promise<void> {
    const page = await this.http.call("page GET /r/", "GET", path);
    if (page.status !== 200) throw new StepFailed(`signing page ${path}: HTTP ${page.status}`);
    const hash = inputValue(page.text, "contentHash");
    if (!hash) throw new StepFailed(`signing page ${path}: no contentHash field`);
    const fd = new FormData();
    for (const [k, v] of Object.entries({ contentHash: hash, decision: "approved", opinion: "同意", signerName: name, signerRole: role, signature: SIGNATURE_PNG })) fd.append(k, v);
    // Submitted as the page's script submits it (Remix single fetch: POST <path>.data); the browser
    // then does not reload the used-up link (the route's shouldRevalidate).
    const r = await this.http.call("page POST /r/ (sign)", "POST", `${path}.data`, { multipart: fd });
    if ((r.status === 200 && r.text.includes("approved")) || r.status === 409) return;
    throw new StepFailed(`sign page ${path}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
  }

  /** Finance opens the statement in two tabs and approves in both: one approval, one conflict. */
  private async racingApproval(id: string): Promise<void> {
    await this.project(id);
    for (let attempt = 0; attempt < 5; attempt++) {
      const p = await this.readState(id);
      if (this.settlementPast("submitted")) return;
      const send = (tab: number) =>
        this.http.call(`POST event APPROVE_SETTLEMENT (tab ${tab})`, "POST", `/api/v1/projects/${id}/events`, { token: this.w.tokens.finance, json: { type: "APPROVE_SETTLEMENT", expectedVersion: p.version, payload: {} }, retries: 0 });
      const results = await Promise.allSettled([send(1), send(2)]);
      const ok = results.filter((x) => x.status === "fulfilled" && x.value.status === 200).length;
      const conflict = results.filter((x) => x.status === "fulfilled" && x.value.status === 409).length;
      if (ok > 1) this.note(`${id}: BOTH concurrent approvals returned 200`);
      if (ok === 1 && conflict === 1) this.w.stats.op("concurrent duplicate → exactly one applied").ok++;
      await this.readState(id);
      if (this.settlementPast("submitted")) return;
      await sleep(300);
    }
    throw new StepFailed("approval did not take effect");
  }

  private async readState(id: string) {
    const r = this.expect(await this.api("GET project", "GET", `/projects/${id}`, this.w.tokens.pm), [200], "read project");
    const b = r.body as { stage: string; version: number; state: unknown };
    this.lastState = b.state;
    return b;
  }

  private async ticket(projectId: string, code: string): Promise<void> {
    const w = this.w;
    const created = await this.api("POST ticket", "POST", "/service/tickets", w.tokens.service, {
      projectId, channel: "hotline", reporterName: "刘先生", contactPhone: "13800138000", contactEmail: `owner-${this.n}@soak.test`, siteAddress: "广州市天河区体育西路 1 号", area: "city",
      description: `新风机运行噪音偏大，出风口有异响（${code}）`,
    });
    this.expect(created, [200, 201], "ticket");
    const ticketId = (created.body as { id: string }).id;
    const steps: Record<string, unknown>[] = [
      { step: "assign", assignedTo: w.serviceUserId },
      { step: "contact", note: "已电话联系客户，约定上门" },
      { step: "diagnose", diagnosis: "风机轴承润滑不足", coverage: "warranty" },
      { step: "schedule", scheduledFor: new Date(Date.now() + 3_600_000).toISOString() },
      { step: "arrive" },
      { step: "resolve", causeCategory: "componentDefect", partsReplaced: "风机轴承", minutesSpent: 60, resolution: "更换轴承后运行正常" },
      { step: "confirm", signerName: "刘先生", signature: SIGNATURE_PNG },
    ];
    let surveyPath: string | null = null;
    let statusBefore: string | null = null;
    for (const step of steps) {
      statusBefore = null;
      for (let attempt = 0; ; attempt++) {
        const t = (this.expect(await this.api("GET ticket", "GET", `/service/tickets/${ticketId}`, w.tokens.service), [200], "ticket").body as { ticket: { version: number; status: string } }).ticket;
        // A retried step whose first attempt committed (its answer lost to a fault): the status moved on.
        if (statusBefore !== null && t.status !== statusBefore) break;
        statusBefore ??= t.status;
        const r = await this.api(`POST ticket step ${step.step}`, "POST", `/service/tickets/${ticketId}/steps`, w.tokens.service, { ...step, expectedVersion: t.version });
        if (r.status === 200 || r.status === 201) {
          const b = r.body as { surveyUrl?: string; surveyLink?: string };
          const url = b?.surveyUrl ?? b?.surveyLink;
          if (url) surveyPath = new URL(url, w.base).pathname;
          break;
        }
        // 409: a retried step that the first attempt already took (the status moved on).
        if (r.status === 409 && attempt < 3) continue;
        if (r.status === 422 && attempt > 0) break;
        throw new StepFailed(`ticket step ${step.step}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
      }
    }
    if (surveyPath) {
      const token = surveyPath.split("/").pop()!;
      const r = await this.http.call("POST survey (API)", "POST", `/api/v1/survey-links/${token}`, { json: { attitude: 4, skill: 4, arrivalTime: 3, promisesKept: 4, comment: "满意" } });
      this.expect(r, [200, 201, 409], "survey");
      const t = (this.expect(await this.api("GET ticket", "GET", `/service/tickets/${ticketId}`, w.tokens.service), [200], "ticket").body as { ticket: { version: number } }).ticket;
      const closed = await this.api("POST ticket step close", "POST", `/service/tickets/${ticketId}/steps`, w.tokens.service, { step: "close", expectedVersion: t.version });
      this.expect(closed, [200, 409], "close ticket");
    } else this.note(`${code}: ticket confirm returned no survey link`);
  }
}
