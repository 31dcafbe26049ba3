import crypto from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, contractMilestones, files, vendorContracts, type projects } from "#db/schema";
import type { PersistedProjectSnapshot } from "#machines/runtime";
import type { Refusal } from "#machines/types";
import type { Locale } from "~/i18n";
import { shanghaiDate } from "~/lib/calendar";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { kickOutbox } from "~/lib/mail/worker.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { EVENT_PAYLOADS } from "~/services/projects/event-payloads";
import { loadQuoteFacts } from "~/services/projects/facts.server";
import { actorFor } from "~/services/projects/project-events.server";
import { refusalsText } from "~/services/projects/refusal-text";
import type { MilestoneTrigger } from "./milestone-rules";

type ProjectRow = typeof projects.$inferSelect;

/** Stores an uploaded file (already sniffed and hashed by readMultipartForm) on a project. */
export async function storeProjectFile(tx: Db, input: { projectId: string; file: ReceivedFile; userId: string; id?: string }) {
  const [row] = await tx
    .insert(files)
    .values({ id: input.id, projectId: input.projectId, name: input.file.name, mime: input.file.mime, size: input.file.size, sha256: input.file.sha256, bytes: input.file.bytes, uploadedBy: input.userId })
    .returning({ id: files.id, name: files.name, sha256: files.sha256 });
  return row!;
}

export interface RecordContractInput {
  projectId: string;
  user: SessionUser;
  /** The contract form's text fields (contractNo, amount, signedOn, milestones[i].…). */
  form: FormData;
  /** The signed contract (PDF or image), or the upload's error key. */
  file: ReceivedFile | null;
  fileError?: string;
  expectedVersion?: number;
  info: RequestInfo;
  locale: Locale;
}

export type RecordContractResult =
  | { ok: true; version: number; fileId: string }
  | { ok: false; status: 400 | 403 | 404 | 409 | 422; errors: FieldErrors; values: Record<string, string>; message: string; refusals: Refusal[] };

class Rollback extends Error {
  constructor(readonly refusals: Refusal[], readonly status: 404 | 409 | 422) {
    super("rollback");
  }
}

/**
 * RECORD_CONTRACT from the contract page: the signed file and the event in ONE transaction, so a
 * refused event leaves no orphan file and a recorded contract always has its file. The payload is
 * validated by the same schema the API uses (event-payloads.ts), milestones included.
 */
export async function recordContract(db: Db, input: RecordContractInput): Promise<RecordContractResult> {
  const project = await requireVisibleProject(db, input.user, input.projectId);
  const fail = (status: 400 | 403 | 404 | 409 | 422, refusals: Refusal[], errors: FieldErrors = {}, values: Record<string, string> = {}) => ({
    ok: false as const,
    status,
    errors,
    values,
    refusals,
    message: refusalsText(refusals, input.locale).join("；"),
  });
  const actor = await actorFor(db, input.user, project, "RECORD_CONTRACT");
  if (!actor) return fail(403, [{ code: "ROLE_NOT_ALLOWED", params: { role: input.user.roles.join(",") } }]);

  // The file gets its id now so the whole payload is validated before anything is written.
  const fileId = crypto.randomUUID();
  const form = new FormData();
  for (const [key, value] of input.form.entries()) if (typeof value === "string" && key !== "fileId") form.append(key, value);
  form.set("fileId", fileId);
  const parsed = parseForm(EVENT_PAYLOADS.RECORD_CONTRACT.schema, form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const values = parsed.ok ? {} : parsed.values;
  delete values.fileId;
  delete errors.fileId;
  if (!input.file) errors.file = input.fileError ?? "upload.empty";
  if (!parsed.ok || !input.file) {
    if (parsed.ok) for (const [key, value] of input.form.entries()) if (typeof value === "string" && !key.startsWith("_")) values[key] = value;
    return fail(400, [], errors, values);
  }

  const file = input.file;
  try {
    const version = await db.transaction(async (tx) => {
      await storeProjectFile(tx, { projectId: project.id, file, userId: input.user.id, id: fileId });
      const result = await applyEvent(
        db,
        { projectId: project.id, type: "RECORD_CONTRACT", payload: parsed.data, actor, info: input.info, expectedVersion: input.expectedVersion },
        { tx },
      );
      if (!result.ok) throw new Rollback(result.refusals, result.kind === "notFound" ? 404 : result.kind === "conflict" ? 409 : 422);
      return result.version;
    });
    kickOutbox();
    return { ok: true, version, fileId };
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    const typed: Record<string, string> = {};
    for (const [key, value] of input.form.entries()) if (typeof value === "string" && !key.startsWith("_")) typed[key] = value;
    return fail(error.status, error.refusals, {}, typed);
  }
}

export interface ContractView {
  awarded: { vendorId: string; vendorName: string; quoteTotalFen: number | null } | null;
  contract: {
    contractNo: string;
    vendorName: string;
    amountFen: number;
    signedOn: string;
    fileId: string;
    fileName: string;
    createdAt: string;
    milestones: { trigger: MilestoneTrigger; label: string; basisPoints: number; amountFen: number }[];
  } | null;
}

/** What the contract page shows: the awarded company (with its quote total as a hint) and, once recorded, the contract. */
export async function loadContractView(db: Db, project: ProjectRow, now = new Date()): Promise<ContractView> {
  const awardedId = (project.snapshot as PersistedProjectSnapshot).context?.awardedVendorId ?? null;
  let awarded: ContractView["awarded"] = null;
  if (awardedId) {
    const [company] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, awardedId));
    const { validQuotes } = await loadQuoteFacts(db, project.id, shanghaiDate(now.toISOString()));
    awarded = { vendorId: awardedId, vendorName: company?.name ?? "", quoteTotalFen: validQuotes.find((q) => q.vendorId === awardedId)?.totalFen ?? null };
  }
  const [row] = await db
    .select({ contract: vendorContracts, vendorName: companies.name, fileName: files.name })
    .from(vendorContracts)
    .innerJoin(companies, eq(companies.id, vendorContracts.vendorId))
    .innerJoin(files, eq(files.id, vendorContracts.fileId))
    .where(eq(vendorContracts.projectId, project.id));
  if (!row) return { awarded, contract: null };
  const milestones = await db
    .select({ trigger: contractMilestones.trigger, label: contractMilestones.label, basisPoints: contractMilestones.basisPoints, amountFen: contractMilestones.amountFen })
    .from(contractMilestones)
    .where(eq(contractMilestones.contractId, row.contract.id))
    .orderBy(asc(contractMilestones.position));
  const c = row.contract;
  return {
    awarded,
    contract: { contractNo: c.contractNo, vendorName: row.vendorName, amountFen: c.amountFen, signedOn: c.signedOn, fileId: c.fileId, fileName: row.fileName, createdAt: c.createdAt.toISOString(), milestones },
  };
}
