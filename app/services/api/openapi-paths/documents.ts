import { errorResponses, json } from "./shared";

const shortCode = { name: "shortCode", in: "path", required: true, schema: { type: "string", pattern: "^[2-9A-HJ-NP-Z]{8}$" }, description: "The 8-character code printed in the document's footer (case-insensitive)" };

/** OpenAPI paths of the documents area (merged into the document by openapi.ts). */
export const documentPaths: Record<string, unknown> = {
  "/documents/{shortCode}": {
    get: {
      summary: "An issued document (PDF) by its short code: metadata and status",
      description:
        "Same visibility as the pages: the caller must see the project, and internal documents (the bid comparison) are for the project's pm and the roles that see all projects. The bytes as issued are at `downloadUrl` (signed-in session); the public page `verifyUrl` needs no sign-in.",
      parameters: [shortCode],
      responses: {
        "200": {
          description: "Document",
          ...json({
            type: "object",
            properties: {
              id: { type: "string", format: "uuid" },
              kind: { type: "string", enum: ["bidComparison"] },
              title: { type: "string" },
              number: { type: "string", example: "BJ-PRJ-2026-0002-V1" },
              version: { type: "integer" },
              shortCode: { type: "string" },
              sha256: { type: "string", description: "SHA-256 (hex) of the PDF bytes as issued" },
              project: { type: ["object", "null"], properties: { id: { type: "string" }, code: { type: "string" }, name: { type: "string" } } },
              createdAt: { type: "string", format: "date-time" },
              status: { type: "string", enum: ["current", "superseded"] },
              supersededAt: { type: ["string", "null"], format: "date-time" },
              current: { type: ["object", "null"], description: "The version in force when this one is superseded", properties: { number: { type: "string" }, version: { type: "integer" }, shortCode: { type: "string" } } },
              verifyUrl: { type: "string", format: "uri" },
              downloadUrl: { type: "string" },
            },
          }),
        },
        ...errorResponses,
      },
    },
  },
};
