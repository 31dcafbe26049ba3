/** OpenAPI paths of the documents area (merged into the document by openapi.ts). */
export const documentPaths: Record<string, unknown> = {};
