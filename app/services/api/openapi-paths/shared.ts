/** Building blocks shared by the per-area path files of the OpenAPI document. */
export const json = (schema: object) => ({ content: { "application/json": { schema } } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const errorResponses = {
  "401": { description: "Missing or invalid token", ...json(ref("Error")) },
  "403": { description: "Not allowed for this user or role", ...json(ref("Error")) },
  "404": { description: "Not found, or not visible to this user", ...json(ref("Error")) },
};
export const projectId = { name: "projectId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
