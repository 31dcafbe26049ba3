import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { bidDecisions, projects, quotes, users, vendorContracts } from "#db/schema";
import { projectVisibility } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";

export interface VendorQuoteHistory {
  projectId: string;
  projectCode: string;
  projectName: string;
  revisions: number;
  latestTotalFen: number;
  status: "valid" | "withdrawn" | "expired";
  submittedAt: string;
}

export interface VendorAwardHistory {
  projectId: string;
  projectCode: string;
  projectName: string;
  decidedAt: string;
  decidedBy: string | null;
}

export interface VendorContractHistory {
  projectId: string;
  projectCode: string;
  projectName: string;
  contractNo: string;
  amountFen: number;
  signedOn: string;
  stage: string;
}

export interface VendorHistory {
  quotes: VendorQuoteHistory[];
  awards: VendorAwardHistory[];
  contracts: VendorContractHistory[];
}

const HISTORY_LIMIT = 200;

/**
 * The company's track record, limited to projects this user may see (a pm sees their own projects'
 * rows; the list's counts cover all projects, so the page can say how many rows are not shown).
 */
export async function getVendorHistory(db: Db, user: SessionUser, vendorId: string, today: string): Promise<VendorHistory> {
  const visible = projectVisibility(user);
  const latestRevision = sql`(select max(q2.revision) from quotes q2 where q2.project_id = ${quotes.projectId} and q2.vendor_id = ${quotes.vendorId})`;
  const revisions = sql<number>`(select count(*) from quotes q3 where q3.project_id = ${quotes.projectId} and q3.vendor_id = ${quotes.vendorId})`.mapWith(Number);

  const [quoteRows, awardRows, contractRows] = await Promise.all([
    db
      .select({
        projectId: projects.id,
        projectCode: projects.code,
        projectName: projects.name,
        revisions,
        latestTotalFen: quotes.totalFen,
        withdrawnAt: quotes.withdrawnAt,
        validUntil: quotes.validUntil,
        submittedAt: quotes.submittedAt,
      })
      .from(quotes)
      .innerJoin(projects, eq(projects.id, quotes.projectId))
      .where(and(eq(quotes.vendorId, vendorId), eq(quotes.revision, latestRevision), visible))
      .orderBy(desc(quotes.submittedAt))
      .limit(HISTORY_LIMIT),
    db
      .select({ projectId: projects.id, projectCode: projects.code, projectName: projects.name, decidedAt: bidDecisions.decidedAt, decidedBy: users.name })
      .from(bidDecisions)
      .innerJoin(projects, eq(projects.id, bidDecisions.projectId))
      .leftJoin(users, eq(users.id, bidDecisions.decidedBy))
      .where(and(eq(bidDecisions.vendorId, vendorId), eq(bidDecisions.kind, "award"), visible))
      .orderBy(desc(bidDecisions.decidedAt))
      .limit(HISTORY_LIMIT),
    db
      .select({
        projectId: projects.id,
        projectCode: projects.code,
        projectName: projects.name,
        contractNo: vendorContracts.contractNo,
        amountFen: vendorContracts.amountFen,
        signedOn: vendorContracts.signedOn,
        stage: projects.stage,
      })
      .from(vendorContracts)
      .innerJoin(projects, eq(projects.id, vendorContracts.projectId))
      .where(and(eq(vendorContracts.vendorId, vendorId), visible))
      .orderBy(desc(vendorContracts.signedOn))
      .limit(HISTORY_LIMIT),
  ]);

  return {
    quotes: quoteRows.map(({ withdrawnAt, validUntil, submittedAt, ...row }) => ({
      ...row,
      status: withdrawnAt ? "withdrawn" : validUntil < today ? "expired" : "valid",
      submittedAt: submittedAt.toISOString(),
    })),
    awards: awardRows.map((row) => ({ ...row, decidedAt: row.decidedAt.toISOString() })),
    contracts: contractRows,
  };
}
