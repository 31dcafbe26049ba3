import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies } from "#db/schema";
import { BID_COMPARISON_TITLE, drawBidComparison } from "#templates/pdf/bid-comparison";
import type { SessionUser } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { loadComparison } from "./load-comparison.server";

/** Our company's name for the header (the one companies row of kind 'own'). */
export async function ownCompanyName(db: Db): Promise<string> {
  const [own] = await db.select({ name: companies.name }).from(companies).where(and(eq(companies.kind, "own"), isNull(companies.archivedAt))).orderBy(asc(companies.createdAt)).limit(1);
  return own?.name ?? "";
}

/**
 * Issues the 安装单位比价审批表 of a project, or returns the current one when nothing it shows has
 * changed. The caller authorises (visible project, internal user). The content hash covers the
 * comparison without its generation time, and the company name printed in the header.
 */
export async function issueComparisonPdf(db: Db, { projectId, user, now = new Date() }: { projectId: string; user: Pick<SessionUser, "id">; now?: Date }): Promise<DocumentRow> {
  const data = await loadComparison(db, projectId, now);
  const companyName = await ownCompanyName(db);
  const { generatedAt: _generatedAt, ...content } = data;
  const contentHash = sha256Hex(JSON.stringify({ content, companyName }));
  return issueDocument(db, {
    projectId,
    kind: "bidComparison",
    title: BID_COMPARISON_TITLE,
    contentHash,
    createdBy: user.id,
    render: (meta) => drawBidComparison(data, { ...meta, companyName }),
  });
}
