import { errorResponses, json, projectId, ref } from "./shared";

const token = { name: "token", in: "path", required: true, schema: { type: "string" }, description: "The token of the e-mailed link (/r/<token>)" };

/**
 * OpenAPI paths of the acceptance overview and of the signing links. REQUEST_ACCEPTANCE and
 * REVISE_ACCEPTANCE are events (POST /projects/{projectId}/events).
 */
export const acceptancePaths: Record<string, unknown> = {
  "/projects/{projectId}/acceptance": {
    get: {
      summary: "Completion acceptance: preconditions with evidence, completion, self-inspection, installed units, archive checklist, the signing round (plan, links, signatures), issued documents, acceptance and warranty dates — the project's pm and staff",
      parameters: [projectId],
      responses: { "200": { description: "The acceptance overview" }, ...errorResponses },
    },
  },
  "/links/{token}": {
    get: {
      summary: "What a signing link opens (commencement, material request, rectification reply, acceptance): the content, earlier opinions and the content hash to sign. No bearer token: the link's token is the credential; rate-limited per IP.",
      security: [],
      parameters: [token],
      responses: { "200": { description: "{task, project, view: {kind, content, opinions, contentHash}}" }, "404": { description: "Unknown, used, revoked or expired link (no detail)", ...json(ref("Error")) }, "429": { description: "Too many attempts", ...json(ref("Error")) } },
    },
    post: {
      summary: "Decide and sign, as on the page /r/{token}. A rejected acceptance lists one item to rectify per line of `opinion`; each becomes a rectification notice.",
      security: [],
      parameters: [token],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["contentHash", "decision", "signerName", "signerRole"],
          properties: {
            contentHash: { type: "string", description: "view.contentHash from GET: a different current content gives 409" },
            decision: { enum: ["approved", "rejected"] },
            opinion: { type: "string", maxLength: 2000 },
            signerName: { type: "string", maxLength: 60 },
            signerRole: { type: "string", maxLength: 60 },
            signaturePng: { type: "string", description: "data:image/png;base64,… (drawn signature), or give typedSignature" },
            typedSignature: { type: "string", maxLength: 60 },
            seal: { type: "object", properties: { filename: { type: "string" }, base64: { type: "string" } }, description: "PNG or JPEG seal image, at most 5 MB" },
          },
        }),
      },
      responses: {
        "200": { description: "{ok, outcome: approved|rejected}" },
        "404": { description: "Unknown, used, revoked or expired link", ...json(ref("Error")) },
        "409": { description: "Already decided, content changed meanwhile, not awaiting this party, or before the acceptance date", ...json(ref("Error")) },
        "422": { description: "Field errors (signature not a PNG, seal not an image, missing fields)", ...json(ref("Error")) },
        "429": { description: "Too many attempts", ...json(ref("Error")) },
      },
    },
  },
};
