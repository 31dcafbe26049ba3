export const bidding = {
} as const satisfies Record<string, readonly [string, string]>;
