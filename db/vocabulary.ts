/**
 * Plain constants shared by the schema and the UI. Kept free of drizzle imports so route modules
 * can use them without shipping the database layer to the browser.
 */
export const ROLES = ["pm", "management", "supervisor", "client", "designer", "vendor", "finance", "service", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const COMPANY_KINDS = ["own", "client", "supervision", "design", "installer"] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];
