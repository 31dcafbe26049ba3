import { customType } from "drizzle-orm/pg-core";

/** Raw bytes (uploaded files live in the database so app servers stay stateless). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export { ROLES, COMPANY_KINDS, type Role, type CompanyKind } from "../vocabulary";
