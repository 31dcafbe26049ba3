import { errorResponses, json, projectId, ref } from "./shared";

const date = (description: string) => ({ type: "string", format: "date", description });
const progressInput = {
  type: "object",
  required: ["entryDate", "percentComplete"],
  properties: {
    entryDate: date("not after today (Asia/Shanghai), not before the construction start"),
    percentComplete: { type: "integer", minimum: 0, maximum: 100, description: "whole percent; lower than the previous entry is accepted but warned about unless notes explain" },
    notes: { type: "string", maxLength: 2000 },
  },
};
const refused = {
  "400": { description: "Invalid input (fieldErrors keyed by field: entryDate, percentComplete, notes, photos / noteDate, party, content)", ...json(ref("Error")) },
  "409": { description: "The project is not in construction", ...json(ref("Error")) },
};
const point = { type: "object", properties: { date: { type: "string", format: "date" }, percent: { type: "number" } } };

/** OpenAPI paths of construction: progress log and coordination notes (merged by openapi.ts). */
export const siteConstructionPaths: Record<string, unknown> = {
  "/projects/{projectId}/progress": {
    get: {
      summary: "Progress log (newest first, with photos) and planned-vs-actual data; planned % is linear from the construction start to the planned finish",
      parameters: [projectId],
      responses: {
        "200": {
          description: "Progress",
          ...json({
            type: "object",
            properties: {
              stage: { type: "string" },
              startOn: { type: "string", format: "date", nullable: true, description: "commencement approval date, else the planned start" },
              finishOn: { type: "string", format: "date", nullable: true },
              today: { type: "string", format: "date" },
              summary: {
                type: "object",
                properties: {
                  plannedToday: { type: "integer", nullable: true },
                  actualLatest: { type: "integer", nullable: true },
                  difference: { type: "integer", nullable: true, description: "actual − planned; negative = behind" },
                },
              },
              chart: { type: "object", properties: { from: { type: "string", format: "date" }, to: { type: "string", format: "date" }, planned: { type: "array", items: point }, actual: { type: "array", items: point } } },
              entries: { type: "array", items: { type: "object", description: "{id, entryDate, percentComplete, notes, createdBy, createdAt, photos:[{id, fileId, caption, url}]}" } },
            },
          }),
        },
        ...errorResponses,
      },
    },
    post: {
      summary: "Log progress (the project's pm; project in construction). JSON, or multipart/form-data with the same fields plus `photos` (JPEG/PNG/WebP by content, ≤ 10 MB each, ≤ 12) and `photosCaption`",
      parameters: [projectId],
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: progressInput },
          "multipart/form-data": {
            schema: { ...progressInput, properties: { ...progressInput.properties, photos: { type: "array", items: { type: "string", format: "binary" } }, photosCaption: { type: "string", maxLength: 200 } } },
          },
        },
      },
      responses: {
        "201": { description: "Created: {id, warnings:[message], url}" },
        ...refused,
        "413": { description: "Upload too large", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/projects/{projectId}/notes": {
    get: {
      summary: "Coordination notes with the client, supervisor, installer or internal, newest first",
      parameters: [projectId],
      responses: { "200": { description: "{items:[{id, noteDate, party, content, createdBy, createdAt}]}" }, ...errorResponses },
    },
    post: {
      summary: "Add a coordination note (the project's pm; project in construction)",
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["noteDate", "party", "content"],
          properties: {
            noteDate: date("not after today (Asia/Shanghai)"),
            party: { type: "string", enum: ["client", "supervisor", "vendor", "internal"], description: "建设单位 / 监理单位 / 施工单位 / 内部" },
            content: { type: "string", maxLength: 4000 },
          },
        }),
      },
      responses: { "201": { description: "Created: {id, url}" }, ...refused, ...errorResponses },
    },
  },
};
