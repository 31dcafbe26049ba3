import { data } from "@remix-run/node";
import { and, asc, eq, isNull, like } from "drizzle-orm";
import type { Db } from "#db/client";
import { documents, files, projects } from "#db/schema";
import { notFound } from "~/lib/http.server";
import { overRateLimit } from "~/lib/public-links.server";
import { normaliseShortCode, type DocumentKind } from "./document-kinds.server";
import type { DocumentRow } from "./issue-document.server";

export interface DocumentVersion {
  version: number;
  number: string;
  shortCode: string;
  sha256: string;
  createdAt: Date;
  supersededAt: Date | null;
}

export interface DocumentStatus {
  document: DocumentRow;
  project: { id: string; code: string; name: string } | null;
  current: boolean;
  /** The version now in force when this one is superseded. */
  currentVersion: DocumentVersion | null;
  /** Every version of the same project + kind, oldest first (to recognise an older printout). */
  versions: DocumentVersion[];
  /** Whether /v/<code>/pdf may show the file itself to anyone holding the code. */
  publicPdf: boolean;
}

/**
 * Kinds whose PDF the verification page shows: forms addressed to the parties, who hold them
 * anyway. Internal documents (the bid comparison with vendors' prices, the archive index) are
 * only verified by hash, never shown.
 */
const PUBLIC_PDF_KINDS: ReadonlySet<DocumentKind | string> = new Set<DocumentKind>([
  "commencement", "acceptanceApplication", "completion", "settlementStatement", "paymentApplication", "warrantyCard", "serviceRecord",
]);

export function isPublicPdfKind(kind: string): boolean {
  return PUBLIC_PDF_KINDS.has(kind);
}

/** "WX-SV-202611-0001-V2" → "WX-SV-202611-0001-V" (the numbers issueDocument and the record give). */
export function seriesOf(number: string): string {
  return number.replace(/\d+$/, "");
}

/** A document by the short code printed on it, with its status; null for an unknown code. */
export async function findDocumentByShortCode(db: Db, rawCode: string | undefined): Promise<DocumentStatus | null> {
  const code = normaliseShortCode(rawCode);
  if (!code) return null;
  const [row] = await db
    .select({ document: documents, project: { id: projects.id, code: projects.code, name: projects.name } })
    .from(documents)
    .leftJoin(projects, eq(projects.id, documents.projectId))
    .where(eq(documents.shortCode, code))
    .limit(1);
  if (!row) return null;
  const { document } = row;
  const versions: DocumentVersion[] = document.projectId
    ? await db
        .select({ version: documents.version, number: documents.number, shortCode: documents.shortCode, sha256: documents.sha256, createdAt: documents.createdAt, supersededAt: documents.supersededAt })
        .from(documents)
        // One series = one number without its "-V<n>": a project has one comparison, but a service
        // record per ticket, and another ticket's record is not a newer version of this one.
        .where(and(eq(documents.projectId, document.projectId), eq(documents.kind, document.kind), like(documents.number, `${seriesOf(document.number)}%`)))
        .orderBy(asc(documents.version))
    : [];
  const current = document.supersededAt === null;
  const currentVersion = current ? null : (versions.find((v) => v.supersededAt === null) ?? null);
  return { document, project: row.project?.id ? row.project : null, current, currentVersion, versions, publicPdf: isPublicPdfKind(document.kind) };
}

/**
 * The document behind a public /v/<code> URL (page, comparison, PDF). Every call counts against
 * the caller's IP (one bucket for all of them) and is refused with 429 over the limit; an unknown
 * code gets the same generic 404 as a malformed one, so codes cannot be told apart by probing.
 */
export async function findPublicDocument(db: Db, ip: string, code: string | undefined): Promise<DocumentStatus> {
  if (await overRateLimit(db, "verify", ip)) throw data({ messageKey: "link.rateLimited" }, { status: 429 });
  const found = await findDocumentByShortCode(db, code);
  if (!found) notFound();
  return found;
}

/** The current (not superseded) document of a project and kind, if any. */
export async function findCurrentDocument(db: Db, projectId: string, kind: string): Promise<DocumentRow | null> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.projectId, projectId), eq(documents.kind, kind), isNull(documents.supersededAt)))
    .limit(1);
  return row ?? null;
}

export async function findDocumentById(db: Db, id: string): Promise<DocumentRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(documents).where(eq(documents.id, id)).limit(1);
  return row ?? null;
}

/** The bytes as issued. */
export async function getDocumentFile(db: Db, document: Pick<DocumentRow, "fileId">): Promise<{ name: string; mime: string; sha256: string; bytes: Buffer } | null> {
  const [file] = await db.select({ name: files.name, mime: files.mime, sha256: files.sha256, bytes: files.bytes }).from(files).where(eq(files.id, document.fileId)).limit(1);
  return file ? { ...file, bytes: Buffer.from(file.bytes) } : null;
}
