// Uploads one file of the archive checklist (竣工图纸, 合格证…). In acceptance review the file is
// part of what the parties sign, so replacing it starts a new round in the same transaction; if
// the machine refuses that revision, the upload is rolled back as well.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { archiveDocuments, files, projects } from "#db/schema";
import type { Locale } from "~/i18n";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError, type ReceivedFile } from "~/lib/uploads.server";
import { ARCHIVE_CHECKLIST, archiveLabel, type ArchiveKind } from "~/services/projects/archive-checklist";
import type { AcceptanceAccess } from "./acceptance-access.server";
import { reviseIfUnderReview, RevisionRefused } from "./revise-under-review.server";

export const ARCHIVE_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The whole body: the file plus a few text fields. A larger declared length is refused unread. */
const ARCHIVE_MAX_FORM_BYTES = ARCHIVE_MAX_FILE_BYTES + 512 * 1024;

/**
 * What the checklist takes, judged by the file's bytes: PDF, photos/scans, Excel. Word and DWG
 * are not recognised by the upload sniffer yet, so they are refused with a hint to convert to PDF.
 */
const ACCEPT = { file: ["pdf", "image", "spreadsheet"] } as const;
/** "spreadsheet" also lets CSV through (no magic bytes); an archive record should be a real file. */
const REFUSED_MIMES = new Set(["text/csv"]);

export interface ArchiveUploadRequest {
  kind: string;
  file: ReceivedFile | null;
  /** Message key for the file field (tooLarge, badType, empty), if the upload itself failed. */
  fileError: string | null;
  /** The file (or the whole body) was over the limit. */
  tooLarge: boolean;
  /** False when the body could not be read at all: then there is no kind to judge either. */
  parsed: boolean;
}

/** Reads the multipart body {kind, file}: a file over 20 MB is dropped while streaming, never held. */
export async function readArchiveUpload(request: Request): Promise<ArchiveUploadRequest> {
  try {
    const parsed = await readMultipartForm(request, { file: [...ACCEPT.file] }, { maxFileBytes: ARCHIVE_MAX_FILE_BYTES, maxFormBytes: ARCHIVE_MAX_FORM_BYTES });
    const kind = String(parsed.form.get("kind") ?? "").trim();
    const received = parsed.files.file?.[0] ?? null;
    const uploadError = parsed.errors.file;
    const base = { kind, file: null, tooLarge: false, parsed: true };
    if (uploadError === "upload.tooLarge") return { ...base, fileError: "acceptanceArchive.upload.tooLarge", tooLarge: true };
    if (uploadError || (received && REFUSED_MIMES.has(received.mime))) return { ...base, fileError: "acceptanceArchive.upload.badType" };
    return { ...base, file: received, fileError: received ? null : "acceptanceArchive.upload.empty" };
  } catch (error) {
    const unread = { kind: "", file: null, parsed: false };
    if (error instanceof UploadTooLargeError) return { ...unread, fileError: "acceptanceArchive.upload.tooLarge", tooLarge: true };
    // The multipart parser gives up on some file names (an "=" or ";" inside the quotes): that is
    // the sender's input, not a server fault — say so beside the field instead of a 500.
    if (error instanceof Error && /^malformed/i.test(error.message)) return { ...unread, fileError: "acceptanceArchive.upload.badName", tooLarge: false };
    throw error;
  }
}

export function isArchiveKind(value: string): value is ArchiveKind {
  return ARCHIVE_CHECKLIST.some((c) => c.kind === value);
}

export type ArchiveUploadResult =
  | { ok: true; archiveDocumentId: string; fileId: string; kind: ArchiveKind; revised: boolean }
  | {
      ok: false;
      /** What was typed, to refill the form. */
      kind: string;
      /** 400 invalid input, 403 not the pm, 409 not in a stage that allows it, 413 too large, 422 revision refused. */
      status: 400 | 403 | 409 | 413 | 422;
      errors: Record<string, string>;
      formError: string | null;
      formErrorText: string[];
    };

type Failure = Extract<ArchiveUploadResult, { ok: false }>;
const fail = (kind: string, status: Failure["status"], errors: Record<string, string>, formError: string | null = null, formErrorText: string[] = []): Failure =>
  ({ ok: false, kind, status, errors, formError, formErrorText });

const EDITABLE = new Set(["construction", "acceptanceReview"]);

/**
 * The page intent and the API: refuses a user who may not change the records before the body is
 * read, then reads the upload and stores it.
 */
export async function receiveArchiveUpload(
  db: Db,
  input: { access: AcceptanceAccess; user: SessionUser; info: RequestInfo; locale: Locale; request: Request },
): Promise<ArchiveUploadResult> {
  const refusal = input.access.editRefusal;
  if (refusal) return fail("", refusal === "error.forbidden" ? 403 : 409, {}, refusal);
  return uploadArchiveDocument(db, { ...input, upload: await readArchiveUpload(input.request) });
}

export async function uploadArchiveDocument(
  db: Db,
  input: { access: AcceptanceAccess; user: SessionUser; info: RequestInfo; locale: Locale; upload: ArchiveUploadRequest },
): Promise<ArchiveUploadResult> {
  const { access, user, upload } = input;
  if (access.editRefusal) return fail(upload.kind, access.editRefusal === "error.forbidden" ? 403 : 409, {}, access.editRefusal);
  const errors: Record<string, string> = {};
  if (upload.parsed && !isArchiveKind(upload.kind)) errors.kind = "acceptanceArchive.kind.invalid";
  if (upload.fileError) errors.file = upload.fileError;
  if (upload.tooLarge) return fail(upload.kind, 413, errors);
  if (Object.keys(errors).length || !upload.file || !isArchiveKind(upload.kind)) return fail(upload.kind, 400, errors);
  const kind = upload.kind;
  const file = upload.file;
  const projectId = access.project.id;
  try {
    return await db.transaction(async (tx) => {
      // The stage may have moved since the access check (the last signature just came in).
      const [project] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, projectId)).for("update");
      if (!project || !EDITABLE.has(project.stage)) {
        return fail(kind, 409, {}, project && (project.stage === "handover" || project.stage === "closed") ? "acceptance.frozen" : "acceptance.notYet");
      }
      const [stored] = await tx
        .insert(files)
        .values({ projectId, name: file.name, mime: file.mime, size: file.size, sha256: file.sha256, bytes: file.bytes, uploadedBy: user.id })
        .returning({ id: files.id });
      const [row] = await tx.insert(archiveDocuments).values({ projectId, kind, fileId: stored.id }).returning({ id: archiveDocuments.id });
      const revised = await reviseIfUnderReview(tx, { projectId, user, info: input.info, locale: input.locale, reason: `更换了竣工资料：${archiveLabel(kind, "zh-CN")}` });
      return { ok: true as const, archiveDocumentId: row.id, fileId: stored.id, kind, revised };
    });
  } catch (error) {
    if (error instanceof RevisionRefused) return fail(kind, 422, {}, null, error.messages);
    throw error;
  }
}
