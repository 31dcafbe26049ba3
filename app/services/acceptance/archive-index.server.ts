// Issues the 竣工资料归档目录 (archive index). Its content hash covers everything it prints — the
// entries with their hashes and signers, the project header and the archiving record — so
// downloading an unchanged archive again reuses the same index (same number, same code).
import type { Db } from "#db/client";
import { ARCHIVE_INDEX_TITLE, drawArchiveIndex } from "#templates/pdf/archive-index";
import { sha256Hex } from "~/lib/tokens.server";
import { ownCompanyName } from "~/services/bidding/issue-comparison-pdf.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { canonicalJson } from "~/services/review/canonical";
import { loadArchiveIndexData } from "./archive-entries.server";
import type { ArchiveIndexData } from "./archive-types";

export async function issueArchiveIndex(
  db: Db,
  { projectId, userId }: { projectId: string; userId: string | null },
  loaded?: ArchiveIndexData,
): Promise<{ index: DocumentRow; data: ArchiveIndexData } | null> {
  const data = loaded ?? (await loadArchiveIndexData(db, projectId));
  if (!data) return null;
  const companyName = await ownCompanyName(db);
  const contentHash = sha256Hex(canonicalJson({ data, companyName }));
  const index = await issueDocument(db, {
    projectId,
    kind: "archiveIndex",
    title: ARCHIVE_INDEX_TITLE,
    contentHash,
    createdBy: userId,
    render: (meta) => drawArchiveIndex(data, { ...meta, companyName }),
  });
  return { index, data };
}
