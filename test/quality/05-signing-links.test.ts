// quality.md, "Faults and bad inputs", line 5. Every kind of token link — the review/commencement
// and acceptance signing links (/r/:token, its PDF and files, /api/v1/links/:token), the vendor's
// quote link (/q/:token), the customer's service quote (/sq/:token) and satisfaction survey
// (/sv/:token, /api/v1/survey-links/:token) — is called with tokens that are expired, already used,
// revoked (or superseded by a newer link), mutated by one character, unknown, and valid tokens of
// another kind of link (another party's task). Each is refused; within one route the refusals of
// all failure kinds are byte-identical (status and body), so a caller learns nothing about which
// failure it was; nothing is written but the failed-attempt counter. After the limit of failed
// attempts from one IP, further attempts — even with a valid token — get 429, while the valid
// link still works from another IP.
//
// Documented exceptions, tested as the app promises them: /sq/ (the customer's service quote)
// tells the genuine link's holder that the quote expired or was already answered (GET shows the
// quote read-only, POST 409/410) — only unknown/mutated/foreign tokens get the generic refusal;
// /q/ says "报价已截止" (closed) for a genuine link once the project has left bidding.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { sha256Hex } from "~/lib/tokens.server";
import * as apiLinks from "~/routes/api.v1.links.$token";
import * as apiSurvey from "~/routes/api.v1.survey-links.$token";
import * as quotePage from "~/routes/q.$token";
import * as reviewPage from "~/routes/r.$token";
import * as reviewFile from "~/routes/r.$token_.files.$fileId";
import * as reviewPdf from "~/routes/r.$token_.pdf";
import * as servicePage from "~/routes/sq.$token";
import * as surveyPage from "~/routes/sv.$token";
import { applyEvent } from "~/services/projects/apply-event.server";
import { createServiceQuote } from "~/services/service/service-quote.server";
import { createSurveyLink } from "~/services/service/survey-link.server";
import { constructionProject, meetPreconditions } from "../integration/acceptance-fixture";
import { dataUrl, enterReview, signForm, tokenFrom } from "../integration/review-fixture";
import { makeCompany, makeProject } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { changedTables, fingerprint, outcome, routeArgs, type Outcome } from "./support";

const today = () => shanghaiDate(new Date().toISOString());
const mutate = (token: string) => token.slice(0, 10) + (token[10] === "A" ? "B" : "A") + token.slice(11);
let ipSeq = 0;
const freshIp = () => `10.55.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
const LIMIT = 30;

type Call = (token: string, ip: string) => Promise<Outcome>;
const show = (o: Outcome) => `${o.status} ${o.text}`;

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe("A signing link: expired, already used, revoked, mutated, or for another party", () => {
  let t: TestDatabase;
  let db: Db;
  /** Tokens by link kind: a valid one and the dead ones, by failure kind. */
  const tok = {
    commencement: {} as Record<string, string>,
    acceptance: {} as Record<string, string>,
    quote: {} as Record<string, string>,
    serviceQuote: {} as Record<string, string>,
    survey: {} as Record<string, string>,
  };
  let certificateFileId = "";

  const mails = async (projectId: string, template: string, to: string) =>
    (await db.select().from(s.outbox).where(eq(s.outbox.projectId, projectId))).filter((m) => m.template === template && m.payload.to.includes(to)).sort((a, b) => b.id - a.id);
  /** A copy of a real task row under a known token, in the given dead state. */
  async function deadCopy(taskId: string, state: Partial<typeof s.reviewTasks.$inferInsert>, token: string) {
    const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.id, taskId));
    const { id: _id, tokenHash: _h, ...rest } = task;
    await db.insert(s.reviewTasks).values({ ...rest, tokenHash: sha256Hex(token), ...state });
    return token;
  }

  // The routes of each kind, called as Remix calls them.
  const rGet: Call = (token, ip) => outcome(() => reviewPage.loader(routeArgs(new Request(`http://localhost/r/${token}`), { token }, ip)));
  const rPost: Call = (token, ip) => outcome(() => reviewPage.action(routeArgs(signForm(token, { contentHash: "0".repeat(64), decision: "approved", signerName: "李总监", signerRole: "总监", signature: dataUrl }), { token }, ip)));
  const rPdf: Call = (token, ip) => outcome(() => reviewPdf.loader(routeArgs(new Request(`http://localhost/r/${token}/pdf`), { token }, ip)));
  const rFile: Call = (token, ip) => outcome(() => reviewFile.loader(routeArgs(new Request(`http://localhost/r/${token}/files/${certificateFileId}`), { token, fileId: certificateFileId }, ip)));
  const aGet: Call = (token, ip) => outcome(() => apiLinks.loader(routeArgs(new Request(`http://localhost/api/v1/links/${token}`), { token }, ip)));
  const aPost: Call = (token, ip) =>
    outcome(() =>
      apiLinks.action(
        routeArgs(
          new Request(`http://localhost/api/v1/links/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ contentHash: "0".repeat(64), decision: "approved", opinion: "合格", signerName: "李总监", signerRole: "总监", signaturePng: dataUrl }) }),
          { token },
          ip,
        ),
      ),
    );
  const qGet: Call = (token, ip) => outcome(() => quotePage.loader(routeArgs(new Request(`http://localhost/q/${token}`), { token }, ip)));
  const qPost: Call = (token, ip) => outcome(() => quotePage.action(routeArgs(new Request(`http://localhost/q/${token}`, { method: "POST", body: form({ intent: "withdraw", quoteId: "00000000-0000-0000-0000-000000000000", reason: "撤回" }) }), { token }, ip)));
  const sqGet: Call = (token, ip) => outcome(() => servicePage.loader(routeArgs(new Request(`http://localhost/sq/${token}`), { token }, ip)));
  const sqPost: Call = (token, ip) => outcome(() => servicePage.action(routeArgs(new Request(`http://localhost/sq/${token}`, { method: "POST", body: form({ decision: "accepted", name: "张先生" }) }), { token }, ip)));
  const ANSWERS = { attitude: "4", skill: "4", arrivalTime: "4", promisesKept: "4", comment: "" };
  const svGet: Call = (token, ip) => outcome(() => surveyPage.loader(routeArgs(new Request(`http://localhost/sv/${token}`), { token }, ip)));
  const svPost: Call = (token, ip) => outcome(() => surveyPage.action(routeArgs(new Request(`http://localhost/sv/${token}`, { method: "POST", body: form(ANSWERS) }), { token }, ip)));
  const svApiGet: Call = (token, ip) => outcome(() => apiSurvey.loader(routeArgs(new Request(`http://localhost/api/v1/survey-links/${token}`), { token }, ip)));
  const svApiPost: Call = (token, ip) =>
    outcome(() =>
      apiSurvey.action(routeArgs(new Request(`http://localhost/api/v1/survey-links/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ attitude: 4, skill: 4, arrivalTime: 4, promisesKept: 4 }) }), { token }, ip)),
    );

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;

    // Commencement review: the supervisor's real link, then dead copies of its task.
    const review = await enterReview(db);
    certificateFileId = review.certificateFileId;
    const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, review.project.id));
    tok.commencement.valid = tokenFrom((await mails(review.project.id, "review.commencement", "li@jianli.test"))[0].payload.text);
    tok.commencement.expired = await deadCopy(task.id, { expiresAt: new Date(Date.now() - 1000) }, "commencementExpiredTokenAAAAAAAAAAAAAA");
    tok.commencement.revoked = await deadCopy(task.id, { revokedAt: new Date() }, "commencementRevokedTokenAAAAAAAAAAAAAA");
    // Used: a second real review, signed through the page.
    const used = await enterReview(db);
    const usedToken = tokenFrom((await mails(used.project.id, "review.commencement", "li@jianli.test"))[0].payload.text);
    const view = JSON.parse((await rGet(usedToken, "10.54.0.1")).text) as { view: { hash: string } };
    const signed = await outcome(() => reviewPage.action(routeArgs(signForm(usedToken, { contentHash: view.view.hash, decision: "approved", signerName: "李", signerRole: "总监", typedSignature: "李" }), { token: usedToken }, "10.54.0.1")));
    expect(signed.text).toBe(JSON.stringify({ done: "approved" }));
    tok.commencement.used = usedToken;

    // Acceptance: the supervisor's link after REQUEST_ACCEPTANCE; used = another project's supervisor link, signed by the API.
    async function acceptanceLink() {
      const ctx = await constructionProject(db);
      await meetPreconditions(db, ctx.project.id, ctx.pm.id);
      const r = await applyEvent(db, { projectId: ctx.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today(), startTime: "09:30", place: "会议室" }, actor: { userId: ctx.pm.id, role: "pm" }, info: { ip: "", userAgent: "" } });
      if (!r.ok) throw new Error(JSON.stringify(r));
      const token = tokenFrom((await mails(ctx.project.id, "review.acceptance", "li@jianli.test"))[0].payload.text);
      const [row] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.tokenHash, sha256Hex(token)));
      return { token, taskId: row.id };
    }
    const acc = await acceptanceLink();
    tok.acceptance.valid = acc.token;
    tok.acceptance.expired = await deadCopy(acc.taskId, { expiresAt: new Date(Date.now() - 1000) }, "acceptanceExpiredTokenAAAAAAAAAAAAAAAA");
    tok.acceptance.revoked = await deadCopy(acc.taskId, { revokedAt: new Date() }, "acceptanceRevokedTokenAAAAAAAAAAAAAAAA");
    const acc2 = await acceptanceLink();
    const hash = (JSON.parse((await aGet(acc2.token, "10.54.0.2")).text) as { view: { contentHash: string } }).view.contentHash;
    const decided = await outcome(() =>
      apiLinks.action(routeArgs(new Request(`http://localhost/api/v1/links/${acc2.token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ contentHash: hash, decision: "approved", opinion: "验收合格", signerName: "李总监", signerRole: "总监理工程师", signaturePng: dataUrl }) }), { token: acc2.token }, "10.54.0.2")),
    );
    expect(decided.status, decided.text).toBe(200);
    tok.acceptance.used = acc2.token;

    // Quote invitations of a project in bidding: valid, expired (deadline passed), revoked.
    const pm = (await db.select().from(s.users).where(eq(s.users.id, review.pm.id)))[0];
    const bidding = await makeProject(db, pm, { name: "招标项目" });
    const vendor = await makeCompany(db, "installer", "投标安装公司");
    const invite = (token: string, fields: Partial<typeof s.quoteInvitations.$inferInsert> = {}) =>
      db.insert(s.quoteInvitations).values({ projectId: bidding.id, vendorId: vendor.id, email: "v@vendor.test", tokenHash: sha256Hex(token), deadline: new Date(Date.now() + 7 * 86_400_000), ...fields });
    tok.quote.valid = "quoteValidTokenAAAAAAAAAAAAAAAAAAAAAAAAA";
    tok.quote.expired = "quoteExpiredTokenAAAAAAAAAAAAAAAAAAAAAAA";
    tok.quote.revoked = "quoteRevokedTokenAAAAAAAAAAAAAAAAAAAAAAA";
    await invite(tok.quote.valid);
    await invite(tok.quote.expired, { deadline: new Date(Date.now() - 1000) });
    await invite(tok.quote.revoked, { revokedAt: new Date() });

    // Service tickets: quoted (service quote links) and confirmed (survey links).
    let n = 0;
    const ticket = async (status: string) =>
      (
        await db
          .insert(s.serviceTickets)
          .values({ number: `FW-Q5-${++n}`, projectId: review.project.id, channel: "hotline", reporterName: "刘女士", contactPhone: "13800000000", contactEmail: "liu@customer.test", description: "新风机异响", status, contactDueAt: new Date(), resolution: "已修复", resolvedAt: new Date(), confirmedAt: new Date() })
          .returning()
      )[0];
    const sqToken = (link: string) => /\/sq\/([A-Za-z0-9_-]+)$/.exec(link)![1];
    const svToken = (link: string) => /\/sv\/([A-Za-z0-9_-]+)$/.exec(link)![1];
    const quoteFor = async (ticketId: string) => sqToken((await db.transaction((tx) => createServiceQuote(tx, { ticketId, amountFen: 80_000, items: "更换电机", validUntil: addDays(today(), 10), email: "liu@customer.test", createdBy: null }))).link);
    const quoted = await ticket("quoted");
    tok.serviceQuote.revoked = await quoteFor(quoted.id); // superseded by the next quote of the ticket
    tok.serviceQuote.valid = await quoteFor(quoted.id);
    const quotedUsed = await ticket("quoted");
    tok.serviceQuote.used = await quoteFor(quotedUsed.id);
    expect((await sqPost(tok.serviceQuote.used, "10.54.0.3")).status).toBe(200);
    const quotedExpired = await ticket("quoted");
    tok.serviceQuote.expired = await quoteFor(quotedExpired.id);
    await db.update(s.serviceLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(s.serviceLinks.ticketId, quotedExpired.id));

    const surveyFor = async (tk: typeof s.serviceTickets.$inferSelect) => svToken((await db.transaction((tx) => createSurveyLink(tx, tk)))!.link);
    const confirmed = await ticket("confirmed");
    tok.survey.revoked = await surveyFor(confirmed); // superseded by the newer survey link
    tok.survey.valid = await surveyFor(confirmed);
    const confirmedUsed = await ticket("confirmed");
    tok.survey.used = await surveyFor(confirmedUsed);
    expect((await svPost(tok.survey.used, "10.54.0.4")).text).toContain("done");
    const confirmedExpired = await ticket("confirmed");
    tok.survey.expired = await surveyFor(confirmedExpired);
    await db.update(s.serviceLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(s.serviceLinks.ticketId, confirmedExpired.id));

    for (const k of Object.values(tok)) {
      k.mutated = mutate(k.valid);
      k.unknown = "Zz9".repeat(11);
      k.short = "abc";
    }
  }, 180_000);
  afterAll(async () => t?.drop());

  /** Valid tokens of the other kinds: another party's link, used for this task. */
  const foreign = (kind: keyof typeof tok) =>
    Object.fromEntries(Object.entries(tok).filter(([k]) => k !== kind && !(kind === "commencement" && k === "acceptance") && !(kind === "acceptance" && k === "commencement")).map(([k, v]) => [`${k}'s valid token`, v.valid]));

  /** Every dead token through every call: one identical answer per route, each a refusal; only the failure counter written. */
  async function expectIdenticalRefusals(calls: Record<string, Call>, dead: Record<string, string>, refusal: { status: number; text?: string }) {
    const before = await fingerprint(db);
    for (const [route, call] of Object.entries(calls)) {
      const answers: Record<string, string> = {};
      for (const [kind, token] of Object.entries(dead)) answers[kind] = show(await call(token, freshIp()));
      const distinct = [...new Set(Object.values(answers))];
      expect(distinct, `${route}: ${JSON.stringify(answers, null, 1)}`).toHaveLength(1);
      expect(distinct[0].startsWith(`${refusal.status} `), `${route}: ${distinct[0]}`).toBe(true);
      if (refusal.text !== undefined && route.includes("page")) expect(distinct[0]).toBe(`${refusal.status} ${refusal.text}`);
      // Nothing identifying: no token, no project, no party.
      for (const token of Object.values(dead)) expect(distinct[0]).not.toContain(token);
      expect(distinct[0]).not.toMatch(/李总监|天河|supervisor|client|刘女士|FW-Q5/);
    }
    expect(changedTables(before, await fingerprint(db))).toEqual([]);
  }

  const REVIEW_CALLS = { "GET /r/:token page": rGet, "POST /r/:token page": rPost, "GET /r/:token/pdf": rPdf, "GET /r/:token/files/:id": rFile, "GET /api/v1/links/:token": aGet, "POST /api/v1/links/:token": aPost };

  for (const kind of ["commencement", "acceptance"] as const) {
    it(`${kind} signing link (/r/, its PDF and files, /api/v1/links): expired, used, revoked, mutated, unknown, another party's token → the same 404 on each route, nothing written`, async () => {
      const { valid: _v, ...dead } = tok[kind];
      await expectIdenticalRefusals(REVIEW_CALLS, { ...dead, ...foreign(kind) }, { status: 404, text: JSON.stringify({ state: "invalid" }) });
      // The API's refusal is the generic one, in Chinese.
      const api = JSON.parse((await aGet(dead.used, freshIp())).text) as { error: { code: string; message: string } };
      expect(api.error.code).toBe("LINK_INVALID");
      expect(api.error.message).toMatch(/[\u4e00-\u9fff]/);
      // The valid link of this kind still opens.
      expect((await rGet(tok[kind].valid, freshIp())).status).toBe(200);
      expect((await aGet(tok[kind].valid, freshIp())).status).toBe(200);
    });
  }

  it("quote link /q/: expired, revoked, mutated, unknown, another party's token → the same 404, nothing written", async () => {
    const { valid: _v, ...dead } = tok.quote;
    await expectIdenticalRefusals({ "GET /q/:token page": qGet, "POST /q/:token page": qPost }, { ...dead, ...foreign("quote") }, { status: 404, text: JSON.stringify({ state: "invalid" }) });
    expect((await qGet(tok.quote.valid, freshIp())).status).toBe(200);
  });

  it("survey link /sv/ and /api/v1/survey-links: expired, used, superseded, mutated, unknown, another party's token → the same 404 per route, nothing written", async () => {
    const { valid: _v, ...dead } = tok.survey;
    await expectIdenticalRefusals(
      { "GET /sv/:token page": svGet, "POST /sv/:token page": svPost, "GET /api/v1/survey-links/:token": svApiGet, "POST /api/v1/survey-links/:token": svApiPost },
      { ...dead, ...foreign("survey") },
      { status: 404, text: JSON.stringify({ state: "invalid" }) },
    );
    expect((await svGet(tok.survey.valid, freshIp())).status).toBe(200);
    expect((await svApiGet(tok.survey.valid, freshIp())).status).toBe(200);
  });

  it("service quote /sq/: mutated, unknown, another party's token → the same 404; expired, superseded and used → the decision refused (409/410), nothing written", async () => {
    const { valid: _v, expired, used, revoked, ...dead } = tok.serviceQuote;
    await expectIdenticalRefusals({ "GET /sq/:token page": sqGet, "POST /sq/:token page": sqPost }, { ...dead, ...foreign("serviceQuote") }, { status: 404, text: JSON.stringify({ state: "invalid" }) });
    const before = await fingerprint(db);
    for (const [label, token] of Object.entries({ expired, used, revoked })) {
      const o = await sqPost(token, freshIp());
      expect([409, 410], `${label}: ${show(o)}`).toContain(o.status);
      // The genuine link's page shows the quote read-only, never as open.
      const page = JSON.parse((await sqGet(token, freshIp())).text) as { view: { state: string } };
      expect(page.view.state, label).not.toBe("open");
    }
    expect(changedTables(before, await fingerprint(db))).toEqual([]);
    expect((JSON.parse((await sqGet(tok.serviceQuote.valid, freshIp())).text) as { view: { state: string } }).view.state).toBe("open");
  });

  describe("after the limit of failed attempts from one IP: 429 even with a valid token; the valid link works from another IP", () => {
    const cases: { name: string; failing: Call[]; valid: () => string; blocked: Call[]; other: Call }[] = [
      // The page, the API, the PDF and the files share one counter: spreading guesses over them does not help.
      { name: "review links (/r/, /r/pdf, /r/files, /api/v1/links)", failing: [rGet, aGet, rPdf, rFile, aPost, rPost], valid: () => tok.commencement.valid, blocked: [rGet, rPost, rPdf, rFile, aGet, aPost], other: rGet },
      { name: "acceptance link", failing: [aGet, rGet], valid: () => tok.acceptance.valid, blocked: [rGet, aGet, aPost], other: aGet },
      { name: "quote link /q/", failing: [qGet, qPost], valid: () => tok.quote.valid, blocked: [qGet, qPost], other: qGet },
      { name: "service quote /sq/", failing: [sqGet, sqPost], valid: () => tok.serviceQuote.valid, blocked: [sqGet, sqPost], other: sqGet },
      { name: "survey link (/sv/ and /api/v1/survey-links)", failing: [svGet, svApiGet, svPost, svApiPost], valid: () => tok.survey.valid, blocked: [svGet, svPost, svApiGet, svApiPost], other: svApiGet },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const ip = freshIp();
        for (let i = 0; i < LIMIT; i++) {
          const o = await c.failing[i % c.failing.length](`guess${String(i).padStart(3, "0")}AAAAAAAAAAAAAAAAAAAAAA`, ip);
          expect(o.status, `attempt ${i + 1}: ${show(o)}`).toBe(404);
        }
        const before = await fingerprint(db);
        for (const call of c.blocked) {
          const withValid = await call(c.valid(), ip);
          const withGuess = await call("guessNextAAAAAAAAAAAAAAAAAAAAAA", ip);
          expect(withValid.status, show(withValid)).toBe(429);
          // A valid token over the limit looks exactly like a guess over the limit.
          expect(show(withValid)).toBe(show(withGuess));
        }
        // Blocked requests neither decide nor open anything.
        expect(changedTables(before, await fingerprint(db))).toEqual([]);
        expect((await c.other(c.valid(), freshIp())).status).toBe(200);
      });
    }
  });

  it(`runs on ${testDriver()}`, () => expect(["pglite", "postgres"]).toContain(testDriver()));
});
