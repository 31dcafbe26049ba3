import { errorResponses, json, ref } from "./shared";

const token = { name: "token", in: "path", required: true, schema: { type: "string" }, description: "The token of the survey link (/sv/<token>), from the e-mail or the QR code on the technician's phone" };
const month = (name: "from" | "to", description: string) => ({ name, in: "query", required: false, schema: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }, description });
const range = [
  month("from", "First month (Beijing), YYYY-MM; default 11 months before the current one"),
  month("to", "Last month (Beijing), YYYY-MM, inclusive; default the current month. At most 36 months."),
];
const readers = "Service, management and admin; 404 for everyone else.";
const level = { type: "string", enum: ["1", "2", "3", "4"], description: "4 非常满意 very satisfied, 3 满意 satisfied, 2 基本满意 fairly satisfied, 1 不满意 dissatisfied (a JSON number is accepted too)" };

const monthCounts = { type: "array", items: { type: "object", properties: { month: { type: "string" }, counts: { type: "object", additionalProperties: { type: "integer" } }, total: { type: "integer" } } } };

/** OpenAPI paths of the customer's satisfaction survey link and of the service reports (merged by openapi.ts). */
export const serviceSurveyPaths: Record<string, unknown> = {
  "/survey-links/{token}": {
    get: {
      summary: "What a satisfaction-survey link shows: ticket number, project, technician, resolution and its date, the four questions and the four levels. No bearer token: the link's token is the credential; failed attempts are rate-limited per IP.",
      security: [],
      parameters: [token],
      responses: {
        "200": { description: "{survey: {ticketNumber, projectName, technicianName, resolution, resolvedOn, expiresAt}, questions[{aspect, label}], levels[{value, label}]}" },
        "404": { description: "Unknown, used (already submitted) or expired link, or the ticket no longer awaits the survey — no detail", ...json(ref("Error")) },
        "429": { description: "Too many failed attempts", ...json(ref("Error")) },
      },
    },
    post: {
      summary: "Submit the survey, once, as on the page /sv/{token}: the link is used, the answers stored, the ticket moves confirmed → surveyed. Any aspect 不满意 (1) or a complaint is flagged and e-mailed to management and service.",
      security: [],
      parameters: [token],
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["attitude", "skill", "arrivalTime", "promisesKept"],
          properties: {
            attitude: { ...level, description: `服务态度. ${level.description}` },
            skill: { ...level, description: `技术水平. ${level.description}` },
            arrivalTime: { ...level, description: `到达时间. ${level.description}` },
            promisesKept: { ...level, description: `承诺兑现. ${level.description}` },
            comment: { type: "string", maxLength: 2000 },
            complaint: { type: "boolean", description: "我要投诉" },
          },
        }),
      },
      responses: {
        "200": { description: "{ok: true, flagged}" },
        "404": { description: "Unknown, used or expired link; a second submission (also the loser of two at once)", ...json(ref("Error")) },
        "422": { description: "fieldErrors keyed attitude, skill, arrivalTime, promisesKept, comment", ...json(ref("Error")) },
        "429": { description: "Too many failed attempts", ...json(ref("Error")) },
      },
    },
  },
  "/service/reports": {
    get: {
      summary: "Service reports per Beijing month: tickets by cause category and by coverage (month received; 'pending' / 'undecided' while unknown), SLA breaches (contact after 4 h or still not contacted; on site after the working-hours deadline or still not), technician ratings (average per aspect, count, flagged; month submitted) and warranties expiring (projects whose warranty's last day falls in the month)",
      description: readers,
      parameters: range,
      responses: {
        "200": {
          description: "{reports}",
          ...json({
            type: "object",
            properties: {
              reports: {
                type: "object",
                properties: {
                  from: { type: "string" },
                  to: { type: "string" },
                  months: { type: "array", items: { type: "string" } },
                  byCause: monthCounts,
                  byCoverage: monthCounts,
                  sla: { type: "array", items: { type: "object", properties: { month: { type: "string" }, tickets: { type: "integer" }, contactLate: { type: "integer" }, arrivalLate: { type: "integer" } } } },
                  ratings: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: Object.fromEntries([
                        ["technicianId", { type: "string", nullable: true }],
                        ["name", { type: "string", nullable: true }],
                        ["count", { type: "integer" }],
                        ...["attitude", "skill", "arrivalTime", "promisesKept", "average"].map((k) => [k, { type: "number", description: "1–4, two decimals" }]),
                        ["flagged", { type: "integer" }],
                      ]),
                    },
                  },
                  warranties: { type: "array", items: { type: "object", properties: { month: { type: "string" }, count: { type: "integer" }, projects: { type: "array", items: { type: "object", properties: { id: { type: "string" }, code: { type: "string" }, name: { type: "string" }, warrantyEndsOn: { type: "string", format: "date" } } } } } } },
                },
              },
            },
          }),
        },
        "400": { description: "Bad month range: fieldErrors from / to", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/service/reports.xlsx": {
    get: {
      summary: "The service reports as .xlsx: sheets 按故障原因, 按保修类别, 超时统计, 技术员评价, 保修到期",
      description: readers,
      parameters: range,
      responses: {
        "200": { description: "The workbook", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
        "400": { description: "Bad month range", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
};
