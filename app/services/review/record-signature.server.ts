// Stores one signature: the drawn PNG or typed name, the seal, who/where/when, and the SHA-256 of
// the exact content shown; and uses the task up with a compare-and-set, so of two submissions of
// the same task exactly one is recorded.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, files, projects, reviewTasks, signatures } from "#db/schema";
import { sniffMime } from "~/lib/uploads.server";
import { sha256Hex } from "~/lib/tokens.server";
import { canonicalJson } from "./canonical";
import type { ProjectRow, ReviewTaskRow } from "./review-tasks.server";
import { decodeSignaturePng } from "./signature-input.server";

export class AlreadyDecided extends Error {
  constructor() {
    super("review.alreadyDecided");
  }
}
export class InvalidSignature extends Error {
  constructor(readonly field: "signature" | "seal", readonly messageKey: string) {
    super(messageKey);
  }
}

export interface RecordSignatureInput {
  task: ReviewTaskRow;
  projectId: string;
  documentKind: string;
  documentVersion: number;
  content: unknown;
  decision: "approved" | "rejected";
  opinion: string;
  signerName: string;
  signerRole: string;
  organisation: string;
  signaturePng?: Buffer;
  typedSignature?: string;
  sealImage?: { bytes: Buffer; mime: string; name: string } | null;
  ip: string;
  userAgent: string;
  /** A standing task (issuing notices) is not used up; the caller guards against duplicates. */
  standing?: boolean;
  at?: Date;
}

export function contentSha256(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}

async function storeFile(tx: Db, projectId: string, name: string, mime: string, bytes: Buffer): Promise<string> {
  const [row] = await tx.insert(files).values({ projectId, name, mime, size: bytes.length, sha256: sha256Hex(bytes), bytes, uploadedBy: null }).returning({ id: files.id });
  return row.id;
}

/** The company a party's seal belongs to on this project: ours to remember only when it is that company. */
export function partyCompanyId(project: Pick<ProjectRow, "supervisionCompanyId" | "clientId" | "designCompanyId">, party: string): string | null {
  return party === "supervisor" ? project.supervisionCompanyId : party === "client" ? project.clientId : party === "designer" ? project.designCompanyId : null;
}

export async function recordSignature(tx: Db, input: RecordSignatureInput): Promise<{ signatureId: string; contentSha256: string; signatureFileId: string | null; sealFileId: string | null }> {
  const at = input.at ?? new Date();
  if (!input.standing) {
    const claimed = await tx
      .update(reviewTasks)
      .set({ decidedAt: at, decision: input.decision, comment: input.opinion })
      .where(and(eq(reviewTasks.id, input.task.id), isNull(reviewTasks.decidedAt), isNull(reviewTasks.revokedAt)))
      .returning({ id: reviewTasks.id });
    if (claimed.length !== 1) throw new AlreadyDecided();
  }
  // Checked again here: the service may be called without the form reader.
  let signatureFileId: string | null = null;
  if (input.signaturePng) {
    const decoded = decodeSignaturePng(`data:image/png;base64,${input.signaturePng.toString("base64")}`);
    if ("error" in decoded) throw new InvalidSignature("signature", decoded.error);
    signatureFileId = await storeFile(tx, input.projectId, `signature-${input.task.party}.png`, "image/png", input.signaturePng);
  } else if (!input.typedSignature?.trim()) throw new InvalidSignature("signature", "review.signature.required");

  let sealFileId: string | null = null;
  const companyId = partyCompanyId(await projectParties(tx, input.projectId), input.task.party);
  if (input.sealImage) {
    const mime = await sniffMime(input.sealImage.bytes, input.sealImage.name, ["image"]);
    if (!mime || mime === "image/webp") throw new InvalidSignature("seal", "review.seal.badType");
    sealFileId = await storeFile(tx, input.projectId, input.sealImage.name || "seal", mime, input.sealImage.bytes);
    // Remember the seal only for the party's own company on this project (not a free-typed name).
    if (companyId && input.organisation === (await companyName(tx, companyId))) await tx.update(companies).set({ sealFileId }).where(eq(companies.id, companyId));
  } else if (companyId && input.organisation === (await companyName(tx, companyId))) {
    const [company] = await tx.select({ sealFileId: companies.sealFileId }).from(companies).where(eq(companies.id, companyId));
    sealFileId = company?.sealFileId ?? null;
  }

  const hash = contentSha256(input.content);
  const [row] = await tx
    .insert(signatures)
    .values({
      projectId: input.projectId, documentKind: input.documentKind, documentVersion: input.documentVersion, party: input.task.party,
      signerName: input.signerName, organisation: input.organisation, opinion: input.opinion, contentSha256: hash, signerRole: input.signerRole,
      taskId: input.task.id, decision: input.decision, signatureFileId, typedSignature: input.typedSignature?.trim() ?? "", sealFileId,
      ip: input.ip, userAgent: input.userAgent.slice(0, 400), signedAt: at,
    })
    .returning({ id: signatures.id });
  return { signatureId: row.id, contentSha256: hash, signatureFileId, sealFileId };
}

async function projectParties(tx: Db, projectId: string) {
  const [p] = await tx.select({ supervisionCompanyId: projects.supervisionCompanyId, clientId: projects.clientId, designCompanyId: projects.designCompanyId }).from(projects).where(eq(projects.id, projectId));
  return p ?? { supervisionCompanyId: null, clientId: "", designCompanyId: null };
}

async function companyName(tx: Db, id: string): Promise<string> {
  const [c] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, id));
  return c?.name ?? "";
}
