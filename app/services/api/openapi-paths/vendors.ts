/** OpenAPI paths of the vendors area (merged into the document by openapi.ts). */
export const vendorPaths: Record<string, unknown> = {};
