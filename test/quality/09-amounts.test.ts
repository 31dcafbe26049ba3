// quality.md, faults and bad inputs: amounts. Negative, NaN, more than two decimals, 1e21,
// Infinity, empty → refused with a Chinese message next to the field and nothing written, through
// the page action and the API (as a string and as a JSON number); totals exact to the fen, checked
// against BigInt arithmetic on many generated cases (0.1-ish values, amounts near the maximum).
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { createSession } from "~/lib/session.server";
import { fenToInput, formatFen, parseAmountToFen, parseSignedAmountToFen } from "~/lib/money";
import { lineAmountFen, totalFen } from "~/lib/quote-math";
import { rmbInWords } from "~/lib/rmb-uppercase";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { MAX_ABS_AMOUNT_FEN, settlementFigures } from "~/services/settlement/settlement-math";
import * as createPage from "~/routes/projects.new";
import * as apiProjects from "~/routes/api.v1.projects._index";
import * as apiQuotes from "~/routes/api.v1.projects.$projectId.quotes";
import * as apiContracts from "~/routes/api.v1.projects.$projectId.maintenance-contracts";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { payloadOf, statusOf } from "../support/route-results";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { acceptedProject } from "../integration/warranty-fixture";

/** Each bad amount as a form would send it. */
const BAD_TEXT = ["-1", "-0.01", "NaN", "Infinity", "1.234", "0.001", "1e21", "1E3", "0x10", "", "   ", "1,000.001", "１２３", "12.3.4", "999999999999999999999"];
/** Each bad amount as a JSON body could carry it. */
const BAD_JSON: unknown[] = [-1, -0.01, 1e21, 1.234, 0.005, "NaN", "", null, "1e21", true, [], {}];
const CHINESE = /[\u4e00-\u9fff]/;

describe("Amounts: negative, NaN, more than two decimals, 1e21, empty → refused; totals exact to the fen.", () => {
  it("the amount parsers refuse every bad value, with a message key the form shows next to the field", () => {
    for (const bad of BAD_TEXT) expect([bad, parseAmountToFen(bad).ok]).toEqual([bad, false]);
    for (const bad of BAD_TEXT.filter((b) => !b.startsWith("-"))) expect([bad, parseSignedAmountToFen(bad).ok]).toEqual([bad, false]);
    expect(parseSignedAmountToFen("-0.01")).toEqual({ ok: true, fen: -1 }); // a deduction may be negative
    expect(parseSignedAmountToFen("-1e3").ok).toBe(false);
    expect(parseAmountToFen("1,234.5")).toEqual({ ok: true, fen: 123_450 });
    expect(parseAmountToFen("¥999,999,999,999.99")).toEqual({ ok: true, fen: 99_999_999_999_999 });
    expect(parseAmountToFen("1000000000000")).toEqual({ ok: false, error: "form.amountTooLarge" });
  });

  it("totals are exact to the fen: sums of many 0.1-ish lines and amounts near the maximum, against BigInt", () => {
    let seed = 20260229;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => {
        const quantityMilli = 1 + Math.floor(rand() * 10_000); // 0.001 … 10
        const unitPriceFen = [10, 1, 30, 70, 333][Math.floor(rand() * 5)] + Math.floor(rand() * 100); // 0.1-ish yuan
        return { quantityMilli, unitPriceFen, amountFen: lineAmountFen(quantityMilli, unitPriceFen) };
      });
      for (const l of lines) {
        // quantity × price in thousandths of a fen, half-up to the fen, in integers.
        const exact = (BigInt(l.quantityMilli) * BigInt(l.unitPriceFen) + 500n) / 1000n;
        expect(l.amountFen).toBe(Number(exact));
      }
      const expected = lines.reduce((sum, l) => sum + BigInt(l.amountFen), 0n);
      expect(totalFen(lines)).toBe(Number(expected));
      // The float way (0.1 + 0.2 …) would drift; the figure shown is the integer one.
      expect(formatFen(totalFen(lines))).toBe(`¥${(expected / 100n).toLocaleString("en-US")}.${String(expected % 100n).padStart(2, "0")}`);
    }
    // 0.1 yuan ten thousand times is exactly ¥1,000.00 — a float sum is not.
    const tenths = Array.from({ length: 10_000 }, () => ({ amountFen: 10 }));
    expect(totalFen(tenths)).toBe(100_000);
    expect(Array.from({ length: 10_000 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1000);

    // Settlement near the maximum: contract ¥99,999,999,999.99, variations and deductions, 3 % retention.
    for (let round = 0; round < 100; round++) {
      const contract = MAX_ABS_AMOUNT_FEN - 1 - Math.floor(rand() * 1_000_000);
      const lines = Array.from({ length: 50 }, (_, i) => ({ kind: i % 3 === 0 ? "deduction" : "variation", amountFen: (i % 3 === 0 ? -1 : 1) * (1 + Math.floor(rand() * 99_999)), reason: "r", approvedBy: "a" }));
      const f = settlementFigures({ contractAmountFen: contract, paidFen: 12_345, lines, acceptedOn: "2024-02-29", retention: { mode: "retention", basisPoints: 300, defectMonths: 12 } } as never);
      const total = BigInt(contract) + lines.reduce((a, l) => a + BigInt(l.amountFen), 0n);
      const retention = (total * 300n + 5_000n) / 10_000n;
      expect(f.finalTotalFen).toBe(Number(total));
      expect(f.retentionFen).toBe(Number(retention));
      expect(f.payableNowFen).toBe(Number(total - retention - 12_345n));
      expect(f.finalTotalFen - f.retentionFen - f.paidFen).toBe(f.payableNowFen);
      // Figures and uppercase come from the same integer: the uppercase reads back the fen.
      expect(rmbInWords(f.payableNowFen)).toMatch(/^人民币.*(整|分|角)$/);
      expect(fenToInput(f.payableNowFen)).toBe(`${(BigInt(f.payableNowFen) / 100n).toString()}.${String(BigInt(f.payableNowFen) % 100n).padStart(2, "0")}`);
    }
  });

  describe(`through the pages and the API (${testDriver()})`, () => {
    let database: TestDatabase;
    let db: Db;
    let cookie: string;
    let pmToken: string;
    let clientId: string;
    let vendorId: string;
    let biddingProjectId: string;
    let acceptedProjectId: string;
    const context = { ip: "127.0.0.1" };

    beforeAll(async () => {
      database = await createTestDatabase();
      db = database.db;
      const pm = await makeUser(db, ["pm"]);
      cookie = (await createSession(db, pm.id, { ip: "", userAgent: "" })).split(";")[0];
      pmToken = (await issueApiToken(db, { userId: pm.id, name: "amounts" })).token;
      clientId = (await makeCompany(db, "client")).id;
      vendorId = (await makeCompany(db, "installer")).id;
      biddingProjectId = (await makeProject(db, pm)).id;
      const accepted = await acceptedProject(db, "2026-02-28");
      acceptedProjectId = accepted.project.id;
      await db.update(s.projects).set({ pmId: pm.id }).where(eq(s.projects.id, acceptedProjectId));
    });
    afterAll(async () => database?.drop());

    const countOf = async (table: typeof s.projects | typeof s.quotes | typeof s.maintenanceContracts) => Number((await db.select({ n: count() }).from(table))[0].n);
    const api = (path: string, body: unknown) =>
      new Request(`http://localhost/api/v1${path}`, { method: "POST", headers: { Authorization: `Bearer ${pmToken}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

    const projectForm = (amount: string) => ({
      code: `A-${Math.random().toString(36).slice(2, 8)}`, name: "金额测试", clientId, siteAddress: "广州市", clientContractNo: "HT-1",
      clientContractAmount: amount, clientContractSignedOn: "2026-01-10", supervisionCompanyId: "", designCompanyId: "", plannedStartOn: "", plannedFinishOn: "",
      "equipment[0].model": "XF-1", "equipment[0].quantity": "1", "equipment[0].location": "机房",
    });

    it("the project form (contract amount): each bad value comes back 400 with the Chinese message on the field and what was typed; nothing written", async () => {
      const before = await countOf(s.projects);
      for (const bad of BAD_TEXT) {
        const fd = new FormData();
        for (const [k, v] of Object.entries(projectForm(bad))) fd.append(k, v);
        const res = await createPage.action({ request: new Request("http://localhost/projects/new", { method: "POST", body: fd, headers: { Cookie: cookie } }), params: {}, context } as never);
        expect([bad, statusOf(res)]).toEqual([bad, 400]);
        const data = payloadOf<{ errors?: Record<string, string>; fieldErrors?: Record<string, string>; values?: Record<string, string> }>(res);
        const errors = data.errors ?? data.fieldErrors ?? {};
        const message = errors.clientContractAmount ?? "";
        expect([bad, CHINESE.test(message) || /^form\./.test(message)]).toEqual([bad, true]);
        expect(data.values?.name).toBe("金额测试");
      }
      expect(await countOf(s.projects)).toBe(before);
    });

    it("the project API (contract amount): strings and JSON numbers refused 400 with a Chinese field message; nothing written", async () => {
      const before = await countOf(s.projects);
      for (const bad of [...BAD_TEXT, ...BAD_JSON]) {
        const body = { ...projectForm("0"), clientContractAmount: bad, equipment: [{ model: "XF-1", quantity: 1, location: "机房" }] };
        const res = await apiProjects.action({ request: api("/projects", body), params: {}, context } as never);
        expect([bad, res.status]).toEqual([bad, 400]);
        const err = (await res.json()).error;
        expect([bad, CHINESE.test(err.fieldErrors?.clientContractAmount ?? "")]).toEqual([bad, true]);
      }
      expect(await countOf(s.projects)).toBe(before);
    });

    it("the quote API (unit price, line amount): refused 400 with a Chinese message keyed by the line; no quote written", async () => {
      const before = await countOf(s.quotes);
      const quote = (unitPrice: unknown, amount?: unknown) => ({
        vendorId, contractingMethod: "包工包料", validUntil: "2099-12-31",
        lines: [{ item: "新风主机", unit: "台", quantity: "2", unitPrice, ...(amount === undefined ? {} : { amount }) }],
      });
      for (const bad of [...BAD_TEXT, ...BAD_JSON]) {
        const res = await apiQuotes.action({ request: api(`/projects/${biddingProjectId}/quotes`, quote(bad)), params: { projectId: biddingProjectId }, context } as never);
        expect([bad, res.status]).toEqual([bad, 400]);
        const err = (await res.json()).error;
        expect([bad, CHINESE.test(err.fieldErrors?.["lines[0].unitPrice"] ?? "")]).toEqual([bad, true]);
      }
      // A stated line amount that is not quantity × unit price is refused too.
      const wrong = await apiQuotes.action({ request: api(`/projects/${biddingProjectId}/quotes`, quote("100.10", "200.19")), params: { projectId: biddingProjectId }, context } as never);
      expect(wrong.status).toBe(400);
      expect(await countOf(s.quotes)).toBe(before);
      const ok = await apiQuotes.action({ request: api(`/projects/${biddingProjectId}/quotes`, quote("100.10", "200.20")), params: { projectId: biddingProjectId }, context } as never);
      expect(ok.status).toBe(201);
      expect((await ok.json()).totalFen).toBe(20_020);
    });

    it("the maintenance contract API (price): refused 400 with a Chinese field message; nothing written", async () => {
      const before = await countOf(s.maintenanceContracts);
      for (const bad of [...BAD_TEXT, ...BAD_JSON, "0", 0]) {
        const body = { number: `WB-${Math.random().toString(36).slice(2, 7)}`, startsOn: "2027-03-01", endsOn: "2028-02-29", price: bad, scope: "每季度保养一次" };
        const res = await apiContracts.action({ request: api(`/projects/${acceptedProjectId}/maintenance-contracts`, body), params: { projectId: acceptedProjectId }, context } as never);
        expect([bad, res.status]).toEqual([bad, 400]);
        const err = (await res.json()).error;
        expect([bad, CHINESE.test(err.fieldErrors?.price ?? "")]).toEqual([bad, true]);
      }
      expect(await countOf(s.maintenanceContracts)).toBe(before);
    });
  });
});
