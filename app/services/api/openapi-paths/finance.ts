import { errorResponses, json, projectId, ref } from "./shared";

const fen = (description: string) => ({ type: "integer", description: `${description} (integer fen)` });
const date = (description: string) => ({ type: "string", format: "date", description });
const projectRef = { projectId: { type: "string", format: "uuid" }, code: { type: "string" }, name: { type: "string" } };

const vendorPayment = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    projectId: { type: "string", format: "uuid" },
    projectCode: { type: "string" },
    projectName: { type: "string" },
    vendorId: { type: "string", format: "uuid" },
    vendorName: { type: "string" },
    label: { type: "string", description: "the contract milestone (进场款, 竣工验收款, 质保金…)" },
    trigger: { type: "string", enum: ["signing", "entry", "acceptance", "settlement", "warrantyEnd"] },
    amountFen: fen("amount owed"),
    dueOn: date("30 days after the milestone was reached"),
    status: { type: "string", enum: ["due", "paid"] },
    paidOn: { ...date("day paid"), nullable: true },
    reference: { type: "string" },
    overdue: { type: "boolean", description: "today (Asia/Shanghai) after dueOn while still due" },
  },
};

const invoice = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    settlementId: { type: "string", format: "uuid" },
    settlementVersion: { type: "integer" },
    number: { type: "string" },
    issuedOn: date("invoice date"),
    amountFen: fen("invoice amount"),
    createdAt: { type: "string", format: "date-time" },
  },
};

const inboxOnly = "Finance, management and admin only; 404 for everyone else.";

/** OpenAPI paths of the finance side: the inbox, the export, installer payment requests, invoices (merged by openapi.ts). */
export const financePaths: Record<string, unknown> = {
  "/finance/inbox": {
    get: {
      summary: `The finance inbox (财务收件箱). ${inboxOnly}`,
      description:
        "Settlement workflow events (SUBMIT_SETTLEMENT, RETURN_SETTLEMENT, APPROVE_SETTLEMENT, RECORD_PAYMENT, RELEASE_RETENTION, REVISE_SETTLEMENT) go through POST /projects/{projectId}/events with `expectedVersion`.",
      responses: {
        "200": {
          description: "What waits for finance",
          ...json({
            type: "object",
            properties: {
              today: date("Asia/Shanghai"),
              toReview: { type: "array", items: { type: "object", properties: { ...projectRef, version: { type: "integer" }, totalFen: fen("final total"), submittedAt: { type: "string", format: "date-time", nullable: true }, pmName: { type: "string" } } } },
              awaitingPayment: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    ...projectRef,
                    clientName: { type: "string" },
                    version: { type: "integer" },
                    totalFen: fen("approved final total"),
                    retentionFen: fen("retention held"),
                    paidFen: fen("paid before the statement + progress payments recorded"),
                    outstandingFen: fen("final total − retention − paid"),
                    paymentDueOn: { ...date("when the client should have paid"), nullable: true },
                    overdue: { type: "boolean", description: "today after paymentDueOn and outstanding > 0" },
                    invoicedFen: fen("Σ invoices"),
                  },
                },
              },
              retention: { type: "array", items: { type: "object", properties: { ...projectRef, version: { type: "integer" }, retentionFen: fen("retention"), retentionDueOn: { ...date("end of the defect-liability period"), nullable: true }, requested: { type: "boolean", description: "the scheduler raised the release request" }, overdue: { type: "boolean" } } } },
              vendorPayments: { type: "array", items: vendorPayment },
              settled: { type: "array", description: "the last 20 fully settled", items: { type: "object", properties: { ...projectRef, version: { type: "integer" }, totalFen: fen("final total"), settledOn: { ...date("last money received"), nullable: true } } } },
            },
          }),
        },
        ...errorResponses,
      },
    },
  },
  "/finance/export.xlsx": {
    get: {
      summary: `The finance workbook: sheets 结算, 收款, 发票, 安装单位付款 (money as numbers in yuan, dates as YYYY-MM-DD text). ${inboxOnly}`,
      responses: {
        "200": { description: "The .xlsx file", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
        ...errorResponses,
      },
    },
  },
  "/finance/vendor-payments": {
    get: {
      summary: `The installers' payment requests (one per contract milestone reached). ${inboxOnly}`,
      parameters: [{ name: "status", in: "query", required: false, schema: { type: "string", enum: ["due", "paid"] } }],
      responses: {
        "200": { description: "{items}", ...json({ type: "object", properties: { items: { type: "array", items: vendorPayment } } }) },
        "400": { description: "Unknown status", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/finance/vendor-payments/{requestId}/pay": {
    post: {
      summary: "Finance records that the installer was paid (once: a second call is 409)",
      parameters: [{ name: "requestId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      requestBody: {
        required: true,
        ...json({ type: "object", required: ["paidOn"], properties: { paidOn: date("not in the future (Asia/Shanghai)"), reference: { type: "string", maxLength: 100 } } }),
      },
      responses: {
        "200": { description: "{ok, id, status: paid, paidOn}" },
        "400": { description: "fieldErrors: paidOn, reference", ...json(ref("Error")) },
        "409": { description: "Already paid", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/projects/{projectId}/invoices": {
    get: {
      summary: "The project's invoices (the project's pm, finance, management, admin; 404 for others)",
      parameters: [projectId],
      responses: {
        "200": { description: "{projectId, items, invoicedFen}", ...json({ type: "object", properties: { projectId: { type: "string", format: "uuid" }, items: { type: "array", items: invoice }, invoicedFen: fen("Σ invoices") } }) },
        ...errorResponses,
      },
    },
    post: {
      summary: "Finance records an invoice against the approved settlement",
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["number", "issuedOn", "amount"],
          properties: {
            number: { type: "string", maxLength: 40, description: "unique per project" },
            issuedOn: date("not in the future (Asia/Shanghai)"),
            amount: { type: "string", pattern: "^\\d{1,12}(\\.\\d{1,2})?$", description: "yuan, > 0, at most two decimals; all invoices together ≤ the approved final total" },
          },
        }),
      },
      responses: {
        "201": { description: "{ok, invoice}", ...json({ type: "object", properties: { ok: { type: "boolean" }, invoice } }) },
        "400": { description: "fieldErrors: number (required, too long, duplicate), issuedOn (invalid, future), amount (invalid, > 2 decimals, exceeds the approved total)", ...json(ref("Error")) },
        "409": { description: "No approved settlement (not yet approved, or revised and awaiting a new approval)", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
};
