// The pm's side of the settlement (工程结算书): a project driven to handover through the statechart,
// then the draft saved through the page intent and the API — totals to the fen, retention 3 %
// half-up, its due date by the Civil Code; bad input refused beside the fields with the values
// kept and nothing written; only the project's pm writes; a stale form is told (409); a submitted
// settlement is locked until revised (version 2, lines copied); the PDFs print the figures and the
// uppercase exactly as rmbInWords writes them; the client party and service users get 404.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { reach } from "#machines/fixtures";
import { translate } from "~/i18n";
import { addDays, addMonthsCivil, shanghaiDate } from "~/lib/calendar";
import { fenToInput, formatFen, parseSignedAmountToFen } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import { createSession, type SessionUser } from "~/lib/session.server";
import * as apiSettlement from "~/routes/api.v1.projects.$projectId.settlement._index";
import * as apiStatement from "~/routes/api.v1.projects.$projectId.settlement.statement[.]pdf";
import * as applicationRoute from "~/routes/projects.$projectId.settlement.payment-application[.]pdf";
import * as statementRoute from "~/routes/projects.$projectId.settlement.statement[.]pdf";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { decodeMessage } from "~/services/acceptance/records-shared";
import { canReadKind } from "~/services/documents/document-access.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";
import { handleSettlementDraftIntent } from "~/services/settlement/settlement-draft-actions.server";
import type { SettlementIntentResult } from "~/services/settlement/settlement-intent";
import { loadSettlement } from "~/services/settlement/settlement-load.server";
import { issuePaymentApplication, issueSettlementStatement } from "~/services/settlement/settlement-pdfs.server";
import { saveSettlementDraft } from "~/services/settlement/settlement-save.server";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { pdfText } from "../support/pdf";
import { statusOf, thrown } from "../support/route-results";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { constructionProject, meetPreconditions } from "./acceptance-fixture";

const info = { ip: "127.0.0.1", userAgent: "vitest" };
const today = () => shanghaiDate(new Date().toISOString());
type Failure = Extract<SettlementIntentResult, { ok: false }>;
type Fixture = Awaited<ReturnType<typeof constructionProject>>;
type Line = { kind: string; number?: string; reason: string; amount: string; approvedBy?: string; approvedOn?: string };

/** 1,234,567.89 + 12,345.67 − 1,000.00 − 2,500.50 = 1,243,413.06; 3 % = 37,302.3918 → 37,302.39. */
const LINES: Line[] = [
  { kind: "variation", number: "BG-001", reason: "新增会议室新风支管", amount: "12,345.67", approvedBy: "李总监", approvedOn: "2026-10-12" },
  { kind: "siteInstruction", number: "QZ-002", reason: "取消三层一处风口", amount: "-1000", approvedBy: "陈代表", approvedOn: "" },
  { kind: "deduction", number: "KK-001", reason: "工期延误扣款", amount: "-2500.50", approvedBy: "", approvedOn: "" },
];
const FINAL_FEN = 124_341_306;
const RETENTION_FEN = 3_730_239;

function fields(over: Record<string, string> = {}, lines: Line[] = LINES): Record<string, string> {
  const out: Record<string, string> = {
    contractAmount: "1234567.89",
    retentionMode: "rate",
    retentionRate: "3",
    defectMonths: "12",
    guaranteeNote: "",
    paidBefore: "500,000.00",
    paymentDueOn: addDays(today(), 30),
    basis: "依据施工合同 HT-2026-018 及经批准的变更、签证编制。",
    payeeBank: "中国工商银行广州天河支行",
    payeeAccount: "3602 0012 0900 1234 567",
  };
  lines.forEach((l, i) => {
    out[`lines.${i}.kind`] = l.kind;
    out[`lines.${i}.number`] = l.number ?? "";
    out[`lines.${i}.reason`] = l.reason;
    out[`lines.${i}.amount`] = l.amount;
    out[`lines.${i}.approvedBy`] = l.approvedBy ?? "";
    out[`lines.${i}.approvedOn`] = l.approvedOn ?? "";
  });
  return { ...out, ...over };
}

/** The same draft as an API body (lines an array; JSON numbers allowed). */
function body(over: Record<string, unknown> = {}) {
  return {
    contractAmount: 1234567.89,
    retentionMode: "rate",
    retentionRate: 3,
    defectMonths: 12,
    paidBefore: "500000",
    paymentDueOn: addDays(today(), 30),
    basis: "依据施工合同编制。",
    payeeBank: "中国工商银行广州天河支行",
    payeeAccount: "360200120900123456",
    lines: LINES.map((l) => ({ ...l, approvedOn: l.approvedOn || null })),
    ...over,
  };
}

describe(`settlement draft (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let f: Fixture;
  let finance: SessionUser;
  let management: SessionUser;
  let admin: SessionUser;
  let service: SessionUser;
  let clientUser: SessionUser;
  let supervisorUser: SessionUser;
  const tokens = new Map<string, string>();

  async function stateOf(projectId: string) {
    const [p] = await db.select().from(s.projects).where(eq(s.projects.id, projectId));
    return p;
  }
  const versionsOf = (projectId: string) => db.select().from(s.settlements).where(eq(s.settlements.projectId, projectId)).orderBy(asc(s.settlements.version));
  const linesOf = (settlementId: string) => db.select().from(s.settlementLines).where(eq(s.settlementLines.settlementId, settlementId)).orderBy(asc(s.settlementLines.position));

  /** A party's approval as its signing link records it: the signature row, then SIGN. */
  async function sign(projectId: string, party: "supervisor" | "client" | "designer", name: string) {
    const [plan] = await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, projectId));
    const result = await applyEvent(db, {
      projectId, type: "SIGN", payload: { opinion: "合格" },
      actor: { userId: null, role: party, party, label: name }, info,
      record: async (tx) => {
        await tx.insert(s.signatures).values({
          projectId, documentKind: "completion", documentVersion: plan.round, party, signerName: name, organisation: `${party}单位`,
          opinion: "合格", contentSha256: "0".repeat(64), signerRole: "代表", typedSignature: name,
        });
      },
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  /** A project in construction driven through acceptance to handover by the statechart. */
  async function handoverProject(): Promise<Fixture> {
    const fx = await constructionProject(db);
    await meetPreconditions(db, fx.project.id, fx.pm.id);
    const requested = await applyEvent(db, {
      projectId: fx.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today(), startTime: "09:30", place: "项目部会议室" },
      actor: { userId: fx.pm.id, role: "pm", label: fx.pm.name }, info,
    });
    expect(requested.ok, JSON.stringify(requested)).toBe(true);
    await sign(fx.project.id, "supervisor", "李总监");
    await sign(fx.project.id, "client", "陈代表");
    await sign(fx.project.id, "designer", "周设计");
    const project = await stateOf(fx.project.id);
    expect(project.stage).toBe("handover");
    expect((project.snapshot as { context: { acceptedOn: string } }).context.acceptedOn).toBe(today());
    return fx;
  }

  /** Posts the editor's form as the settlement page's action passes it on. */
  async function post(user: SessionUser, projectId: string, form: Record<string, string>): Promise<SettlementIntentResult> {
    const fd = new FormData();
    for (const [k, v] of Object.entries(form)) fd.append(k, v);
    const request = new Request(`http://localhost/projects/${projectId}/settlement?intent=saveDraft`, { method: "POST", body: fd });
    const access = await requireSettlementAccess(db, user, projectId);
    const result = await handleSettlementDraftIntent("saveDraft", { request, db, user, access, info, locale: "zh-CN" });
    if (!result) throw new Error("saveDraft not handled");
    return result;
  }
  const failed = (r: SettlementIntentResult): Failure => {
    expect(r.ok, JSON.stringify(r)).toBe(false);
    return r as Failure;
  };
  const errorKey = (r: SettlementIntentResult, field: string) => decodeMessage(failed(r).errors[field] ?? "").key;
  /** The form as the page draws it now: the latest version's updatedAt in the hidden field. */
  async function currentStamp(projectId: string) {
    const versions = await versionsOf(projectId);
    return versions.length ? versions[versions.length - 1].updatedAt.toISOString() : "";
  }

  async function tokenFor(user: SessionUser) {
    if (!tokens.has(user.id)) tokens.set(user.id, (await issueApiToken(db, { userId: user.id, name: "t" })).token);
    return tokens.get(user.id)!;
  }
  async function apiRequest(user: SessionUser, method: string, path: string, json?: unknown, lang = "zh-CN") {
    const headers: Record<string, string> = { Authorization: `Bearer ${await tokenFor(user)}`, "Accept-Language": lang };
    if (json !== undefined) headers["Content-Type"] = "application/json";
    return new Request(`http://localhost/api/v1${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  }
  const args = (request: Request, projectId: string) => ({ request, params: { projectId }, context: {} }) as never;
  const cookie = async (u: { id: string }) => (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    await makeCompany(db, "own", "广州优氧环境科技有限公司");
    finance = await makeUser(db, ["finance"], { name: "赵会计" });
    management = await makeUser(db, ["management"]);
    admin = await makeUser(db, ["admin"]);
    service = await makeUser(db, ["service"]);
    clientUser = await makeUser(db, ["client"]);
    supervisorUser = await makeUser(db, ["supervisor"]);
    f = await handoverProject();
    await db.insert(s.projectMembers).values([
      { projectId: f.project.id, userId: clientUser.id, party: "client" },
      { projectId: f.project.id, userId: supervisorUser.id, party: "supervisor" },
    ]);
  }, 60_000);
  afterAll(async () => t?.drop());

  it("the signed-amount parser: signs, ¥ and commas; refuses 3 decimals, exponents, NaN, empty and > ¥100 billion", () => {
    expect(parseSignedAmountToFen("-1,200.5")).toEqual({ ok: true, fen: -120050 });
    expect(parseSignedAmountToFen("+300")).toEqual({ ok: true, fen: 30000 });
    expect(parseSignedAmountToFen("¥-12.34")).toEqual({ ok: true, fen: -1234 });
    expect(parseSignedAmountToFen("－8")).toEqual({ ok: true, fen: -800 });
    expect(parseSignedAmountToFen("-0")).toEqual({ ok: true, fen: 0 });
    expect(parseSignedAmountToFen("100000000000.00")).toEqual({ ok: true, fen: 10_000_000_000_000 });
    for (const bad of ["1.005", "1e21", "NaN", "Infinity", "--1", "+-1", "1.", ".5", "abc"]) expect(parseSignedAmountToFen(bad), bad).toEqual({ ok: false, error: "invalid" });
    expect(parseSignedAmountToFen("")).toEqual({ ok: false, error: "required" });
    expect(parseSignedAmountToFen("100000000000.01")).toEqual({ ok: false, error: "tooLarge" });
  });

  it("who reads: the pm, finance, management, admin; the client and supervisor parties, service users and another pm get 404", async () => {
    const pmAccess = await requireSettlementAccess(db, f.pm, f.project.id);
    expect(pmAccess).toMatchObject({ isPm: true, isFinance: false, canRead: true, editRefusal: null });
    expect(await requireSettlementAccess(db, finance, f.project.id)).toMatchObject({ isPm: false, isFinance: true, canRead: true, editRefusal: "error.forbidden" });
    expect((await requireSettlementAccess(db, management, f.project.id)).editRefusal).toBe("error.forbidden");
    expect((await requireSettlementAccess(db, admin, f.project.id)).canRead).toBe(true);
    for (const u of [clientUser, supervisorUser, service, await makeUser(db, ["pm"])]) {
      expect(statusOf(await thrown(requireSettlementAccess(db, u, f.project.id))), u.roles.join()).toBe(404);
    }
    expect(canReadKind(service, f.project, "settlementStatement")).toBe(false);
    expect(canReadKind(clientUser, f.project, "paymentApplication")).toBe(false);
    expect(canReadKind(finance, f.project, "paymentApplication")).toBe(true);
  });

  it("before acceptance the pm cannot save: settlement.notYet, nothing written", async () => {
    const early = await constructionProject(db);
    const access = await requireSettlementAccess(db, early.pm, early.project.id);
    expect(access.editRefusal).toBe("settlement.notYet");
    const r = await post(early.pm, early.project.id, fields({ settlementUpdatedAt: "" }));
    expect(failed(r).formError).toBe("settlement.notYet");
    expect(failed(r).values).toMatchObject({ contractAmount: "1234567.89" });
    expect(await versionsOf(early.project.id)).toHaveLength(0);
  });

  it("a new draft starts from the client contract: amount, 3 %, 12 months, due in 30 days, the contract number in the basis", async () => {
    const view = await loadSettlement(db, await requireSettlementAccess(db, f.pm, f.project.id));
    expect(view.latest).toBeNull();
    expect(view.state).toBe("draft");
    expect(view.prefill).toMatchObject({
      contractAmount: fenToInput(f.project.clientContractAmountFen), retentionMode: "rate", retentionRate: "3", defectMonths: "12",
      paidBefore: "0.00", paymentDueOn: addDays(today(), 30), lines: [],
    });
    expect(view.prefill!.basis).toContain(f.project.clientContractNo);
    expect(view.formValues).toEqual(view.prefill);
  });

  it("bad input is refused beside each field, with the values (rows included) kept and nothing written", async () => {
    const r = await post(f.pm, f.project.id, fields({ contractAmount: "-100", retentionRate: "3.5", defectMonths: "25", settlementUpdatedAt: "" }, [
      { kind: "variation", reason: "三位小数", amount: "1.005", approvedBy: "" },
      { kind: "siteInstruction", reason: "指数", amount: "1e21", approvedBy: "陈代表" },
      { kind: "variation", reason: "非数字", amount: "NaN", approvedBy: "李总监" },
      { kind: "deduction", reason: "空金额", amount: "" },
      { kind: "deduction", reason: "正数扣款", amount: "200" },
    ]));
    const fail = failed(r);
    expect(fail.formError).toBe("form.fixErrors");
    expect(errorKey(r, "contractAmount")).toBe("settlement.contract.negative");
    expect(errorKey(r, "lines.0.amount")).toBe("settlement.amount.invalid");
    expect(errorKey(r, "lines.0.approvedBy")).toBe("settlement.line.approvalRequired");
    expect(errorKey(r, "lines.1.amount")).toBe("settlement.amount.invalid");
    expect(errorKey(r, "lines.2.amount")).toBe("settlement.amount.invalid");
    expect(errorKey(r, "lines.3.amount")).toBe("form.required");
    expect(errorKey(r, "lines.4.amount")).toBe("settlement.line.deductionPositive");
    expect(errorKey(r, "retentionRate")).toBe("settlement.retention.rateTooHigh");
    expect(errorKey(r, "defectMonths")).toBe("settlement.retention.defectMonthsTooLong");
    const values = fail.values as { contractAmount: string; lines: { amount: string; reason: string }[] };
    expect(values.contractAmount).toBe("-100");
    expect(values.lines.map((l) => l.amount)).toEqual(["1.005", "1e21", "NaN", "", "200"]);
    expect(values.lines[4].reason).toBe("正数扣款");

    // Each alone, so the message is not hidden behind another.
    const alone = async (over: Record<string, string>, field: string) => errorKey(await post(f.pm, f.project.id, fields({ ...over, settlementUpdatedAt: "" })), field);
    expect(await alone({ contractAmount: "-100" }, "contractAmount")).toBe("settlement.contract.negative");
    expect(await alone({ contractAmount: "100000000000.01" }, "contractAmount")).toBe("settlement.amount.tooLarge");
    expect(await alone({ defectMonths: "11" }, "defectMonths")).toBe("settlement.retention.defectMonthsTooShort");
    expect(await alone({ retentionMode: "guarantee", guaranteeNote: "" }, "guaranteeNote")).toBe("settlement.retention.guaranteeNoteRequired");
    expect(await alone({ payeeAccount: "abc" }, "payeeAccount")).toBe("settlement.payee.accountInvalid");
    expect(await alone({ paymentDueOn: "2026-02-30" }, "paymentDueOn")).toBe("form.invalidDate");
    expect(await alone({ contractAmount: "1000", "lines.0.amount": "-12345.67" }, "finalTotal")).toBe("settlement.finalTotal.notPositive");

    // Paid before above what is due before the retention: 1,243,413.06 − 37,302.39 = 1,206,110.67.
    const over = await post(f.pm, f.project.id, fields({ paidBefore: "1206110.68", settlementUpdatedAt: "" }));
    expect(errorKey(over, "paidBefore")).toBe("settlement.paid.exceedsDue");
    expect(decodeMessage(failed(over).errors.paidBefore).params).toEqual({ due: "¥1,206,110.67" });
    expect(translate("zh-CN", "settlement.paid.exceedsDue", { due: "¥1,206,110.67" })).toContain("¥1,206,110.67");

    expect(await versionsOf(f.project.id)).toHaveLength(0);
  });

  it("saves version 1: totals to the fen, retention 3 % half-up, due 12 months after acceptance; a later save replaces it", async () => {
    const projectVersion = (await stateOf(f.project.id)).version;
    const r = await post(f.pm, f.project.id, fields({ settlementUpdatedAt: "" }));
    expect(r).toEqual({ intent: "saveDraft", ok: true, notice: "settlement.saved" });
    const [v1] = await versionsOf(f.project.id);
    expect(v1).toMatchObject({
      version: 1, status: "draft", contractAmountFen: 123_456_789, totalFen: FINAL_FEN, retentionMode: "rate", retentionBasisPoints: 300,
      retentionFen: RETENTION_FEN, retentionDueOn: addMonthsCivil(today(), 12), defectMonths: 12, paidBeforeFen: 50_000_000,
      paymentDueOn: addDays(today(), 30), payeeAccount: "3602 0012 0900 1234 567", preparedBy: f.pm.id,
    });
    expect((await linesOf(v1.id)).map((l) => [l.position, l.kind, l.amountFen, l.approvedBy, l.approvedOn])).toEqual([
      [0, "variation", 1_234_567, "李总监", "2026-10-12"],
      [1, "siteInstruction", -100_000, "陈代表", null],
      [2, "deduction", -250_050, "", null],
    ]);
    // The project row is the statechart's: a draft save does not touch it.
    expect((await stateOf(f.project.id)).version).toBe(projectVersion);

    const view = await loadSettlement(db, await requireSettlementAccess(db, f.pm, f.project.id));
    expect(view.latest!.figures).toEqual({
      contractAmountFen: 123_456_789, variationsFen: 1_134_567, deductionsFen: -250_050, finalTotalFen: FINAL_FEN, retentionBasisPoints: 300,
      retentionFen: RETENTION_FEN, retentionDueOn: addMonthsCivil(today(), 12), paidFen: 50_000_000, payableNowFen: FINAL_FEN - RETENTION_FEN - 50_000_000,
    });
    expect(view.latest!.words).toEqual({ finalTotal: rmbInWords(FINAL_FEN), payableNow: rmbInWords(70_611_067) });
    expect(view.latest!.words.finalTotal).toBe("人民币壹佰贰拾肆万叁仟肆佰壹拾叁元零陆分");
    expect(view.formValues.lines[1]).toEqual({ kind: "siteInstruction", number: "QZ-002", reason: "取消三层一处风口", amount: "-1000.00", approvedBy: "陈代表", approvedOn: "" });
    expect(view.prefill).toBeNull();
    expect(view.versions).toEqual([{ version: 1, status: "draft", totalFen: FINAL_FEN, submittedAt: null, decidedAt: null, financeComment: "", decidedByName: null }]);

    // Drop the deduction, switch to a guarantee: no retention, nothing falls due.
    const again = await post(f.pm, f.project.id, fields({ retentionMode: "guarantee", guaranteeNote: "工商银行履约保函 BH-2026-77，¥37,302.39，有效期两年", settlementUpdatedAt: view.latest!.updatedAt }, LINES.slice(0, 2)));
    expect(again.ok).toBe(true);
    const [replaced, ...none] = await versionsOf(f.project.id);
    expect(none).toHaveLength(0);
    expect(replaced).toMatchObject({ id: v1.id, version: 1, totalFen: FINAL_FEN + 250_050, retentionMode: "guarantee", retentionFen: 0, retentionDueOn: null });
    expect(await linesOf(v1.id)).toHaveLength(2);
  });

  it("the defect-liability period ends by the Civil Code: the corresponding day, or the month's last day", async () => {
    const pm = await makeUser(db, ["pm"]);
    const snapshot = reach("handover");
    snapshot.context = { ...snapshot.context, acceptedOn: "2024-08-31" };
    const project = await makeProject(db, pm, { stage: "handover", snapshot });
    const r = await post(pm, project.id, fields({ defectMonths: "18", settlementUpdatedAt: "" }));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect((await versionsOf(project.id))[0].retentionDueOn).toBe("2026-02-28");
    const stamp = await currentStamp(project.id);
    expect((await post(pm, project.id, fields({ defectMonths: "24", settlementUpdatedAt: stamp }))).ok).toBe(true);
    expect((await versionsOf(project.id))[0].retentionDueOn).toBe("2026-08-31");

    // Paid in full before retention: nothing payable now, so no payment application.
    const stamp2 = await currentStamp(project.id);
    expect((await post(pm, project.id, fields({ paidBefore: fenToInput(FINAL_FEN - RETENTION_FEN), settlementUpdatedAt: stamp2 }))).ok).toBe(true);
    expect(await issuePaymentApplication(db, { projectId: project.id, userId: pm.id })).toBeNull();
    const response = await thrown(applicationRoute.loader({ request: new Request("http://localhost/x", { headers: { Cookie: await cookie(pm) } }), params: { projectId: project.id }, context: {} } as never));
    expect(statusOf(response)).toBe(404);
    // The payee account is remembered for the next project's new draft.
    const next = await makeProject(db, pm, { stage: "handover", snapshot });
    const view = await loadSettlement(db, await requireSettlementAccess(db, pm, next.id));
    expect(view.prefill).toMatchObject({ payeeBank: "中国工商银行广州天河支行", payeeAccount: "3602 0012 0900 1234 567" });
  });

  it("only the project's pm saves: finance and management are refused (403), nothing written", async () => {
    const before = await versionsOf(f.project.id);
    for (const u of [finance, management]) {
      const r = await post(u, f.project.id, fields({ contractAmount: "1", settlementUpdatedAt: await currentStamp(f.project.id) }));
      expect(failed(r).formError).toBe("error.forbidden");
    }
    const direct = await saveSettlementDraft(db, { access: await requireSettlementAccess(db, admin, f.project.id), user: admin, input: fields() });
    expect(direct).toMatchObject({ ok: false, status: 403, formError: "error.forbidden" });
    expect(await versionsOf(f.project.id)).toEqual(before);
  });

  it("a stale form (someone saved meanwhile) is told with 409; what was typed is kept, nothing written", async () => {
    const stamp = await currentStamp(f.project.id);
    expect((await post(f.pm, f.project.id, fields({ settlementUpdatedAt: stamp }))).ok).toBe(true);
    const after = await versionsOf(f.project.id);
    const stale = await post(f.pm, f.project.id, fields({ contractAmount: "999", settlementUpdatedAt: stamp }));
    expect(failed(stale).formError).toBe("settlement.changedMeanwhile");
    expect(failed(stale).values).toMatchObject({ contractAmount: "999" });
    const none = await post(f.pm, f.project.id, fields({ contractAmount: "999", settlementUpdatedAt: "" }));
    expect(failed(none).formError).toBe("settlement.changedMeanwhile");
    const direct = await saveSettlementDraft(db, { access: await requireSettlementAccess(db, f.pm, f.project.id), user: f.pm, input: fields(), expectedUpdatedAt: stamp });
    expect(direct).toMatchObject({ ok: false, status: 409 });
    expect(await versionsOf(f.project.id)).toEqual(after);
    expect(after[0].contractAmountFen).toBe(123_456_789);
  });

  it("the PDFs: the statement prints the project, the totals and the uppercase exactly as rmbInWords; the application this period's amount", async () => {
    const statement = (await issueSettlementStatement(db, { projectId: f.project.id, userId: f.pm.id }))!;
    expect(statement.number).toBe(`JS-${f.project.code}-V1`);
    const text = await pdfText((await getDocumentFile(db, statement))!.bytes);
    const flat = text.replace(/\s+/g, "");
    expect(text).toContain("工程结算书");
    expect(flat).toContain(f.project.name);
    expect(flat).toContain(f.project.code);
    expect(flat).toContain(formatFen(FINAL_FEN));
    expect(flat).toContain(formatFen(123_456_789));
    expect(flat).toContain(`大写：${rmbInWords(FINAL_FEN)}`);
    expect(flat).toContain(formatFen(FINAL_FEN - RETENTION_FEN - 50_000_000));
    expect(flat).toContain(rmbInWords(FINAL_FEN - RETENTION_FEN - 50_000_000));
    expect(flat).toContain("新增会议室新风支管");
    expect(flat).toContain(f.project.clientContractNo);
    expect(flat).toContain("广州优氧环境科技有限公司");
    // Unchanged data: the same document.
    expect((await issueSettlementStatement(db, { projectId: f.project.id, userId: f.pm.id }))!.id).toBe(statement.id);

    const application = (await issuePaymentApplication(db, { projectId: f.project.id, userId: f.pm.id }))!;
    expect(application.number).toBe(`FK-${f.project.code}-V1`);
    const appText = (await pdfText((await getDocumentFile(db, application))!.bytes)).replace(/\s+/g, "");
    const payable = FINAL_FEN - RETENTION_FEN - 50_000_000;
    expect(appText).toContain("付款申请表");
    expect(appText).toContain(formatFen(payable));
    expect(appText).toContain(rmbInWords(payable));
    expect(appText).toContain("中国工商银行广州天河支行");
    expect(appText).toContain("工程结算书");
    expect(appText).toContain("竣工验收单");
    expect(appText).toContain(formatFen(50_000_000));

    const view = await loadSettlement(db, await requireSettlementAccess(db, f.pm, f.project.id));
    expect(view.documents.map((d) => [d.kind, d.number]).sort()).toEqual([["paymentApplication", application.number], ["settlementStatement", statement.number]]);

    // The routes: the pm and finance get the PDF; the client party and service users 404.
    const get = async (u: { id: string }) =>
      statementRoute.loader({ request: new Request("http://localhost/x", { headers: { Cookie: await cookie(u) } }), params: { projectId: f.project.id }, context: {} } as never).catch((e: unknown) => e);
    const ok = (await get(f.pm)) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("application/pdf");
    expect(statusOf(await get(finance))).toBe(200);
    expect(statusOf(await get(clientUser))).toBe(404);
    expect(statusOf(await get(service))).toBe(404);
    const api = await apiStatement.loader(args(await apiRequest(f.pm, "GET", `/projects/${f.project.id}/settlement/statement.pdf`), f.project.id));
    expect(api.headers.get("Content-Type")).toBe("application/pdf");
    expect((await apiStatement.loader(args(await apiRequest(clientUser, "GET", `/projects/${f.project.id}/settlement/statement.pdf`), f.project.id))).status).toBe(404);
  }, 30_000);

  it("submitted, the draft is locked; returned, it is editable (stays 'returned'); revised, version 2 (lines copied) is the one edited", async () => {
    const submit = await sendProjectEvent(db, { projectId: f.project.id, user: f.pm, type: "SUBMIT_SETTLEMENT", json: {}, expectedVersion: (await stateOf(f.project.id)).version, info, locale: "zh-CN" });
    expect(submit, JSON.stringify(submit)).toMatchObject({ ok: true });
    expect((await versionsOf(f.project.id))[0].status).toBe("submitted");
    expect((await requireSettlementAccess(db, f.pm, f.project.id)).editRefusal).toBe("settlement.locked");
    const locked = await post(f.pm, f.project.id, fields({ contractAmount: "1", settlementUpdatedAt: await currentStamp(f.project.id) }));
    expect(failed(locked).formError).toBe("settlement.locked");
    expect(failed(locked).values).toMatchObject({ contractAmount: "1" });

    const returned = await sendProjectEvent(db, { projectId: f.project.id, user: finance, type: "RETURN_SETTLEMENT", json: { comment: "变更单 BG-001 缺少签字页" }, info, locale: "zh-CN" });
    expect(returned, JSON.stringify(returned)).toMatchObject({ ok: true });
    const fixed = await post(f.pm, f.project.id, fields({ settlementUpdatedAt: await currentStamp(f.project.id) }, [{ ...LINES[0], reason: "新增会议室新风支管（附签字页）" }, ...LINES.slice(1)]));
    expect(fixed.ok, JSON.stringify(fixed)).toBe(true);
    const [v1] = await versionsOf(f.project.id);
    expect(v1).toMatchObject({ status: "returned", financeComment: "变更单 BG-001 缺少签字页", version: 1 });
    const shown = await loadSettlement(db, await requireSettlementAccess(db, f.pm, f.project.id));
    expect(shown.versions[0]).toMatchObject({ status: "returned", financeComment: "变更单 BG-001 缺少签字页", decidedByName: "赵会计" });

    expect(await sendProjectEvent(db, { projectId: f.project.id, user: f.pm, type: "SUBMIT_SETTLEMENT", json: {}, info, locale: "zh-CN" })).toMatchObject({ ok: true });
    const revise = await sendProjectEvent(db, { projectId: f.project.id, user: f.pm, type: "REVISE_SETTLEMENT", json: { reason: "补充一项签证" }, info, locale: "zh-CN" });
    expect(revise, JSON.stringify(revise)).toMatchObject({ ok: true });
    const [old, v2] = await versionsOf(f.project.id);
    expect(old.status).toBe("superseded");
    expect(v2).toMatchObject({ version: 2, status: "draft", totalFen: FINAL_FEN });
    expect((await linesOf(v2.id)).map((l) => l.reason)).toEqual((await linesOf(old.id)).map((l) => l.reason));
    expect((await requireSettlementAccess(db, f.pm, f.project.id)).editRefusal).toBeNull();

    const extra: Line = { kind: "siteInstruction", number: "QZ-005", reason: "增加一处检修口", amount: "800", approvedBy: "李总监", approvedOn: today() };
    const saved = await post(f.pm, f.project.id, fields({ settlementUpdatedAt: v2.updatedAt.toISOString() }, [...LINES, extra]));
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const after = await versionsOf(f.project.id);
    expect(after.map((v) => [v.version, v.status, v.totalFen])).toEqual([[1, "superseded", FINAL_FEN], [2, "draft", FINAL_FEN + 80_000]]);
    expect(await linesOf(old.id)).toHaveLength(3);
    expect(await linesOf(v2.id)).toHaveLength(4);
  }, 30_000);

  it("the API: GET the view, PUT the draft with the same messages (English with Accept-Language: en), 409 when stale, 404 for the client party", async () => {
    const got = await apiSettlement.loader(args(await apiRequest(f.pm, "GET", `/projects/${f.project.id}/settlement`), f.project.id));
    expect(got.status).toBe(200);
    const { settlement, editable } = (await got.json()) as { settlement: { latest: { version: number; updatedAt: string; figures: { finalTotalFen: number } } }; editable: boolean };
    expect(editable).toBe(true);
    expect(settlement.latest.version).toBe(2);

    const bad = await apiSettlement.action(args(await apiRequest(f.pm, "PUT", `/projects/${f.project.id}/settlement`, body({
      expectedUpdatedAt: settlement.latest.updatedAt, contractAmount: 1e21, retentionRate: "3.5",
      lines: [{ kind: "variation", reason: "无人批准", amount: 100.005 }, { kind: "deduction", reason: "扣款", amount: 300, approvedBy: "" }],
    }), "en"), f.project.id));
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { error: { code: string; fieldErrors: Record<string, string> } };
    expect(badBody.error.code).toBe("VALIDATION");
    expect(badBody.error.fieldErrors).toMatchObject({
      contractAmount: translate("en", "settlement.amount.invalid"),
      retentionRate: translate("en", "settlement.retention.rateTooHigh"),
      "lines.0.amount": translate("en", "settlement.amount.invalid"),
      "lines.0.approvedBy": translate("en", "settlement.line.approvalRequired"),
      "lines.1.amount": translate("en", "settlement.line.deductionPositive"),
    });
    const zh = await apiSettlement.action(args(await apiRequest(f.pm, "PUT", `/projects/${f.project.id}/settlement`, body({ expectedUpdatedAt: settlement.latest.updatedAt, paidBefore: "99999999" })), f.project.id));
    expect(((await zh.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.paidBefore).toContain("已付金额超过了结算总价扣除质量保证金后的应付金额");

    const put = await apiSettlement.action(args(await apiRequest(f.pm, "PUT", `/projects/${f.project.id}/settlement`, body({ expectedUpdatedAt: settlement.latest.updatedAt })), f.project.id));
    expect(put.status).toBe(200);
    const saved = (await put.json()) as { ok: boolean; settlement: { latest: { version: number; figures: { finalTotalFen: number; retentionFen: number }; words: { finalTotal: string } } } };
    expect(saved.settlement.latest).toMatchObject({ version: 2, figures: { finalTotalFen: FINAL_FEN, retentionFen: RETENTION_FEN }, words: { finalTotal: rmbInWords(FINAL_FEN) } });

    const stale = await apiSettlement.action(args(await apiRequest(f.pm, "PUT", `/projects/${f.project.id}/settlement`, body({ expectedUpdatedAt: settlement.latest.updatedAt }), "en"), f.project.id));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toBe(translate("en", "settlement.changedMeanwhile"));

    const byFinance = await apiSettlement.action(args(await apiRequest(finance, "PUT", `/projects/${f.project.id}/settlement`, body()), f.project.id));
    expect(byFinance.status).toBe(403);
    expect((await apiSettlement.loader(args(await apiRequest(finance, "GET", `/projects/${f.project.id}/settlement`), f.project.id))).status).toBe(200);
    expect((await apiSettlement.loader(args(await apiRequest(clientUser, "GET", `/projects/${f.project.id}/settlement`), f.project.id))).status).toBe(404);
    expect((await apiSettlement.action(args(await apiRequest(clientUser, "PUT", `/projects/${f.project.id}/settlement`, body()), f.project.id))).status).toBe(404);
    const [, v2] = await versionsOf(f.project.id);
    expect(v2.status).toBe("draft");
    const audit = await db.select().from(s.auditEvents).where(and(eq(s.auditEvents.projectId, f.project.id), eq(s.auditEvents.event, "REVISE_SETTLEMENT")));
    expect(audit).toHaveLength(1);
  }, 30_000);
});
