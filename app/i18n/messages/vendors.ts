export const vendors = {
} as const satisfies Record<string, readonly [string, string]>;
