import { errorResponses, json, projectId, ref } from "./shared";

const quoteLine = {
  type: "object",
  required: ["item", "unit", "quantity", "unitPrice"],
  properties: {
    item: { type: "string", maxLength: 200 },
    spec: { type: "string", maxLength: 200 },
    unit: { type: "string", maxLength: 20 },
    quantity: { type: "string", pattern: "^\\d{1,9}(\\.\\d{1,3})?$", description: "> 0, at most three decimals" },
    unitPrice: { type: "string", pattern: "^\\d{1,12}(\\.\\d{1,2})?$", description: "yuan, at most two decimals" },
    amount: { type: "string", description: "optional; if given it must equal quantity × unitPrice rounded half-up to the fen" },
  },
};
const quoteInput = {
  type: "object",
  required: ["vendorId", "contractingMethod", "validUntil", "lines"],
  properties: {
    vendorId: { type: "string", format: "uuid", description: "an installation company" },
    contractingMethod: { type: "string", description: "包工包料 / 包工不包料 / 清包工 or free text" },
    scope: { type: "string" },
    drawingsConfirmed: { type: "boolean" },
    durationDays: { type: "integer", minimum: 1, maximum: 3650 },
    requirements: { type: "string" },
    paymentTerms: { type: "string" },
    maintenanceTerms: { type: "string" },
    validUntil: { type: "string", format: "date", description: "today (Asia/Shanghai) or later" },
    basedOnRevision: { type: "integer", description: "optional: the company's latest revision you saw (0 = none); another one gives 409" },
    lines: { type: "array", minItems: 1, maxItems: 200, items: quoteLine },
  },
};
const refused = {
  "400": { description: "Invalid input (fieldErrors keyed like `lines[2].quantity`)", ...json(ref("Error")) },
  "409": { description: "The project is no longer in bidding, or a newer revision exists", ...json(ref("Error")) },
};

/** OpenAPI paths of the bidding area (merged into the document by openapi.ts). */
export const biddingPaths: Record<string, unknown> = {
  "/projects/{projectId}/quotes": {
    get: {
      summary: "Quotes by company: every revision (newest first) with lines, status valid/withdrawn/expired",
      parameters: [projectId],
      responses: { "200": { description: "{stage, companies:[{vendorId, vendorName, revisions:[…]}]}" }, ...errorResponses },
    },
    post: {
      summary: "Record a quote revision (the project's pm; project in bidding). The total is computed from the lines.",
      parameters: [projectId],
      requestBody: { required: true, ...json(quoteInput) },
      responses: { "201": { description: "Created: {id, revision, totalFen, total}" }, ...refused, ...errorResponses },
    },
  },
  "/projects/{projectId}/quotes/{quoteId}/withdraw": {
    post: {
      summary: "Withdraw a company's latest quote revision (no longer counts as a valid quote)",
      parameters: [projectId, { name: "quoteId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      requestBody: { required: true, ...json({ type: "object", required: ["reason"], properties: { reason: { type: "string", maxLength: 500 } } }) },
      responses: { "200": { description: "{ok: true}" }, ...refused, "422": { description: "Not the latest revision, or already withdrawn", ...json(ref("Error")) }, ...errorResponses },
    },
  },
  "/projects/{projectId}/invitations": {
    get: {
      summary: "Invitations to quote, with status sent/opened/quoted/revoked/expired (the links themselves are only e-mailed)",
      parameters: [projectId],
      responses: { "200": { description: "{items:[…]}" }, ...errorResponses },
    },
    post: {
      summary: "Invite an installation company: one e-mail with a link valid until the deadline",
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["vendorId", "contactId", "scope", "deadline"],
          properties: {
            vendorId: { type: "string", format: "uuid" },
            contactId: { type: "string", format: "uuid", description: "a contact of that company with an e-mail address" },
            scope: { type: "string" },
            drawings: { type: "string" },
            requirements: { type: "string" },
            deadline: { type: "string", format: "date-time", description: "with a zone, e.g. 2026-10-20T17:00:00+08:00; in the future" },
          },
        }),
      },
      responses: { "201": { description: "{items:[{id, vendorId}]}" }, ...refused, ...errorResponses },
    },
  },
  // —— comparison, recommendation, project files, contract (RECORD_CONTRACT goes through /events) ——
  "/projects/{projectId}/comparison": {
    get: {
      summary: "The comparison (比价): each company's latest revision (valid or not, with reasons), earlier revisions' totals, terms, lines matched by item+spec+unit with the lowest valid unit price per line, spread %, recommendation and latest decision. Own pm, management, admin, finance.",
      parameters: [projectId],
      responses: {
        "200": {
          description: "ComparisonData: amounts in fen (integers), quantities in thousandths; companies valid first, cheapest first; invalidReasons are keys bidding.comparison.invalid.withdrawn|expired|zeroTotal; validity judged on today's date in Asia/Shanghai, as SUBMIT_FOR_DECISION judges it",
          ...json({
            type: "object",
            properties: {
              project: { type: "object" },
              companies: { type: "array", items: { type: "object", properties: { vendorId: { type: "string" }, vendorName: { type: "string" }, revision: { type: "integer" }, totalFen: { type: "integer" }, spreadPercent: { type: "number" }, isLowest: { type: "boolean" }, valid: { type: "boolean" }, invalidReasons: { type: "array", items: { type: "string" } }, history: { type: "array" }, terms: { type: "object" } } } },
              lines: { type: "array", items: { type: "object", properties: { item: { type: "string" }, spec: { type: "string" }, unit: { type: "string" }, cells: { type: "object", additionalProperties: { type: "object", properties: { quantityMilli: { type: "integer" }, unitPriceFen: { type: "integer" }, amountFen: { type: "integer" } } } }, lowestVendorIds: { type: "array", items: { type: "string" } } } } },
              recommendation: { type: ["object", "null"] },
              decision: { type: ["object", "null"] },
              validCompanyCount: { type: "integer" },
              generatedAt: { type: "string", format: "date-time" },
            },
          }),
        },
        ...errorResponses,
      },
    },
  },
  "/projects/{projectId}/recommendation": {
    put: {
      summary: "The pm's recommendation (company + reason), replaced on each call; own pm, stage bidding, a company whose latest quote is valid. POST does the same.",
      parameters: [projectId],
      requestBody: { required: true, ...json({ type: "object", required: ["vendorId", "reason"], properties: { vendorId: { type: "string", format: "uuid" }, reason: { type: "string", maxLength: 1000 } } }) },
      responses: {
        "200": { description: "{ok: true, recommendation: {vendorId, vendorName, reason, by, at}}" },
        "400": { description: "Validation: fieldErrors.vendorId / fieldErrors.reason", ...json(ref("Error")) },
        "409": { description: "The project is no longer in bidding", ...json(ref("Error")) },
        "422": { description: "The company has no valid quote (fieldErrors.vendorId)", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/projects/{projectId}/files": {
    post: {
      summary: "Upload a file to the project (PDF or JPG/PNG/WebP, ≤ 10 MB, judged by content). Own pm only. Use the id as RECORD_CONTRACT's fileId: POST /projects/{projectId}/events {type: 'RECORD_CONTRACT', expectedVersion, payload: {contractNo, amount: '365000.00', signedOn: '2026-03-02', fileId, milestones: [{trigger: 'entry'|'signing'|'acceptance'|'settlement'|'warrantyEnd', label, percent: '30'}]}} — percents with at most two decimals summing to exactly 100; each milestone's amount is computed in fen, the last taking the rounding remainder.",
      parameters: [projectId],
      requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } } } },
      responses: {
        "201": { description: "Stored", ...json({ type: "object", properties: { id: { type: "string", format: "uuid" }, name: { type: "string" }, sha256: { type: "string" } } }) },
        "400": { description: "No file, or not a PDF/image (fieldErrors.file)", ...json(ref("Error")) },
        "413": { description: "Larger than 10 MB", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
};
