import { errorResponses, json, projectId, ref } from "./shared";

const contract = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    projectId: { type: "string", format: "uuid" },
    number: { type: "string" },
    startsOn: { type: "string", format: "date" },
    endsOn: { type: "string", format: "date", description: "the last day covered (inclusive)" },
    priceFen: { type: "integer", description: "price in fen" },
    scope: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
  },
};

/** OpenAPI paths of the warranty card and the maintenance contracts (merged into the document by openapi.ts). */
export const serviceWarrantyPaths: Record<string, unknown> = {
  "/projects/{projectId}/warranty-card.pdf": {
    get: {
      summary:
        "质量保修卡 (warranty card): project, acceptance date, the warranty's last day (12 months, Civil Code), installed units, terms, exclusions, the service hotline and a large QR code of the public service-request page <PUBLIC_URL>/s/<service code>. Issued like every document (number BX-<project>-V<n>, verification QR in the footer); unchanged data gives the same document.",
      description: "Anyone who may see the project; 404 before the project is accepted.",
      parameters: [projectId],
      responses: {
        "200": { description: "The PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
        ...errorResponses,
      },
    },
  },
  "/projects/{projectId}/maintenance-contracts": {
    get: {
      summary: "The project's maintenance contracts (维保合同), earliest first, and the one covering today (Asia/Shanghai) or null.",
      description: "The project's pm, management, finance, admin and service; 404 for everyone else.",
      parameters: [projectId],
      responses: {
        "200": { description: "{projectId, items, coveringToday}", ...json({ type: "object", properties: { projectId: { type: "string" }, items: { type: "array", items: contract }, coveringToday: { ...contract, nullable: true } } }) },
        ...errorResponses,
      },
    },
    post: {
      summary: "Add a maintenance contract: the project's pm, service or management; only once the project is accepted. Periods of one project may not overlap.",
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["number", "startsOn", "endsOn", "price", "scope"],
          properties: {
            number: { type: "string", maxLength: 40, description: "contract number, unique within the project" },
            startsOn: { type: "string", format: "date", description: "not before the acceptance date" },
            endsOn: { type: "string", format: "date", description: "after startsOn, at most 5 years (60 months, Civil Code) after it" },
            price: { type: "string", pattern: "^\\d{1,12}(\\.\\d{1,2})?$", description: "yuan, > 0, at most two decimals (a JSON number is accepted too)" },
            scope: { type: "string", maxLength: 2000 },
          },
        }),
      },
      responses: {
        "201": { description: "{ok, contract}", ...json({ type: "object", properties: { ok: { type: "boolean" }, contract } }) },
        "400": { description: "Invalid fields (fieldErrors number / startsOn / endsOn / price / scope)", ...json(ref("Error")) },
        "409": { description: "The project is not accepted yet", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
};
