/** OpenAPI paths of the bidding area (merged into the document by openapi.ts). */
export const biddingPaths: Record<string, unknown> = {};
