import { errorResponses, json, ref } from "./shared";

const vendorId = { name: "vendorId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const qualificationKind = { type: "string", enum: ["businessLicence", "qualificationCertificate", "safetyProductionLicence"], description: "营业执照 / 资质证书 / 安全生产许可证" };
const qualificationStatus = {
  type: "object",
  description: "level: ok (all three present, none expiring), expiring (≤ 30 days), expired, missing — the worst one wins",
  properties: {
    level: { type: "string", enum: ["ok", "expiring", "expired", "missing"] },
    missing: { type: "array", items: qualificationKind },
    expired: { type: "array", items: qualificationKind },
    expiring: { type: "array", items: qualificationKind },
  },
};
const vendorListItem = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: "string" },
    creditCode: { type: ["string", "null"] },
    phone: { type: "string" },
    address: { type: "string" },
    qualificationStatus,
    quoteCount: { type: "integer", description: "distinct projects quoted" },
    awardCount: { type: "integer" },
    projectCount: { type: "integer", description: "projects with a signed installation contract" },
    lastQuoteAt: { type: ["string", "null"], format: "date-time" },
    url: { type: "string" },
  },
};
const contact = { type: "object", required: ["name"], properties: { name: { type: "string", maxLength: 100 }, title: { type: "string" }, phone: { type: "string" }, email: { type: "string", format: "email" } } };

/** /vendors: installation companies (安装公司), their qualifications, contacts and history. */
export const vendorPaths: Record<string, unknown> = {
  "/vendors": {
    get: {
      summary: "List installation companies with qualification status and counts (pm, management, admin, finance)",
      parameters: [
        { name: "q", in: "query", schema: { type: "string" }, description: "name or credit code" },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
      ],
      responses: { "200": { description: "A page (50 per page): {items, total, page, pageSize}", ...json({ type: "object", properties: { items: { type: "array", items: vendorListItem }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } } }) }, ...errorResponses },
    },
    post: {
      summary: "Create an installation company (pm or admin)",
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["name", "creditCode"],
          properties: {
            name: { type: "string", maxLength: 200 },
            creditCode: { type: "string", description: "统一社会信用代码: 18 characters, GB 32100 check character; unique" },
            address: { type: "string" },
            phone: { type: "string" },
            contact: { ...contact, description: "optional first contact" },
          },
        }),
      },
      responses: { "201": { description: "Created: {id, url}" }, "400": { description: "Invalid input (fieldErrors: creditCode, name, contact.email, …)", ...json(ref("Error")) }, ...errorResponses },
    },
  },
  "/vendors/{vendorId}": {
    get: {
      summary: "One installation company: details, qualifications (state, days left, file url), contacts, history (quotes, awards, contracts on projects the caller may see)",
      parameters: [vendorId],
      responses: { "200": { description: "Vendor" }, ...errorResponses },
    },
  },
  "/vendors/{vendorId}/qualifications": {
    post: {
      summary: "Add or replace a qualification of one kind (pm or admin); the scan is a PDF or JPG/PNG/WebP image ≤ 10 MB, judged by its content",
      parameters: [vendorId],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["kind", "number"],
              properties: {
                kind: qualificationKind,
                number: { type: "string", maxLength: 100 },
                expiresOn: { type: "string", format: "date", description: "omit or blank: does not expire" },
                file: { type: "string", format: "binary", description: "required for a kind that has no scan yet; omitted on a replacement keeps the current scan" },
              },
            },
          },
        },
      },
      responses: {
        "201": { description: "Saved: {id, url}" },
        "400": { description: "Invalid input (fieldErrors: number, expiresOn, file — upload.badType / upload.tooLarge / upload.empty)", ...json(ref("Error")) },
        "413": { description: "The request body is too large", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
};
