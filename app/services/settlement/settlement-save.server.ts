// Saving the pm's settlement draft (工程结算书): version 1 is created on the first save, later saves
// replace the latest draft/returned version's figures and lines. One transaction, the project row
// locked FOR UPDATE so a SUBMIT_SETTLEMENT or REVISE_SETTLEMENT cannot interleave; the project row
// itself is never written here (only applyEvent changes it). Two editors of one draft: the form
// carries the version's updatedAt it was drawn from, and a save over a newer one is refused (409).
import { and, desc, eq, ne, sum } from "drizzle-orm";
import type { Db } from "#db/client";
import { payments, projects, settlementLines, settlements } from "#db/schema";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { fenToInput } from "~/lib/money";
import type { SessionUser } from "~/lib/session.server";
import { acceptedOnOf, settlementEditRefusal, type SettlementAccess, type SettlementProject } from "./settlement-access.server";
import { latestSettlement } from "./settlement-events.server";
import { parseSettlementDraft, readSettlementValues } from "./settlement-input.server";
import { DEFAULT_RETENTION_BASIS_POINTS, MIN_DEFECT_MONTHS, settlementFigures } from "./settlement-math";
import { basisPointsToRate, type SettlementValues } from "./settlement-values";

export interface SettlementSaveFailure {
  ok: false;
  /** 400 field errors, 403 not the pm, 404 gone, 409 not editable now or changed meanwhile. */
  status: 400 | 403 | 404 | 409;
  errors: Record<string, string>;
  values: Record<string, unknown>;
  formError: string | null;
}

export type SettlementSaveResult =
  | { ok: true; settlementId: string; version: number; updatedAt: string; created: boolean; totalFen: number; retentionFen: number; retentionDueOn: string | null }
  | SettlementSaveFailure;

export interface SaveSettlementInput {
  access: SettlementAccess;
  user: SessionUser;
  /** The form as an object (formDataToObject) or the API's JSON body. */
  input: Record<string, unknown>;
  /**
   * The latest version's updatedAt (ISO) the editor was drawn from; "" or null when there was no
   * version yet. undefined skips the check (an API client that does not send it: last save wins).
   */
  expectedUpdatedAt?: string | null;
  /** The server's clock (tests pin it). */
  now?: Date;
}

function failure(status: SettlementSaveFailure["status"], formError: string | null, values: Record<string, unknown>, errors: Record<string, string> = {}): SettlementSaveFailure {
  return { ok: false, status, errors, values, formError };
}

class Rollback extends Error {
  constructor(readonly result: SettlementSaveFailure) {
    super(result.formError ?? "rollback");
  }
}

/** Progress payments finance recorded for the project (all versions): they count as paid. */
export async function recordedProgressPaymentsFen(db: Db, projectId: string): Promise<number> {
  const [row] = await db.select({ total: sum(payments.amountFen) }).from(payments).where(and(eq(payments.projectId, projectId), eq(payments.kind, "progress")));
  return Number(row?.total ?? 0);
}

export async function saveSettlementDraft(db: Db, o: SaveSettlementInput): Promise<SettlementSaveResult> {
  const values = readSettlementValues(o.input) as unknown as Record<string, unknown>;
  const key = o.access.editRefusal;
  if (key) return failure(key === "error.forbidden" ? 403 : 409, key, values);
  const now = o.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [project] = await tx.select().from(projects).where(eq(projects.id, o.access.project.id)).for("update");
      if (!project) throw new Rollback(failure(404, "error.notFound", values));
      const latest = await latestSettlement(tx, project.id);
      const refused = settlementEditRefusal(o.user, project, latest?.status ?? null);
      if (refused) throw new Rollback(failure(refused === "error.forbidden" ? 403 : 409, refused, values));
      if (o.expectedUpdatedAt !== undefined) {
        const current = latest ? latest.updatedAt.toISOString() : "";
        if ((o.expectedUpdatedAt ?? "") !== current) throw new Rollback(failure(409, "settlement.changedMeanwhile", values));
      }

      const recordedPaidFen = await recordedProgressPaymentsFen(tx, project.id);
      const acceptedOn = acceptedOnOf(project);
      const parsed = parseSettlementDraft(o.input, { acceptedOn, recordedPaidFen });
      if (!parsed.ok) throw new Rollback(failure(400, "form.fixErrors", values, parsed.errors));
      const d = parsed.draft;
      const figures = settlementFigures({
        contractAmountFen: d.contractAmountFen,
        lines: d.lines,
        retention: { mode: d.retentionMode, basisPoints: d.retentionBasisPoints, defectMonths: d.defectMonths },
        acceptedOn,
        paidFen: d.paidBeforeFen + recordedPaidFen,
      });
      // Strictly later than the version's last change, so a stale form is always told.
      const updatedAt = latest && latest.updatedAt.getTime() >= now.getTime() ? new Date(latest.updatedAt.getTime() + 1) : now;
      const row = {
        contractAmountFen: d.contractAmountFen,
        totalFen: figures.finalTotalFen,
        retentionMode: d.retentionMode,
        retentionBasisPoints: d.retentionBasisPoints,
        defectMonths: d.defectMonths,
        guaranteeNote: d.guaranteeNote,
        retentionFen: figures.retentionFen,
        retentionDueOn: figures.retentionDueOn,
        paidBeforeFen: d.paidBeforeFen,
        paymentDueOn: d.paymentDueOn,
        basis: d.basis,
        payeeBank: d.payeeBank,
        payeeAccount: d.payeeAccount,
        preparedBy: o.user.id,
        updatedAt,
      };
      let id: string;
      let version: number;
      if (latest) {
        // A returned version stays "returned" (finance's comment shown) until it is submitted again.
        await tx.update(settlements).set(row).where(eq(settlements.id, latest.id));
        await tx.delete(settlementLines).where(eq(settlementLines.settlementId, latest.id));
        id = latest.id;
        version = latest.version;
      } else {
        const [created] = await tx.insert(settlements).values({ ...row, projectId: project.id, version: 1, status: "draft", createdAt: now }).returning({ id: settlements.id });
        id = created.id;
        version = 1;
      }
      if (d.lines.length) {
        await tx.insert(settlementLines).values(d.lines.map((l, position) => ({ ...l, settlementId: id, position })));
      }
      return {
        ok: true as const, settlementId: id, version, updatedAt: updatedAt.toISOString(), created: !latest,
        totalFen: figures.finalTotalFen, retentionFen: figures.retentionFen, retentionDueOn: figures.retentionDueOn,
      };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

/**
 * A new draft's starting values: the client contract's amount, 3 % retention for 12 months, the
 * basis naming the contract, the company's bank account from the latest settlement of any
 * project (it is the same company), payment due 30 days from today.
 */
export async function settlementPrefill(db: Db, project: Pick<SettlementProject, "id" | "clientContractNo" | "clientContractAmountFen">, today: string): Promise<SettlementValues> {
  const [previous] = await db
    .select({ payeeBank: settlements.payeeBank, payeeAccount: settlements.payeeAccount })
    .from(settlements)
    .where(ne(settlements.payeeAccount, ""))
    .orderBy(desc(settlements.updatedAt))
    .limit(1);
  return {
    contractAmount: fenToInput(project.clientContractAmountFen),
    retentionMode: "rate",
    retentionRate: basisPointsToRate(DEFAULT_RETENTION_BASIS_POINTS),
    defectMonths: String(MIN_DEFECT_MONTHS),
    guaranteeNote: "",
    paidBefore: "0.00",
    paymentDueOn: addDays(today, 30),
    basis: `依据施工合同（合同编号：${project.clientContractNo}）、经批准的设计变更及现场签证、竣工验收单编制。`,
    payeeBank: previous?.payeeBank ?? "",
    payeeAccount: previous?.payeeAccount ?? "",
    lines: [],
  };
}

export const todayInShanghai = (now: Date = new Date()) => shanghaiDate(now.toISOString());
