import { EVENT_LABELS } from "#machines/labels";
import { EVENT_ROLES, EVENT_TYPES, STAGES } from "#machines/types";
import { EVENT_PAYLOADS } from "~/services/projects/event-payloads";
import { MILESTONE_TRIGGERS } from "~/services/bidding/milestone-rules";
import { biddingPaths } from "./openapi-paths/bidding";
import { documentPaths } from "./openapi-paths/documents";
import { vendorPaths } from "./openapi-paths/vendors";
import { projectPaths } from "./openapi-paths/projects";
import { reviewPaths } from "./openapi-paths/review";
import { siteConstructionPaths } from "./openapi-paths/site-construction";
import { siteEntryPaths } from "./openapi-paths/site-entry";
import { siteQualityPaths } from "./openapi-paths/site-quality";
import { acceptancePaths } from "./openapi-paths/acceptance";
import { acceptanceArchivePaths } from "./openapi-paths/acceptance-archive";
import { acceptanceDocumentPaths } from "./openapi-paths/acceptance-documents";
import { acceptanceRecordsPaths } from "./openapi-paths/acceptance-records";
import { financePaths } from "./openapi-paths/finance";
import { settlementPaths } from "./openapi-paths/settlement";
import { serviceSurveyPaths } from "./openapi-paths/service-survey";
import { serviceFlowPaths } from "./openapi-paths/service-flow";
import { serviceTicketPaths } from "./openapi-paths/service-tickets";
import { serviceWarrantyPaths } from "./openapi-paths/service-warranty";


const fieldSchema = { text: { type: "string" }, textarea: { type: "string" }, amount: { type: "string", pattern: "^\\d{1,12}(\\.\\d{1,2})?$", description: "yuan, at most two decimals" }, date: { type: "string", format: "date" }, vendor: { type: "string", format: "uuid" }, file: { type: "string", format: "uuid" }, items: { type: "array", items: { type: "string" } }, milestones: { type: "array", minItems: 1, maxItems: 10, description: "payment milestones; percents sum to exactly 100", items: { type: "object", required: ["trigger", "label", "percent"], properties: { trigger: { enum: [...MILESTONE_TRIGGERS] }, label: { type: "string" }, percent: { type: "string", pattern: "^\\d{1,3}(\\.\\d{1,2})?$" } } } } } as const;

/** The payload each event takes, generated from the same table the server validates with. */
function eventRequestSchemas() {
  return EVENT_TYPES.filter((t) => t !== "TICK").map((type) => {
    const { fields } = EVENT_PAYLOADS[type];
    return {
      type: "object",
      title: type,
      description: `${EVENT_LABELS[type]["zh-CN"]} / ${EVENT_LABELS[type].en}. Roles: ${EVENT_ROLES[type].join(", ")}.`,
      required: ["type"],
      properties: {
        type: { const: type },
        expectedVersion: { type: "integer", description: "The project version you saw; a different one gives 409." },
        payload: {
          type: "object",
          required: fields.filter((f) => f.required).map((f) => f.name),
          properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema[f.kind]])),
        },
      },
    };
  });
}

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "工程安装售后管理 API / Installation After-Sales API",
      version: "1.0.0",
      description:
        "The same services, permission checks and messages as the web pages. Authenticate with `Authorization: Bearer <token>` (an admin issues tokens in 系统管理 → API 令牌, or `npm run token -- <e-mail>`). Messages are Chinese unless `Accept-Language: en`. Amounts are strings in yuan on input and integer fen (`…Fen`) plus a string on output.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "REFUSED", "INVALID_JSON", "PAYLOAD_TOO_LARGE", "METHOD_NOT_ALLOWED", "INTERNAL"] },
                message: { type: "string" },
                fieldErrors: { type: "object", additionalProperties: { type: "string" } },
                refusals: { type: "array", items: { type: "object", properties: { code: { type: "string" }, params: { type: "object" }, message: { type: "string" } } } },
              },
            },
          },
        },
        Stage: { type: "string", enum: [...STAGES] },
        ProjectInput: {
          type: "object",
          required: ["code", "name", "clientId", "siteAddress", "clientContractNo", "clientContractAmount", "clientContractSignedOn", "equipment"],
          properties: {
            code: { type: "string", maxLength: 40 },
            name: { type: "string", maxLength: 200 },
            clientId: { type: "string", format: "uuid" },
            siteAddress: { type: "string" },
            clientContractNo: { type: "string" },
            clientContractAmount: { type: "string", description: "yuan, e.g. \"868000.00\"" },
            clientContractSignedOn: { type: "string", format: "date" },
            pmId: { type: "string", format: "uuid", description: "admin only; a pm creates for themself" },
            supervisionCompanyId: { type: "string", format: "uuid" },
            designCompanyId: { type: "string", format: "uuid" },
            plannedStartOn: { type: "string", format: "date" },
            plannedFinishOn: { type: "string", format: "date" },
            equipment: { type: "array", minItems: 1, items: { type: "object", required: ["model", "quantity", "location"], properties: { model: { type: "string" }, quantity: { type: "integer", minimum: 1 }, location: { type: "string" } } } },
          },
        },
        EventRequest: { oneOf: eventRequestSchemas() },
        EventsView: {
          type: "object",
          properties: {
            version: { type: "integer" },
            allowed: { type: "array", items: { type: "object", properties: { type: { type: "string" }, label: { type: "string" }, fields: { type: "array" } } } },
            blocked: { type: "array", items: { type: "object", properties: { type: { type: "string" }, label: { type: "string" }, missing: { type: "array", items: { type: "string" } } } } },
          },
        },
      },
    },
    paths: { ...projectPaths, ...biddingPaths, ...vendorPaths, ...documentPaths, ...siteEntryPaths, ...siteConstructionPaths, ...siteQualityPaths, ...reviewPaths, ...acceptancePaths, ...acceptanceRecordsPaths, ...acceptanceArchivePaths, ...acceptanceDocumentPaths, ...settlementPaths, ...financePaths, ...serviceWarrantyPaths, ...serviceSurveyPaths, ...serviceTicketPaths, ...serviceFlowPaths },
  };
}
