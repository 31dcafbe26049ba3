import { errorResponses, json, projectId, ref } from "./shared";

/** OpenAPI paths of the site survey and entry documents (merged into the document by openapi.ts). */
const itemId = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
const kind = { name: "kind", in: "path", required: true, schema: { type: "string", enum: ["crew", "credentials", "certificates"] } };
const multipart = (properties: Record<string, object>, required: string[] = []) => ({ content: { "multipart/form-data": { schema: { type: "object", properties, required } } } });
const date = { type: "string", format: "date" };
const scan = { type: "string", format: "binary", description: "PDF or JPG/PNG/WebP, 10 MB at most; the type is checked by the file's bytes" };
const write = {
  "400": { description: "Invalid input (fieldErrors by field path, e.g. `idNumber`, `credential.expiresOn`, `file`)", ...json(ref("Error")) },
  "409": { description: "STAGE_CONFLICT: the project is not in the stage that allows this change", ...json(ref("Error")) },
  "413": { description: "File or request too large", ...json(ref("Error")) },
  ...errorResponses,
};
const obstacle = { type: "object", properties: { description: { type: "string", maxLength: 500 }, plan: { type: "string", maxLength: 2000, description: "障碍物件处理方案; required by COMPLETE_SURVEY" } }, required: ["description"] };
const surveyInput = {
  type: "object",
  properties: {
    siteLeadName: { type: "string", maxLength: 100, description: "施工现场项目负责人 (required by COMPLETE_SURVEY)" },
    crewLeadName: { type: "string", maxLength: 100, description: "施工队长" },
    surveyedOn: date,
    conditions: { type: "string", maxLength: 4000, description: "现场状况 (required by COMPLETE_SURVEY)" },
    drawingsConfirmed: { type: "boolean", description: "施工图纸已确认签字" },
    obstacles: { type: "array", maxItems: 50, items: obstacle, description: "Replaces all obstacle rows; blank rows are dropped" },
  },
};
const member = {
  type: "object",
  properties: {
    name: { type: "string", maxLength: 50 },
    position: { type: "string", maxLength: 30, example: "电工" },
    idNumber: { type: "string", pattern: "^\\d{17}[\\dXx]$", description: "身份证号, GB 11643 check digit verified; stored as typed, always returned masked (440101********1234)" },
    credential: { type: "object", description: "Optional first credential", properties: { type: { type: "string" }, number: { type: "string" }, expiresOn: date } },
  },
  required: ["name", "position", "idNumber"],
};
const credential = { type: "object", properties: { type: { type: "string", example: "特种作业操作证（电工）" }, number: { type: "string" }, expiresOn: date }, required: ["type", "number", "expiresOn"] };
const certificate = {
  type: "object",
  properties: { name: { type: "string" }, kind: { type: "string", enum: ["equipment", "material"] }, number: { type: "string" }, expiresOn: { ...date, description: "Optional; none = does not expire" } },
  required: ["name", "kind"],
};
const withScan = (schema: { properties: Record<string, object>; required?: string[] }, field = "file") => ({
  required: true,
  content: { ...json(schema).content, ...multipart({ ...schema.properties, [field]: scan }, schema.required).content },
});

export const siteEntryPaths: Record<string, unknown> = {
  "/projects/{projectId}/survey": {
    get: { summary: "The site survey (现场勘察): leads, date, conditions, obstacles with plans, drawings confirmed, photos", parameters: [projectId], responses: { "200": { description: "Survey" }, ...errorResponses } },
    put: {
      summary: "Save the survey (project's pm, stage survey only): upsert, obstacles replaced, all or nothing",
      description: "Send COMPLETE_SURVEY through POST /projects/{projectId}/events when done; it is refused while the lead or conditions are empty or an obstacle has no plan.",
      parameters: [projectId],
      requestBody: { required: true, ...json(surveyInput) },
      responses: { "200": { description: "Saved survey" }, ...write },
    },
  },
  "/projects/{projectId}/survey/photos": {
    post: {
      summary: "Add survey photos (images only, checked by content)",
      parameters: [projectId],
      requestBody: { required: true, ...multipart({ photos: { type: "array", items: { type: "string", format: "binary" } }, caption: { type: "string", maxLength: 200 } }, ["photos"]) },
      responses: { "201": { description: "{photos:[{id, fileId, caption, url}]}" }, "415": { description: "Not multipart", ...json(ref("Error")) }, ...write },
    },
  },
  "/projects/{projectId}/entry": {
    get: {
      summary: "Entry documents (进场资料): crew with masked ID numbers and credentials, certificates, items expired by the planned start, other missing conditions, review status, last rejection",
      parameters: [projectId],
      responses: { "200": { description: "Entry documents" }, ...errorResponses },
    },
  },
  "/projects/{projectId}/entry/crew": {
    post: { summary: "Add a crew member (optionally with a first credential; its scan in `credentialFile`)", parameters: [projectId], requestBody: withScan(member, "credentialFile"), responses: { "201": { description: "{ok, id, url}" }, ...write } },
  },
  "/projects/{projectId}/entry/crew/{memberId}/credentials": {
    post: { summary: "Add a credential to a crew member", parameters: [projectId, itemId("memberId")], requestBody: withScan(credential), responses: { "201": { description: "{ok, id, url}" }, ...write } },
  },
  "/projects/{projectId}/entry/certificates": {
    post: { summary: "Add an equipment or auxiliary-material certificate", parameters: [projectId], requestBody: withScan(certificate), responses: { "201": { description: "{ok, id, url}" }, ...write } },
  },
  "/projects/{projectId}/entry/{kind}/{itemId}": {
    put: {
      summary: "Edit a crew member, a credential (renewal) or a certificate; a new scan replaces the old; a member's idNumber may be omitted to keep it",
      parameters: [projectId, kind, itemId("itemId")],
      requestBody: { required: true, ...json({ oneOf: [member, credential, certificate] }) },
      responses: { "200": { description: "{ok, id}" }, ...write },
    },
  },
  "/projects/{projectId}/entry/{kind}/{itemId}/delete": {
    post: { summary: "Remove a crew member (with credentials), a credential or a certificate, and their scans", parameters: [projectId, kind, itemId("itemId")], responses: { "200": { description: "{ok, id}" }, ...write } },
  },
};
