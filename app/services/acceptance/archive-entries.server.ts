// Collects what goes into the 竣工资料归档, in order: every current issued document of the project
// (stage order: 比价审批表, 开工报审表, 竣工验收报审表, 竣工验收单, then any other kind by date),
// then the latest file of each archive checklist item. The index page and the ZIP use this list.
import { and, asc, desc, eq, inArray, isNull, max, ne } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, companies, documents, projects, signatures, users } from "#db/schema";
import type { ProjectContext } from "#machines/types";
import { shanghaiDate } from "~/lib/calendar";
import { safeFileName } from "~/lib/uploads.server";
import type { DocumentRow } from "~/services/documents/issue-document.server";
import { loadArchiveChecklist } from "./archive-checklist-load.server";
import type { ArchiveEntry, ArchiveIndexData, ArchiveSigner } from "./archive-types";

const STAGE_ORDER = ["bidComparison", "commencement", "acceptanceApplication", "completion"];

/**
 * Which signatures a document prints. Documents carry the hash of the content their signatures
 * cover; the B.0.10 application shares that content with the certificate but prints only the
 * supervisor's opinion. Documents issued before the hash was stored fall back to the signature
 * kind of their latest round.
 */
const SIGNATURES_OF: Record<string, { kind: string; parties?: Party[] }> = {
  commencement: { kind: "commencement" },
  acceptanceApplication: { kind: "completion", parties: ["supervisor"] },
  completion: { kind: "completion" },
};

type Party = (typeof signatures.$inferSelect)["party"];

const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

const pad = (n: number) => String(n).padStart(2, "0");
const day = (at: Date) => shanghaiDate(at.toISOString());

function extensionOf(mime: string, name: string): string {
  return EXTENSIONS[mime] ?? (/\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() || "bin");
}

function stageRank(kind: string): number {
  const at = STAGE_ORDER.indexOf(kind);
  return at < 0 ? STAGE_ORDER.length : at;
}

/** The project's current issued documents in archive order (the archive index itself left out). */
export async function currentArchiveDocuments(db: Db, projectId: string): Promise<DocumentRow[]> {
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.projectId, projectId), isNull(documents.supersededAt), ne(documents.kind, "archiveIndex")))
    .orderBy(asc(documents.createdAt), asc(documents.id));
  return rows.sort((a, b) => stageRank(a.kind) - stageRank(b.kind));
}

async function signersOf(db: Db, projectId: string, document: DocumentRow): Promise<ArchiveSigner[]> {
  const rule = SIGNATURES_OF[document.kind];
  const live = and(
    eq(signatures.projectId, projectId), eq(signatures.decision, "approved"), isNull(signatures.voidedAt),
    ...(rule?.parties ? [inArray(signatures.party, rule.parties)] : []),
  );
  let where;
  if (document.signedContentSha256) {
    where = and(live, eq(signatures.contentSha256, document.signedContentSha256));
  } else {
    if (!rule) return [];
    const [round] = await db.select({ version: max(signatures.documentVersion) }).from(signatures).where(and(live, eq(signatures.documentKind, rule.kind)));
    if (round?.version === null || round?.version === undefined) return [];
    where = and(live, eq(signatures.documentKind, rule.kind), eq(signatures.documentVersion, round.version));
  }
  const rows = await db.select().from(signatures).where(where).orderBy(asc(signatures.signedAt), asc(signatures.id));
  return rows.map((s) => ({ name: s.signerName, organisation: s.organisation, role: s.signerRole, signedOn: day(s.signedAt) }));
}

/** Every entry of the archive, numbered from 1, with the path each file gets inside the ZIP. */
export async function loadArchiveEntries(db: Db, projectId: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  for (const document of await currentArchiveDocuments(db, projectId)) {
    const position = entries.length + 1;
    entries.push({
      position,
      source: "document",
      title: document.title,
      number: document.number,
      version: document.version,
      date: day(document.createdAt),
      signers: await signersOf(db, projectId, document),
      sha256: document.sha256,
      zipName: safeFileName(`${pad(position)}-${document.title}-${document.number}.pdf`, ".pdf"),
      fileId: document.fileId,
      originalName: null,
    });
  }
  for (const item of await loadArchiveChecklist(db, projectId)) {
    const latest = item.files[0];
    if (!latest) continue;
    const position = entries.length + 1;
    const label = item.label["zh-CN"];
    entries.push({
      position,
      source: "file",
      title: label,
      number: null,
      version: null,
      date: shanghaiDate(latest.uploadedAt),
      signers: [],
      sha256: latest.sha256,
      // The folder is ours; only the name part comes from data, and it is made safe.
      zipName: `资料/${safeFileName(`${pad(position)}-${label}.${extensionOf(latest.mime, latest.name)}`)}`,
      fileId: latest.fileId,
      originalName: latest.name,
    });
  }
  return entries;
}

/** The entries with the project's header data and the archiving record, as the index prints them. */
export async function loadArchiveIndexData(db: Db, projectId: string): Promise<ArchiveIndexData | null> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) return null;
  const [client] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, project.clientId));
  const [pm] = await db.select({ name: users.name }).from(users).where(eq(users.id, project.pmId));
  const [archived] = await db
    .select({ at: auditEvents.at, by: auditEvents.actorLabel })
    .from(auditEvents)
    .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.event, "ARCHIVE")))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const context = (project.snapshot as { context?: Partial<ProjectContext> } | null)?.context;
  return {
    project: { code: project.code, name: project.name, siteAddress: project.siteAddress, clientName: client?.name ?? "", pmName: pm?.name ?? "" },
    acceptedOn: context?.acceptedOn ?? null,
    archived: archived ? { on: day(archived.at), by: archived.by } : null,
    entries: await loadArchiveEntries(db, projectId),
  };
}
