import { and, eq, sql } from "drizzle-orm";
import type { StateValue } from "xstate";
import type { Db } from "#db/client";
import { auditEvents, projects } from "#db/schema";
import { decide, type PersistedProjectSnapshot } from "#machines/runtime";
import type { Actor, EventType, ProjectMachineEvent, Refusal, Stage } from "#machines/types";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import { recordEffects } from "./effects.server";
import { shanghaiDate } from "~/lib/calendar";
import { milestoneTriggers } from "~/services/settlement/milestone-triggers";
import { createDueVendorPayments } from "~/services/settlement/vendor-payments.server";
import { recordEventOwnRows } from "./event-records.server";
import { loadFacts } from "./facts.server";

export type ProjectRow = typeof projects.$inferSelect;

export interface ApplyEventInput {
  projectId: string;
  type: EventType;
  /** Already validated against EVENT_PAYLOADS. */
  payload: Record<string, unknown>;
  actor: Actor;
  info: RequestInfo;
  /** The version the sender saw; a different current version means someone acted meanwhile (409). */
  expectedVersion?: number;
  /** The server's clock, or the scheduler's `now` for time events. */
  at?: Date;
  /** The use case's own writes (a signature row, a settlement version…), inside the same transaction. */
  record?: (tx: Db, project: ProjectRow) => Promise<void>;
}

export type ApplyEventResult =
  | { ok: true; projectId: string; version: number; fromStage: Stage; toStage: Stage; fromValue: StateValue; toValue: StateValue; auditId: number }
  | { ok: false; kind: "notFound" | "conflict" | "refused" | "badSnapshot"; refusals: Refusal[] };

class Abort extends Error {
  constructor(readonly result: Extract<ApplyEventResult, { ok: false }>) {
    super(result.kind);
  }
}

/**
 * The only code that changes a project's stage. One transaction: lock the row, load the facts,
 * let the pure machine decide, write the snapshot with a version compare-and-set, append the
 * audit event, and queue the effects in the outbox. A refusal or a stale version writes nothing.
 */
export async function applyEvent(db: Db, input: ApplyEventInput, options: { tx?: Db } = {}): Promise<ApplyEventResult> {
  const run = (tx: Db) => applyInTransaction(tx, input);
  try {
    const result = options.tx ? await run(options.tx) : await db.transaction(run);
    if (!options.tx) kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Abort) return error.result;
    throw error;
  }
}

async function applyInTransaction(tx: Db, input: ApplyEventInput): Promise<Extract<ApplyEventResult, { ok: true }>> {
  const at = input.at ?? new Date();
  const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId)).for("update");
  if (!project) throw new Abort({ ok: false, kind: "notFound", refusals: [{ code: "PROJECT_NOT_FOUND" }] });
  if (input.expectedVersion !== undefined && input.expectedVersion !== project.version) {
    throw new Abort({ ok: false, kind: "conflict", refusals: [{ code: "STALE_VERSION" }] });
  }

  const facts = await loadFacts(tx, project, input.type, input.payload, at);
  const event = { type: input.type, at: at.toISOString(), actor: input.actor, payload: input.payload, facts } as ProjectMachineEvent;
  const decision = decide(project.snapshot, event);
  if (!decision.ok) throw new Abort({ ok: false, kind: decision.kind, refusals: decision.refusals });

  const next: PersistedProjectSnapshot = decision.snapshot;
  const stageChanged = decision.toStage !== decision.fromStage;
  const updated = await tx
    .update(projects)
    .set({
      snapshot: next,
      stage: decision.toStage,
      machineVersion: next.machineVersion,
      version: sql`${projects.version} + 1`,
      updatedAt: at,
      ...(stageChanged ? { stageChangedAt: at } : {}),
    })
    .where(and(eq(projects.id, project.id), eq(projects.version, project.version)))
    .returning({ version: projects.version });
  // The row is locked, so this only fails if something bypassed the lock: refuse rather than guess.
  if (updated.length !== 1) throw new Abort({ ok: false, kind: "conflict", refusals: [{ code: "STALE_VERSION" }] });

  const [audit] = await tx
    .insert(auditEvents)
    .values({
      projectId: project.id,
      actorUserId: input.actor.userId,
      actorLabel: input.actor.label ?? input.actor.role,
      role: input.actor.party ?? input.actor.role,
      ip: input.info.ip,
      userAgent: input.info.userAgent,
      event: input.type,
      fromStage: decision.fromStage,
      toStage: decision.toStage,
      fromState: decision.fromValue,
      toState: decision.toValue,
      projectVersion: updated[0].version,
      payload: { payload: input.payload, facts },
      at,
    })
    .returning({ id: auditEvents.id });

  const current = { ...project, snapshot: next, version: updated[0].version };
  await recordEventOwnRows(tx, current, event, next);
  if (input.record) await input.record(tx, current);
  await recordEffects(tx, current, decision.toValue, decision.effects);
  // The installation company's milestones this change makes due become finance's payment requests.
  const triggers = milestoneTriggers(input.type, decision.fromValue, decision.toValue);
  if (triggers.length) await createDueVendorPayments(tx, { projectId: project.id, triggers, on: shanghaiDate(at.toISOString()) });

  return {
    ok: true,
    projectId: project.id,
    version: updated[0].version,
    fromStage: decision.fromStage,
    toStage: decision.toStage,
    fromValue: decision.fromValue,
    toValue: decision.toValue,
    auditId: audit.id,
  };
}
