// quality.md, faults and bad inputs: CSV/XLSX export. The app exports three workbooks (the bid
// comparison, the finance export, the service reports); it has no CSV export (CSV is only read,
// for quote lines). Every text a user typed that starts with = + - @ (or tab/CR, which some
// programs strip before parsing) must come out as text shown as typed — never a formula — while
// amounts stay numbers, negative ones included. Checked on the workbook XML itself (no <f>
// element anywhere) and through ExcelJS (cell types and values).
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { createSession } from "~/lib/session.server";
import { comparisonWorkbook, neutraliseCell } from "~/services/bidding/export-comparison-xlsx.server";
import { serviceReportsWorkbook } from "~/services/service/service-reports-xlsx.server";
import type { ServiceReports } from "~/services/service/service-reports.server";
import * as financeExport from "~/routes/finance.export[.]xlsx";
import { comparisonFixture } from "../support/comparison-fixture";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const HOSTILE = [
  "=HYPERLINK(\"http://evil.test\",\"点我\")",
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "=1+1\r\nsecond line",
];
const DANGEROUS = /^[=+\-@\t\r]/;

interface CellSeen { sheet: string; ref: string; type: ExcelJS.ValueType; value: unknown }

/** Every cell of the workbook, and whether its XML holds any formula at all. */
async function readWorkbook(bytes: Buffer): Promise<{ cells: CellSeen[]; formulaInXml: boolean }> {
  const zip = await JSZip.loadAsync(bytes);
  const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  expect(sheets.length).toBeGreaterThan(0);
  let formulaInXml = false;
  for (const n of sheets) if (/<f[\s>]/.test(await zip.file(n)!.async("string"))) formulaInXml = true;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: CellSeen[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push({ sheet: sheet.name, ref: cell.address, type: cell.type, value: cell.value }))));
  return { cells, formulaInXml };
}

function expectNeutral(seen: { cells: CellSeen[]; formulaInXml: boolean }) {
  expect(seen.formulaInXml).toBe(false);
  for (const c of seen.cells) {
    expect([c.sheet, c.ref, c.type]).not.toEqual([c.sheet, c.ref, ExcelJS.ValueType.Formula]);
    if (typeof c.value === "string") expect([c.sheet, c.ref, DANGEROUS.test(c.value)]).toEqual([c.sheet, c.ref, false]);
  }
}

/**
 * The cells showing one hostile text, found by what they show after the apostrophe. XML parsing
 * turns a bare CR into LF (XML 1.0 §2.11), so line breaks are compared normalised.
 */
const lf = (t: string) => t.replace(/\r\n?/g, "\n");
const showing = (cells: CellSeen[], text: string) => cells.filter((c) => typeof c.value === "string" && lf(c.value).includes(lf(`'${text}`)));

describe("CSV/XLSX export: cells starting with = + - @ are neutralised.", () => {
  it("the neutraliser: each dangerous start gets an apostrophe, everything else is left as typed", () => {
    for (const h of HOSTILE) expect(neutraliseCell(h)).toBe(`'${h}`);
    for (const ok of ["喆堃赟昇峯犇机电", "A=1", "1-2", " =1", "（=1）", "'already", "¥-5"]) expect(neutraliseCell(ok)).toBe(ok);
  });

  it("the bid comparison: hostile company names, items, specs and terms are text; totals and a price drop stay numbers", async () => {
    const data = comparisonFixture({ companies: 4, lines: 8 });
    data.companies.forEach((c, i) => {
      c.vendorName = HOSTILE[i];
      c.terms.scope = HOSTILE[(i + 4) % HOSTILE.length];
      c.terms.paymentTerms = HOSTILE[(i + 5) % HOSTILE.length];
    });
    data.lines[0].item = HOSTILE[4];
    data.lines[1].spec = HOSTILE[2];
    data.lines[2].unit = "@台";
    data.project.name = HOSTILE[0];
    data.recommendation = { ...data.recommendation!, vendorName: HOSTILE[1], reason: HOSTILE[3] };
    const seen = await readWorkbook(await comparisonWorkbook(data));
    expectNeutral(seen);
    for (const h of HOSTILE) expect(showing(seen.cells, h).length, JSON.stringify(h)).toBeGreaterThan(0);
    // The first company's revision 2 is ¥1,234.56 cheaper than revision 1: a negative number.
    const history = seen.cells.filter((c) => c.sheet === "报价历史");
    const drop = history.find((c) => c.value === -1234.56);
    expect(drop?.type).toBe(ExcelJS.ValueType.Number);
    const totals = seen.cells.filter((c) => c.sheet === "比价" && typeof c.value === "number" && data.companies.some((co) => co.totalFen / 100 === c.value));
    expect(totals.length).toBeGreaterThanOrEqual(4);
  });

  it("the service reports: hostile technician and project names are text; counts and averages are numbers", async () => {
    const report: ServiceReports = {
      from: "2026-01", to: "2026-02", months: ["2026-01", "2026-02"],
      byCause: [{ month: "2026-01", counts: { equipment: 2 }, total: 2 }],
      byCoverage: [{ month: "2026-01", counts: { warranty: 2 }, total: 2 }],
      sla: [{ month: "2026-01", tickets: 2, contactLate: 1, arrivalLate: 0 }],
      ratings: [{ name: HOSTILE[0], count: 2, attitude: 3.5, skill: 4, arrivalTime: 2.25, promisesKept: 4, average: 3.44, flagged: 1 }, { name: HOSTILE[3], count: 1, attitude: 1, skill: 1, arrivalTime: 1, promisesKept: 1, average: 1, flagged: 1 }],
      warranties: [{ month: "2026-02", projects: [{ code: HOSTILE[2], name: HOSTILE[1], warrantyEndsOn: "2026-02-28" }, { code: "P-2", name: HOSTILE[5], warrantyEndsOn: "2026-02-28" }] }],
    } as unknown as ServiceReports;
    const seen = await readWorkbook(await serviceReportsWorkbook(report));
    expectNeutral(seen);
    for (const h of [HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3], HOSTILE[5]]) expect(showing(seen.cells, h).length, JSON.stringify(h)).toBe(1);
    const average = seen.cells.find((c) => c.value === 3.44);
    expect(average?.type).toBe(ExcelJS.ValueType.Number);
  });

  describe(`the finance export through its route (${testDriver()})`, () => {
    let database: TestDatabase;
    let db: Db;
    let cookie: string;
    beforeAll(async () => {
      database = await createTestDatabase();
      db = database.db;
      const finance = await makeUser(db, ["finance"]);
      cookie = (await createSession(db, finance.id, { ip: "", userAgent: "" })).split(";")[0];
      const pm = await makeUser(db, ["pm"]);
      for (const [i, name] of HOSTILE.slice(0, 4).entries()) {
        const client = await makeCompany(db, "client", HOSTILE[(i + 1) % 4]);
        const project = await makeProject(db, pm, { name, code: `X-${i}`, clientId: client.id, stage: "handover" });
        const [st] = await db.insert(s.settlements).values({
          projectId: project.id, version: 1, status: "approved", contractAmountFen: 10_000_000, totalFen: 10_000_000,
          retentionMode: "rate", retentionBasisPoints: 300, defectMonths: 12, retentionFen: 300_000, retentionDueOn: "2027-01-31",
          paidBeforeFen: 0, paymentDueOn: "2026-01-31", payeeBank: HOSTILE[2], payeeAccount: "3602000000000000001", preparedBy: pm.id,
        }).returning();
        await db.insert(s.payments).values({ projectId: project.id, settlementId: st.id, amountFen: 123_45, receivedOn: "2026-01-05", reference: HOSTILE[(i + 3) % HOSTILE.length] });
        await db.insert(s.invoices).values({ projectId: project.id, settlementId: st.id, number: HOSTILE[(i + 2) % 4], issuedOn: "2026-01-06", amountFen: 500_00 });
      }
    });
    afterAll(async () => database?.drop());

    it("project, client, payment reference and invoice number texts are neutralised; money is numbers", async () => {
      const res = (await financeExport.loader({ request: new Request("http://localhost/finance/export.xlsx", { headers: { Cookie: cookie } }), params: {}, context: {} } as never)) as Response;
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/spreadsheetml/);
      const seen = await readWorkbook(Buffer.from(await res.arrayBuffer()));
      expectNeutral(seen);
      for (const h of HOSTILE.slice(0, 4)) expect(showing(seen.cells, h).length, JSON.stringify(h)).toBeGreaterThanOrEqual(3);
      const amounts = seen.cells.filter((c) => c.value === 123.45 || c.value === 100_000 || c.value === 500);
      expect(amounts.length).toBeGreaterThanOrEqual(12);
      for (const a of amounts) expect(a.type).toBe(ExcelJS.ValueType.Number);
    });
  });
});
