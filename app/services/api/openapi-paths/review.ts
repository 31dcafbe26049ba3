import { errorResponses, json, projectId, ref } from "./shared";

const taskId = { name: "taskId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const ReviewTask = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    kind: { type: "string", enum: ["commencement", "materialInspection", "rectificationIssue", "rectificationVerification", "acceptance"] },
    subjectId: { type: "string", format: "uuid", nullable: true },
    party: { type: "string", enum: ["supervisor", "client", "designer"] },
    recipientName: { type: "string" },
    recipientEmail: { type: "string" },
    organisation: { type: "string" },
    status: { type: "string", enum: ["pending", "opened", "decided", "revoked", "expired"] },
    decision: { type: "string", enum: ["approved", "rejected", "issued"], nullable: true },
    comment: { type: "string" },
    expiresAt: { type: "string", format: "date-time" },
    openedAt: { type: "string", format: "date-time", nullable: true },
    decidedAt: { type: "string", format: "date-time", nullable: true },
    createdAt: { type: "string", format: "date-time" },
  },
};

/**
 * OpenAPI paths of the review area: the e-mailed task links of external parties (supervisor,
 * client). The links themselves are never returned: they are mailed to the reviewer only.
 */
export const reviewPaths: Record<string, unknown> = {
  "/projects/{projectId}/review-tasks": {
    get: {
      summary: "Review tasks of a project (links e-mailed to the supervisor/client) with their status — the project's pm and all-project roles",
      parameters: [projectId],
      responses: { "200": { description: "{items: ReviewTask[]}", ...json({ type: "object", properties: { items: { type: "array", items: ReviewTask } } }) }, ...errorResponses },
    },
    post: {
      summary: "Send the commencement review link to the party the project waits for, when none is open (the project's pm)",
      parameters: [projectId],
      responses: {
        "201": { description: "{ok, taskId}" },
        "409": { description: "Not in commencement review, or a link is already open", ...json(ref("Error")) },
        "422": { description: "The party has no contact with an e-mail address and no project member", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/projects/{projectId}/review-tasks/{taskId}/revoke": {
    post: {
      summary: "Revoke a task's link (the project's pm); the link is refused from now on",
      parameters: [projectId, taskId],
      responses: { "200": { description: "{ok, taskId}" }, "409": { description: "Already decided or already revoked", ...json(ref("Error")) }, ...errorResponses },
    },
  },
  "/projects/{projectId}/review-tasks/{taskId}/resend": {
    post: {
      summary: "Send the task again with a new link (the project's pm); the old link stops working",
      parameters: [projectId, taskId],
      responses: { "201": { description: "{ok, taskId} — the new task's id" }, "409": { description: "Already decided", ...json(ref("Error")) }, ...errorResponses },
    },
  },
};
