import { errorResponses, json, projectId, ref } from "./shared";

const refused = {
  "400": { description: "Invalid input (fieldErrors keyed like `items[2].certificate`)", ...json(ref("Error")) },
  "409": { description: "The project is not in construction, or the record is not in a state that allows this", ...json(ref("Error")) },
  "413": { description: "A file or the whole body is too large", ...json(ref("Error")) },
};
const id = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });

/** OpenAPI paths of construction quality: B.0.6 material requests, A.0.3 notices, B.0.9 replies. */
export const siteQualityPaths: Record<string, unknown> = {
  "/projects/{projectId}/materials": {
    get: {
      summary: "B.0.6 material/equipment entry requests with items, certificates, the supervisor's decision (pending/approved/rejected) and the review link state",
      parameters: [projectId],
      responses: { "200": { description: "{stage, materialInspections:[{id, title, enteredOn, placeOfUse, selfCheck, status, decisionComment, decidedAt, rejectionResolvedAt, resolutionNote, items:[…], task}]}" }, ...errorResponses },
    },
    post: {
      summary: "Submit an entry request (the project's pm; project in construction). The supervisor is e-mailed a review link in the same transaction.",
      parameters: [projectId],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["title", "enteredOn", "placeOfUse", "selfCheck", "items[0].name", "items[0].quantity", "items[0].certificate"],
              properties: {
                title: { type: "string", maxLength: 200 },
                enteredOn: { type: "string", format: "date" },
                placeOfUse: { type: "string", maxLength: 200 },
                selfCheck: { type: "string", maxLength: 1000, description: "e.g. 经我方检验合格" },
                "items[0].name": { type: "string", maxLength: 200 },
                "items[0].spec": { type: "string", maxLength: 200 },
                "items[0].quantity": { type: "string", maxLength: 60, description: "with its unit, e.g. 200 米" },
                "items[0].placeOfUse": { type: "string", maxLength: 200 },
                "items[0].certificate": { type: "string", format: "binary", description: "PDF or JPG/PNG/WebP (judged by content), ≤ 10 MB; required per item; items[1]… up to items[29]" },
              },
            },
          },
        },
      },
      responses: { "201": { description: "{id, status: 'pending', linkSent}" }, ...refused, ...errorResponses },
    },
  },
  "/projects/{projectId}/materials/{inspectionId}/resolve": {
    post: {
      summary: "Mark a rejected request resolved (materials removed from site or replaced); it then no longer blocks REQUEST_ACCEPTANCE",
      parameters: [projectId, id("inspectionId")],
      requestBody: { required: true, ...json({ type: "object", required: ["note"], properties: { note: { type: "string", maxLength: 1000 } } }) },
      responses: { "200": { description: "{ok: true}" }, ...refused, ...errorResponses },
    },
  },
  "/projects/{projectId}/rectifications": {
    get: {
      summary: "A.0.3 notices (open/replied/closed, overdue flag) with their B.0.9 replies and the supervisor's verdicts",
      parameters: [projectId],
      responses: { "200": { description: "{stage, notices:[{id, number, subject, content, deadlineOn, status, issuedVia, issuedBy, overdue, replies:[…]}], issueLink}" }, ...errorResponses },
    },
    post: {
      summary: "Record a notice the supervisor issued on paper (issuedVia 'paper'; number JL-TZ-nnn when omitted)",
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["subject", "content", "deadlineOn", "issuedBy"],
          properties: { number: { type: "string", maxLength: 60 }, subject: { type: "string", maxLength: 200 }, content: { type: "string", maxLength: 5000 }, deadlineOn: { type: "string", format: "date" }, issuedBy: { type: "string", maxLength: 200 } },
        }),
      },
      responses: { "201": { description: "{id, number, status: 'open'}" }, ...refused, ...errorResponses },
    },
  },
  "/projects/{projectId}/rectifications/{rectificationId}/replies": {
    post: {
      summary: "B.0.9 reply to an open notice (JSON {content} or multipart content + photos); the supervisor is e-mailed a verification link. Only the supervisor's accepted verification closes a notice.",
      parameters: [projectId, id("rectificationId")],
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: { type: "object", required: ["content"], properties: { content: { type: "string", maxLength: 5000 } } } },
          "multipart/form-data": { schema: { type: "object", required: ["content"], properties: { content: { type: "string" }, photos: { type: "array", maxItems: 10, items: { type: "string", format: "binary" } } } } },
        },
      },
      responses: { "201": { description: "{replyId, status: 'replied', linkSent}" }, ...refused, ...errorResponses },
    },
  },
};
