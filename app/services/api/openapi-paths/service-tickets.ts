import { errorResponses, json, ref } from "./shared";

const instant = (description: string, nullable = false) => ({ type: "string", format: "date-time", description, ...(nullable ? { nullable: true } : {}) });
const channels = ["hotline", "regionalManager", "dealer", "online"];
const statuses = ["received", "assigned", "contacted", "diagnosed", "quoted", "scheduled", "onSite", "resolved", "confirmed", "surveyed", "closed"];

const requestFields = {
  reporterName: { type: "string", maxLength: 50 },
  contactPhone: { type: "string", description: "Chinese mobile (1[3-9] + 9 digits) or a landline with area code (020-12345678, extension -123 allowed); spaces and +86 are dropped" },
  contactEmail: { type: "string", description: "optional" },
  siteAddress: { type: "string", maxLength: 200 },
  area: { type: "string", enum: ["city", "suburb"], description: "市区 city (arrival within 6 working hours) / 郊区 suburb (7)" },
  description: { type: "string", minLength: 10, maxLength: 2000, description: "the fault, 10–2000 characters" },
  unitId: { type: "string", format: "uuid", description: "optional: one of the project's installed units" },
  serialNumber: { type: "string", maxLength: 64, description: "optional: must be a serial of THIS project's units (case-insensitive) and then decides the unit; another project's serial is refused like an unknown one" },
};
const requestRequired = ["reporterName", "contactPhone", "siteAddress", "area", "description"];

const ticketRow = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    number: { type: "string", description: "SV-<yyyymm>-<4-digit sequence per month>" },
    projectId: { type: "string", format: "uuid" },
    projectCode: { type: "string" },
    projectName: { type: "string" },
    channel: { type: "string", enum: channels },
    status: { type: "string", enum: statuses },
    area: { type: "string", enum: ["city", "suburb"] },
    reporterName: { type: "string" },
    coverage: { type: "string", enum: ["warranty", "contract", "paid"], nullable: true },
    receivedAt: instant("received"),
    contactDueAt: instant("received + 4 h"),
    contactedAt: instant("customer contacted", true),
    arrivalDueAt: instant("set when scheduled: 6 (city) / 7 (suburb) working hours", true),
    onSiteAt: instant("technician on site", true),
    closedAt: instant("closed", true),
    assignedTo: { type: "string", format: "uuid", nullable: true },
    technicianName: { type: "string", nullable: true },
    contactOverdue: { type: "boolean", description: "not contacted and now > contactDueAt" },
    arrivalOverdue: { type: "boolean", description: "not on site and now > arrivalDueAt" },
  },
};
const overdueStep = {
  type: "object",
  properties: { ticketId: { type: "string", format: "uuid" }, number: { type: "string" }, projectCode: { type: "string" }, projectName: { type: "string" }, step: { type: "string", enum: ["contact", "arrival"] }, dueAt: instant("the deadline missed"), technicianName: { type: "string", nullable: true } },
};
const code = { name: "code", in: "path", required: true, schema: { type: "string" }, description: "The service code printed on the warranty card (its QR code opens /s/<code>)" };

/** OpenAPI paths of ticket intake: the staff list and entry, the customer's public request (merged by openapi.ts). */
export const serviceTicketPaths: Record<string, unknown> = {
  "/service/tickets": {
    get: {
      summary: "Service tickets, newest first (at most 200), with the overdue steps among them. Service and management see all; a pm their own projects' tickets; 404 for everyone else.",
      parameters: [
        { name: "status", in: "query", required: false, schema: { type: "string", enum: ["open", ...statuses] }, description: "open = not closed" },
        { name: "channel", in: "query", required: false, schema: { type: "string", enum: channels } },
        { name: "projectId", in: "query", required: false, schema: { type: "string", format: "uuid" } },
        { name: "overdue", in: "query", required: false, schema: { type: "string", enum: ["1", "0", "true", "false"] }, description: "only tickets with an overdue step" },
      ],
      responses: {
        "200": { description: "{now, items, overdueSteps}", ...json({ type: "object", properties: { now: instant("server time the overdue flags refer to"), items: { type: "array", items: ticketRow }, overdueSteps: { type: "array", items: overdueStep } } }) },
        "400": { description: "fieldErrors: status, channel, projectId, overdue", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
    post: {
      summary: "Staff entry of a ticket taken by hotline, a regional manager or a dealer (as /service/tickets/new): number SV-yyyymm-nnnn, contact due in 4 h, service staff e-mailed. Service and management for any project, a pm for their own (another project: 404).",
      requestBody: {
        required: true,
        ...json({ type: "object", required: ["projectId", "channel", ...requestRequired], properties: { projectId: { type: "string", format: "uuid" }, channel: { type: "string", enum: ["hotline", "regionalManager", "dealer"] }, ...requestFields } }),
      },
      responses: {
        "201": { description: "{id, number, contactDueAt, url}" },
        "400": { description: "fieldErrors keyed as the request fields (serialNumber: 该序列号不属于本项目的设备…)", ...json(ref("Error")) },
        ...errorResponses,
      },
    },
  },
  "/service-requests/{code}": {
    get: {
      summary: "What the warranty card's public page shows: project name, site address, installed units (no serial numbers) and the warranty state. No bearer token; unknown codes are rate-limited per IP.",
      security: [],
      parameters: [code],
      responses: {
        "200": { description: "{code, name, siteAddress, units[{id, name, model, location, quantity}], warranty: {state: active|expiring|expired, endsOn} | null}" },
        "404": { description: "Unknown code (no detail)", ...json(ref("Error")) },
        "429": { description: "Too many unknown codes from this IP", ...json(ref("Error")) },
      },
    },
    post: {
      summary: "A customer's service request (channel online), as on the page /s/{code} but without photos. No bearer token; at most 5 requests per IP in 10 minutes.",
      security: [],
      parameters: [code],
      requestBody: { required: true, ...json({ type: "object", required: requestRequired, properties: requestFields }) },
      responses: {
        "201": { description: "{number, contactDueAt}: we contact the customer within 4 hours" },
        "400": { description: "fieldErrors keyed as the request fields", ...json(ref("Error")) },
        "404": { description: "Unknown code (no detail)", ...json(ref("Error")) },
        "429": { description: "More than 5 requests from this IP in 10 minutes", ...json(ref("Error")) },
      },
    },
  },
};
