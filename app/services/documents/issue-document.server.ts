import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { documents, files, projects } from "#db/schema";
import type { DocumentMeta } from "#templates/pdf/base";
import { env } from "~/lib/env.server";
import { sha256Hex } from "~/lib/tokens.server";
import { DOCUMENT_PREFIXES, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, type DocumentKind } from "./document-kinds.server";

export type DocumentRow = typeof documents.$inferSelect;

export interface IssueDocumentInput {
  projectId: string;
  kind: DocumentKind;
  title: string;
  /** SHA-256 of the data the document is drawn from: unchanged data reuses the current document. */
  contentHash: string;
  createdBy: string | null;
  /** For a signed document: the SHA-256 of the content its signatures cover, stored on the row. */
  signedContentSha256?: string | null;
  render: (meta: DocumentMeta) => Promise<Buffer>;
}

/** 8 characters from a 32-letter alphabet: 2^40 codes, unbiased (256 is a multiple of 32). */
export function newShortCode(): string {
  const bytes = crypto.randomBytes(SHORT_CODE_LENGTH);
  return Array.from(bytes, (b) => SHORT_CODE_ALPHABET[b % SHORT_CODE_ALPHABET.length]).join("");
}

export function verifyUrl(shortCode: string): string {
  return `${env().PUBLIC_URL.replace(/\/+$/, "")}/v/${shortCode}`;
}

async function freeShortCode(tx: Db): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newShortCode();
    const [taken] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.shortCode, code)).limit(1);
    if (!taken) return code;
  }
  throw new Error("no free short code after 5 attempts");
}

/**
 * Issues a document of a project, or returns the current one when its data has not changed
 * (printing twice gives the same document, same code). Otherwise the new version is rendered,
 * its bytes stored as issued, and the previous version marked superseded — all in one
 * transaction, serialised per project by locking the project row, so two clicks cannot both
 * become version 2.
 */
export async function issueDocument(db: Db, input: IssueDocumentInput): Promise<DocumentRow> {
  return db.transaction(async (tx) => {
    const [project] = await tx.select({ id: projects.id, code: projects.code }).from(projects).where(eq(projects.id, input.projectId)).for("update");
    if (!project) throw new Error(`project ${input.projectId} not found`);
    const same = and(eq(documents.projectId, project.id), eq(documents.kind, input.kind));
    const [current] = await tx.select().from(documents).where(and(same, isNull(documents.supersededAt))).orderBy(desc(documents.version)).limit(1);
    if (current && current.contentHash === input.contentHash) return current;

    const [latest] = await tx.select({ version: documents.version }).from(documents).where(same).orderBy(desc(documents.version)).limit(1);
    const version = (latest?.version ?? 0) + 1;
    const shortCode = await freeShortCode(tx);
    const number = `${DOCUMENT_PREFIXES[input.kind]}-${project.code}-V${version}`;
    // The same instant is printed in the PDF (CreationDate, 出具时间) and stored on the row.
    const createdAt = new Date();
    const bytes = await input.render({ number, shortCode, verifyUrl: verifyUrl(shortCode), version, createdAt });
    const sha256 = sha256Hex(bytes);
    const [file] = await tx
      .insert(files)
      .values({ projectId: project.id, name: `${input.title}-${number}.pdf`, mime: "application/pdf", size: bytes.length, sha256, bytes, uploadedBy: input.createdBy })
      .returning({ id: files.id });
    if (current) await tx.update(documents).set({ supersededAt: createdAt }).where(eq(documents.id, current.id));
    const [row] = await tx
      .insert(documents)
      .values({ projectId: project.id, kind: input.kind, version, title: input.title, number, shortCode, sha256, contentHash: input.contentHash, signedContentSha256: input.signedContentSha256 ?? null, fileId: file.id, createdBy: input.createdBy, createdAt })
      .returning();
    return row;
  });
}
