export const documents = {
} as const satisfies Record<string, readonly [string, string]>;
