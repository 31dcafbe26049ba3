import { errorResponses, json, projectId, ref } from "./shared";

const date = (description: string) => ({ type: "string", format: "date", description });
const yesNo = (description: string) => ({ oneOf: [{ type: "boolean" }, { type: "string", enum: ["yes", "no"] }], description });
const airflow = (min: 0 | 1) => ({ type: "integer", minimum: min, maximum: 1_000_000, description: "m³/h" });

const writeRefusals = {
  "400": { description: "Invalid input: fieldErrors keyed by field path (`completedOn`, `items.2.name`, `outlets.0.designM3h`, `serialNumbers` …)", ...json(ref("Error")) },
  "409": { description: "Not editable in this stage (before construction, or frozen after acceptance)", ...json(ref("Error")) },
  "422": { description: "In acceptance review the change starts a new round (REVISE_ACCEPTANCE); refused by the statechart (refusals), nothing written", ...json(ref("Error")) },
};
const revisedNote = "Only the project's pm, in construction or acceptance review. In acceptance review the change voids the signatures and sends the signing links again (response `revised: true`).";

const commissioningLine = {
  type: "object",
  properties: {
    designM3h: { type: "integer" },
    measuredM3h: { type: "integer" },
    deviationPct: { type: "string", description: "one decimal, signed (\"−4.2\")" },
    passed: { type: "boolean" },
  },
};
const selfInspection = {
  type: "object",
  nullable: true,
  properties: {
    inspectedOn: { type: "string", format: "date", nullable: true },
    foremanName: { type: "string" },
    items: { type: "array", items: { type: "object", properties: { name: { type: "string" }, ok: { type: "boolean" }, note: { type: "string" } } } },
    trialRunPassed: { type: "boolean" },
    trialRunHours: { type: "integer" },
    trialRunNote: { type: "string" },
    systemDesignM3h: { type: "integer", nullable: true },
    systemMeasuredM3h: { type: "integer", nullable: true },
    outlets: { type: "array", items: { type: "object", properties: { location: { type: "string" }, designM3h: { type: "integer" }, measuredM3h: { type: "integer" } } } },
    passed: { type: "boolean", description: "computed by the server: every item ok, trial run passed, system airflow within ±10%, every outlet within ±15%" },
    evaluated: { type: "object", properties: { system: { ...commissioningLine, nullable: true }, outlets: { type: "array", items: commissioningLine }, passed: { type: "boolean" } } },
    hasForemanSignature: { type: "boolean" },
    foremanSignatureFileId: { type: "string", format: "uuid", nullable: true, description: "GET /files/{id} with a session" },
    recordedAt: { type: "string", format: "date-time" },
  },
};
const unit = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: "string" },
    model: { type: "string" },
    quantity: { type: "integer" },
    location: { type: "string" },
    serialNumbers: { type: "array", items: { type: "string" } },
  },
};

/** OpenAPI paths of the acceptance records: completion confirmation, self-inspection, equipment list (merged by openapi.ts). */
export const acceptanceRecordsPaths: Record<string, unknown> = {
  "/projects/{projectId}/acceptance/completion": {
    get: {
      summary: "The completion confirmation (完工确认), or null",
      parameters: [projectId],
      responses: {
        "200": { description: "{completion: {completedOn, note, confirmedAt, confirmedByName} | null}" },
        ...errorResponses,
      },
    },
    put: {
      summary: `Confirm completion: all design and contract items done, with the completion date. ${revisedNote}`,
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["completedOn", "confirm"],
          properties: {
            completedOn: date("not after today (Asia/Shanghai), not before the construction start"),
            note: { type: "string", maxLength: 1000 },
            confirm: { type: "boolean", description: "must be true: 所有设计和合同约定内容均已完成" },
          },
        }),
      },
      responses: { "200": { description: "{ok: true, revised, completion}" }, ...writeRefusals, ...errorResponses },
    },
  },
  "/projects/{projectId}/acceptance/self-inspection": {
    get: {
      summary: "The installer's self-inspection with commissioning results (施工自检及调试记录), or null",
      parameters: [projectId],
      responses: { "200": { description: "{selfInspection}", ...json({ type: "object", properties: { selfInspection } }) }, ...errorResponses },
    },
    put: {
      summary: `Replace the self-inspection. \`passed\` is computed by the server; a \`passed\` in the body is ignored. ${revisedNote}`,
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["inspectedOn", "foremanName", "items", "trialRunPassed", "trialRunHours", "systemDesignM3h", "systemMeasuredM3h", "outlets"],
          properties: {
            inspectedOn: date("not after today (Asia/Shanghai)"),
            foremanName: { type: "string", maxLength: 50 },
            items: {
              type: "array",
              minItems: 1,
              maxItems: 50,
              items: { type: "object", required: ["name", "ok"], properties: { name: { type: "string", maxLength: 100 }, ok: yesNo("passed this check"), note: { type: "string", maxLength: 500 } } },
            },
            trialRunPassed: yesNo("the trial run went without problems"),
            trialRunHours: { type: "integer", minimum: 0, maximum: 720 },
            trialRunNote: { type: "string", maxLength: 1000 },
            systemDesignM3h: airflow(1),
            systemMeasuredM3h: airflow(1),
            outlets: {
              type: "array",
              minItems: 1,
              maxItems: 200,
              items: { type: "object", required: ["location", "designM3h", "measuredM3h"], properties: { location: { type: "string", maxLength: 100 }, designM3h: airflow(1), measuredM3h: airflow(0) } },
            },
            signature: { type: "string", description: "optional: the foreman's drawn signature as a PNG data URL (≤ 500 KB); without it the stored one is kept" },
          },
        }),
      },
      responses: { "200": { description: "{ok: true, revised, selfInspection}" }, ...writeRefusals, ...errorResponses },
    },
  },
  "/projects/{projectId}/acceptance/units": {
    get: {
      summary: "The installed equipment list (设备清单)",
      parameters: [projectId],
      responses: { "200": { description: "{items}", ...json({ type: "object", properties: { items: { type: "array", items: unit } } }) }, ...errorResponses },
    },
    post: {
      summary: `Add an equipment line. A serial number may be registered once across all projects. ${revisedNote}`,
      parameters: [projectId],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["name", "quantity"],
          properties: {
            name: { type: "string", maxLength: 100 },
            model: { type: "string", maxLength: 100 },
            quantity: { type: "integer", minimum: 1, maximum: 10000 },
            location: { type: "string", maxLength: 200 },
            serialNumbers: {
              oneOf: [{ type: "array", items: { type: "string", maxLength: 100 } }, { type: "string", description: "one per line, or separated by commas or 、" }],
              description: "trimmed and deduplicated; no more than quantity; refused when already registered on this or another project",
            },
          },
        }),
      },
      responses: { "201": { description: "Created: {ok: true, revised, id, unit, url}" }, ...writeRefusals, ...errorResponses },
    },
  },
  "/projects/{projectId}/acceptance/units/{unitId}": {
    delete: {
      summary: `Remove an equipment line of this project. ${revisedNote}`,
      parameters: [projectId, { name: "unitId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      responses: {
        "200": { description: "{ok: true, revised}" },
        "404": { description: "No such line on this project (or the project is not visible)", ...json(ref("Error")) },
        "409": writeRefusals["409"],
        "422": writeRefusals["422"],
        "401": errorResponses["401"],
        "403": errorResponses["403"],
      },
    },
  },
};
