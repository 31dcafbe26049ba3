import { errorResponses, json, ref } from "./shared";

const ticketId = { name: "ticketId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const STEPS = ["assign", "contact", "diagnose", "quote", "schedule", "arrive", "resolve", "confirm", "close"];

const stepBody = {
  type: "object",
  required: ["step", "expectedVersion"],
  properties: {
    step: { type: "string", enum: STEPS, description: "survey is the customer's (their link), never a staff step" },
    expectedVersion: { type: "integer", description: "the ticket's version as read; a stale one is refused with 409 serviceFlow.changedMeanwhile" },
    assignedTo: { type: "string", format: "uuid", description: "assign: a user with role service" },
    note: { type: "string", description: "contact: notes of the call" },
    diagnosis: { type: "string", description: "diagnose" },
    coverage: { type: "string", enum: ["warranty", "contract", "paid"], description: "diagnose: must agree with the server's decision (a 'warranty' after the warranty's last day is refused: serviceFlow.coverage.expiredNotFree)" },
    exclusion: { type: "string", enum: ["humanOrForceMajeure", "unauthorisedDisassembly", "voltage", "consumables", "normalWear", "improperUse"], description: "diagnose: the exclusion that makes work under warranty paid ('expired' is implied after the last day)" },
    amount: { type: "string", description: "quote: yuan, e.g. \"1280.50\"" },
    items: { type: "string", description: "quote: the items, one per line" },
    validUntil: { type: "string", format: "date", description: "quote: today … today + 60 days; the link stops at the end of that day (Asia/Shanghai)" },
    email: { type: "string", description: "quote: where the link goes (defaults to the ticket's contact e-mail)" },
    scheduledFor: { type: "string", description: "schedule: ISO instant with zone, or YYYY-MM-DDTHH:mm in Beijing time" },
    causeCategory: { type: "string", enum: ["installationError", "transportDamage", "missingParts", "incorrectOperation", "componentDefect", "manufacturingDefect", "customerModification", "clientCause", "other"], description: "resolve" },
    partsReplaced: { type: "string", description: "resolve" },
    minutesSpent: { type: "integer", description: "resolve: 1–10000" },
    resolution: { type: "string", description: "resolve (photos only through the page)" },
    signerName: { type: "string", description: "confirm" },
    signature: { type: "string", description: "confirm: the customer's drawn signature as a PNG data URL (required)" },
    reason: { type: "string", description: "close: required unless the customer has rated the ticket (a confirmed ticket closes 7 days after the confirmation at the earliest)" },
  },
};

const stepResult = {
  type: "object",
  properties: {
    ok: { type: "boolean" },
    step: { type: "string" },
    status: { type: "string" },
    version: { type: "integer" },
    surveyLink: { type: "string", nullable: true, description: "confirm: the customer's survey link (to show as a QR code)" },
    quoteLink: { type: "string", nullable: true, description: "quote: the customer's quote link (also e-mailed)" },
    ticket: { type: "object" },
  },
};

const stepErrors = {
  "400": { description: "Invalid input (fieldErrors), e.g. a coverage that disagrees with the warranty", ...json(ref("Error")) },
  "403": { description: "May read but not act (the project's pm), or the survey step", ...json(ref("Error")) },
  "409": { description: "Not possible in this status, or changed meanwhile (stale expectedVersion)", ...json(ref("Error")) },
};

/** OpenAPI paths of a ticket's steps from assignment to closing (merged into the document by openapi.ts). */
export const serviceFlowPaths: Record<string, unknown> = {
  "/service/tickets/{ticketId}": {
    get: {
      summary: "One service ticket: fields, SLA due times and whether overdue, unit, technician, photos, history (ticketEvents), quotes, the coverage the server would decide today and the steps this user may take now. Service and management; the project's pm.",
      parameters: [ticketId],
      responses: { "200": { description: "{ticket, sla, project, unit, assignee, photos, events, quotes, warranty, contract, suggestion, steps, today}", ...json({ type: "object" }) }, ...errorResponses },
    },
  },
  "/service/tickets/{ticketId}/steps": {
    post: {
      summary: "Take one step of the ticket (service and management): assign, contact, diagnose (with the coverage decision), quote, schedule, arrive, resolve, confirm (the customer's drawn signature; returns the survey link), close. Same checks and messages as the page.",
      parameters: [ticketId],
      requestBody: { required: true, ...json(stepBody) },
      responses: { "200": { description: "The step was taken", ...json(stepResult) }, ...errorResponses, ...stepErrors },
    },
  },
  "/service/tickets/{ticketId}/quotes": {
    post: {
      summary: "Quote paid work (a diagnosed paid ticket, or after a declined/lapsed quote): the customer gets an e-mail with a link /sq/<token> to accept or decline; a new quote retires the earlier unused link. After acceptance the ticket can be scheduled.",
      parameters: [ticketId],
      requestBody: { required: true, ...json({ type: "object", required: ["expectedVersion", "amount", "items", "validUntil"], properties: { expectedVersion: stepBody.properties.expectedVersion, amount: stepBody.properties.amount, items: stepBody.properties.items, validUntil: stepBody.properties.validUntil, email: stepBody.properties.email } }) },
      responses: { "201": { description: "The quote was created and e-mailed", ...json(stepResult) }, ...errorResponses, ...stepErrors },
    },
  },
};
