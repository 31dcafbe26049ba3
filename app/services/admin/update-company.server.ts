import { eq } from "drizzle-orm";
import { pgErrorCode, type Db } from "#db/client";
import { companies } from "#db/schema";
import type { CompanyInput } from "./company-form.server";
import type { AdminWriteResult } from "./create-user.server";

export async function updateCompany(db: Db, companyId: string, input: CompanyInput): Promise<AdminWriteResult<object>> {
  try {
    const updated = await db.update(companies).set(input).where(eq(companies.id, companyId)).returning({ id: companies.id });
    return updated.length > 0 ? { ok: true } : { ok: false, errors: {}, formError: "error.notFound" };
  } catch (error) {
    if (pgErrorCode(error) === "23505") return { ok: false, errors: { creditCode: "admin.company.creditCodeTaken" } };
    throw error;
  }
}
