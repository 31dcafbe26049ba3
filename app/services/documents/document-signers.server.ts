import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { signatures } from "#db/schema";
import { formatInstant } from "~/services/admin/format-time.server";

export interface DocumentSigner {
  party: (typeof signatures.$inferSelect)["party"];
  organisation: string;
  signerName: string;
  signerRole: string;
  decision: "approved" | "rejected";
  /** "YYYY-MM-DD HH:mm", Asia/Shanghai. */
  signedAt: string;
  /** Voided by a later revision of the content: no longer an approval of anything in force. */
  voided: boolean;
}

/**
 * Who signed the content a document was drawn from: the signatures of its project over the same
 * content hash, in signing order. Only what a holder of the paper may check is returned — no
 * IPs, user agents, opinions or signature images.
 */
export async function listDocumentSigners(db: Db, document: { projectId: string | null; signedContentSha256: string | null }): Promise<DocumentSigner[]> {
  if (!document.projectId || !document.signedContentSha256) return [];
  const rows = await db
    .select({
      party: signatures.party,
      organisation: signatures.organisation,
      signerName: signatures.signerName,
      signerRole: signatures.signerRole,
      decision: signatures.decision,
      signedAt: signatures.signedAt,
      voidedAt: signatures.voidedAt,
    })
    .from(signatures)
    .where(and(eq(signatures.projectId, document.projectId), eq(signatures.contentSha256, document.signedContentSha256)))
    .orderBy(asc(signatures.signedAt), asc(signatures.id));
  return rows.map(({ signedAt, voidedAt, ...r }) => ({ ...r, signedAt: formatInstant(signedAt), voided: voidedAt !== null }));
}
