// The public service-request code of a project (printed as a QR code on the 质量保修卡): issued
// once per project, then the same code for the life of the project, so every printed card keeps
// working. 10 characters from the short-code alphabet (no 0/O, no 1/I): 2^50 codes, too many to
// guess one; the public page is rate-limited on top of that.
import crypto from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { installedUnits, projects, serviceCodes } from "#db/schema";
import { env } from "~/lib/env.server";
import { SHORT_CODE_ALPHABET } from "~/services/documents/document-kinds.server";

export const SERVICE_CODE_LENGTH = 10;

/** 10 characters, unbiased (256 is a multiple of the 32-letter alphabet). */
export function newServiceCode(): string {
  return Array.from(crypto.randomBytes(SERVICE_CODE_LENGTH), (b) => SHORT_CODE_ALPHABET[b % SHORT_CODE_ALPHABET.length]).join("");
}

/** What someone typed from the card (lower case, spaces, dashes) as a code; null if it cannot be one. */
export function normaliseServiceCode(raw: string | null | undefined): string | null {
  const code = (raw ?? "").replace(/[\s\-_]/g, "").toUpperCase();
  return new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SERVICE_CODE_LENGTH}}$`).test(code) ? code : null;
}

/** "ABCDE FGHJK": easier to read out over the phone than ten letters in a row. */
export function groupServiceCode(code: string): string {
  return `${code.slice(0, 5)} ${code.slice(5)}`;
}

/** The public page the card's QR code opens. */
export function serviceUrl(code: string): string {
  return `${env().PUBLIC_URL.replace(/\/+$/, "")}/s/${code}`;
}

/**
 * The project's code, issued on first use. Safe under concurrency: the insert does nothing when
 * another transaction issued the project's code first (primary key on project_id), and a rare
 * clash with another project's code (unique code) is retried with a fresh one.
 */
export async function ensureServiceCode(tx: Db, projectId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [existing] = await tx.select({ code: serviceCodes.code }).from(serviceCodes).where(eq(serviceCodes.projectId, projectId));
    if (existing) return existing.code;
    const code = newServiceCode();
    const [taken] = await tx.select({ projectId: serviceCodes.projectId }).from(serviceCodes).where(eq(serviceCodes.code, code));
    if (taken) continue;
    const [inserted] = await tx.insert(serviceCodes).values({ projectId, code }).onConflictDoNothing().returning({ code: serviceCodes.code });
    if (inserted) return inserted.code;
  }
  const [existing] = await tx.select({ code: serviceCodes.code }).from(serviceCodes).where(eq(serviceCodes.projectId, projectId));
  if (existing) return existing.code;
  throw new Error("no free service code after 5 attempts");
}

export interface ServiceCodeProject {
  projectId: string;
  code: string;
  name: string;
  siteAddress: string;
  units: (typeof installedUnits.$inferSelect)[];
  warranty: { acceptedOn: string | null; warrantyEndsOn: string | null };
}

/** The project a card's code belongs to, with its units and warranty dates; null for an unknown code. */
export async function projectByServiceCode(db: Db, raw: string | null | undefined): Promise<ServiceCodeProject | null> {
  const code = normaliseServiceCode(raw);
  if (!code) return null;
  const [row] = await db
    .select({ projectId: projects.id, name: projects.name, siteAddress: projects.siteAddress, snapshot: projects.snapshot })
    .from(serviceCodes)
    .innerJoin(projects, eq(projects.id, serviceCodes.projectId))
    .where(eq(serviceCodes.code, code));
  if (!row) return null;
  const units = await db.select().from(installedUnits).where(eq(installedUnits.projectId, row.projectId)).orderBy(asc(installedUnits.createdAt), asc(installedUnits.id));
  const context = (row.snapshot as { context?: { acceptedOn?: string | null; warrantyEndsOn?: string | null } } | null)?.context;
  return {
    projectId: row.projectId,
    code,
    name: row.name,
    siteAddress: row.siteAddress,
    units,
    warranty: { acceptedOn: context?.acceptedOn ?? null, warrantyEndsOn: context?.warrantyEndsOn ?? null },
  };
}
