// quality.md, faults and bad inputs: hostile text. One string with markup, both kinds of quotes,
// an ampersand, rare CJK characters, an emoji and right-to-left marks goes into the user-entered
// text that reaches output, and comes out:
//  (a) escaped in the HTML of the real pages (the Remix server build from Vite, rendered by the
//      request handler exactly as for a browser — markup, loader data and all), the after-sales
//      ticket page and the public /s/:code and /v/:code pages included;
//  (b) drawn in every PDF template, read back with pdftotext: the rare CJK characters are in the
//      embedded font and come back; glyphs the font lacks (the emoji) are noted, and the rest of
//      the line still prints;
//  (c) in e-mail subjects over a real SMTP round trip: decoded back to the text, no header
//      injected by a CR/LF in a project name.
import { createRequire } from "node:module";
import fs from "node:fs";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import * as fontkit from "fontkit";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { reach } from "#machines/fixtures";
import { createSession } from "~/lib/session.server";
import { createSmtpTransport, type MailTransport } from "~/lib/mail/transport.server";
import { processOutboxOnce } from "~/lib/mail/worker.server";
import { sha256Hex } from "~/lib/tokens.server";
import type { AcceptanceContent } from "~/services/acceptance/content-types";
import { applyEvent } from "~/services/projects/apply-event.server";
import { ensureServiceCode } from "~/services/service/service-code.server";
import type { CommencementContent } from "~/services/site/commencement-content.server";
import type { PaymentApplicationData, SettlementStatementData } from "~/services/settlement/settlement-types";
import type { AcceptancePdfSigner } from "../../templates/pdf/acceptance-common";
import { drawCommencement, type SignedOpinion } from "../../templates/pdf/b02-commencement";
import { drawAcceptanceApplication } from "../../templates/pdf/b10-acceptance-application";
import { drawBidComparison } from "../../templates/pdf/bid-comparison";
import { drawCompletionCertificate } from "../../templates/pdf/completion-certificate";
import { drawPaymentApplication } from "../../templates/pdf/payment-application";
import { drawServiceRecord, type ServiceRecordData } from "../../templates/pdf/service-record";
import { drawSettlementStatement } from "../../templates/pdf/settlement-statement";
import { drawWarrantyCard } from "../../templates/pdf/warranty-card";
import { comparisonFixture } from "../support/comparison-fixture";
import { makeCompany, makeProject, makeQuote, makeUser } from "../support/factories";
import { pdfText } from "../support/pdf";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const RARE = "喆堃赟昇峯犇";
const MARKUP = `<script>alert("07")</script>`;
const RLM = "\u200F";
const RLO = "\u202E";
const PDF_SAFE = `${MARKUP} “引号” "q" 'a' & ${RARE}`;
/** The whole hostile string: markup, quotes, &, rare CJK, an emoji, a right-to-left mark and override. */
const HOSTILE = `${PDF_SAFE} 🚧 ${RLM}עברית${RLO}abc\u202C`;

describe("Text with <script>, quotes, emoji, rare CJK characters (喆堃赟昇峯犇), right-to-left marks — rendered escaped in HTML, drawn correctly in PDFs, safe in e-mail headers.", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => database?.drop());

  describe(`(a) HTML pages through the Remix request handler (${testDriver()})`, () => {
    let vite: ViteDevServer;
    let handler: (request: Request, context: unknown) => Promise<Response>;
    let cookie: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      vite = await createServer({ configFile: "vite.config.ts", server: { middlewareMode: true, hmr: false }, appType: "custom", logLevel: "error" });
      const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
      handler = createRequestHandler(build, "production") as never;

      const pm = await makeUser(db, ["pm", "admin"], { name: `王${HOSTILE}` });
      cookie = (await createSession(db, pm.id, { ip: "", userAgent: "" })).split(";")[0];
      const client = await makeCompany(db, "client", `甲方${HOSTILE}`);
      const installer = await makeCompany(db, "installer", `安装${HOSTILE}`);
      await db.insert(s.contacts).values({ companyId: installer.id, name: `联系人${HOSTILE}`, email: "c@example.test", phone: "13800000000" });
      const project = await makeProject(db, pm, { name: `项目${HOSTILE}`, clientId: client.id, siteAddress: `地址${HOSTILE}`, clientContractNo: `HT${HOSTILE}` });
      await db.insert(s.projectEquipment).values({ projectId: project.id, position: 0, model: `型号${HOSTILE}`, quantity: 2, location: `位置${HOSTILE}` });
      const quote = await makeQuote(db, project.id, { vendorId: installer.id, contractingMethod: `包工${HOSTILE}` } as never);
      await db.insert(s.quoteLines).values({ quoteId: quote.id, position: 0, item: `新风机${HOSTILE}`, spec: `规格${HOSTILE}`, unit: "台", quantity: "2", unitPriceFen: 100, amountFen: 200 });
      const site = reach("construction");
      const building = await makeProject(db, pm, { name: `在建${HOSTILE}`, stage: "construction", snapshot: site, clientId: client.id });
      await db.insert(s.coordinationNotes).values({ projectId: building.id, party: "client", noteDate: "2026-11-01", content: `协调${HOSTILE}`, createdBy: pm.id });
      // After-sales: a ticket whose reporter and description are hostile, the public service-request
      // page of the project (its name and unit names printed), and the public verification page of
      // an issued document whose signers' names and organisations are hostile.
      await db.insert(s.installedUnits).values({ projectId: project.id, name: `主机${HOSTILE}`, model: "XF-1", quantity: 1, location: `机房${HOSTILE}` });
      const [ticket] = await db
        .insert(s.serviceTickets)
        .values({ number: "FW-Q7-0001", projectId: project.id, channel: "hotline", reporterName: `报修人${HOSTILE}`, contactPhone: "13800000000", siteAddress: `报修地址${HOSTILE}`, description: `故障${HOSTILE}`, contactDueAt: new Date(Date.now() + 3600_000) })
        .returning();
      const serviceCode = await ensureServiceCode(db, project.id);
      const pdfBytes = Buffer.from("%PDF-1.4\n%%EOF\n");
      const [file] = await db.insert(s.files).values({ projectId: project.id, name: "竣工验收单.pdf", mime: "application/pdf", size: pdfBytes.length, sha256: sha256Hex(pdfBytes), bytes: pdfBytes }).returning();
      const signed = "a".repeat(64);
      await db.insert(s.documents).values({ projectId: project.id, kind: "completion", version: 1, title: "竣工验收单", number: "YS-Q7-0001", shortCode: "Q7VERFY2", sha256: sha256Hex(pdfBytes), contentHash: signed, fileId: file.id, signedContentSha256: signed });
      await db.insert(s.signatures).values({ projectId: project.id, documentKind: "completion", documentVersion: 1, party: "supervisor", signerName: `签字人${HOSTILE}`, organisation: `监理${HOSTILE}`, opinion: `意见${HOSTILE}`, contentSha256: signed, signerRole: "总监", typedSignature: `签字人${HOSTILE}` });
      Object.assign(ids, { project: project.id, building: building.id, installer: installer.id, client: client.id, ticket: ticket.id, serviceCode, shortCode: "Q7VERFY2" });
    }, 120_000);
    afterAll(async () => vite?.close());

    const PAGES = () => [
      "/", "/projects", `/projects?q=${encodeURIComponent(MARKUP)}`, `/projects/${ids.project}`, `/projects/${ids.project}/edit`, `/projects/${ids.project}/bidding`,
      `/projects/${ids.project}/comparison`, `/projects/${ids.building}`, `/projects/${ids.building}/construction`, "/vendors", `/vendors/${ids.installer}`,
      "/admin/companies", `/admin/companies/${ids.client}`, `/service/tickets/${ids.ticket}`, `/s/${ids.serviceCode}`, `/v/${ids.shortCode}`,
    ];

    it("every page answers 200 and shows the hostile text escaped: no raw <script>, the rare characters intact", async () => {
      for (const path of PAGES()) {
        const res = await handler(new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), { ip: "127.0.0.1" });
        const html = await res.text();
        expect([path, res.status]).toEqual([path, 200]);
        // Neither in the markup nor in the loader data serialised into an inline script.
        expect([path, html.includes(MARKUP)]).toEqual([path, false]);
        expect([path, /<script>alert\(/i.test(html)]).toEqual([path, false]);
        expect([path, /<\/script> “引号”/.test(html)]).toEqual([path, false]);
        // Shown to the reader as text: escaped in the markup, characters intact.
        expect([path, html.includes("&lt;script&gt;alert(")]).toEqual([path, true]);
        expect([path, html.includes(RARE)]).toEqual([path, true]);
      }
    }, 180_000);

    it("the after-sales and public pages print their own hostile fields escaped (not only the signed-in user's name in the menu)", async () => {
      const escaped = (prefix: string) => `${prefix}&lt;script&gt;alert(`;
      const expected: [string, string[]][] = [
        [`/service/tickets/${ids.ticket}`, [escaped("报修人"), escaped("报修地址"), escaped("故障"), escaped("项目")]],
        [`/s/${ids.serviceCode}`, [escaped("项目"), escaped("主机")]],
        [`/v/${ids.shortCode}`, [escaped("项目"), escaped("签字人"), escaped("监理")]],
      ];
      for (const [path, texts] of expected) {
        // The public pages are fetched without a session, as a customer or a signer would.
        const headers: Record<string, string> = path.startsWith("/service/") ? { Cookie: cookie } : {};
        const res = await handler(new Request(`http://localhost${path}`, { headers }), { ip: "127.0.0.1" });
        const html = await res.text();
        expect([path, res.status]).toEqual([path, 200]);
        expect([path, html.includes(MARKUP)]).toEqual([path, false]);
        for (const text of texts) expect([path, text, html.includes(text)]).toEqual([path, text, true]);
      }
    }, 60_000);
  });

  describe("(b) PDFs: drawn, extractable, rare CJK in the font", () => {
    const require = createRequire(import.meta.url);
    const font = fontkit.create(fs.readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"))) as fontkit.Font;
    const meta = { number: `NO-${RARE}`, shortCode: "ABCDEFGH", verifyUrl: "http://localhost/v/ABCDEFGH", version: 1, createdAt: new Date("2026-11-23T02:00:00Z"), companyName: `公司${HOSTILE}` };
    /** pdftotext output with whitespace removed: table cells may wrap a long text across lines. */
    const squash = (t: string) => t.replace(/\s+/g, "");

    it("the embedded font has every rare CJK character; it lacks the emoji (and RTL marks are format characters, not glyphs)", () => {
      for (const ch of RARE) expect([ch, font.hasGlyphForCodePoint(ch.codePointAt(0)!)]).toEqual([ch, true]);
      expect(font.hasGlyphForCodePoint("🚧".codePointAt(0)!)).toBe(false);
    });

    async function expectDrawn(name: string, pdf: Buffer, minOccurrences = 1) {
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = squash(await pdfText(pdf));
      // The markup prints as the literal characters, the rare CJK as themselves, quotes and &.
      const count = text.split(squash(PDF_SAFE)).length - 1;
      expect([name, count >= minOccurrences]).toEqual([name, true]);
      // No replacement glyphs for any of the listed CJK characters.
      expect([name, text.includes("\uFFFD")]).toEqual([name, false]);
      return text;
    }

    it("bid comparison (安装单位比价审批表)", async () => {
      const data = comparisonFixture({ companies: 4, lines: 6 });
      data.project.name = HOSTILE;
      data.companies[0].vendorName = HOSTILE;
      data.lines[0].item = HOSTILE;
      data.recommendation = { ...data.recommendation!, reason: HOSTILE };
      await expectDrawn("comparison", await drawBidComparison(data, meta), 2);
    });

    it("settlement statement (工程结算书) and payment application (付款申请表)", async () => {
      const lines = [{ kind: "variation" as const, number: `BG-${RARE}`, reason: HOSTILE, amountFen: 1_000_00, approvedBy: HOSTILE, approvedOn: "2026-09-12" }];
      const st: SettlementStatementData = {
        version: 1, project: { code: "PRJ-1", name: HOSTILE, siteAddress: HOSTILE }, client: HOSTILE, contractor: HOSTILE, contract: { number: "HT-1", signedOn: "2026-06-01" },
        acceptedOn: "2026-11-20", lines,
        figures: { contractAmountFen: 10_000_00, variationsFen: 1_000_00, deductionsFen: 0, finalTotalFen: 11_000_00, retentionBasisPoints: 300, retentionFen: 330_00, retentionDueOn: "2027-11-20", paidFen: 0, payableNowFen: 10_670_00 },
        retention: { mode: "rate", defectMonths: 12, guaranteeNote: "" }, basis: HOSTILE, preparedBy: HOSTILE, pmName: HOSTILE, financeName: null, approvedAt: null,
      } as SettlementStatementData;
      await expectDrawn("statement", await drawSettlementStatement(st, meta), 3);
      const pa: PaymentApplicationData = {
        version: 1, number: "FK-1", project: { code: "PRJ-1", name: HOSTILE }, payer: HOSTILE, payee: { name: HOSTILE, bank: HOSTILE, account: "3602000000000000001" },
        contract: { number: "HT-1", amountFen: 10_000_00 }, thisPeriodFen: 10_670_00, cumulativePaidFen: 0, attachments: [HOSTILE], appliedOn: "2026-11-22", pmName: HOSTILE, financeName: null,
      };
      await expectDrawn("payment application", await drawPaymentApplication(pa, meta), 3);
    });

    it("warranty card (质量保修卡) and service record (维修记录单)", async () => {
      const card = await drawWarrantyCard({
        project: { code: "PRJ-1", name: HOSTILE, siteAddress: HOSTILE }, client: HOSTILE, contractor: HOSTILE, acceptedOn: "2024-02-29", warrantyEndsOn: "2025-02-28", warrantyMonths: 12,
        units: [{ name: HOSTILE, model: "XF-1", quantity: 2, location: HOSTILE, serialNumbers: ["SN-1"] }], hotline: "400-000-0000", serviceUrl: "http://localhost/s/ABCDE", serviceCodeDisplay: "ABCDE FGHJK",
      }, meta);
      const cardText = await expectDrawn("warranty card", card, 2);
      // The font has no emoji (nor Hebrew) glyphs: pdfkit draws the font's .notdef glyph for them and
      // the text layer carries nothing; the characters around them print and extract normally.
      expect(cardText.includes("🚧")).toBe(false);
      expect(cardText.includes("עברית")).toBe(false);
      const t = "2026-01-05T02:00:00Z";
      const record: ServiceRecordData = {
        ticket: {
          number: "SV-202601-0001", channel: "hotline", status: "closed", reporterName: HOSTILE, contactPhone: "13800000000", siteAddress: HOSTILE, description: HOSTILE, diagnosis: HOSTILE,
          coverage: "warranty", exclusion: null, causeCategory: null, partsReplaced: HOSTILE, minutesSpent: 30, resolution: HOSTILE, customerSignerName: HOSTILE,
          receivedAt: t, contactDueAt: t, contactedAt: t, diagnosedAt: t, arrivalDueAt: t, scheduledFor: t, onSiteAt: t, resolvedAt: t, confirmedAt: t,
        },
        project: { code: "PRJ-1", name: HOSTILE, siteAddress: HOSTILE, client: HOSTILE }, unit: { name: HOSTILE, model: "XF-1", location: HOSTILE }, serialNumber: "SN-1",
        warrantyEndsOn: "2026-12-31", contract: null, quote: null, technician: HOSTILE, signaturePng: null,
      };
      await expectDrawn("service record", await drawServiceRecord(record, { exclusion: null, cause: null }, { ...meta, now: new Date(t) }), 5);
    });
    const signedOpinion = (role: string): SignedOpinion => ({ decision: "approved", opinion: HOSTILE, signerName: HOSTILE, signerRole: role, organisation: HOSTILE, signedAt: "2026-09-02T02:00:00Z", typedSignature: HOSTILE, signaturePng: null, sealImage: null });

    it("commencement application B.0.2 (工程开工报审表): project, parties, statement, crew, survey and both signed opinions", async () => {
      const content: CommencementContent = {
        form: "B.0.2", title: "工程开工报审表", round: 1, project: { code: "PRJ-1", name: HOSTILE, siteAddress: HOSTILE }, addressedTo: { client: HOSTILE, supervision: HOSTILE },
        applicant: { company: HOSTILE, pmName: HOSTILE }, plannedStartOn: "2026-09-01", statement: HOSTILE,
        certificates: [{ name: HOSTILE, kind: "合格证", number: `HG-${RARE}`, expiresOn: null, fileId: null, fileSha256: null }],
        crew: [{ name: HOSTILE, position: HOSTILE, idNumber: "440100199001010011", credentials: [] }],
        survey: { surveyedOn: "2026-08-25", siteLeadName: HOSTILE, crewLeadName: HOSTILE, conditions: HOSTILE, drawingsConfirmed: true, obstacles: [], photos: [] },
      };
      const pdf = await drawCommencement({ content, submittedOn: "2026-08-28T02:00:00Z", supervisor: signedOpinion("总监理工程师"), client: signedOpinion("建设单位代表") }, meta);
      // Project, address, both addressees, statement, certificate, crew, survey, applicant and each
      // party's organisation, opinion and signer: 20 today; a floor with room for layout changes.
      const text = await expectDrawn("commencement", pdf, 16);
      // The signer's name under the signature line (drawn without line breaks) prints in full.
      for (const role of ["总监理工程师", "建设单位代表"]) expect([role, text.includes(`${role}${squash(PDF_SAFE)}`)]).toEqual([role, true]);
    });

    function acceptanceData(): { content: AcceptanceContent; signers: AcceptancePdfSigner[]; requestedAt: string; contentSha256: string } {
      const content: AcceptanceContent = {
        form: "B.0.10", title: "竣工验收单", round: 1, project: { code: "PRJ-1", name: HOSTILE, siteAddress: HOSTILE }, contract: { number: `HT-${RARE}`, amountFen: 36_500_000, signedOn: "2026-08-20" },
        parties: { contractor: HOSTILE, installer: HOSTILE, supervision: HOSTILE, client: HOSTILE, design: HOSTILE }, pmName: HOSTILE, statement: HOSTILE,
        startedOn: "2026-09-01", completedOn: "2026-11-15", acceptance: { date: "2026-11-20", startTime: "09:30", place: HOSTILE },
        equipment: [{ name: HOSTILE, model: "XF-1", quantity: 2, location: HOSTILE, serialNumbers: ["SN-1"] }],
        commissioning: {
          inspectedOn: "2026-11-16", foremanName: HOSTILE, items: [{ name: HOSTILE, ok: true, note: HOSTILE }], trialRun: { passed: true, hours: 8, note: HOSTILE },
          system: { designM3h: 12000, measuredM3h: 11500, deviationPct: "-4.2", passed: true }, outlets: [{ location: HOSTILE, designM3h: 800, measuredM3h: 760, deviationPct: "-5.0", passed: true }], passed: true,
        },
        documents: [{ kind: "drawings", label: "竣工图", fileId: null, fileName: `${HOSTILE}.pdf`, fileSha256: "b".repeat(64) }],
        defects: [{ number: "JL-1", subject: HOSTILE, status: "closed", deadlineOn: "2026-10-01", closedOn: "2026-09-30" }],
      };
      const signer = (party: AcceptancePdfSigner["party"]): AcceptancePdfSigner => ({
        party, decision: "approved", opinion: HOSTILE, signerName: HOSTILE, signerRole: HOSTILE, organisation: HOSTILE, signedAt: "2026-11-20T03:00:00Z", signatureFileId: null, typedSignature: HOSTILE,
        sealFileId: null, contentSha256: "c".repeat(64), ip: "127.0.0.1", userAgent: HOSTILE, sentAt: null, openedAt: null, recipientEmail: null, voided: false, signaturePng: null, sealImage: null,
      });
      return { content, signers: [signer("supervisor"), signer("client"), signer("designer")], requestedAt: "2026-11-18T02:00:00Z", contentSha256: "c".repeat(64) };
    }

    it("completion certificate (竣工验收单) and B.0.10 acceptance application (单位工程竣工验收报审表): parties, equipment, signers' names, organisations and opinions", async () => {
      // Each printed field once or more (44 and 13 today, the certificate with its signing-record page).
      await expectDrawn("completion certificate", await drawCompletionCertificate(acceptanceData(), meta), 30);
      await expectDrawn("acceptance application", await drawAcceptanceApplication(acceptanceData(), meta), 10);
    });
  });

  describe(`(c) e-mail headers over SMTP (${testDriver()})`, () => {
    let smtp: TestSmtpServer;
    let transport: MailTransport;
    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      transport = createSmtpTransport(smtp.url);
    });
    afterAll(async () => {
      transport?.close();
      await smtp?.stop();
    });

    it("a stage notice for a project with the hostile name (and one with CR/LF + Bcc in it): subjects decode to the text, no header injected", async () => {
      await db.delete(s.outbox);
      const pm = await makeUser(db, ["pm"], { email: "pm07@example.test" });
      const boss = await makeUser(db, ["management"], { email: "boss07@example.test", name: HOSTILE });
      const injected = `注入\r\nBcc: evil@example.test\r\nX-Evil: 1\r\n\r\n${RARE}`;
      const names = [HOSTILE, injected];
      const codes: string[] = [];
      for (const name of names) {
        const p = await makeProject(db, pm, { name });
        codes.push(p.code);
        const r = await applyEvent(db, { projectId: p.id, type: "CANCEL", payload: { reason: HOSTILE }, actor: { userId: boss.id, role: "management", label: HOSTILE }, info: { ip: "127.0.0.1", userAgent: "vitest" } });
        expect(r.ok).toBe(true);
        const [row] = await db.select().from(s.projects).where(eq(s.projects.id, p.id));
        expect(row.stage).toBe("cancelled");
      }
      const result = await processOutboxOnce(db, { transport });
      expect(result.failed).toBe(0);
      expect(result.sent).toBeGreaterThanOrEqual(2);
      const hostileMail = smtp.received.find((m) => m.subject?.includes(RARE) && m.subject.includes(MARKUP));
      expect(hostileMail).toBeDefined();
      // The subject decodes to exactly the project name: quotes, &, emoji and the RTL marks included.
      expect(hostileMail!.subject).toBe(`【${codes[0]}】项目已取消：${HOSTILE}`);
      // The HTML body shows the markup as text.
      if (typeof hostileMail!.html === "string") expect(hostileMail!.html.includes(MARKUP)).toBe(false);
      const injectedMail = smtp.received.find((m) => m.subject?.includes("注入"));
      expect(injectedMail).toBeDefined();
      expect(injectedMail!.subject).toBe(injectedMail!.subject!.replace(/[\r\n]/g, ""));
      expect(injectedMail!.subject).toContain(`注入 Bcc: evil@example.test X-Evil: 1 ${RARE}`);
      for (const m of smtp.received) {
        expect(m.headers.has("x-evil")).toBe(false);
        expect(m.rcptTo).not.toContain("evil@example.test");
        // Every header line is 7-bit (the CJK, emoji and RTL marks travel encoded) and none was added.
        const head = m.raw.toString("latin1").split("\r\n\r\n")[0];
        expect(head).not.toMatch(/^(Bcc|X-Evil):/im);
        expect(/[^\x00-\x7f]/.test(head)).toBe(false);
      }
    });
  });
});
