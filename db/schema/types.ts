import { customType } from "drizzle-orm/pg-core";

/** Raw bytes (uploaded files live in the database so app servers stay stateless). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const ROLES = ["pm", "management", "supervisor", "client", "designer", "vendor", "finance", "service", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const COMPANY_KINDS = ["own", "client", "supervision", "design", "installer"] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];
