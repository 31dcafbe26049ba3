import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { companyQualifications, files } from "#db/schema";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { canViewVendors } from "./vendor-access.server";

export interface DownloadableFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A stored file, if this user may read it: a project's file to those who see the project, a
 * company qualification scan to those who see installation companies. Everything else — and every
 * refusal — is the same 404, so file ids reveal nothing.
 */
export async function getDownloadableFile(db: Db, user: SessionUser, fileId: string): Promise<DownloadableFile> {
  if (!UUID.test(fileId)) notFound();
  const [meta] = await db.select({ id: files.id, projectId: files.projectId }).from(files).where(eq(files.id, fileId));
  if (!meta) notFound();
  if (meta.projectId) {
    await requireVisibleProject(db, user, meta.projectId);
  } else {
    const [qualification] = await db.select({ id: companyQualifications.id }).from(companyQualifications).where(eq(companyQualifications.fileId, meta.id)).limit(1);
    if (!qualification || !canViewVendors(user)) notFound();
  }
  // Bytes only after the check: a refused request never loads them.
  const [file] = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, bytes: files.bytes })
    .from(files)
    .where(eq(files.id, meta.id));
  if (!file) notFound();
  return file;
}
