import { pgErrorCode, type Db } from "#db/client";
import { companies } from "#db/schema";
import type { CompanyInput } from "./company-form.server";
import type { AdminWriteResult } from "./create-user.server";

export async function createCompany(db: Db, input: CompanyInput): Promise<AdminWriteResult> {
  try {
    const [row] = await db.insert(companies).values(input).returning({ id: companies.id });
    return { ok: true, id: row.id };
  } catch (error) {
    if (pgErrorCode(error) === "23505") return { ok: false, errors: { creditCode: "admin.company.creditCodeTaken" } };
    throw error;
  }
}
