// Issues the 工程开工报审表 (B.0.2) PDF of a project: the current round's content with the
// supervisor's and client's signed opinions, drawn signatures and seals.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, files } from "#db/schema";
import { COMMENCEMENT_TITLE, drawCommencement, type SignedOpinion } from "#templates/pdf/b02-commencement";
import type { SessionUser } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import { ownCompanyName } from "~/services/bidding/issue-comparison-pdf.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { canonicalJson } from "~/services/review/canonical";
import { loadCommencementContent, loadCommencementOpinions, type CommencementOpinion } from "./commencement-content.server";

async function images(db: Db, ids: (string | null)[]): Promise<Map<string, Buffer>> {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: files.id, bytes: files.bytes, mime: files.mime }).from(files).where(inArray(files.id, wanted));
  // pdfkit draws PNG and JPEG only.
  return new Map(rows.filter((r) => r.mime === "image/png" || r.mime === "image/jpeg").map((r) => [r.id, Buffer.from(r.bytes)]));
}

export async function loadCommencementPdfData(db: Db, projectId: string) {
  const content = await loadCommencementContent(db, projectId);
  if (!content) return null;
  const opinions = await loadCommencementOpinions(db, projectId, content.round);
  const latest = (party: string) => [...opinions].reverse().find((o) => o.party === party) ?? null;
  const sup = latest("supervisor");
  const cli = latest("client");
  const imgs = await images(db, [sup?.signatureFileId ?? null, sup?.sealFileId ?? null, cli?.signatureFileId ?? null, cli?.sealFileId ?? null]);
  const signed = (o: CommencementOpinion | null): SignedOpinion | null =>
    o && { ...o, signaturePng: (o.signatureFileId && imgs.get(o.signatureFileId)) || null, sealImage: (o.sealFileId && imgs.get(o.sealFileId)) || null };
  const [submitted] = await db
    .select({ at: auditEvents.at })
    .from(auditEvents)
    .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.event, "SUBMIT_COMMENCEMENT")))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return { content, submittedOn: submitted?.at.toISOString() ?? null, supervisor: signed(sup), client: signed(cli), opinions };
}

/**
 * Issues the document, or returns the current one when nothing it prints has changed (the hash
 * covers the content, the signatures by their content hashes and files, and the company name).
 */
export async function issueCommencementPdf(db: Db, { projectId, user }: { projectId: string; user: Pick<SessionUser, "id"> | null }): Promise<DocumentRow | null> {
  const data = await loadCommencementPdfData(db, projectId);
  if (!data) return null;
  const companyName = await ownCompanyName(db);
  const contentHash = sha256Hex(canonicalJson({ content: data.content, opinions: data.opinions, submittedOn: data.submittedOn, companyName }));
  return issueDocument(db, {
    projectId,
    kind: "commencement",
    title: COMMENCEMENT_TITLE,
    contentHash,
    createdBy: user?.id ?? null,
    render: (meta) => drawCommencement(data, { ...meta, companyName }),
  });
}
