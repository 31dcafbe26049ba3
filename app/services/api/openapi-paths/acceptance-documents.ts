import { errorResponses, projectId } from "./shared";

const pdf = (description: string) => ({
  description,
  headers: { "Content-Disposition": { schema: { type: "string" }, description: "inline; the file name carries the document number" } },
  content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
});

const visibility =
  "Anyone who may see the project (its pm, the roles that see all projects, and the supervisor, client and design users invited to it). Unchanged data returns the same document (same number and short code); a new signature or a revision issues a new version that supersedes the previous one (see /documents/{shortCode}). 404 also before completion acceptance was requested.";

/** OpenAPI paths of the acceptance PDFs: B.0.10 and the 竣工验收单 (merged into the document by openapi.ts). */
export const acceptanceDocumentPaths: Record<string, unknown> = {
  "/projects/{projectId}/acceptance/application.pdf": {
    get: {
      summary: "单位工程竣工验收报审表 (GB/T 50319 B.0.10): the contractor's application with its attachments and the supervisor's 预验收意见, signature and seal",
      description: visibility,
      parameters: [projectId],
      responses: { "200": pdf("The PDF as issued (number YS-<project code>-V<n>)"), ...errorResponses },
    },
  },
  "/projects/{projectId}/acceptance/certificate.pdf": {
    get: {
      summary: "竣工验收单 (completion acceptance certificate): project, contract, parties, equipment, commissioning, documents, defects, conclusion, each party's signature and seal, and a last page with the signing record (who, when, IP, user agent, SHA-256 of the content signed)",
      description: visibility,
      parameters: [projectId],
      responses: { "200": pdf("The PDF as issued (number JG-<project code>-V<n>)"), ...errorResponses },
    },
  },
};
