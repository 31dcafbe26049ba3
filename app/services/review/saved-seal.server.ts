import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies } from "#db/schema";
import { partyCompanyId } from "./record-signature.server";
import type { ProjectRow, ReviewTaskRow } from "./review-tasks.server";

/** Whether the party's company has a seal on file (used when the signer uploads none). */
export async function savedSealFor(db: Db, project: ProjectRow, task: Pick<ReviewTaskRow, "party" | "organisation">): Promise<boolean> {
  const companyId = partyCompanyId(project, task.party);
  if (!companyId) return false;
  const [c] = await db.select({ name: companies.name, sealFileId: companies.sealFileId }).from(companies).where(eq(companies.id, companyId));
  return Boolean(c?.sealFileId && c.name === task.organisation);
}
