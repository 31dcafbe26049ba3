// The soak's invariant checker: reads the database after a run (no HTTP, no SMTP) and proves the
// promises of quality.md held under faults. Each check returns every violation it finds, so one
// report shows all of them. Used by test/soak/run.ts and by test/integration/soak-invariants.test.ts.
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { asc, eq } from "drizzle-orm";
import type { AnyStateNode, StateValue } from "xstate";
import type { Db } from "#db/client";
import { auditEvents, documents, files, outbox, projects, signatures } from "#db/schema";
import { projectMachine } from "#machines/project";
import { decide, initialProjectSnapshot, migrateSnapshot, stageOf } from "#machines/runtime";
import { EVENT_TYPES, PARTIES, type Actor, type EventType, type Party, type ProjectMachineEvent, type Role } from "#machines/types";
import { messageIdFor } from "~/lib/mail/transport.server";
import { loadAcceptanceContent } from "~/services/acceptance/acceptance-content.server";
import { contentSha256 } from "~/services/review/record-signature.server";
import { loadCommencementContent } from "~/services/site/commencement-content.server";

export interface InvariantResult {
  name: string;
  /** How many things were checked (projects, transitions, messages, signatures, requests). */
  checked: number;
  violations: string[];
}

// ---- 1. every stored snapshot is a valid state of its machine version ------------------------

/** Walks a state value down the machine's state tree: every key must name a child state. */
function valueProblem(node: AnyStateNode, value: StateValue, path: string): string | null {
  if (typeof value === "string") {
    const child = node.states[value];
    if (!child) return `${path}: no state "${value}"`;
    // A compound state must be given with its active child; a bare name would be incomplete.
    if (child.type === "compound" || child.type === "parallel") return `${path}.${value}: missing its substate`;
    return null;
  }
  if (typeof value !== "object" || value === null) return `${path}: not a state value`;
  const keys = Object.keys(value);
  if (node.type !== "parallel" && keys.length !== 1) return `${path}: ${keys.length} active children of a non-parallel state`;
  if (node.type === "parallel") {
    const regions = Object.keys(node.states).sort();
    if (!isDeepStrictEqual(keys.slice().sort(), regions)) return `${path}: regions ${keys.join(",")} ≠ ${regions.join(",")}`;
  }
  for (const key of keys) {
    const child = node.states[key];
    if (!child) return `${path}: no state "${key}"`;
    const problem = valueProblem(child, (value as Record<string, StateValue>)[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

export async function checkSnapshots(db: Db): Promise<InvariantResult> {
  const rows = await db.select({ id: projects.id, code: projects.code, stage: projects.stage, snapshot: projects.snapshot, machineVersion: projects.machineVersion }).from(projects);
  const violations: string[] = [];
  for (const p of rows) {
    const migrated = migrateSnapshot(p.snapshot);
    if (!migrated.ok) {
      violations.push(`${p.code}: snapshot refused by its machine version (${migrated.refusals.map((r) => JSON.stringify(r)).join("; ")})`);
      continue;
    }
    const snap = p.snapshot as { value: StateValue; machineVersion: number };
    const problem = valueProblem(projectMachine.root, snap.value, "project");
    if (problem) {
      violations.push(`${p.code}: state ${JSON.stringify(snap.value)} is not a state of machine v${snap.machineVersion} (${problem})`);
      continue;
    }
    try {
      projectMachine.resolveState({ value: snap.value, context: (migrated.snapshot as { context: never }).context });
    } catch (error) {
      violations.push(`${p.code}: the machine cannot resolve ${JSON.stringify(snap.value)}: ${(error as Error).message}`);
      continue;
    }
    if (stageOf(snap.value) !== p.stage) violations.push(`${p.code}: stage column "${p.stage}" ≠ snapshot stage "${stageOf(snap.value)}"`);
    if (snap.machineVersion !== p.machineVersion) violations.push(`${p.code}: machine_version column ${p.machineVersion} ≠ snapshot v${snap.machineVersion}`);
  }
  return { name: "snapshot is a valid state of its machine version", checked: rows.length, violations };
}

// ---- 2. every transition has exactly one audit event ------------------------------------------

function actorOf(row: { actorUserId: string | null; role: string; actorLabel: string }): Actor {
  // applyEvent records `party ?? role` as the role; a party acts in the role of the same name.
  const party = (PARTIES as readonly string[]).includes(row.role) ? (row.role as Party) : null;
  return { userId: row.actorUserId, role: row.role as Role | "system", party, label: row.actorLabel };
}

/**
 * The rule. A project's `version` starts at 1 (createProject, with one PROJECT_CREATED audit row)
 * and only applyEvent raises it — by exactly one, in the transaction that appends the audit row
 * carrying the new version. So a project at version V has had V − 1 transitions, and its machine
 * audit rows (event ∈ the machine's event types) must carry project_version 2, 3, …, V, each exactly
 * once, in id order. A missing row is a transition without audit; a repeated one is a double audit.
 * The rows must also chain (each from_state is the previous to_state, the last to_state is the
 * stored snapshot), and replaying them — the recorded event, actor, time, payload and facts —
 * through the pure machine from the initial snapshot must give each recorded to_state and finally
 * the stored snapshot (value and context): the log alone explains the state.
 */
export async function checkAuditTrail(db: Db): Promise<InvariantResult> {
  const all = await db.select().from(projects);
  const violations: string[] = [];
  let transitions = 0;
  for (const p of all) {
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.projectId, p.id)).orderBy(asc(auditEvents.id));
    const created = rows.filter((r) => r.event === "PROJECT_CREATED");
    if (created.length !== 1) violations.push(`${p.code}: ${created.length} PROJECT_CREATED audit rows (expected 1)`);
    const machineRows = rows.filter((r) => (EVENT_TYPES as readonly string[]).includes(r.event) && r.toState !== null);
    transitions += p.version - 1;
    const versions = machineRows.map((r) => r.projectVersion);
    const expected = Array.from({ length: p.version - 1 }, (_, i) => i + 2);
    if (!isDeepStrictEqual(versions, expected)) {
      const counts = new Map<number, number>();
      for (const v of versions) counts.set(v ?? -1, (counts.get(v ?? -1) ?? 0) + 1);
      const missing = expected.filter((v) => !counts.has(v));
      const doubled = [...counts].filter(([, n]) => n > 1).map(([v]) => v);
      const stray = [...counts.keys()].filter((v) => !expected.includes(v));
      violations.push(`${p.code}: version ${p.version} but audit versions [${versions.join(",")}]` +
        `${missing.length ? `; no audit for version ${missing.join(",")}` : ""}${doubled.length ? `; more than one audit for ${doubled.join(",")}` : ""}${stray.length ? `; audit for non-existent version ${stray.join(",")}` : ""}`);
      continue;
    }
    // Replay: the log must explain the stored snapshot.
    let snapshot: unknown = initialProjectSnapshot();
    let previousTo: unknown = created[0]?.toState ?? (snapshot as { value: unknown }).value;
    for (const r of machineRows) {
      if (!isDeepStrictEqual(r.fromState, previousTo)) {
        violations.push(`${p.code}: audit v${r.projectVersion} ${r.event} starts from ${JSON.stringify(r.fromState)}, the previous ended in ${JSON.stringify(previousTo)}`);
        break;
      }
      const recorded = r.payload as { payload?: Record<string, unknown>; facts?: Record<string, unknown> };
      const event = { type: r.event as EventType, at: r.at.toISOString(), actor: actorOf(r), payload: recorded.payload ?? {}, facts: recorded.facts ?? {} } as ProjectMachineEvent;
      const decision = decide(snapshot, event);
      if (!decision.ok) {
        violations.push(`${p.code}: audit v${r.projectVersion} ${r.event} does not replay (${decision.refusals.map((x) => x.code).join(",")})`);
        break;
      }
      if (!isDeepStrictEqual(decision.toValue, r.toState)) {
        violations.push(`${p.code}: audit v${r.projectVersion} ${r.event} records ${JSON.stringify(r.toState)}, the machine gives ${JSON.stringify(decision.toValue)}`);
        break;
      }
      snapshot = decision.snapshot;
      previousTo = r.toState;
    }
    if (violations.some((v) => v.startsWith(`${p.code}:`))) continue;
    const stored = p.snapshot as { value: unknown; context: unknown };
    const replayed = snapshot as { value: unknown; context: unknown };
    if (!isDeepStrictEqual(stored.value, replayed.value) || !isDeepStrictEqual(stored.context, replayed.context)) {
      violations.push(`${p.code}: stored snapshot ${JSON.stringify(stored.value)} differs from the replayed audit log ${JSON.stringify(replayed.value)}`);
    }
  }
  return { name: "every transition has exactly one audit event", checked: transitions, violations };
}

// ---- 3. every outbox message delivered exactly once --------------------------------------------

/** Message-ID → how many times the SMTP server received it. */
export type ReceivedCounts = ReadonlyMap<string, number>;

export async function checkOutboxDelivery(db: Db, received: ReceivedCounts): Promise<InvariantResult> {
  const rows = await db.select({ id: outbox.id, key: outbox.idempotencyKey, status: outbox.status, messageId: outbox.messageId, lastError: outbox.lastError }).from(outbox).orderBy(asc(outbox.id));
  const violations: string[] = [];
  const known = new Set<string>();
  for (const r of rows) {
    const id = messageIdFor(r.key);
    known.add(id);
    const n = received.get(id) ?? 0;
    if (r.status !== "sent") violations.push(`outbox ${r.id}: still ${r.status} at the end${r.lastError ? ` (${r.lastError.slice(0, 120)})` : ""}; received ${n}×`);
    else if (n !== 1) violations.push(`outbox ${r.id}: marked sent, received ${n}× by the SMTP server (${id})`);
    if (r.status === "sent" && r.messageId !== id) violations.push(`outbox ${r.id}: message_id ${r.messageId} is not its idempotency key ${id}`);
  }
  for (const [id, n] of received) if (!known.has(id)) violations.push(`received ${n}× a message no outbox row sent: ${id}`);
  return { name: "every outbox message delivered exactly once", checked: rows.length, violations };
}

// ---- 4. no signed document's hash changed -------------------------------------------------------

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * A live signature of the current round covers content the app can still compute: recompute it
 * as the signing page does (the same loader and canonical JSON) and compare with the stored hash.
 * Older rounds were superseded by a resubmission (their content is history, not recomputable),
 * and voided signatures no longer count — those are checked through the documents instead.
 * Every issued document's stored bytes must still hash to its recorded SHA-256, and a signed
 * document's signed-content hash must be one that a signature of that project carries.
 */
export async function checkSignedContent(db: Db): Promise<InvariantResult> {
  const violations: string[] = [];
  let checked = 0;
  const sigs = await db.select().from(signatures).orderBy(asc(signatures.signedAt));
  const contentHash = new Map<string, { round: number; hash: string } | null>();
  const current = async (projectId: string, kind: string) => {
    const key = `${projectId}/${kind}`;
    if (!contentHash.has(key)) {
      const content = kind === "commencement" ? await loadCommencementContent(db, projectId) : await loadAcceptanceContent(db, projectId);
      contentHash.set(key, content ? { round: content.round, hash: contentSha256(content) } : null);
    }
    return contentHash.get(key)!;
  };
  for (const s of sigs) {
    if (s.voidedAt || (s.documentKind !== "commencement" && s.documentKind !== "completion")) continue;
    const now = await current(s.projectId, s.documentKind);
    if (!now || s.documentVersion !== now.round) continue;
    checked++;
    if (s.contentSha256 !== now.hash) violations.push(`signature ${s.id} (${s.documentKind} round ${s.documentVersion}, ${s.party}): signed ${s.contentSha256.slice(0, 12)}…, content now hashes to ${now.hash.slice(0, 12)}…`);
  }
  const docs = await db.select({ id: documents.id, shortCode: documents.shortCode, projectId: documents.projectId, sha256: documents.sha256, signed: documents.signedContentSha256, bytes: files.bytes, fileSha: files.sha256 })
    .from(documents).innerJoin(files, eq(files.id, documents.fileId));
  const signedHashes = new Set(sigs.map((s) => `${s.projectId}/${s.contentSha256}`));
  for (const d of docs) {
    checked++;
    const actual = sha256(d.bytes);
    if (actual !== d.sha256 || actual !== d.fileSha) violations.push(`document ${d.shortCode}: stored PDF hashes to ${actual.slice(0, 12)}…, issued as ${d.sha256.slice(0, 12)}…`);
    if (d.signed && !signedHashes.has(`${d.projectId}/${d.signed}`)) violations.push(`document ${d.shortCode}: signed content ${d.signed.slice(0, 12)}… matches no signature`);
  }
  return { name: "no signed document's hash changed", checked, violations };
}

// ---- 5. no 5xx outside the injected faults --------------------------------------------------------

/** A fault's time window; `graceMs` overrides the checker's grace for this window. */
export interface FaultWindow { kind: string; start: number; end: number; graceMs?: number }
export interface RequestOutcome { at: number; end: number; op: string; status: number | "network"; detail?: string }

/** A failure is fault-induced when the request overlapped a fault window widened by `graceMs`. */
export function inFault(r: RequestOutcome, faults: FaultWindow[], graceMs: number): boolean {
  return faults.some((f) => r.at <= f.end + (f.graceMs ?? graceMs) && r.end >= f.start - (f.graceMs ?? graceMs));
}

export function checkServerErrors(requests: RequestOutcome[], faults: FaultWindow[], graceMs: number): InvariantResult & { faultInduced: number } {
  const violations: string[] = [];
  let faultInduced = 0;
  for (const r of requests) {
    const failed = r.status === "network" || r.status >= 500;
    if (!failed) continue;
    if (inFault(r, faults, graceMs)) faultInduced++;
    else violations.push(`${r.op} → ${r.status} at ${new Date(r.at).toISOString()}–${new Date(r.end).toISOString().slice(11)}, outside any fault window${r.detail ? `: ${r.detail}` : ""}`);
  }
  return { name: "no 5xx outside the injected faults", checked: requests.length, violations, faultInduced };
}

/** The four database invariants in order (the fifth needs the run's request log). */
export async function checkDatabase(db: Db, received: ReceivedCounts): Promise<InvariantResult[]> {
  return [await checkSnapshots(db), await checkAuditTrail(db), await checkOutboxDelivery(db, received), await checkSignedContent(db)];
}
