// Issues the two acceptance PDFs of a project — 单位工程竣工验收报审表 (B.0.10) and the 竣工验收单 —
// from the current round's content and signers. Unchanged data reuses the current document; a new
// signature (or a revision) makes a new version that supersedes the old one.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, files } from "#db/schema";
import type { AcceptancePdfData } from "#templates/pdf/acceptance-common";
import { ACCEPTANCE_APPLICATION_TITLE, drawAcceptanceApplication } from "#templates/pdf/b10-acceptance-application";
import { COMPLETION_CERTIFICATE_TITLE, drawCompletionCertificate } from "#templates/pdf/completion-certificate";
import type { DocumentMeta } from "#templates/pdf/base";
import { notFound } from "~/lib/http.server";
import type { SessionUser } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import { ownCompanyName } from "~/services/bidding/issue-comparison-pdf.server";
import { canReadKind } from "~/services/documents/document-access.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";
import type { DocumentKind } from "~/services/documents/document-kinds.server";
import { canonicalJson } from "~/services/review/canonical";
import { contentSha256 } from "~/services/review/record-signature.server";
import { requireAcceptanceAccess } from "./acceptance-access.server";
import { loadAcceptanceContent, loadAcceptanceSigners } from "./acceptance-content.server";

async function images(db: Db, ids: (string | null)[]): Promise<Map<string, Buffer>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: files.id, bytes: files.bytes, mime: files.mime }).from(files).where(inArray(files.id, wanted));
  // pdfkit draws PNG and JPEG only.
  return new Map(rows.filter((r) => r.mime === "image/png" || r.mime === "image/jpeg").map((r) => [r.id, Buffer.from(r.bytes)]));
}

/** The PDF data of the current round; null when the project is missing or acceptance was never requested. */
export async function loadAcceptancePdfData(db: Db, projectId: string): Promise<AcceptancePdfData | null> {
  const content = await loadAcceptanceContent(db, projectId);
  if (!content || content.round === 0) return null;
  const signers = await loadAcceptanceSigners(db, projectId, content.round);
  const imgs = await images(db, signers.flatMap((s) => [s.signatureFileId, s.sealFileId]));
  const [requested] = await db
    .select({ at: auditEvents.at })
    .from(auditEvents)
    .where(and(eq(auditEvents.projectId, projectId), inArray(auditEvents.event, ["REQUEST_ACCEPTANCE", "REVISE_ACCEPTANCE"])))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return {
    content,
    signers: signers.map((s) => ({
      ...s,
      signaturePng: (s.signatureFileId && imgs.get(s.signatureFileId)) || null,
      sealImage: (s.sealFileId && imgs.get(s.sealFileId)) || null,
    })),
    requestedAt: requested?.at.toISOString() ?? null,
    contentSha256: contentSha256(content),
  };
}

type Draw = (data: AcceptancePdfData, meta: DocumentMeta & { companyName: string }) => Promise<Buffer>;

async function issue(db: Db, projectId: string, userId: string | null, kind: DocumentKind, title: string, draw: Draw): Promise<DocumentRow | null> {
  const data = await loadAcceptancePdfData(db, projectId);
  if (!data) return null;
  const companyName = await ownCompanyName(db);
  // The signers are hashed by what is printed of them (not the image bytes: their file ids stand in).
  const signers = data.signers.map((s) => ({ ...s, signaturePng: undefined, sealImage: undefined }));
  const contentHash = sha256Hex(canonicalJson({ content: data.content, signers, requestedAt: data.requestedAt, companyName }));
  return issueDocument(db, {
    projectId,
    kind,
    title,
    contentHash,
    createdBy: userId,
    signedContentSha256: data.contentSha256,
    render: (meta) => draw(data, { ...meta, companyName }),
  });
}

/** 单位工程竣工验收报审表 (B.0.10) with the supervisor's 预验收意见. */
export function issueAcceptanceApplication(db: Db, { projectId, userId }: { projectId: string; userId: string | null }): Promise<DocumentRow | null> {
  return issue(db, projectId, userId, "acceptanceApplication", ACCEPTANCE_APPLICATION_TITLE, drawAcceptanceApplication);
}

/** 竣工验收单 with every party's signature block and the signing record page. */
export function issueCompletionCertificate(db: Db, { projectId, userId }: { projectId: string; userId: string | null }): Promise<DocumentRow | null> {
  return issue(db, projectId, userId, "completion", COMPLETION_CERTIFICATE_TITLE, drawCompletionCertificate);
}

/**
 * The PDF response for a page or API route: the user must see the project (404 otherwise, as for
 * every acceptance read) and acceptance must have been requested (404 before).
 */
export async function acceptancePdfResponse(db: Db, user: SessionUser, projectId: string, kind: "acceptanceApplication" | "completion"): Promise<Response> {
  const { project } = await requireAcceptanceAccess(db, user, projectId);
  if (!canReadKind(user, project, kind)) notFound();
  const issueFor = kind === "completion" ? issueCompletionCertificate : issueAcceptanceApplication;
  const document = await issueFor(db, { projectId: project.id, userId: user.id });
  if (!document) notFound();
  const file = await getDocumentFile(db, document);
  if (!file) notFound();
  return pdfResponse(file.bytes, file.name);
}
