import crypto from "node:crypto";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import type { CompanyKind, Role } from "#db/schema";
import { initialProjectSnapshot, PROJECT_MACHINE_VERSION } from "#machines/runtime";
import type { SessionUser } from "~/lib/session.server";

const uid = () => crypto.randomBytes(4).toString("hex");

export async function makeCompany(db: Db, kind: CompanyKind, name = `${kind}-${uid()}`) {
  const [row] = await db.insert(s.companies).values({ kind, name }).returning();
  return row;
}

/** A user with roles; the password hash is a placeholder (tests that sign in hash their own). */
export async function makeUser(db: Db, roles: Role[], fields: Partial<typeof s.users.$inferInsert> = {}): Promise<SessionUser> {
  const [row] = await db
    .insert(s.users)
    .values({ email: `${roles[0] ?? "user"}-${uid()}@test.cn`, name: `测试${roles[0] ?? ""}`, passwordHash: "x", ...fields })
    .returning();
  if (roles.length) await db.insert(s.userRoles).values(roles.map((role) => ({ userId: row.id, role })));
  return { id: row.id, email: row.email, name: row.name, roles, companyId: row.companyId };
}

export async function makeProject(db: Db, pm: { id: string }, fields: Partial<typeof s.projects.$inferInsert> = {}) {
  const client = fields.clientId ? null : await makeCompany(db, "client");
  const snapshot = initialProjectSnapshot();
  const [row] = await db
    .insert(s.projects)
    .values({
      code: `T-${uid()}`,
      name: "测试项目",
      clientId: client?.id ?? fields.clientId!,
      siteAddress: "广州市",
      clientContractNo: "HT-1",
      clientContractAmountFen: 100_000_00,
      clientContractSignedOn: "2026-01-01",
      pmId: pm.id,
      plannedStartOn: "2026-12-01",
      stage: "bidding",
      snapshot,
      machineVersion: PROJECT_MACHINE_VERSION,
      ...fields,
    })
    .returning();
  return row;
}

/** A valid quote (single line) from a new installer company. */
export async function makeQuote(db: Db, projectId: string, fields: Partial<typeof s.quotes.$inferInsert> = {}) {
  const vendor = fields.vendorId ? { id: fields.vendorId } : await makeCompany(db, "installer");
  const [row] = await db
    .insert(s.quotes)
    .values({ projectId, vendorId: vendor.id, revision: 1, validUntil: "2099-12-31", totalFen: 50_000_00, source: "paper", ...fields })
    .returning();
  return row;
}
