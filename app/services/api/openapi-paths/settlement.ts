import { errorResponses, json, projectId, ref } from "./shared";

const readers = "The project's pm, finance, management and admin; 404 for everyone else (the supervisor, client, design unit, installer and service users).";

const pdf = (description: string) => ({
  description,
  headers: { "Content-Disposition": { schema: { type: "string" }, description: "inline; the file name carries the document number" } },
  content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
});

const amount = (description: string) => ({ type: "string", pattern: "^[+-]?\\d{1,12}(\\.\\d{1,2})?$", description: `${description} Yuan with at most two decimals (a JSON number is accepted too).` });

const line = {
  type: "object",
  required: ["kind", "reason", "amount"],
  properties: {
    kind: { enum: ["variation", "siteInstruction", "deduction"], description: "变更 / 签证 / 扣款" },
    number: { type: "string", maxLength: 50, description: "As on the paper, e.g. BG-003" },
    reason: { type: "string", maxLength: 500 },
    amount: amount("Signed: a variation may reduce the price; a deduction must be negative; never 0."),
    approvedBy: { type: "string", maxLength: 50, description: "Required for a variation or site instruction (an unapproved one is not settled)" },
    approvedOn: { type: "string", format: "date", nullable: true },
  },
};

const draft = {
  type: "object",
  required: ["contractAmount", "retentionMode", "defectMonths", "paymentDueOn", "payeeBank", "payeeAccount"],
  properties: {
    expectedUpdatedAt: { type: "string", nullable: true, description: "settlement.latest.updatedAt from GET (\"\" or null when there was no version): a save over a newer one is refused with 409. Omitted: the last save wins." },
    contractAmount: amount("Contract amount, not negative."),
    lines: { type: "array", maxItems: 200, items: line, description: "Lines left entirely blank are ignored; fieldErrors name lines by their index as sent (`lines.2.approvedBy`)." },
    retentionMode: { enum: ["rate", "guarantee"], description: "rate: withhold retentionRate of the final total; guarantee: a performance bond or guarantee replaces the retention (none withheld)" },
    retentionRate: { type: "string", description: "Percent of the final total, at most 3 (\"3\", \"2.5\"); required in rate mode" },
    defectMonths: { type: "integer", minimum: 12, maximum: 24, description: "Defect-liability period from the acceptance date (Civil Code month counting); the retention falls due on its last day" },
    guaranteeNote: { type: "string", maxLength: 500, description: "Required in guarantee mode: bank, number, amount, validity" },
    paidBefore: amount("Paid before this statement (advances); with the progress payments finance recorded it may not exceed the final total less the retention. Default 0."),
    paymentDueOn: { type: "string", format: "date", description: "The amount now payable is overdue after it" },
    basis: { type: "string", maxLength: 2000 },
    payeeBank: { type: "string", maxLength: 100 },
    payeeAccount: { type: "string", maxLength: 40, description: "Digits, spaces or dashes" },
  },
};

const figures = {
  type: "object",
  description: "Integer fen. finalTotal = contract + variations + deductions; retention = finalTotal × rate, half-up to the fen; payableNow = finalTotal − retention − paid (paid = paidBefore + progress payments recorded).",
  properties: Object.fromEntries(
    ["contractAmountFen", "variationsFen", "deductionsFen", "finalTotalFen", "retentionBasisPoints", "retentionFen", "paidFen", "payableNowFen"].map((k) => [k, { type: "integer" }]),
  ),
};

/** OpenAPI paths of the settlement draft (工程结算书) and its two PDFs (merged by openapi.ts). */
export const settlementPaths: Record<string, unknown> = {
  "/projects/{projectId}/settlement": {
    get: {
      summary: "The settlement: every version (status, total, finance's decision and comment), the latest with its lines, figures and the final total / amount payable in Chinese uppercase, the statechart's settlement state, the issued PDFs, and the values a new draft starts from",
      description: readers,
      parameters: [projectId],
      responses: {
        "200": {
          description: "{settlement: {project, state, versions[], latest: {id, version, status, updatedAt, lines[], figures, words: {finalTotal, payableNow}, …} | null, recordedPaidFen, formValues, prefill, documents[]}, editable}",
          ...json({ type: "object", properties: { settlement: { type: "object", properties: { latest: { type: "object", nullable: true, properties: { figures } } } }, editable: { type: "boolean" } } }),
        },
        ...errorResponses,
      },
    },
    put: {
      summary: "Save the settlement draft: version 1 on the first save, then the latest draft or returned version is replaced (figures computed by the server). Only the project's pm, after acceptance, while the settlement is a draft — a submitted or approved one must be revised first (REVISE_SETTLEMENT, POST /projects/{projectId}/events). Submitting is the event SUBMIT_SETTLEMENT.",
      parameters: [projectId],
      requestBody: { required: true, ...json(draft) },
      responses: {
        "200": { description: "{ok: true, settlement, editable} as GET" },
        "400": { description: "Invalid input: fieldErrors keyed by field (`contractAmount`, `lines.0.amount`, `retentionRate`, `defectMonths`, `paidBefore`, `finalTotal` …)", ...json(ref("Error")) },
        ...errorResponses,
        "409": { description: "Before acceptance, submitted or approved (revise first), or changed meanwhile (expectedUpdatedAt differs)", ...json(ref("Error")) },
      },
    },
  },
  "/projects/{projectId}/settlement/statement.pdf": {
    get: {
      summary: "工程结算书 (settlement statement) of the latest version: the project and parties, contract amount, every variation / site instruction / deduction with its approver, the final total and the amount payable in figures and Chinese uppercase, the retention and its due date, signatures",
      description: `${readers} Unchanged data returns the same document (same number and short code). 404 before there is a settlement.`,
      parameters: [projectId],
      responses: { "200": pdf("The PDF as issued (number JS-<project code>-V<n>)"), ...errorResponses },
    },
  },
  "/projects/{projectId}/settlement/payment-application.pdf": {
    get: {
      summary: "付款申请表 (payment application) for the amount now payable on the latest version: payee and bank account, project, contract, this period's amount in figures and Chinese uppercase, cumulative paid, attachments",
      description: `${readers} 404 before there is a settlement or when nothing is payable.`,
      parameters: [projectId],
      responses: { "200": pdf("The PDF as issued (number FK-<project code>-V<n>)"), ...errorResponses },
    },
  },
};
