// The 竣工资料归档 download: one ZIP with the index page first, then every current signed
// document, then the technical archive files, each under the name the index prints. Entries get
// a fixed date, so the same data always gives the same bytes.
import { eq, inArray } from "drizzle-orm";
import JSZip from "jszip";
import type { Db } from "#db/client";
import { files, projects } from "#db/schema";
import type { DocumentRow } from "~/services/documents/issue-document.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { safeFileName } from "~/lib/uploads.server";
import { issueCommencementPdf } from "~/services/site/commencement-pdf.server";
import { issueAcceptanceApplication, issueCompletionCertificate } from "./acceptance-pdfs.server";
import { loadArchiveIndexData } from "./archive-entries.server";
import { issueArchiveIndex } from "./archive-index.server";
import { ARCHIVE_INDEX_ZIP_NAME } from "./archive-types";

/** The archive exists once the project was accepted. */
export const ARCHIVE_STAGES = new Set(["handover", "closed"]);

/** DOS dates start in 1980; any fixed instant does, this one reads as "no real date". */
const ENTRY_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * Brings the signed documents up to date before they are listed, so the archive holds the latest
 * signatures even when nobody printed a document since the last one came in. Each call reuses the
 * current version when nothing changed.
 */
async function refreshSignedDocuments(db: Db, projectId: string, userId: string): Promise<void> {
  await issueCommencementPdf(db, { projectId, user: { id: userId } });
  await issueAcceptanceApplication(db, { projectId, userId });
  await issueCompletionCertificate(db, { projectId, userId });
}

async function fileBytes(db: Db, ids: string[]): Promise<Map<string, Buffer>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: files.id, bytes: files.bytes }).from(files).where(inArray(files.id, ids));
  return new Map(rows.map((r) => [r.id, Buffer.from(r.bytes)]));
}

/**
 * Refreshes the signed documents and issues the index over them: what the ZIP will hold. Null
 * when the project does not exist or has not been accepted yet.
 */
export async function prepareProjectArchive(db: Db, { projectId, userId }: { projectId: string; userId: string }) {
  const [project] = await db.select({ code: projects.code, stage: projects.stage }).from(projects).where(eq(projects.id, projectId));
  if (!project || !ARCHIVE_STAGES.has(project.stage)) return null;
  await refreshSignedDocuments(db, projectId, userId);
  const data = await loadArchiveIndexData(db, projectId);
  if (!data) return null;
  const issued = await issueArchiveIndex(db, { projectId, userId }, data);
  return issued ? { code: project.code, ...issued } : null;
}

/**
 * Builds the archive of a project in handover or closed (null otherwise, or when it does not
 * exist). The caller authorises: the archive holds the bid comparison with every company's prices.
 */
export async function buildProjectArchive(
  db: Db,
  { projectId, userId }: { projectId: string; userId: string },
): Promise<{ filename: string; bytes: Buffer; index: DocumentRow } | null> {
  const prepared = await prepareProjectArchive(db, { projectId, userId });
  if (!prepared) return null;
  const { data, index } = prepared;
  const indexFile = await getDocumentFile(db, index);
  if (!indexFile) throw new Error(`archive index ${index.id} has no file`);
  const bytes = await fileBytes(db, data.entries.map((e) => e.fileId));

  const zip = new JSZip();
  const options = { date: ENTRY_DATE, createFolders: false, binary: true } as const;
  zip.file(ARCHIVE_INDEX_ZIP_NAME, indexFile.bytes, options);
  for (const entry of data.entries) {
    const content = bytes.get(entry.fileId);
    if (!content) throw new Error(`archive entry ${entry.zipName} has no file`);
    zip.file(entry.zipName, content, options);
  }
  const archive = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
  return { filename: safeFileName(`竣工资料-${prepared.code}.zip`, ".zip"), bytes: archive, index };
}
