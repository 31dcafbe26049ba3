import { errorResponses, json, projectId, ref } from "./shared";

const checklistItem = {
  type: "object",
  properties: {
    kind: { type: "string", enum: ["asBuiltDrawings", "equipmentCertificates", "materialEntryRecords", "constructionLog", "commissioningRecords", "operationManual"] },
    label: { type: "string" },
    present: { type: "boolean" },
    files: {
      type: "array",
      description: "newest first; the first one counts",
      items: {
        type: "object",
        properties: {
          archiveDocumentId: { type: "string", format: "uuid" },
          fileId: { type: "string", format: "uuid" },
          name: { type: "string" },
          mime: { type: "string" },
          size: { type: "integer" },
          sha256: { type: "string" },
          uploadedAt: { type: "string", format: "date-time" },
          url: { type: "string", description: "/files/<fileId>" },
        },
      },
    },
  },
};

/** OpenAPI paths of the archive checklist and the 竣工资料归档 download (merged into the document by openapi.ts). */
export const acceptanceArchivePaths: Record<string, unknown> = {
  "/projects/{projectId}/acceptance/documents": {
    get: {
      summary: "The technical archive checklist (技术档案和施工管理资料): each item with its files and whether one is supplied. Anyone who may see the project.",
      parameters: [projectId],
      responses: { "200": { description: "{stage, editable, items:[…]}", ...json({ type: "object", properties: { stage: { type: "string" }, editable: { type: "boolean" }, items: { type: "array", items: checklistItem } } }) }, ...errorResponses },
    },
    post: {
      summary:
        "Upload the file of one checklist item (the project's pm; construction or acceptance review). In acceptance review this is a change to the content under signature: the signatures are voided and the links sent again (revised: true), or the upload is refused as a whole.",
      parameters: [projectId],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["kind", "file"],
              properties: {
                kind: checklistItem.properties.kind,
                file: { type: "string", format: "binary", description: "PDF, JPG/PNG/WebP or .xlsx (judged by content), ≤ 20 MB" },
              },
            },
          },
        },
      },
      responses: {
        "201": { description: "{ok, revised, kind, archiveDocumentId, fileId, item}" },
        "400": { description: "Invalid kind or file (fieldErrors kind / file)", ...json(ref("Error")) },
        "409": { description: "Not editable in this stage (frozen after acceptance)", ...json(ref("Error")) },
        "413": { description: "The file is over 20 MB", ...json(ref("Error")) },
        "415": { description: "Not multipart/form-data", ...json(ref("Error")) },
        "422": { description: "The revision of the acceptance under review was refused (refusals)", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/projects/{projectId}/archive.zip": {
    get: {
      summary:
        "竣工资料归档: a ZIP with 00-归档目录.pdf (the archive index, an issued document with QR code), every current signed document (01-…pdf in stage order) and the latest file of each checklist item under 资料/. Unchanged data gives the same index document and the same bytes.",
      description: "Only the project's pm, management, finance and admin (the archive holds the bid comparison with every company's prices); 404 for everyone else and before the project is accepted (handover or closed).",
      parameters: [projectId],
      responses: {
        "200": {
          description: "The ZIP (attachment); header X-Archive-Index carries the index's document number",
          content: { "application/zip": { schema: { type: "string", format: "binary" } } },
        },
        ...errorResponses,
      },
    },
  },
};
