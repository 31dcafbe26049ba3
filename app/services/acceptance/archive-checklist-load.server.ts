// The archive checklist as the page and the API show it: each item with every file supplied for
// it, newest first. The newest file is the one that counts (the acceptance content, the ARCHIVE
// facts and the archive ZIP all take the latest per item).
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { archiveDocuments, files } from "#db/schema";
import { ARCHIVE_CHECKLIST, type ArchiveKind } from "~/services/projects/archive-checklist";

export interface ArchiveChecklistFile {
  archiveDocumentId: string;
  fileId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  /** ISO instant. */
  uploadedAt: string;
}

export interface ArchiveChecklistItem {
  kind: ArchiveKind;
  label: { "zh-CN": string; en: string };
  /** Newest first; files[0] is the one that counts. */
  files: ArchiveChecklistFile[];
  present: boolean;
}

export async function loadArchiveChecklist(db: Db, projectId: string): Promise<ArchiveChecklistItem[]> {
  const rows = await db
    .select({
      archiveDocumentId: archiveDocuments.id,
      kind: archiveDocuments.kind,
      fileId: files.id,
      name: files.name,
      mime: files.mime,
      size: files.size,
      sha256: files.sha256,
      createdAt: archiveDocuments.createdAt,
    })
    .from(archiveDocuments)
    .innerJoin(files, eq(files.id, archiveDocuments.fileId))
    .where(and(eq(archiveDocuments.projectId, projectId), isNotNull(archiveDocuments.fileId)))
    // Same tie-break as the acceptance content (createdAt, then id), reversed.
    .orderBy(desc(archiveDocuments.createdAt), desc(archiveDocuments.id));
  return ARCHIVE_CHECKLIST.map((c) => {
    const mine = rows
      .filter((r) => r.kind === c.kind)
      .map(({ kind: _kind, createdAt, ...r }) => ({ ...r, uploadedAt: createdAt.toISOString() }));
    return { kind: c.kind, label: { "zh-CN": c.label["zh-CN"], en: c.label.en }, files: mine, present: mine.length > 0 };
  });
}
